"""Version 2: the whole store in one file and back, losing nothing, on both databases.

A store with every kind of record is exported, imported into a new database and
exported again: the two files are the same bytes, and every table holds the same rows
(ids aside). A column or table the format does not carry fails here until carried.py
carries it or says why not.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import select

from jeweldesk.domain.kinds import Channel
from jeweldesk.domain.notice_words import Wording
from jeweldesk.domain.status import Status
from jeweldesk.interchange import carried
from jeweldesk.interchange.common import InvalidDocument, drain
from jeweldesk.interchange.exporter import export_document, export_store
from jeweldesk.interchange.importer import import_document, import_file
from jeweldesk.interchange.schema_check import schema
from jeweldesk.interchange.validate import validate
from jeweldesk.services.contacts import record_contact
from jeweldesk.services.customers import CustomerDetails, update_customer
from jeweldesk.services.days_off import plan_days_off
from jeweldesk.services.demo import fill_demo_store
from jeweldesk.services.edit import edit_ticket
from jeweldesk.services.estimates import answer_approval, ask_approval
from jeweldesk.services.intake import ServiceLine, Visit, take_in
from jeweldesk.services.money_settings import Rate, save_money_settings
from jeweldesk.services.moves import cancel, change_promise, move
from jeweldesk.services.note_wording import set_note_wording
from jeweldesk.services.notices import notices_due
from jeweldesk.services.parcels import receive_parcel, send_parcel
from jeweldesk.services.payments import give_back, give_discount
from jeweldesk.services.photos import add_photo
from jeweldesk.services.pickup import hand_back, take_payment
from jeweldesk.services.sending import mark_done
from jeweldesk.services.store import VendorInfo, save_vendor, store_settings, update_store
from jeweldesk.services.telling import (
    MailServer,
    TextGateway,
    save_mail_server,
    save_notice_wording,
    save_reminders,
    save_text_gateway,
)
from jeweldesk.services.vendor_book import add_vendor, retire_vendor
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import store_now, ticket_by_number
from jeweldesk.storage.tables import Base, FlagHandled, Staff, Ticket
from tests.support.interchange import row_counts
from tests.support.store import ring

MANAGER, COUNTER, BENCH = "SC", "KP", "JR"


def _jpeg(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, "JPEG")
    return out.getvalue()


def _first_ready(db: Database) -> tuple[str, Decimal]:
    with db.session(write=False) as session:
        ticket = session.scalars(select(Ticket).where(Ticket.status == Status.READY)
                                 .order_by(Ticket.number)).first()
        assert ticket is not None
        return ticket.number, ticket.balance


def make_whole_store(db: Database) -> None:
    """The demo store, then one of everything else, each through the services."""
    drain(fill_demo_store(db, 150, seed=3))  # every demo PIN is 1234
    settings = store_settings(db)
    from dataclasses import replace
    # A store in Canadian dollars, written the Québec way: its cash is rounded to 0.05.
    update_store(db, replace(settings, receipt_terms="We hold pieces 90 days.\nThank you.",
                             logo=_jpeg("gold"), currency="CAD", locale="fr_CA"), MANAGER)
    first, second = take_in(db, Visit(pieces=(ring(), ring(description="Gold band")),
                                      new_customer=CustomerDetails(
                                          "Ingrid Sørensen", "601 555 0177", "i@example.com",
                                          preferred_channel=Channel.SMS)), by=COUNTER)
    set_note_wording(db, '[note]\ngreeting = "Hello $customer,"\n', MANAGER)
    take_payment(db, first, "card", "20.00", COUNTER)
    take_payment(db, first, "check", "5.00", COUNTER)
    give_discount(db, first, "Regular customer", MANAGER, percent="5")
    give_back(db, first, "card", "5.00", "Charged twice for the band", MANAGER)
    save_money_settings(db, ("cash", "card", "check", "gift card", "store credit"), True,
                        (Rate("STATE", "State tax", "7.25"), Rate("OLD", "Old tax", "5", False)),
                        {"cleaning": "STATE"}, MANAGER)
    [taxed] = take_in(db, Visit(pieces=(ring(),), new_customer=CustomerDetails(
        "Ola Nordmann", "601 555 0178")), by=COUNTER)
    give_discount(db, taxed, "Sorry for the wait", COUNTER, amount="2.00", courtesy=True)
    add_photo(db, first, _jpeg("red"), COUNTER)
    add_photo(db, second, _jpeg("blue"), COUNTER)
    with db.session(write=False) as session:
        today = store_now(session).date()
        version = ticket_by_number(session, second).version
    change_promise(db, first, today + timedelta(days=12), MANAGER, "Parts are slow")
    record_contact(db, first, "phone", COUNTER, "Told her the new date", outcome="agreed")
    edit_ticket(db, second, MANAGER, version, description="Yellow gold band, 4 mm")
    plan_days_off(db, BENCH, today + timedelta(days=3), today + timedelta(days=5),
                  "A course", MANAGER)
    ref = send_parcel(db, "PLAT", [second], COUNTER, carrier="UPS", tracking="1Z999AA10123456784",
                      instructions={second: "Rhodium only, no polish"})
    receive_parcel(db, ref, [second], COUNTER)
    cancel(db, first, MANAGER, "The customer changed her mind")
    number, balance = _first_ready(db)
    hand_back(db, [number], "Her husband, Tom", COUNTER, "cash", balance)
    [rounded] = take_in(db, Visit(pieces=(ring(
        services=(ServiceLine("prong_retip", "Retip four prongs", "112,37"),),
        deposit="10,00", deposit_method="card"),), new_customer=CustomerDetails(
        "Élise Tremblay", "601 555 0179")), by=COUNTER)
    move(db, rounded, Status.AT_BENCH, BENCH)
    move(db, rounded, Status.READY, BENCH)
    hand_back(db, [rounded], "Élise Tremblay", COUNTER, "cash", "102,35")
    add_vendor(db, VendorInfo(
        "PRLS", "Pearl Street Stringing", "Lou Tran", "601 555 0133", "lou@pearl.example", 9,
        address="4 Foundry Row\nJackson MS 39201", work="Pearl restringing",
        carriers=("UPS", "FedEx"), ship_weekdays=(2, 4)), MANAGER)
    retire_vendor(db, "PRLS", MANAGER)
    code, name, phone, email, quoted = "WTCH", "Gulf Coast Watch Works", None, None, 14
    save_vendor(db, VendorInfo(code, name, "Ray", phone, email, quoted, active=False), MANAGER)
    with db.session() as session:
        ticket = ticket_by_number(session, second)
        by = session.scalar(select(Staff.id).where(Staff.code == MANAGER))
        assert by is not None
        session.add(FlagHandled(ticket_id=ticket.id, at=store_now(session), by_id=by,
                                level="warning", expected_ready=today + timedelta(days=9),
                                promised_for=ticket.promised_for))
    with db.session(write=False) as session:
        customer_id = ticket_by_number(session, first).customer_id
    update_customer(db, customer_id, CustomerDetails("Ingrid Sørensen", "601 555 0177",
                                                     "i@example.com", "Prefers mornings",
                                                     Channel.EMAIL, "Mrs"), COUNTER)
    save_mail_server(db, MailServer("smtp.example.com", 587, "starttls", "desk",
                                    "desk@example.com"), MANAGER)
    save_text_gateway(db, TextGateway("https://texts.example.com", "AC123", "+16015550100"),
                      MANAGER)
    save_reminders(db, (30, 60), 365, MANAGER)
    save_notice_wording(db, "ready", Wording("Ready: your $piece", "Dear $customer, come!"),
                        MANAGER)
    asked, refused = take_in(db, Visit(pieces=(ring(), ring(description="Signet")),
                                       new_customer=CustomerDetails("Lou Tran")), by=COUNTER)
    for number in (asked, refused):
        ask_approval(db, number, "Re-shank the ring", COUNTER, "180.00")
    answer_approval(db, asked, True, Channel.PHONE, COUNTER)
    for notice in notices_due(db, today + timedelta(days=400))[1][:3]:
        mark_done(db, notice, COUNTER, "called, she is coming Friday")


@pytest.fixture
def whole_store(db: Database) -> Database:
    make_whole_store(db)
    return db


# --- what "the same rows, ids aside" means --------------------------------------------

def _natural_keys(db: Database) -> dict[str, dict[int, Any]]:
    """Each referenced row by what identifies it in the store, not by its id."""
    keys: dict[str, dict[int, Any]] = {}
    with db.session(write=False) as session:
        for table, column in (("staff", "code"), ("vendor", "code"), ("ticket", "number"),
                              ("parcel", "ref")):
            t = Base.metadata.tables[table]
            keys[table] = dict(session.execute(select(t.c.id, t.c[column])).tuples().all())
        t = Base.metadata.tables["customer"]
        keys["customer"] = {row[0]: tuple(row[1:]) for row in session.execute(
            select(t.c.id, t.c.name, t.c.phone, t.c.email))}
    return keys


def table_rows(db: Database, backup: bool = False) -> dict[str, Counter[tuple[Any, ...]]]:
    ignored = {("store", "change_count"), ("ticket", "version"), ("vendor", "version")}
    if not backup:
        ignored |= set(carried.BACKUP_ONLY)
    keys = _natural_keys(db)
    found: dict[str, Counter[tuple[Any, ...]]] = {}
    with db.session(write=False) as session:
        for table in Base.metadata.sorted_tables:
            if table.name in carried.DERIVED:
                continue
            columns = [c for c in table.columns
                       if c.name != "id" and (table.name, c.name) not in ignored]
            rows: Counter[tuple[Any, ...]] = Counter()
            for row in session.execute(select(*columns)):
                values = []
                for column, value in zip(columns, row, strict=True):
                    target = next(iter(column.foreign_keys), None)
                    if target is not None and value is not None:
                        value = keys[target.column.table.name][value]
                    values.append(value)
                rows[tuple(values)] += 1
            found[table.name] = rows
    return found


def _export_text(db: Database, backup: bool = False) -> str:
    out = io.StringIO()
    drain(export_store(db, out, backup=backup))
    return out.getvalue()


# --- the round trip ---------------------------------------------------------------------

def test_the_whole_store_comes_back_the_same(whole_store: Database, empty_db_like: Any,
                                             tmp_path: Path) -> None:
    first = _export_text(whole_store)
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
    assert _export_text(again) == first
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
    assert _export_text(again, backup=True) == _export_text(whole_store, backup=True)
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
