"""The one store maker, without a database: the document it makes, and the same one again."""

from __future__ import annotations

from datetime import date, datetime

from jeweldesk.domain.calendar import StoreCalendar
from jeweldesk.interchange.validate import validate
from jeweldesk.services.demo_words import STORE
from jeweldesk.services.store_maker import StoreMaker, intake_days

NOW = datetime(2026, 11, 20, 15, 30)
CALENDAR = StoreCalendar.of([1, 2, 3, 4, 5, 6], [date(2026, 11, 26), date(2026, 7, 4)])


def _made(seed: int, tickets: int = 300) -> dict:  # type: ignore[type-arg]
    maker = StoreMaker(seed, tickets, NOW, CALENDAR)
    return maker.document(list(maker.tickets()))


def test_the_made_store_is_a_valid_document_and_ends_before_now() -> None:
    document = _made(seed=5)
    assert validate(document) == []
    assert document["store"]["name"] == STORE["name"]
    assert len(document["tickets"]) == 300
    moments = [e["at"] for t in document["tickets"] for e in t["events"]]
    moments += [c["at"] for c in document["contacts"]]
    assert max(moments) <= NOW.isoformat()
    first = min(t["received_at"] for t in document["tickets"])
    assert (NOW - datetime.fromisoformat(first)).days <= intake_days(300) + 1


def test_the_same_seed_makes_the_same_store_and_another_seed_another() -> None:
    assert _made(seed=5) == _made(seed=5)
    assert _made(seed=5) != _made(seed=6)
