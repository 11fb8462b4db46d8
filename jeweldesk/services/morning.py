"""The morning's early warnings as a whole answer: judged once for the store's change count
and day, kept in the database, and reused by a restart, another workstation or the morning
list until something changes or the day turns. Judging a big store takes seconds, so the
window asks for it from a process of its own (``judge_store``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from jeweldesk.domain.levels import Level
from jeweldesk.risk.engine import Flag, flags_to_json
from jeweldesk.services.at_risk import one_picture
from jeweldesk.services.days_off import JewelerAway, jewelers_away
from jeweldesk.services.kept_morning import KEPT_SHAPE
from jeweldesk.services.prepare import (
    FlagWithHandling,
    Handling,
    flags_from,
    risk_inputs_in,
    track_from,
)
from jeweldesk.storage.door import keep_derived
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import STORE_ID, store_now, write_as_the_store
from jeweldesk.storage.tables import KeptMorning, Store


@dataclass(frozen=True)
class Morning:
    rows: list[FlagWithHandling]  # most urgent first
    away: list[JewelerAway]  # the longest away first
    track: str = ""  # how the warnings have done here lately, in a sentence
    reused: bool = False  # read back as kept, not judged just now


def morning(db: Database) -> Morning:
    """The morning's answer: the kept one when nothing has changed since and it is the same
    day, else judged now and kept."""
    with one_picture(db) as session:
        count, day = _count_and_day(session)
        kept = _kept(session, count, day)
        if kept is not None:
            return kept
        inputs = risk_inputs_in(session)
    # The track record after the flags: it reads the same past mornings, already scored.
    judged = Morning(flags_from(inputs), jewelers_away(inputs.history, inputs.moment),
                     track_from(inputs))
    _keep(db, count, day, judged)
    return judged


def flags_now(db: Database) -> tuple[datetime, list[Flag]]:
    """The listed flags as of now, most urgent first, for the morning list and ``at-risk``:
    the kept answer when there is one."""
    answer = morning(db)
    with db.session(write=False) as session:
        moment = store_now(session)
    return moment, [row.flag for row in answer.rows]


def judge_store(url: str) -> Morning:
    """``morning`` for the database at ``url``, in a process of its own."""
    db = Database(url)
    try:
        write_as_the_store(db)  # a process of its own knows nothing of the window's way
        return morning(db)
    finally:
        db.dispose()


def _count_and_day(session: Session) -> tuple[int, date]:
    count = session.scalar(select(Store.change_count).where(Store.id == STORE_ID)) or 0
    return count, store_now(session).date()


def _kept(session: Session, count: int, day: date) -> Morning | None:
    answer = session.scalar(select(KeptMorning.answer).where(
        KeptMorning.change_count == count, KeptMorning.day == day))
    if answer is None:
        return None
    try:
        return _from_text(answer)
    except (ValueError, KeyError, TypeError):
        return None  # kept by another version: judged again


def _keep(db: Database, count: int, day: date, answer: Morning) -> None:
    try:
        with keep_derived(db) as session:
            session.execute(delete(KeptMorning))
            session.add(KeptMorning(id=1, change_count=count, day=day,
                                    answer=_to_text(answer, day)))
    except (IntegrityError, DBAPIError):
        pass  # another workstation kept its answer at the same moment: either will do


# --- the answer as text -----------------------------------------------------------------

def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _from_day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


def _flag(flag: Flag) -> dict[str, Any]:
    return {"ticket": flag.ticket, "customer": flag.customer, "status": flag.status,
            "level": flag.level.value, "promised_for": _day(flag.promised_for),
            "occasion_date": _day(flag.occasion_date),
            "expected_ready": _day(flag.expected_ready), "reasons": list(flag.reasons),
            "occasion_threatened": flag.occasion_threatened, "sure_by": _day(flag.sure_by)}


def _to_text(answer: Morning, day: date) -> str:
    return json.dumps({
        "shape": KEPT_SHAPE,
        "rows": [{"flag": _flag(r.flag), "handled": r.handled, "handling": None
                  if r.handling is None else {"by_code": r.handling.by_code,
                                              "by_name": r.handling.by_name,
                                              "at": r.handling.at.isoformat()}}
                 for r in answer.rows],
        "away": [{"staff_code": a.staff_code, "staff_name": a.staff_name, "missed": a.missed,
                  "since": _day(a.since), "waiting": a.waiting} for a in answer.away],
        "track": answer.track,
        # As `at-risk --json` prints them, for it to print without loading the engine.
        "listed": flags_to_json(day, [r.flag for r in answer.rows])["flags"],
    }, ensure_ascii=False)


def _from_text(text: str) -> Morning:
    kept = json.loads(text)
    if kept.get("shape") != KEPT_SHAPE:
        raise ValueError("kept by another version")
    rows = []
    for row in kept["rows"]:
        f = row["flag"]
        flag = Flag(ticket=f["ticket"], customer=f["customer"], status=f["status"],
                    level=Level(f["level"]), promised_for=date.fromisoformat(f["promised_for"]),
                    occasion_date=_from_day(f["occasion_date"]),
                    expected_ready=date.fromisoformat(f["expected_ready"]),
                    reasons=tuple(f["reasons"]), occasion_threatened=f["occasion_threatened"],
                    sure_by=_from_day(f["sure_by"]))
        h = row["handling"]
        handling = None if h is None else Handling(h["by_code"], h["by_name"],
                                                   datetime.fromisoformat(h["at"]))
        rows.append(FlagWithHandling(flag, handling, row["handled"]))
    away = [JewelerAway(a["staff_code"], a["staff_name"], a["missed"],
                        date.fromisoformat(a["since"]), a["waiting"]) for a in kept["away"]]
    return Morning(rows, away, kept.get("track", ""), reused=True)
