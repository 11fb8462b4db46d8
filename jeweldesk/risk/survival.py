"""A second way to estimate: how long pieces here have taken from where this one is now.

The mechanism engine (``estimate``) models how the work flows — queues, parcels,
parts — and is only as right as that model is for the store. This estimate
assumes nothing of the flow: for an open piece in a stage (at a vendor, on the
bench, in quality check …) for so many open days, it reads the store's own
pieces that were once in the same stage at least as long, and how many open days
more each took to be ready (a survival model of each stage, Kaplan-Meier over
pieces still open). Newer pieces say more, as a vendor's slow spell or a busy
bench lasts weeks. Where the store has too few such pieces of the same kind
(the same vendor, the same jeweler), those of the stage as a whole speak.

A stay at a vendor that came back and went out again, a piece sent back from
quality check, parts nobody recorded: whatever the store's pieces really did
after a stage is in the time they took, whether the engine's model knows of it
or not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from jeweldesk.domain.calendar import StoreCalendar
from jeweldesk.risk.history import History, Ticket
from jeweldesk.risk.outcomes import OUTCOMES, weighted_spread

HALF_LIFE_DAYS = 30.0  # a past piece's say halves with every this many days of age
LEARN_DAYS = 150  # stages begun longer ago than this no longer speak
MIN_WEIGHT = 6.0  # recent pieces' worth, at least, before a group speaks for itself
CLOSED = frozenset({"ready", "picked_up", "cancelled"})

Key = tuple[str, ...]


@dataclass(frozen=True)
class Stay:
    length: int  # open days the stage lasted, or has lasted so far
    to_ready: int  # open days from its start to ready, or so far where not ready yet
    ready: bool
    weight: float


@dataclass
class Stages:
    """The store's past stays in each stage, grouped from the most particular kind to the
    stage as a whole."""

    calendar: StoreCalendar
    today: int  # open-day ordinal of the moment's day
    groups: dict[Key, list[Stay]] = field(default_factory=dict)

    def outcomes(self, ticket: Ticket, history: History) -> list[int] | None:
        """``OUTCOMES`` equally likely open-day ordinals the piece is ready, or ``None``
        where the store has too few pieces to say."""
        if not ticket.events or ticket.status in CLOSED:
            return None
        keys = _keys(ticket, len(ticket.events) - 1, history)
        elapsed = max(0, self.today - self.calendar.ordinal(ticket.status_since.date()))
        for key in keys:
            found = self._residual(self.groups.get(key, ()), elapsed)
            if found is not None:
                return [self.today + max(0, d) for d in found]
        return None

    def _residual(self, stays: list[Stay] | tuple[Stay, ...], elapsed: int) -> list[int] | None:
        """Open days still to come to ready, for a stay ``elapsed`` open days in: from the
        stays that lasted at least that long (Kaplan-Meier, those not ready yet counted as
        far as they go)."""
        alike = [s for s in stays if s.length >= elapsed]
        if sum(s.weight for s in alike) < MIN_WEIGHT:
            return None
        # (open days to ready counted from ``elapsed`` in, ready?, weight)
        times = sorted((s.to_ready - elapsed, s.ready, s.weight) for s in alike)
        at_risk = sum(w for _, _, w in times)
        survive = 1.0
        mass: dict[int, float] = {}
        i = 0
        while i < len(times):
            t = times[i][0]
            ready = censored = 0.0
            while i < len(times) and times[i][0] == t:
                if times[i][1]:
                    ready += times[i][2]
                else:
                    censored += times[i][2]
                i += 1
            if ready and at_risk > 0:
                share = survive * ready / at_risk
                mass[t] = mass.get(t, 0.0) + share
                survive -= share
            at_risk -= ready + censored
        if survive > 1e-9:  # longer than any piece here has taken yet: as long again
            last = times[-1][0]
            mass[last + max(2, last // 2)] = mass.get(last + max(2, last // 2), 0.0) + survive
        return weighted_spread(sorted(mass.items()), OUTCOMES)


def learn_stages(history: History, today: date) -> Stages:
    """Every stay in a stage begun in the last ``LEARN_DAYS``, as of ``today``."""
    calendar = history.calendar
    now = calendar.ordinal(today)
    oldest = now - LEARN_DAYS
    stages = Stages(calendar, now)
    for ticket in history.tickets:
        events = ticket.events
        ready = ticket.ready_at
        if ticket.status == "cancelled" and ready is None:
            continue
        ready_ord = calendar.ordinal(ready.date()) if ready is not None else None
        for i, event in enumerate(events):
            if event.status in CLOSED:
                break
            start = calendar.ordinal(event.at.date())
            if start < oldest:
                continue
            end = calendar.ordinal(events[i + 1].at.date()) if i + 1 < len(events) else now
            to_ready = (ready_ord if ready_ord is not None else now) - start
            stay = Stay(max(0, end - start), max(0, to_ready), ready_ord is not None,
                        _weight(now - start))
            for key in _keys(ticket, i, history):
                stages.groups.setdefault(key, []).append(stay)
    return stages


def _weight(age: int) -> float:
    return float(0.5 ** (max(0, age) / HALF_LIFE_DAYS))


def _keys(ticket: Ticket, i: int, history: History) -> list[Key]:
    """The groups a stay belongs to, the most particular first."""
    events = ticket.events
    status = events[i].status
    been_out = sum(1 for e in events[: i + 1] if e.status == "at_vendor")
    vendors = ticket.vendor_codes
    to_go = max(0, len(vendors) - been_out)
    if status == "at_vendor":
        vendor = vendors[min(been_out - 1, len(vendors) - 1)] if vendors else ""
        return [(status, vendor, str(to_go)), (status, vendor), (status,)]
    if status in ("received", "at_bench", "waiting_parts"):
        where = "to go out" if to_go else "back" if been_out else "bench"
        who = ticket.assigned_to or ""
        # What work it has: a plating job waits for the parcel alone and a watch service
        # for a slower vendor; a re-shank for the jeweler's queue too, which at a bench that
        # takes the quickest job first lets it wait.
        work = "+".join([*sorted(ticket.bench_services), *vendors[been_out:]])
        return [(status, where, work, who), (status, where, work), (status, where, who),
                (status, where), (status,)]
    return [(status, str(to_go)), (status,)]
