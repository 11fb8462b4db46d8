"""A store whose jeweler worked every open day for weeks and has since gone quiet.

Everything goes through the services with backdated timestamps, so the engine learns
Jonah's workdays from his own moves, as it would in a real store.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from jeweldesk.domain.status import Status
from jeweldesk.services.at_risk import read_history
from jeweldesk.services.customers import CustomerDetails
from jeweldesk.services.intake import Visit, take_in
from jeweldesk.services.moves import move
from jeweldesk.storage.engine import Database
from tests.support.store import BENCH, COUNTER, ring, store_today

WORKED_DAYS = 30  # open days Jonah finished a piece on, before going quiet


def jeweler_gone_quiet(db: Database, quiet: int = 3) -> tuple[list[str], date]:
    """Jonah finished a piece on each of ``WORKED_DAYS`` open days and none on the last
    ``quiet`` open days; three pieces wait for him. Returns them and the first day missed."""
    _, history = read_history(db)
    calendar = history.calendar
    open_days: list[date] = []
    day = store_today() - timedelta(days=1)
    while len(open_days) < WORKED_DAYS + quiet:
        if calendar.is_open(day):
            open_days.append(day)
        day -= timedelta(days=1)
    open_days.reverse()
    worked, missed = open_days[:WORKED_DAYS], open_days[WORKED_DAYS:]
    for i, day in enumerate(worked):
        piece = ring(promised_for=day + timedelta(days=3))
        [number] = take_in(db, Visit(pieces=(piece,), new_customer=CustomerDetails(
            f"Customer {i}")), by=COUNTER, at=datetime.combine(day, time(9, 30)))
        for hour, status in ((11, Status.AT_BENCH), (15, Status.QUALITY_CHECK),
                             (16, Status.READY)):
            move(db, number, status, by=BENCH, at=datetime.combine(day, time(hour)))
    waiting = []
    for i in range(3):
        piece = ring(promised_for=store_today() + timedelta(days=2))
        [number] = take_in(db, Visit(pieces=(piece,), new_customer=CustomerDetails(
            f"Waiting {i}")), by=COUNTER, at=datetime.combine(worked[-1], time(12)))
        waiting.append(number)
    return waiting, missed[0]
