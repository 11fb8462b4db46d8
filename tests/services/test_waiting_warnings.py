"""While a ticket waits for the customer's yes its promise's clock is stopped: the early
warnings do not count it as slipping, say why, and count it again once answered."""

from __future__ import annotations

from datetime import datetime, timedelta

from jeweldesk.domain.kinds import Channel
from jeweldesk.domain.levels import Level
from jeweldesk.services.at_risk import at_risk, at_risk_json
from jeweldesk.services.estimates import answer_approval, ask_approval
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import store_now
from tests.support.late_vendor import late_at_vendor
from tests.support.store import COUNTER


def _now(db: Database) -> datetime:
    with db.session(write=False) as session:
        return store_now(session)


def _flag(db: Database, number: str, as_of: datetime | None = None):
    _moment, flags = at_risk(db, as_of)
    return next(f for f in flags if f.ticket == number)


def test_a_ticket_waiting_for_a_yes_is_not_slipping_until_it_is_answered(
        sqlite_store: Database) -> None:
    number = late_at_vendor(sqlite_store)
    before = _now(sqlite_store)
    assert _flag(sqlite_store, number).level == Level.AT_RISK
    ask_approval(sqlite_store, number, "Re-plate the whole band", COUNTER, "60.00")

    waiting = _flag(sqlite_store, number)
    assert waiting.level == Level.ON_TRACK and not waiting.listed
    assert waiting.reasons[0].startswith("waits for the customer's yes since ")
    assert "the promise's clock is stopped" in waiting.reasons[0]
    assert not waiting.occasion_threatened
    document = at_risk_json(sqlite_store)
    assert number not in [f["ticket"] for f in document["flags"]]
    assert set(document) == {"as_of", "flags"}  # the contract stands

    # As of a moment before it was asked, the warning is what it was then.
    assert _flag(sqlite_store, number, before - timedelta(seconds=1)).level == Level.AT_RISK

    answer_approval(sqlite_store, number, True, Channel.PHONE, COUNTER)
    answered = _flag(sqlite_store, number)
    assert answered.listed and not answered.reasons[0].startswith("waits")
