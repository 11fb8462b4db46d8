"""How worried the early warning is about a promise: late, at risk, watch, or on track."""

from __future__ import annotations

from enum import StrEnum


class Level(StrEnum):
    """Most urgent first; the value is the word the ``at-risk --json`` document uses."""

    LATE = "late"
    AT_RISK = "at_risk"
    WATCH = "watch"
    ON_TRACK = "on_track"

    @property
    def label(self) -> str:
        """ "At risk": the level as a person reads it on a screen or on paper."""
        return LABELS[self]

    @property
    def urgency(self) -> int:
        """0 for the most urgent level, larger for calmer ones: a sort key."""
        return ORDER.index(self)

    @property
    def listed(self) -> bool:
        """On the morning list: every level but on track."""
        return self is not Level.ON_TRACK

    @property
    def needs_call(self) -> bool:
        """Late and at-risk promises are calls to make; a promise to watch is not yet a call."""
        return self in (Level.LATE, Level.AT_RISK)


LABELS: dict[Level, str] = {
    Level.LATE: "Late",
    Level.AT_RISK: "At risk",
    Level.WATCH: "Watch",
    Level.ON_TRACK: "On track",
}
ORDER: tuple[Level, ...] = tuple(Level)
