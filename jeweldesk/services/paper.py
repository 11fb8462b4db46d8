"""What each printed document needs, read in one short session and handed over as plain data.

The printing package never sees a session or a row; this module is its only door in.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from jeweldesk.domain.contact_details import shown_phone
from jeweldesk.domain.errors import NotFound
from jeweldesk.domain.status import Status
from jeweldesk.domain.writing import addressed
from jeweldesk.printing.model import (
    MorningRow,
    Occasion,
    PaperParcel,
    PaperPayment,
    PaperTicket,
    ParcelLine,
    ServiceLine,
    StoreHeader,
)
from jeweldesk.services.piece_checks import WRITE_IN
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import get_store, store_now, ticket_by_number
from jeweldesk.storage.tables import CatalogService, Customer, Parcel, ParcelItem, Ticket

if TYPE_CHECKING:
    from jeweldesk.services.prepare import FlagWithHandling


def _country(row: object) -> str:
    """The store's country, for writing the phones of a row read in its session."""
    session = object_session(row)
    assert session is not None
    return get_store(session).country


def store_header(session: Session) -> StoreHeader:
    store = get_store(session)
    return StoreHeader(
        name=store.name,
        address=store.address or "",
        phone=shown_phone(store.phone, store.country) or "",
        logo=store.logo,
        terms=store.receipt_terms or "",
        unclaimed_days=store.unclaimed_days,
    )


def tickets_for_paper(
    db: Database, numbers: Sequence[str]
) -> tuple[StoreHeader, list[PaperTicket]]:
    """The store and the tickets, in the order asked; NotFound names the first missing number."""
    with db.session(write=False) as session:
        store = get_store(session)  # held: the header and every phone read it once
        header = store_header(session)
        names = {code: name for code, name in
                 session.execute(select(CatalogService.code, CatalogService.name))}
        return header, [paper_ticket(ticket_by_number(session, n), names, store.country)
                        for n in numbers]


# Words that name the piece, not the work: "Ring shank repair" is no ring sizing.
PIECE_WORDS = frozenset({"ring", "rings", "chain", "chains", "watch", "necklace", "bracelet",
                         "earring", "earrings", "pendant", "brooch"})


def _stem(word: str) -> str:
    for ending in ("ing", "ed", "es", "s", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _words(text: str) -> list[str]:
    return "".join(c if c.isalpha() else " " for c in text.lower()).split()


def says_its_service(description: str, code: str, catalog_name: str | None) -> bool:
    """Whether a line's words still name the work its catalog code stands for: "Size up one
    size" and "Retip four prongs" do; "Shank repair" on a ring-sizing line does not, and a
    written-in line has no catalog service to name."""
    if catalog_name is None:
        return False
    service = {_stem(w) for w in _words(f"{catalog_name} {code}")
               if w not in PIECE_WORDS and len(w) >= 3}
    if not service:
        return True
    said = [_stem(w) for w in _words(description)]
    return any(s in w or s[:4] == w[:4] for s in service for w in said if len(w) >= 3)


def paper_ticket(ticket: Ticket, catalog_names: dict[str, str] | None = None,
                 country: str | None = None) -> PaperTicket:
    """``catalog_names`` (code → name) tells which lines still say their catalog service;
    without it every line is taken as the catalog has it. ``country``: the store's, when
    the caller has it already."""
    occasion = None
    if ticket.occasion_what and ticket.occasion_date:
        occasion = Occasion(ticket.occasion_what, ticket.occasion_date)
    sent = _sent(ticket)
    # A piece checked back in from a vendor is put at the bench by that check-in: only a
    # move to the bench from anywhere else says the bench worked on it.
    at_bench = [e for before, e in zip([None, *ticket.events], ticket.events, strict=False)
                if e.status == Status.AT_BENCH
                and (before is None or before.status != Status.AT_VENDOR)]
    bench_jeweler = None
    if at_bench:
        bench_jeweler = ticket.assigned_to.name if ticket.assigned_to else at_bench[-1].by.name
    ready = [e.at.date() for e in ticket.events if e.status == Status.READY]
    bill = ticket.bill
    agreed = _agreed_work(ticket)
    return PaperTicket(
        number=ticket.number,
        received_at=ticket.received_at,
        promised_for=ticket.promised_for,
        customer_name=ticket.customer.name,
        customer_phone=shown_phone(ticket.customer.phone, country or _country(ticket)) or "",
        customer_email=ticket.customer.email or "",
        item_kind=str(ticket.item_kind.value),
        item_description=ticket.item_description,
        item_metal=ticket.item_metal or "",
        item_stones=ticket.item_stones or "",
        item_condition=ticket.item_condition or "",
        declared_value=ticket.declared_value,
        services=tuple(
            ServiceLine(s.code, s.description, s.price, s.vendor.name if s.vendor else None,
                        as_listed=catalog_names is None
                        or says_its_service(s.description, s.code, catalog_names.get(s.code)),
                        agreed=s.code == WRITE_IN and s.description in agreed)
            for s in ticket.services
        ),
        deposit=ticket.deposit,
        deposit_method=ticket.deposit_method,
        payments_total=ticket.paid,
        balance=ticket.balance,
        taken_in_by=ticket.taken_in_by.name,
        jeweler=ticket.assigned_to.name if ticket.assigned_to else None,
        occasion=occasion,
        status=ticket.status,
        addressed_as=addressed(ticket.customer.name, ticket.customer.addressed_as),
        bench_jeweler=bench_jeweler,
        workshops=tuple(dict.fromkeys(item.parcel.vendor.name for item in sent)),
        ready_on=ready[-1] if ready else None,
        reductions=tuple(
            (("Courtesy: " if d.courtesy else "Discount: ") + d.reason, worth)
            for d, worth in zip(ticket.discounts, bill.reductions, strict=True)),
        taxes=tuple((f"{t.name} {t.percent.normalize():f}%", t.amount) for t in bill.taxes),
    )


def _agreed_work(ticket: Ticket) -> set[str]:
    """What the customer said yes to once the piece was in, each added as a written-in line
    in the bench's words; asked only where the ticket has such a line."""
    if not any(s.code == WRITE_IN for s in ticket.services):
        return set()
    return {a.what for a in ticket.approvals if a.answer == "yes" and not a.whole_ticket}


def _sent(ticket: Ticket) -> list[ParcelItem]:
    """The ticket's places in parcels to vendors, in the order it went out."""
    session = object_session(ticket)
    assert session is not None
    return list(session.scalars(
        select(ParcelItem).join(Parcel, ParcelItem.parcel_id == Parcel.id)
        .where(ParcelItem.ticket_id == ticket.id).order_by(Parcel.sent_at, Parcel.id)))


def payments_for_paper(
    db: Database, numbers: Sequence[str]
) -> tuple[StoreHeader, list[PaperTicket], list[PaperPayment], datetime]:
    """The tickets and every payment on them, oldest first, for the payment receipt."""
    with db.session(write=False) as session:
        header = store_header(session)
        tickets = [ticket_by_number(session, n) for n in dict.fromkeys(numbers)]
        payments = sorted(
            (PaperPayment(t.number, p.at, p.method, p.amount, p.by.name, p.reason,
                          p.cash_rounding)
             for t in tickets for p in t.payments), key=lambda p: p.at)
        return (header, [paper_ticket(t) for t in tickets], payments,
                store_now(session))


def parcel_for_paper(db: Database, ref: str) -> tuple[StoreHeader, PaperParcel]:
    with db.session(write=False) as session:
        wanted = ref.strip()
        parcel = session.scalar(select(Parcel).where(Parcel.ref.in_({wanted, wanted.upper()})))
        if parcel is None:
            raise NotFound(f"no parcel {wanted!r}")
        return store_header(session), _paper_parcel(parcel)


def _paper_parcel(parcel: Parcel) -> PaperParcel:
    lines = []
    for item in parcel.items:
        ticket = item.ticket
        # What the store wrote for the vendor, else the lines this vendor does, else (a piece
        # sent out for work the store usually does itself) every line on the ticket.
        theirs = [s for s in ticket.services if s.vendor_id == parcel.vendor_id]
        work = item.instructions or "; ".join(
            s.description or s.code for s in (theirs or ticket.services))
        piece = " ".join(x for x in (ticket.item_metal, ticket.item_kind.value) if x)
        lines.append(
            ParcelLine(
                ticket_number=ticket.number,
                description=f"{piece}: {ticket.item_description}",
                work_requested=work,
                declared_value=ticket.declared_value,
            )
        )
    return PaperParcel(
        ref=parcel.ref,
        vendor_name=parcel.vendor.name,
        vendor_phone=shown_phone(parcel.vendor.phone, _country(parcel)) or "",
        vendor_address=parcel.vendor.address or "",
        vendor_contact=parcel.vendor.contact or "",
        carrier=parcel.carrier or "",
        tracking=parcel.tracking or "",
        sent_at=parcel.sent_at,
        expected_back=parcel.expected_back,
        lines=tuple(lines),
    )


def morning_rows(
    db: Database, as_of: date | None = None
) -> tuple[StoreHeader, date, list[MorningRow], list[str], str]:
    """The early-warning engine's morning list: late, at-risk and watched pieces, most urgent
    first, each with the customer's phone, the reasons to repeat on the call, and who
    already called while nothing has changed since; a word on each jeweler away without
    notice; and how the warnings have done here lately."""
    # The early-warning engine loads for this list only: a receipt's command never needs it.
    from jeweldesk.risk.engine import date_to_offer
    from jeweldesk.services.at_risk import one_picture
    from jeweldesk.services.days_off import jewelers_away
    from jeweldesk.services.prepare import flags_from, risk_inputs_in, track_from

    # One picture of the store: the history, the handled marks, the phones and the header
    # come from one read, and the calendar is the one the history was read with.
    with one_picture(db) as session:
        inputs = risk_inputs_in(session, as_of)
        moment = inputs.moment
        listed = flags_from(inputs)
        said: dict[str, tuple[str | None, str | None]] = {
            number: (phone, what)
            for number, phone, what in session.execute(
                select(Ticket.number, Customer.phone, Ticket.occasion_what)
                .join(Customer, Ticket.customer_id == Customer.id)
                .where(Ticket.number.in_([f.ticket for f in listed]))
            ).tuples()
        }
        country = get_store(session).country
        days = inputs.history.calendar
        today = moment.date()
        rows = []
        for f in listed:
            phone, what = said.get(f.ticket, (None, None))
            phone = shown_phone(phone, country)
            offer = date_to_offer(f.flag, days, today)
            rows.append(_morning_row(f, phone, what or "", offer,
                                     _instead(session, f, offer, today)))
        header = store_header(session)
    away = [a.said() for a in jewelers_away(inputs.history, moment)]
    return header, today, rows, away, track_from(inputs)


def _instead(session: Session, row: FlagWithHandling, offer: date, today: date) -> tuple[str, ...]:
    """Where the new date would miss the customer's occasion still ahead, the other ways out
    to offer on the call (a rush, a piece from the case, a loaner …)."""
    from jeweldesk.services.prepare import ways_out_in
    from jeweldesk.services.prepare_words import NEW_DATE

    occasion = row.flag.occasion_date
    if occasion is None or not today <= occasion < offer or row.handled:
        return ()
    ticket = ticket_by_number(session, row.flag.ticket)
    return tuple(w.title for w in ways_out_in(session, ticket, offer, today)
                 if w.key != NEW_DATE)


def _morning_row(row: FlagWithHandling, phone: str | None, occasion: str, offer: date,
                 instead: tuple[str, ...]) -> MorningRow:
    """A flag on paper; the new date to offer, and what to offer instead where that date
    misses the occasion, only where there is a call to make."""
    flag, handling = row.flag, row.handling
    to_call = flag.level.needs_call and not row.handled
    return MorningRow(
        ticket=flag.ticket,
        customer=flag.customer,
        phone=phone or "",
        promised_for=flag.promised_for,
        occasion_date=flag.occasion_date,
        level=flag.level,
        expected_ready=flag.expected_ready,
        reasons=flag.reasons,
        handled_by=handling.by_name if row.handled and handling else "",
        handled_on=handling.at.date() if row.handled and handling else None,
        offer=offer if to_call else None,
        occasion=occasion,
        ways_out=instead if to_call else (),
    )
