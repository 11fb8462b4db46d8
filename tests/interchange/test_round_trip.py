"""Import then export gives back the same store; the sequences never reuse a number."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from jeweldesk.domain.status import Status
from jeweldesk.interchange.common import InvalidDocument, drain
from jeweldesk.interchange.exporter import export_document
from jeweldesk.interchange.importer import import_document
from jeweldesk.interchange.validate import validate
from jeweldesk.services.demo import fill_demo_store
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import next_parcel_ref, next_ticket_number, ticket_by_number
from jeweldesk.storage.tables import Customer, ParcelItem, Store, TicketEvent
from tests.support.interchange import example, new_sqlite, row_counts

NOW = datetime(2026, 11, 20, 15, 30)


def test_example_imports_and_exports_back_the_same(db: Database) -> None:
    document = example()
    imported = drain(import_document(db, document))
    assert imported.tickets == 2 and imported.store_created
    assert export_document(db, version=1) == document


def test_a_credit_line_comes_back_as_it_went_in(db: Database) -> None:
    document = example()
    document["tickets"][1]["services"].append(
        {"code": "courtesy", "description": "Courtesy for the wait", "price": "-15.00",
         "vendor": None})
    drain(import_document(db, document))
    assert export_document(db, version=1) == document


def test_the_longest_phones_e_mails_and_tracking_the_format_allows_come_back(
        db: Database) -> None:
    document = example()
    longest = 4000  # the schema's limit for free text
    document["store"]["phone"] = "601 555 0100 ext. " + "9" * (longest - 18)
    document["vendors"][0]["email"] = "orders@" + "a" * (longest - 19) + ".example.com"
    document["customers"][0]["phone"] = "+1 " + "5" * (longest - 3)
    document["shipments"][0]["carrier"] = "Courier " + "c" * (longest - 8)
    document["shipments"][0]["tracking"] = "1Z" + "7" * (longest - 2)
    assert validate(document) == []
    drain(import_document(db, document))
    assert export_document(db, version=1) == document


def test_import_sets_status_parcels_and_phone_digits(db: Database) -> None:
    drain(import_document(db, example()))
    with db.session(write=False) as session:
        dana = session.scalar(select(Customer).where(Customer.name == "Dana Whitfield"))
        assert dana is not None and dana.phone == "+1 601 555 0142"
        assert dana.phone_digits == "16015550142"
        ring = ticket_by_number(session, "R-10001")
        assert (ring.status, ring.status_at) == (Status.AT_VENDOR, datetime(2026, 11, 3, 16))
        bracelet = ticket_by_number(session, "R-10002")
        assert bracelet.status is Status.PICKED_UP
        assert [e.status for e in bracelet.events][-2:] == [Status.READY, Status.PICKED_UP]
        item = session.scalar(select(ParcelItem))
        assert item is not None and item.returned_at is None and item.ticket is ring


def test_sequences_move_past_imported_numbers(db: Database) -> None:
    drain(import_document(db, example()))
    with db.session() as session:
        assert next_ticket_number(session) == "R-10003"
        assert next_parcel_ref(session) == "S-2"


def test_sequences_already_ahead_stay_where_they_are(db: Database) -> None:
    bare = example() | {"tickets": [], "shipments": [], "contacts": []}
    drain(import_document(db, bare))
    with db.session() as session:
        session.get(Store, 1).next_ticket_number = 20000  # type: ignore[union-attr]
    drain(import_document(db, example()))
    with db.session() as session:
        assert next_ticket_number(session) == "R-20000"


def test_import_into_a_store_with_records(db: Database) -> None:
    drain(import_document(db, example()))
    second = example()
    second["store"]["name"] = "Some Other Name"
    second["customers"] = [
        {"ref": "dana", "name": "Dana Whitfield", "phone": "+1 601 555 0142", "email": None,
         "notes": None},
        {"ref": "dana-2", "name": "Dana Whitfield", "phone": "+1 769 555 0199", "email": None,
         "notes": None}]
    second["tickets"] = [dict(t, number=f"X-{i}", customer=["dana", "dana-2"][i])
                         for i, t in enumerate(second["tickets"])]
    second["shipments"] = [dict(second["shipments"][0], ref="P-7", tickets=["X-0"])]
    second["contacts"] = [dict(second["contacts"][0], ticket="X-1")]
    imported = drain(import_document(db, second))
    assert (imported.matched_customers, imported.store_created) == (1, False)
    counts = row_counts(db)
    assert (counts["staff"], counts["vendor"], counts["customer"], counts["ticket"]) == (3, 1, 3, 4)
    exported = export_document(db, version=1)
    assert exported["store"]["name"] == "Harbor Lane Jewelers"
    by_number = {t["number"]: t for t in exported["tickets"]}
    assert by_number["X-0"]["customer"] == by_number["R-10001"]["customer"]
    assert by_number["X-1"]["customer"] not in {t["customer"] for t in example()["tickets"]}


def test_a_conflicting_staff_code_or_a_taken_number_is_refused(db: Database) -> None:
    drain(import_document(db, example()))
    before = row_counts(db)
    second = example()
    second["staff"][0]["name"] = "Kevin Park"
    with pytest.raises(InvalidDocument) as refused:
        drain(import_document(db, second))
    paths = {p.path for p in refused.value.problems}
    assert "$.staff[0].name" in paths
    assert {"$.tickets[0].number", "$.tickets[1].number", "$.shipments[0].ref"} <= paths
    assert row_counts(db) == before


def test_demo_exports_imports_and_exports_the_same(db: Database, tmp_path: Path) -> None:
    drain(fill_demo_store(db, 2000, seed=11, now=NOW))
    first = export_document(db)
    assert validate(first) == []
    other = new_sqlite(tmp_path / "other.sqlite3")
    try:
        drain(import_document(other, first))
        assert export_document(other) == first
        with other.session(write=False) as session:
            assert session.scalar(select(TicketEvent).limit(1)) is not None
    finally:
        other.dispose()


