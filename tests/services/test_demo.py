"""The demo store: live, realistic, reproducible, and true to the status path."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from jeweldesk.domain.errors import NotAllowed, ServiceError
from jeweldesk.domain.kinds import Role
from jeweldesk.domain.status import Status
from jeweldesk.interchange.common import drain
from jeweldesk.interchange.exporter import export_document
from jeweldesk.interchange.validate import validate
from jeweldesk.services.demo import DEMO_PIN, fill_demo_store
from jeweldesk.services.demo_words import STAFF
from jeweldesk.services.pins import sign_in
from jeweldesk.services.store import (
    StaffMember,
    StoreSettings,
    list_staff,
    set_up_store,
    store_settings,
)
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import next_ticket_number
from jeweldesk.storage.tables import Payment, PromiseChange, Ticket
from tests.support.interchange import new_sqlite

NOW = datetime(2026, 11, 20, 15, 30)


@pytest.fixture
def demo(sqlite_db: Database) -> dict:  # type: ignore[type-arg]
    filled = drain(fill_demo_store(sqlite_db, 2000, seed=7, now=NOW))
    assert filled.tickets == 2000
    return export_document(sqlite_db, version=1)


def test_the_demo_is_a_valid_document(demo: dict) -> None:  # type: ignore[type-arg]
    assert validate(demo) == []


def test_tickets_in_every_status_and_nothing_in_the_future(demo: dict) -> None:  # type: ignore[type-arg]
    statuses = Counter(t["events"][-1]["status"] for t in demo["tickets"])
    assert set(statuses) == {s.value for s in Status}
    moments = [e["at"] for t in demo["tickets"] for e in t["events"]]
    moments += [c["at"] for c in demo["contacts"]]
    assert max(moments) <= NOW.isoformat()
    assert min(t["received_at"] for t in demo["tickets"]) >= "2026-08-01"


def test_parcels_out_and_back_and_a_vendor_that_misses_quotes(demo: dict) -> None:  # type: ignore[type-arg]
    shipments = demo["shipments"]
    assert {s["vendor"] for s in shipments} == {v["code"] for v in demo["vendors"]}
    assert any(s["received_at"] is None for s in shipments)
    late = Counter(s["vendor"] for s in shipments
                   if (s["received_at"] or NOW.isoformat())[:10] > s["expected_back"])
    assert late["CAST"] > 5 * max(late["PLAT"], 1)


def test_people_occasions_and_slipping_promises(demo: dict, sqlite_db: Database) -> None:  # type: ignore[type-arg]
    names = [c["name"] for c in demo["customers"]]
    assert any(not n.isascii() and all(ord(ch) < 0x250 for ch in n) for n in names)  # accents
    assert any(any(ord(ch) > 0x370 for ch in n) for n in names)  # Greek, Cyrillic, CJK …
    assert {s["role"] for s in demo["staff"]} == {"counter", "bench", "manager"}
    assert sum(1 for t in demo["tickets"] if t["occasion"]) > 50
    today = NOW.date().isoformat()
    open_late = [t for t in demo["tickets"] if t["promised_for"] < today
                 and t["events"][-1]["status"] not in ("picked_up", "cancelled", "ready")]
    assert open_late, "some promises should be slipping"
    with sqlite_db.session(write=False) as session:
        assert session.scalar(select(func.count()).select_from(PromiseChange))
        paid = session.scalar(select(func.count()).select_from(Payment))
        assert paid and paid > 500


def test_picked_up_tickets_are_paid_in_full(sqlite_db: Database) -> None:
    drain(fill_demo_store(sqlite_db, 300, seed=3, now=NOW))
    with sqlite_db.session(write=False) as session:
        for ticket in session.scalars(select(Ticket).where(Ticket.status == Status.PICKED_UP)):
            assert ticket.balance == Decimal("0.00"), ticket.number


def test_the_same_seed_gives_the_same_store(tmp_path: Path) -> None:
    exports = []
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        db = new_sqlite(tmp_path / f"{name}.sqlite3")
        drain(fill_demo_store(db, 400, seed=seed, now=NOW))
        exports.append(export_document(db))
        db.dispose()
    assert exports[0] == exports[1]
    assert exports[0] != exports[2]


def test_a_database_with_tickets_is_not_filled(db: Database) -> None:
    drain(fill_demo_store(db, 50, seed=1, now=NOW))
    with pytest.raises(ServiceError):
        drain(fill_demo_store(db, 50, seed=2, now=NOW))
    with db.session(write=False) as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 50


def test_an_existing_store_keeps_its_settings_and_sequence(db: Database) -> None:
    set_up_store(db, StoreSettings(name="Magnolia Fine Jewelry", open_weekdays=(2, 3, 4, 5, 6),
                                   closed_dates=(date(2026, 11, 11),)),
                 StaffMember("MAG", "Maggie Lowe", Role.MANAGER, True, True), "2468")
    drain(fill_demo_store(db, 200, seed=1, now=NOW))
    document = export_document(db)
    assert document["store"]["name"] == "Magnolia Fine Jewelry"
    days = {datetime.fromisoformat(t["received_at"]).isoweekday() for t in document["tickets"]}
    assert days <= {2, 3, 4, 5, 6}
    assert not any(t["received_at"].startswith("2026-11-11") for t in document["tickets"])
    with db.session() as session:
        assert next_ticket_number(session) == "R-10201"




def test_every_demo_person_signs_in_with_1234_and_the_store_knows_it_is_the_demo(
        db: Database) -> None:
    drain(fill_demo_store(db, 60, seed=1, now=NOW))
    people = list_staff(db)
    assert {p.code for p in people} == {code for code, _n, _r in STAFF}
    for person in people:
        assert person.has_pin
        sign_in(db, person.code, DEMO_PIN)
    with pytest.raises(NotAllowed, match="not Kate's PIN"):
        sign_in(db, "KP", "4321")
    assert store_settings(db).is_demo


def test_a_real_store_filled_with_the_demo_keeps_its_own_pin_and_is_no_demo(
        db: Database) -> None:
    set_up_store(db, StoreSettings(name="Magnolia Fine Jewelry"),
                 StaffMember("MAG", "Maggie Lowe", Role.MANAGER, True, True), "2468")
    drain(fill_demo_store(db, 60, seed=1, now=NOW))
    with pytest.raises(NotAllowed, match="not Maggie's PIN"):
        sign_in(db, "MAG", DEMO_PIN)
    sign_in(db, "MAG", "2468")
    sign_in(db, "KP", DEMO_PIN)
    assert not store_settings(db).is_demo


def test_the_demos_search_index_is_what_its_records_make_and_keeps_up_after(
        demo: dict, sqlite_db: Database) -> None:  # type: ignore[type-arg]
    """The demo sets the index's triggers aside while it writes and makes the index in one
    pass at the end: the same index the triggers would have kept, and they keep it after."""
    from sqlalchemy import text

    from jeweldesk.services.lookup import search
    from jeweldesk.storage.search_index import refill
    from tests.support.store import take_in_ring

    def index() -> list[list[tuple[object, ...]]]:
        with sqlite_db.engine.connect() as conn:
            return [[tuple(r) for r in conn.execute(text(f"SELECT rowid, * FROM {t} "
                                                         "ORDER BY rowid"))]
                    for t in ("customer_words", "ticket_words")]

    made = index()
    assert len(made[1]) == 2000 and all(row[2] for row in made[1])  # every description
    with sqlite_db.engine.begin() as conn:
        refill(conn)
    assert index() == made
    number = take_in_ring(sqlite_db, description="Art deco milgrain cocktail ring")
    assert number in [f.number for f in search(sqlite_db, "deco milgrain")]
