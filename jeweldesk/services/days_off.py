"""Planned days off for the jewelers: a holiday, a course, entered ahead.

The early warnings count with them: a jeweler's queue waits over their days off,
and a planned week away is not taken for an unexplained absence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from jeweldesk.domain import writing
from jeweldesk.domain.errors import Invalid, NotFound
from jeweldesk.domain.kinds import Role
from jeweldesk.domain.permissions import Act
from jeweldesk.risk.away import away_now
from jeweldesk.risk.history import History
from jeweldesk.storage.door import Actor, write
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import store_now
from jeweldesk.storage.tables import Staff, StaffDayOff

NOTE_LENGTH = 200


@dataclass(frozen=True)
class DaysOff:
    id: int
    staff_code: str
    staff_name: str
    first_day: date
    last_day: date
    note: str | None


@dataclass(frozen=True)
class JewelerAway:
    staff_code: str
    staff_name: str
    missed: int  # their usual workdays without a move, up to today
    since: date  # the first of them
    waiting: int  # pieces waiting for their bench work

    def said(self) -> str:
        """What Today and the morning list say of it."""
        waiting = "1 piece waits" if self.waiting == 1 else f"{self.waiting} pieces wait"
        workdays = "workday" if self.missed == 1 else f"{self.missed} workdays"
        return (f"{self.staff_name} has not moved a piece on their last {workdays}, from "
                f"{writing.day(self.since)}; {waiting} for them.")


def jewelers_away(history: History, moment: date | datetime) -> list[JewelerAway]:
    """Jewelers with pieces waiting who have made no move on their last usual workdays and
    have no days off entered for them: the store may know until when. Pure, like the
    at-risk list it is worked out with."""
    return [JewelerAway(a.staff, history.staff_name(a.staff), a.missed, a.since, a.waiting)
            for a in away_now(history, moment)]


def plan_days_off(db: Database, staff_code: str, first_day: date, last_day: date,
                  note: str | None, by: Actor) -> int:
    """Enter days a jeweler will be away; returns the entry's id."""
    problems: dict[str, str] = {}
    act = Act.OWN_DAYS_OFF if staff_code == by else Act.DAYS_OFF
    with write(db, by, act, "" if act is Act.OWN_DAYS_OFF else staff_code) as w:
        session = w.session
        today = w.now.date()
        staff = session.scalar(select(Staff).where(Staff.code == staff_code))
        if staff is None:
            problems["staff"] = f"no staff member with code {staff_code!r}"
        elif staff.role != Role.BENCH:
            problems["staff"] = f"{staff.name} does not work at the bench"
        if last_day < first_day:
            problems["last_day"] = "the last day off comes before the first"
        elif last_day < today:
            problems["last_day"] = "those days have already gone by"
        text = (note or "").strip() or None
        if text and len(text) > NOTE_LENGTH:
            problems["note"] = f"longer than {NOTE_LENGTH} characters"
        if problems:
            raise Invalid(problems)
        assert staff is not None
        entry = StaffDayOff(staff_id=staff.id, first_day=first_day, last_day=last_day, note=text,
                            planned_at=w.now, planned_by_id=w.person_id)
        session.add(entry)
        session.flush()
        return entry.id


def cancel_days_off(db: Database, entry_id: int, by: Actor) -> None:
    """Take planned days off back: the jeweler will be in after all."""
    with write(db, by, Act.OWN_DAYS_OFF) as w:
        entry = w.session.get(StaffDayOff, entry_id)
        if entry is None:
            raise NotFound("those days off are no longer planned")
        if w.person is not None and entry.staff_id != w.person.id:
            w.require(Act.DAYS_OFF, entry.staff.name)
        w.session.delete(entry)


def days_off(db: Database, include_past: bool = False) -> list[DaysOff]:
    """Planned days off, soonest first; by default only those not yet over."""
    with db.session(write=False) as session:
        query = select(StaffDayOff, Staff).join(Staff, StaffDayOff.staff_id == Staff.id)
        if not include_past:
            query = query.where(StaffDayOff.last_day >= store_now(session).date())
        rows = session.execute(query.order_by(StaffDayOff.first_day, Staff.name)).all()
        return [DaysOff(entry.id, staff.code, staff.name, entry.first_day, entry.last_day,
                        entry.note) for entry, staff in rows]
