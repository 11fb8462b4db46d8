"""A store with one of every kind of record, each made through the services, and what
"the same rows, ids aside" means: the whole-store round trip's tests and the checker
beside the writer share them."""

from __future__ import annotations

import io
from collections import Counter
from datetime import timedelta
from decimal import Decimal
from typing import Any

from PIL import Image
from sqlalchemy import select

from jeweldesk.domain.kinds import Channel
from jeweldesk.domain.notice_words import Wording
from jeweldesk.domain.status import Status
from jeweldesk.interchange import carried
from jeweldesk.interchange.common import drain
from jeweldesk.interchange.exporter import export_store
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
from jeweldesk.services.prepare import write_instead
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
                                                     Channel.EMAIL, "Mrs",
                                                     "Storgata 1\n0155 Oslo\nNorway"), COUNTER)
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
    write_instead(db, refused, MANAGER, Channel.LETTER, today + timedelta(days=20),
                  "The plater needs a few more days to match the finish.")
    for notice in notices_due(db, today + timedelta(days=400))[1][:3]:
        mark_done(db, notice, COUNTER, "called, she is coming Friday")


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


def export_text(db: Database, backup: bool = False) -> str:
    out = io.StringIO()
    drain(export_store(db, out, backup=backup))
    return out.getvalue()
