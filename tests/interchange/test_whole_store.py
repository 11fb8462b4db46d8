"""Version 2: the whole store in one file and back, losing nothing, on both databases.

A store with every kind of record is exported, imported into a new database and
exported again: the two files are the same bytes, and every table holds the same rows
(ids aside). A column or table the format does not carry fails here until carried.py
carries it or says why not.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from jeweldesk.interchange import carried
from jeweldesk.interchange.common import InvalidDocument, drain
from jeweldesk.interchange.exporter import export_document
from jeweldesk.interchange.importer import import_document, import_file
from jeweldesk.interchange.schema_check import schema
from jeweldesk.interchange.validate import validate
from jeweldesk.services.store import store_settings
from jeweldesk.storage.engine import Database
from jeweldesk.storage.tables import Base
from tests.support.interchange import row_counts
from tests.support.whole_store import export_text, make_whole_store, table_rows


@pytest.fixture
def whole_store(db: Database) -> Database:
    make_whole_store(db)
    return db


# --- the round trip ---------------------------------------------------------------------

def test_the_whole_store_comes_back_the_same(whole_store: Database, empty_db_like: Any,
                                             tmp_path: Path) -> None:
    first = export_text(whole_store)
    document = json.loads(first)
    assert validate(document) == []
    counts = row_counts(whole_store)
    assert all(counts[t.name] for t in Base.metadata.sorted_tables
               if t.name not in carried.DERIVED), counts
    methods = {p["method"] for t in document["tickets"] for p in t["payments"]}
    assert {"card", "check", "cash"} <= methods
    file = tmp_path / "store.json"
    file.write_text(first, encoding="utf-8")
    again = empty_db_like(whole_store)
    imported = drain(import_file(again, file))
    assert imported.store_created
    assert (imported.payments, imported.photos) == (counts["payment"], counts["photo"])
    assert export_text(again) == first
    assert table_rows(again) == table_rows(whole_store)
    assert (document["store"]["currency"], document["store"]["locale"]) == ("CAD", "fr_CA")
    assert any(p["cash_rounding"] for t in document["tickets"] for p in t["payments"])
    assert {t["deposit_method"] for t in document["tickets"]} >= {"card", None}
    assert (store_settings(again).currency, store_settings(again).locale) == ("CAD", "fr_CA")


def test_a_full_backup_carries_the_pins_and_a_plain_export_does_not(
        whole_store: Database, empty_db_like: Any) -> None:
    plain = export_document(whole_store)
    assert plain["backup"] is False
    assert not any(key in member for member in plain["staff"]
                   for key in ("pin_hash", "pin_locked", "failed_pins"))
    backup = export_document(whole_store, backup=True)
    assert backup["backup"] is True and any(m["pin_hash"] for m in backup["staff"])
    again = empty_db_like(whole_store)
    drain(import_document(again, backup))
    assert export_text(again, backup=True) == export_text(whole_store, backup=True)
    assert table_rows(again, backup=True) == table_rows(whole_store, backup=True)
    plain["staff"][0]["pin_hash"] = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA"
    assert [p.path for p in validate(plain)] == ["$.staff[0].pin_hash"]


def test_into_a_store_with_records_numbers_must_be_new(whole_store: Database) -> None:
    document = export_document(whole_store)
    before = row_counts(whole_store)
    with pytest.raises(InvalidDocument) as refused:
        drain(import_document(whole_store, document))
    paths = {p.path for p in refused.value.problems}
    assert "$.tickets[0].number" in paths and "$.parcels[0].ref" in paths
    assert row_counts(whole_store) == before


def test_every_problem_is_named_and_nothing_is_written(whole_store: Database,
                                                       empty_db_like: Any,
                                                       tmp_path: Path) -> None:
    document = export_document(whole_store)
    document["tickets"][3]["payments"] = [{"at": "2026-02-30T10:00:00", "by": "ZZ",
                                           "method": "cash", "amount": "1.5"}]
    document["parcels"][0]["items"][0]["ticket"] = "R-1"
    document["customers"][2]["preferred_channel"] = "pigeon"
    file = tmp_path / "broken.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    again = empty_db_like(whole_store)
    before = row_counts(again)
    with pytest.raises(InvalidDocument) as refused:
        drain(import_file(again, file))
    paths = [p.path for p in refused.value.problems]
    assert paths == ["$.customers[2].preferred_channel", "$.tickets[3].payments[0].amount",
                     "$.parcels[0].items[0].ticket"], paths
    assert row_counts(again) == before


# --- what the format carries ------------------------------------------------------------

def _carried_columns() -> set[tuple[str, str]]:
    found = set()
    for part in carried.PARTS:
        found |= {(part.table, f.column) for f in part.fields}
        if part.parent:
            found.add((part.table, part.parent))
    return found


def test_every_table_and_column_is_carried_or_said_why_not() -> None:
    carried_columns = _carried_columns()
    missing = [f"{table.name}.{column.name}" for table in Base.metadata.sorted_tables
               if table.name not in carried.DERIVED
               for column in table.columns
               if (table.name, column.name) not in carried_columns
               and (table.name, column.name) not in carried.NOT_CARRIED]
    assert missing == [], (
        f"the interchange format does not carry {missing}: add each to carried.py (and "
        "schema_v2.json, FORMAT.md), or to NOT_CARRIED with the reason")
    stale = [key for key in carried.NOT_CARRIED
             if key[0] not in Base.metadata.tables
             or key[1] not in Base.metadata.tables[key[0]].c]
    assert stale == []
    assert {part.table for part in carried.PARTS} | set(carried.DERIVED) == set(
        Base.metadata.tables)


def _keys_of(part: carried.Part, backup: bool) -> set[str]:
    return {f.key.partition(".")[0] for f in part.carried(backup)}


def test_the_exporter_writes_every_carried_field_and_the_schema_knows_it(
        whole_store: Database) -> None:
    document = export_document(whole_store, backup=True)
    ticket = next(t for t in document["tickets"] if t["photos"] and t["edits"])
    samples: list[tuple[carried.Part, dict[str, Any], set[str]]] = [
        (carried.STORE, document["store"], {"closed_days", "tax_rates", "notice_wording"}),
        (carried.CLOSED_DAYS, document["store"]["closed_days"][0], set()),
        (carried.TAX_RATES, document["store"]["tax_rates"][0], set()),
        (carried.NOTICE_WORDING, document["store"]["notice_wording"][0], set()),
        (carried.STAFF, document["staff"][0], {"days_off"}),
        (carried.DAYS_OFF, next(d for s in document["staff"] for d in s["days_off"]), set()),
        (carried.CATALOG, document["catalog"][0], set()),
        (carried.VENDORS, document["vendors"][0], set()),
        (carried.CUSTOMERS, document["customers"][0], {"ref"}),
        (carried.TICKETS, ticket, {p.key for p in carried.TICKET_LISTS}),
        (carried.PARCELS, document["parcels"][0], {"items"}),
        (carried.PARCEL_ITEMS, document["parcels"][0]["items"][0], set()),
    ]
    samples += [(part, next(e for t in document["tickets"] for e in t[part.key]), set())
                for part in carried.TICKET_LISTS]
    properties = schema(2)["properties"]
    for part, record, lists in samples:
        assert set(record) == _keys_of(part, backup=True) | lists, part.table
    schema_keys = {
        "store": set(properties["store"]["properties"]),
        "staff": set(properties["staff"]["items"]["properties"]),
        "tickets": set(properties["tickets"]["items"]["properties"]),
    }
    assert (_keys_of(carried.STORE, True) | {"closed_days", "tax_rates", "notice_wording"}
            == schema_keys["store"])
    assert _keys_of(carried.STAFF, True) | {"days_off"} == schema_keys["staff"]
    assert (_keys_of(carried.TICKETS, True) | {p.key for p in carried.TICKET_LISTS}
            == schema_keys["tickets"])


def test_a_version_1_document_still_imports_as_it_did(db: Database) -> None:
    from tests.support.interchange import example

    drain(import_document(db, example()))
    assert export_document(db, version=1) == example()
    money = {t["number"]: Decimal(t["deposit"]) for t in export_document(db)["tickets"]}
    assert set(money) == {"R-10001", "R-10002"}


def test_a_currency_or_locale_nobody_knows_is_refused_and_a_v1_store_is_us_dollars(
        db: Database, tmp_path: Path) -> None:
    from tests.support.interchange import example, new_sqlite

    drain(import_document(db, example()))
    settings = store_settings(db)
    assert (settings.currency, settings.locale) == ("USD", "en_US")
    document = export_document(db)
    assert (document["store"]["currency"], document["store"]["locale"]) == ("USD", "en_US")
    document["store"].update(currency="XYZ", locale="xx_NOWHERE")
    again = new_sqlite(tmp_path / "again.sqlite3")
    with pytest.raises(InvalidDocument) as refused:
        drain(import_document(again, document))
    said = {p.path: p.message for p in refused.value.problems}
    assert "is not a currency code" in said["$.store.currency"]
    assert "is not a locale" in said["$.store.locale"]
    again.dispose()
