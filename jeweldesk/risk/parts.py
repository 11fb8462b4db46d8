"""Parts on order: how long this store's parts waits have really lasted, and the parts date.

A jeweler who puts a piece aside for parts may write the date the supplier gave
in the event note (``jeweldesk.domain.parts_note`` finds it, in the bench
screen's fixed form or as the jeweler typed it). That date is evidence, not a promise: how many
days after the noted date this store's parts have really come in is learned from
its own past waits that carried one, blended with a prior of suppliers that
mostly keep their dates. Without a noted date, the store's own parts waits
speak, or a prior until there are enough of them.

Waits are in calendar days, because suppliers and carriers keep working while
the store is closed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from jeweldesk.domain.parts_note import parts_date
from jeweldesk.risk.history import Ticket

RECENT_WAITS = 60  # a store's latest parts waits that speak for it
MIN_WAITS = 5  # waits on record before the store's own are trusted alone
PRIOR_WAITS = (3, 5, 7, 10, 14)  # calendar days for parts, before any record
# Days parts came in after the date noted, before any record: mostly on it, now and then late.
PRIOR_SLIPS = (-1, 0, 0, 0, 0, 1, 1, 2, 4, 7)


@dataclass(frozen=True)
class PartsRecord:
    waits: tuple[int, ...] = ()  # calendar days from waiting for parts to back at the bench
    slips: tuple[int, ...] = ()  # days parts came in after the date noted, waits with one

    def durations(self, since: date, noted: date | None) -> list[int]:
        """Equally likely calendar days from ``since`` until the parts are in."""
        if noted is None:
            return list(self.waits if len(self.waits) >= MIN_WAITS else PRIOR_WAITS)
        slips = list(self.slips)
        if len(slips) < MIN_WAITS:
            slips += PRIOR_SLIPS  # few dates on record: the prior speaks too
        quoted = (noted - since).days
        return [max(0, quoted + s) for s in slips]


def learn_parts(tickets: Sequence[Ticket], today: date, since: datetime) -> PartsRecord:
    """The store's parts waits begun since ``since``, newest first, and their dates' slips."""
    waits: list[tuple[datetime, int]] = []
    slips: list[tuple[datetime, int]] = []
    for ticket in tickets:
        events = ticket.events
        for i, event in enumerate(events):
            if event.status != "waiting_parts" or event.at < since:
                continue
            start = event.at.date()
            if i + 1 < len(events):
                arrived = events[i + 1].at.date()
                waits.append((event.at, (arrived - start).days))
                noted = parts_date(event.note, start)
                if noted is not None:
                    slips.append((event.at, (arrived - noted).days))
            elif (today - start).days > 0:
                # Still waiting: at least this long, which is news about the supplier.
                waits.append((event.at, (today - start).days))
    return PartsRecord(_newest(waits), _newest(slips))


def _newest(found: list[tuple[datetime, int]]) -> tuple[int, ...]:
    found.sort(reverse=True)
    return tuple(sorted(days for _, days in found[:RECENT_WAITS]))
