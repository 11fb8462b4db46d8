"""A stage's outcomes: a handful of equally likely open days, and what is left of a stage.

An estimate is a handful of equally likely outcomes (open-day ordinals). A stage
already under way keeps only the outcomes still possible after the time it has
already taken.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

OUTCOMES = 24  # outcomes kept per estimate


@dataclass
class Estimate:
    outcomes: list[int]
    reasons: list[str] = field(default_factory=list)

    def quantile(self, share: float) -> int:
        ordered = sorted(self.outcomes)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def spread(values: Iterable[int], count: int = OUTCOMES) -> list[int]:
    """``count`` equally likely values standing for the sorted ``values``."""
    ordered = sorted(values)
    n = len(ordered)
    return [ordered[min(n - 1, int((i + 0.5) * n / count))] for i in range(count)]


def remaining(samples: Sequence[int], elapsed: int) -> list[int]:
    """Durations still possible for a stage that has lasted ``elapsed`` so far.

    Past everything the history has seen, the stage is overdue: it is pushed out
    by about the spread the history shows, never assumed to end today.
    """
    left = [s for s in samples if s >= elapsed]
    if len(left) >= 3:
        return left
    ordered = sorted(samples) or [elapsed]
    width = ordered[int(0.8 * (len(ordered) - 1))] - ordered[int(0.2 * (len(ordered) - 1))]
    step = max(2, width)
    return left + [elapsed + max(1, round(step * f)) for f in (0.5, 1.0, 1.5, 2.0)]


def weighted_spread(values: Sequence[tuple[int, float]], count: int) -> list[int]:
    """``count`` equally likely values standing for weighted ``(value, weight)`` pairs."""
    ordered = sorted(values)
    total = sum(w for _, w in ordered)
    out: list[int] = []
    seen, i = 0.0, 0
    for k in range(count):
        target = (k + 0.5) * total / count
        while i < len(ordered) - 1 and seen + ordered[i][1] < target:
            seen += ordered[i][1]
            i += 1
        out.append(ordered[i][0])
    return out
