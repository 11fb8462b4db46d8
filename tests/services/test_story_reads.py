"""A ticket's story, read in a handful of statements, says exactly what the records say:
every field of every kind of record, for every ticket of a store that holds them all,
on each kind of database."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

from PIL import Image
from sqlalchemy import event, select
from sqlalchemy.orm import Session, selectinload

from jeweldesk.domain.contact_details import shown_phone
from jeweldesk.domain.kinds import Channel
from jeweldesk.interchange.common import drain
from jeweldesk.services.contacts import record_contact
from jeweldesk.services.customers import CustomerDetails
from jeweldesk.services.demo import fill_demo_store
from jeweldesk.services.edit import edit_ticket
from jeweldesk.services.intake import Visit, take_in
from jeweldesk.services.moves import change_promise
from jeweldesk.services.payments import give_discount
from jeweldesk.services.photos import add_photo
from jeweldesk.services.pickup import take_payment
from jeweldesk.services.story import (
    ApprovalView,
    ContactView,
    DiscountView,
    EditView,
    EventView,
    ParcelView,
    PaymentView,
    PhotoView,
    PromiseView,
    ServiceView,
    TicketStory,
    stories,
    ticket_story,
)
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import get_store
from jeweldesk.storage.tables import ParcelItem, Ticket
from tests.support.store import COUNTER, MANAGER, ring, store_today


def _jpeg(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, "JPEG")
    return out.getvalue()


def make_rich_store(db: Database) -> str:
    """The demo store (parcels, payments, calls, new promises), then one ticket with one of
    everything else and several of each kind, each through the services; its number."""
    drain(fill_demo_store(db, 80, seed=3))
    [number] = take_in(db, Visit(pieces=(ring(),), new_customer=CustomerDetails(
        "Ingrid Sørensen", "601 555 0177")), by=COUNTER)
    for colour in ("green", "white"):
        add_photo(db, number, _jpeg(colour), COUNTER, stage="finished")
        record_contact(db, number, Channel.PHONE, COUNTER, f"Called about the {colour} one")
    give_discount(db, number, "Regular customer", MANAGER, percent="5")
    take_payment(db, number, "card", "20.00", COUNTER)
    change_promise(db, number, store_today() + timedelta(days=12), MANAGER, "Parts are slow")
    edit_ticket(db, number, MANAGER, ticket_story(db, number).version,
                description="Solitaire, cathedral setting")
    return number


def _from_the_records(session: Session, ticket: Ticket) -> TicketStory:
    """The story as the records' own relationships tell it, one lazy load at a time."""
    items = session.scalars(
        select(ParcelItem).where(ParcelItem.ticket_id == ticket.id)
        .options(selectinload(ParcelItem.parcel)).order_by(ParcelItem.id)
    ).all()
    promises = tuple(
        PromiseView(p.at, p.old_date, p.new_date, p.by.name, p.reason)
        for p in ticket.promise_changes
    )
    customer = ticket.customer
    return TicketStory(
        number=ticket.number,
        version=ticket.version,
        status=ticket.status,
        status_at=ticket.status_at,
        visit=ticket.visit,
        customer_id=customer.id,
        customer_name=customer.name,
        customer_phone=shown_phone(customer.phone, get_store(session).country),
        customer_email=customer.email,
        customer_notes=customer.notes,
        preferred_channel=customer.preferred_channel,
        received_at=ticket.received_at,
        taken_in_by=ticket.taken_in_by.name,
        item_kind=ticket.item_kind,
        item_description=ticket.item_description,
        item_metal=ticket.item_metal,
        item_stones=ticket.item_stones,
        item_condition=ticket.item_condition,
        declared_value=ticket.declared_value,
        services=tuple(
            ServiceView(s.code, s.description, s.price,
                        s.vendor.code if s.vendor else None, s.vendor.name if s.vendor else None)
            for s in ticket.services
        ),
        deposit=ticket.deposit,
        deposit_method=ticket.deposit_method,
        payments=tuple(PaymentView(p.at, p.method, p.amount, p.by.name, p.reason,
                                   p.cash_rounding) for p in ticket.payments),
        total=ticket.total,
        balance=ticket.balance,
        bill=ticket.bill,
        discounts=tuple(
            DiscountView(d.at, d.by.name, worth, d.percent, d.reason, d.courtesy)
            for d, worth in zip(ticket.discounts, ticket.bill.reductions, strict=True)),
        promised_for=ticket.promised_for,
        original_promised_for=promises[0].old_date if promises else ticket.promised_for,
        promises=promises,
        occasion_what=ticket.occasion_what,
        occasion_date=ticket.occasion_date,
        assigned_to_code=ticket.assigned_to.code if ticket.assigned_to else None,
        assigned_to_name=ticket.assigned_to.name if ticket.assigned_to else None,
        collected_by=ticket.collected_by,
        events=tuple(
            EventView(e.at, e.status, e.by.code, e.by.name, e.note) for e in ticket.events
        ),
        parcels=tuple(
            ParcelView(i.parcel.ref, i.parcel.vendor.name, i.parcel.sent_at,
                       i.parcel.expected_back, i.returned_at, i.parcel.carrier,
                       i.parcel.tracking, _checked_in_without(i))
            for i in items
        ),
        contacts=tuple(
            ContactView(c.at, c.channel, c.by.name, c.note, c.outcome) for c in ticket.contacts
        ),
        photos=tuple(PhotoView(p.id, p.stage, p.width, p.height) for p in ticket.photos),
        edits=tuple(
            EditView(e.at, e.by.name, e.field, e.old_value, e.new_value) for e in ticket.edits
        ),
        customer_address=customer.postal_address,
        approvals=tuple(
            ApprovalView(a.asked_at, a.asked_by.name, a.what, a.price, a.whole_ticket,
                         a.answered_at, a.answered_by.name if a.answered_by else None,
                         a.answer, a.how, a.ends)
            for a in sorted(ticket.approvals, key=lambda a: (a.asked_at, a.id))
        ),
    )


def _checked_in_without(item: ParcelItem) -> datetime | None:
    if item.returned_at is not None:
        return None
    back = [o.returned_at for o in item.parcel.items if o is not item and o.returned_at]
    return min(back) if back else None


def test_every_story_reads_as_its_records_say(db):
    rich = make_rich_store(db)
    with db.session(write=False) as session:
        numbers = list(session.scalars(select(Ticket.number).order_by(Ticket.id)))
        expected = [_from_the_records(session, session.scalar(
            select(Ticket).where(Ticket.number == n))) for n in numbers]
    assert len(numbers) > 3
    assert stories(db, numbers) == expected
    assert [ticket_story(db, n.lower()) for n in numbers] == expected  # typed in any case
    whole = expected[numbers.index(rich)]
    assert len(whole.photos) == len(whole.contacts) == 2  # several of a kind, in order
    assert whole.discounts and whole.payments and whole.promises and whole.edits
    assert any(s.parcels for s in expected) and any(s.events for s in expected)


def test_a_story_is_a_handful_of_statements_however_long_its_history(db):
    make_rich_store(db)
    with db.session(write=False) as session:
        numbers = list(session.scalars(select(Ticket.number)))
    said: list[str] = []

    def count(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        said.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        for number in numbers:
            said.clear()
            ticket_story(db, number)
            assert len([s for s in said if s.lstrip().upper().startswith("SELECT")]) <= 12
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
