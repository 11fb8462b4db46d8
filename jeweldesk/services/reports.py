"""The numbers a manager reads, for any range of days: the day's takings, repair revenue,
the bench's pace and promises kept, and what the store holds. Plain tables, the same
for the screen, the command line and CSV; manager only.

Days are the store's own (its wall clock); a range runs from the first day's opening to
the last day's close, both days included.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from jeweldesk.domain import way as ways
from jeweldesk.domain import writing
from jeweldesk.domain.errors import Invalid, NotAllowed
from jeweldesk.domain.money import ZERO, money_text
from jeweldesk.domain.permissions import Act, may, refusal
from jeweldesk.domain.status import NOT_CLOSED_STATUSES, Status
from jeweldesk.storage.door import Actor, StoreAccount
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import staff_by_code, store_now
from jeweldesk.storage.tables import (
    CatalogService,
    Parcel,
    ParcelItem,
    Payment,
    Ticket,
    TicketEvent,
    TicketService,
)

DEPOSIT_AT_INTAKE = "deposit at intake"
LONGEST_WAITING = 10


class Kind(StrEnum):
    TEXT = "text"
    COUNT = "count"
    MONEY = "money"
    PERCENT = "percent"  # a share, 0 to 1
    DAYS = "days"


Cell = str | int | Decimal | None


@dataclass(frozen=True)
class Figures:
    """One table of a report. ``chart``: the column a bar chart shows, by the first column."""

    title: str
    columns: tuple[tuple[str, Kind], ...]
    rows: tuple[tuple[Cell, ...], ...]
    chart: int | None = None


@dataclass(frozen=True)
class Report:
    name: str
    title: str
    start: date
    end: date
    tables: tuple[Figures, ...]


def shown(value: Cell, kind: Kind) -> str:
    """A cell as a person reads it."""
    if value is None:
        return "—"
    if kind is Kind.MONEY:
        assert isinstance(value, Decimal)
        return writing.money(value)
    if kind is Kind.PERCENT:
        assert isinstance(value, Decimal)
        return f"{(value * 100).quantize(Decimal('1'), ROUND_HALF_UP)}%"
    if kind is Kind.DAYS:
        return f"{value} days"
    return str(value)


def _csv_value(value: Cell, kind: Kind) -> str:
    if value is None:
        return ""
    if kind is Kind.MONEY:
        assert isinstance(value, Decimal)
        return money_text(value)
    return str(value)


def as_csv(report: Report) -> str:
    """Every table of the report, each under its title, a blank line between."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([report.title, report.start.isoformat(), report.end.isoformat()])
    for table in report.tables:
        writer.writerow([])
        writer.writerow([table.title])
        # Amounts stay "45.00" for a spreadsheet to read; the heading says what money.
        currency = ways.current().currency
        writer.writerow([f"{title} ({currency})" if kind is Kind.MONEY else title
                         for title, kind in table.columns])
        for row in table.rows:
            writer.writerow([_csv_value(v, k) for v, (_t, k) in
                             zip(row, table.columns, strict=True)])
    return out.getvalue()


def as_text(report: Report) -> str:
    """The report as the command line prints it: each table in aligned columns."""
    lines = [f"{report.title}: {writing.day(report.start, year=True)} to "
             f"{writing.day(report.end, year=True)}"]
    for table in report.tables:
        cells = [[title for title, _k in table.columns]] + [
            [shown(v, k) for v, (_t, k) in zip(row, table.columns, strict=True)]
            for row in table.rows]
        widths = [max(len(r[i]) for r in cells) for i in range(len(table.columns))]
        lines += ["", table.title]
        for n, row in enumerate(cells):
            lines.append("  ".join(
                c.ljust(w) if table.columns[i][1] is Kind.TEXT else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))).rstrip())
            if n == 0:
                lines.append("  ".join("-" * w for w in widths))
        if not table.rows:
            lines.append("(nothing in these days)")
    return "\n".join(lines) + "\n"


def _check_manager(session: Session, by: Actor) -> None:
    if isinstance(by, StoreAccount):
        return
    person = staff_by_code(session, by)
    if not may(person.role, Act.NUMBERS):
        raise NotAllowed(refusal(person.name, person.role, Act.NUMBERS))


def _span(start: date, end: date) -> tuple[datetime, datetime]:
    if end < start:
        raise Invalid({"to": f"{end.isoformat()} is before {start.isoformat()}"})
    return datetime.combine(start, time()), datetime.combine(end + timedelta(days=1), time())


def report(db: Database, name: str, by: Actor, start: date | None = None,
           end: date | None = None) -> Report:
    """``name``: end-of-day, revenue, bench or holdings. End of day defaults to today, the
    others to the last 90 days; holdings is as the store stands now."""
    makers: dict[str, tuple[str, Callable[[Session, date, date], tuple[Figures, ...]], int]] = {
        "end-of-day": ("End of day", _end_of_day, 0),
        "revenue": ("Repair revenue", _revenue, 89),
        "bench": ("The bench", _bench, 89),
        "holdings": ("What the store holds", _holdings, 0),
    }
    if name not in makers:
        raise Invalid({"report": f"{name!r} is not one of {', '.join(makers)}"})
    title, make, back = makers[name]
    with db.session(write=False) as session:
        _check_manager(session, by)
        today = store_now(session).date()
        last = end or today
        first = start or (last - timedelta(days=back))
        _span(first, last)
        return Report(name, title, first, last, make(session, first, last))


# --- end of day --------------------------------------------------------------------------

def _end_of_day(session: Session, start: date, end: date) -> tuple[Figures, ...]:
    since, until = _span(start, end)
    payments = session.scalars(
        select(Payment).where(Payment.at >= since, Payment.at < until)
        .options(selectinload(Payment.by), selectinload(Payment.ticket))
        .order_by(Payment.at, Payment.id)).all()
    deposits = session.scalars(
        select(Ticket).where(Ticket.received_at >= since, Ticket.received_at < until,
                             Ticket.deposit > 0).options(selectinload(Ticket.taken_in_by))).all()
    rounding = sum((p.amount for p in payments if p.cash_rounding), ZERO)
    payments = [p for p in payments if not p.cash_rounding]
    taken = [(p.method, p.by.name, p.amount) for p in payments if p.amount > 0]
    # A deposit counts with its way of payment; one taken before the counter said how
    # stands on its own line.
    taken += [(t.deposit_method or DEPOSIT_AT_INTAKE, t.taken_in_by.name, t.deposit)
              for t in deposits]
    by_method = _tally((m, a) for m, _who, a in taken)
    by_person = _tally((who, a) for _m, who, a in taken)
    back = [p for p in payments if p.amount < 0]
    held = session.scalars(select(Ticket).where(Ticket.status.in_(NOT_CLOSED_STATUSES))
                           .options(selectinload(Ticket.payments))).all()
    holding = [t for t in held if t.paid > 0]
    money_col = ("Amount", Kind.MONEY)
    return (
        Figures("Taken, by way of payment", (("Way", Kind.TEXT), ("Payments", Kind.COUNT),
                                             money_col), by_method, chart=2),
        Figures("Taken, by person", (("Taken by", Kind.TEXT), ("Payments", Kind.COUNT),
                                     money_col), by_person, chart=2),
        Figures("Given back", (("When", Kind.TEXT), ("Ticket", Kind.TEXT), ("Way", Kind.TEXT),
                               ("By", Kind.TEXT), ("Why", Kind.TEXT), money_col),
                tuple((writing.moment(p.at), p.ticket.number, p.method, p.by.name,
                       p.reason or "", -p.amount) for p in back)),
        Figures("In all", (("", Kind.TEXT), money_col), (
            ("Taken", sum((a for _m, _w, a in taken), ZERO)),
            ("Given back", -sum((p.amount for p in back), ZERO)),
            ("Net", sum((a for _m, _w, a in taken), ZERO) + sum((p.amount for p in back), ZERO)),
            *((("Cash rounding (settled to the cash unit, not money taken)", rounding),)
              if rounding else ()),
            (f"Deposits and part payments held for {len(holding)} "
             f"piece{'' if len(holding) == 1 else 's'} not yet collected (as of now)",
             sum((t.paid for t in holding), ZERO)),
        )),
    )


def _tally(pairs: Iterable[tuple[str, Decimal]]) -> tuple[tuple[Cell, ...], ...]:
    counts: dict[str, int] = defaultdict(int)
    sums: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for key, amount in pairs:
        counts[key] += 1
        sums[key] += amount
    return tuple((key, counts[key], sums[key])
                 for key in sorted(sums, key=lambda k: (-sums[k], k)))


# --- revenue -----------------------------------------------------------------------------

def _picked_up(session: Session, since: datetime, until: datetime) -> list[tuple[Ticket, datetime]]:
    rows = session.execute(
        select(Ticket, TicketEvent.at).join(TicketEvent, TicketEvent.ticket_id == Ticket.id)
        .where(TicketEvent.status == Status.PICKED_UP, TicketEvent.at >= since,
               TicketEvent.at < until)
        .options(selectinload(Ticket.services), selectinload(Ticket.discounts))
        .order_by(TicketEvent.at)).all()
    return [(ticket, at) for ticket, at in rows]


def _revenue(session: Session, start: date, end: date) -> tuple[Figures, ...]:
    """Work is revenue when the piece is handed back: its lines, less money off; the tax
    collected on it is the state's, shown apart."""
    since, until = _span(start, end)
    names: dict[str, str] = dict(session.execute(  # type: ignore[arg-type]
        select(CatalogService.code, CatalogService.name)).all())
    by_service: dict[str, list[Decimal]] = defaultdict(list)
    by_month: dict[date, list[Decimal]] = defaultdict(list)
    reduced = tax = ZERO
    for ticket, at in _picked_up(session, since, until):
        bill = ticket.bill
        for line in ticket.services:
            by_service[names.get(line.code) or line.description or line.code].append(line.price)
        by_month[at.date().replace(day=1)].append(bill.lines - bill.reduced)
        reduced += bill.reduced
        tax += bill.tax
    services = sorted(by_service.items(), key=lambda kv: (-sum(kv[1], ZERO), kv[0]))
    rows: list[tuple[Cell, ...]] = [(name, len(p), sum(p, ZERO)) for name, p in services]
    if reduced:
        rows.append(("Discounts and courtesies", None, -reduced))
    net = sum((sum(p, ZERO) for p in by_month.values()), ZERO)
    money_col = ("Revenue", Kind.MONEY)
    return (
        Figures("Revenue by service (pieces handed back)",
                (("Service", Kind.TEXT), ("Lines", Kind.COUNT), money_col), tuple(rows),
                chart=2),
        Figures("Revenue by month", (("Month", Kind.TEXT), ("Pieces", Kind.COUNT), money_col),
                tuple((writing.month(m), len(v), sum(v, ZERO))
                      for m, v in sorted(by_month.items())), chart=2),
        Figures("In all", (("", Kind.TEXT), ("Amount", Kind.MONEY)), (
            ("Repair revenue, after money off", net),
            ("Sales tax collected (not revenue)", tax))),
    )


# --- the bench ---------------------------------------------------------------------------

def _first_ready(session: Session, since: datetime, until: datetime
                 ) -> list[tuple[Ticket, datetime]]:
    """Pieces that first became ready in the range, with the moment."""
    rows = session.execute(
        select(TicketEvent.ticket_id, TicketEvent.at).where(TicketEvent.status == Status.READY)
        .order_by(TicketEvent.at, TicketEvent.id)).all()
    first: dict[int, datetime] = {}
    for ticket_id, at in rows:
        first.setdefault(ticket_id, at)
    wanted = {i: at for i, at in first.items() if since <= at < until}
    tickets = session.scalars(
        select(Ticket).where(Ticket.id.in_(wanted))
        .options(selectinload(Ticket.services).selectinload(TicketService.vendor),
                 selectinload(Ticket.assigned_to), selectinload(Ticket.promise_changes))
        .order_by(Ticket.id)).all()
    return [(t, wanted[t.id]) for t in tickets]


def _bench(session: Session, start: date, end: date) -> tuple[Figures, ...]:
    since, until = _span(start, end)
    finished = _first_ready(session, since, until)
    names: dict[str, str] = dict(session.execute(  # type: ignore[arg-type]
        select(CatalogService.code, CatalogService.name)).all())
    weekly: dict[tuple[date, str], int] = defaultdict(int)
    days: dict[str, list[int]] = defaultdict(list)
    kept: dict[tuple[str, str], list[tuple[bool, bool]]] = defaultdict(list)
    for ticket, at in finished:
        jeweler = ticket.assigned_to.name if ticket.assigned_to else "not assigned"
        monday = at.date() - timedelta(days=at.weekday())
        weekly[(monday, jeweler)] += 1
        took = (at.date() - ticket.received_at.date()).days
        for line in ticket.services:
            days[names.get(line.code) or line.description or line.code].append(took)
        first_promise = (ticket.promise_changes[0].old_date if ticket.promise_changes
                         else ticket.promised_for)
        mark = (at.date() <= ticket.promised_for, at.date() <= first_promise)
        kept[("jeweler", jeweler)].append(mark)
        for vendor in dict.fromkeys(s.vendor.name for s in ticket.services if s.vendor):
            kept[("vendor", vendor)].append(mark)

    def share(marks: list[tuple[bool, bool]], n: int) -> Decimal:
        return Decimal(sum(m[n] for m in marks)) / Decimal(len(marks))

    def promises(side: str) -> tuple[tuple[Cell, ...], ...]:
        return tuple((who, len(m), sum(x[0] for x in m), share(m, 0), share(m, 1))
                     for (s, who), m in sorted(kept.items()) if s == side)

    promise_cols = (("Pieces", Kind.COUNT), ("Kept", Kind.COUNT),
                    ("Share kept", Kind.PERCENT), ("First promise kept", Kind.PERCENT))
    return (
        Figures("Pieces finished, by week and jeweler",
                (("Week of", Kind.TEXT), ("Jeweler", Kind.TEXT), ("Pieces", Kind.COUNT)),
                tuple((writing.day(week, year=True), who, n)
                      for (week, who), n in sorted(weekly.items()))),
        Figures("From intake to ready, by service",
                (("Service", Kind.TEXT), ("Pieces", Kind.COUNT), ("On average", Kind.DAYS),
                 ("Longest", Kind.DAYS)),
                tuple((name, len(d), (Decimal(sum(d)) / len(d)).quantize(Decimal("0.1")),
                       max(d)) for name, d in sorted(days.items())), chart=2),
        Figures("Promises kept, by jeweler", (("Jeweler", Kind.TEXT), *promise_cols),
                promises("jeweler"), chart=3),
        Figures("Promises kept, by vendor", (("Vendor", Kind.TEXT), *promise_cols),
                promises("vendor"), chart=3),
    )


# --- what the store holds ----------------------------------------------------------------

def _holdings(session: Session, start: date, end: date) -> tuple[Figures, ...]:
    now = store_now(session)
    open_tickets = session.scalars(
        select(Ticket).where(Ticket.status.in_(NOT_CLOSED_STATUSES))
        .options(selectinload(Ticket.customer), selectinload(Ticket.services),
                 selectinload(Ticket.discounts), selectinload(Ticket.payments))
        .order_by(Ticket.status_at, Ticket.id)).all()
    out_with: dict[int, int] = dict(session.execute(  # type: ignore[arg-type]
        select(ParcelItem.ticket_id, ParcelItem.parcel_id).where(ParcelItem.returned_at.is_(None))
    ).all())
    vendor_of: dict[int, str] = {}
    if out_with:
        parcels = {p.id: p.vendor.name for p in session.scalars(
            select(Parcel).where(Parcel.id.in_(set(out_with.values())))
            .options(selectinload(Parcel.vendor)))}
        vendor_of = {t: parcels[p] for t, p in out_with.items()}
    places: dict[str, list[Ticket]] = defaultdict(list)
    for ticket in open_tickets:
        if ticket.status is Status.AT_VENDOR:
            places[f"At {vendor_of.get(ticket.id, 'a vendor')}"].append(ticket)
        elif ticket.status is Status.READY:
            places["In the store, ready"].append(ticket)
        else:
            places["In the store, in work"].append(ticket)

    def declared(tickets: list[Ticket]) -> Decimal:
        return sum((t.declared_value or ZERO for t in tickets), ZERO)

    order = sorted(places, key=lambda p: (not p.startswith("In the store"), p))
    rows: list[tuple[Cell, ...]] = [
        (p, len(places[p]), declared(places[p]),
         sum(1 for t in places[p] if t.declared_value is None)) for p in order]
    every = [t for p in order for t in places[p]]
    rows.append(("In all", len(every), declared(every),
                 sum(1 for t in every if t.declared_value is None)))
    ready = [t for t in open_tickets if t.status is Status.READY][:LONGEST_WAITING]
    return (
        Figures(f"Pieces held, as of {writing.moment(now, year=True)}",
                (("Where", Kind.TEXT), ("Pieces", Kind.COUNT), ("Declared value", Kind.MONEY),
                 ("No value declared", Kind.COUNT)), tuple(rows), chart=2),
        Figures("Ready pieces waiting the longest",
                (("Ticket", Kind.TEXT), ("Customer", Kind.TEXT), ("Piece", Kind.TEXT),
                 ("Ready since", Kind.TEXT), ("Waiting", Kind.DAYS), ("Balance", Kind.MONEY)),
                tuple((t.number, t.customer.name, t.item_description,
                       writing.day(t.status_at.date(), year=True),
                       (now.date() - t.status_at.date()).days, t.balance) for t in ready)),
    )
