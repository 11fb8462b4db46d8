"""Any valid store history in the interchange format (FORMAT.md), drawn by hypothesis.

Each ticket's events are a random walk along the status path; pieces sent out at the
same moment may share a parcel, and a parcel comes back no later than the next move of
any piece in it. ``as_of_document`` cuts a document at a moment the way FORMAT.md's
"Reading history as of a moment" says.
"""

from __future__ import annotations

import copy
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

Document = dict[str, Any]

# FORMAT.md's status path, written out here so the walk does not lean on the app's copy.
MOVES: dict[str, tuple[str, ...]] = {
    "received": ("at_bench", "at_vendor", "waiting_parts", "cancelled"),
    "at_bench": ("waiting_parts", "at_vendor", "quality_check", "ready", "cancelled"),
    "waiting_parts": ("at_bench", "at_vendor", "cancelled"),
    "at_vendor": ("at_bench", "quality_check"),
    "quality_check": ("ready", "at_bench", "at_vendor", "cancelled"),
    "ready": ("picked_up",),
    "picked_up": (),
    "cancelled": (),
}
CLOSED = frozenset({"picked_up", "cancelled"})
SERVICES = (
    "cleaning", "inspection", "polishing", "clasp_repair", "chain_solder", "ring_sizing",
    "prong_retip", "stone_tightening", "stone_setting", "stone_replacement",
    "rhodium_plating", "engraving", "watch_battery", "watch_band", "watch_service",
    "appraisal", "casting",
)
CUSTOM_SERVICES = ("pearl_restring", "Bead Restring (old system)")
KINDS = ("ring", "necklace", "bracelet", "earrings", "pendant", "brooch", "watch", "other")
COUNTER = (("KP", "Kate Pruitt"), ("AL", "Ana Lopez"))
BENCH = (("JR", "Jonah Reyes"), ("MB", "Mia Brandt"), ("TS", "Tomas Silva"))
MANAGER = (("SC", "Sandra Cole"),)
VENDORS = (("PLAT", "Riverbend Plating"), ("CAST", "Gulf Casting"), ("WTCH", "Timeworks"))
CHANNELS = ("phone", "sms", "email", "in_person")
TIMEZONES = ("America/New_York", "UTC", "America/Chicago")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

FREE_TEXT = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=30
)


def stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def read(text: str) -> datetime:
    return datetime.fromisoformat(text)


GAP_KIND = st.sampled_from(("same", "minutes", "hours", "days"))
BRISK_GAP_KIND = st.sampled_from(("same", "minutes", "hours"))
STEADY_GAP_KIND = st.sampled_from(("hours", "days", "days"))
MINUTES = st.integers(1, 59)
HOURS = st.integers(60, 10 * 60)
DAYS = {most: st.integers(1, most) for most in range(1, 22)}
SLOWEST = st.integers(1, 21)  # a store's longest wait between two moves, in days
SHIFT = st.integers(-300, 300)
STEPS = st.integers(0, 8)
NOTE_FORM = st.sampled_from(("none", "fixed", "eta", "due", "free"))
PARTS_DUE = st.integers(-5, 40)
MAYBE_TEXT = st.none() | FREE_TEXT
# A next status the path allows, a cancellation about one move in twenty.
NEXT = {
    status: st.sampled_from(
        [m for m in moves if m != "cancelled"] * 20 + ["cancelled"] * ("cancelled" in moves)
    )
    for status, moves in MOVES.items() if moves
}
SERVICE_LINES = st.sampled_from((1, 1, 1, 2, 3))
SERVICE_CODE = st.sampled_from(SERVICES) | st.sampled_from(CUSTOM_SERVICES)
PRICE = st.integers(-2000, 50000)
RECEIVED_MINUTE = st.integers(9 * 60, 18 * 60) | st.just(0) | st.integers(0, 24 * 60 - 1)
PROMISE_DAYS = st.just(0) | st.integers(-10, -1) | st.integers(1, 14) | st.integers(15, 120)
OCCASION = st.none() | st.tuples(st.sampled_from(("Anniversary dinner", "Wedding", "")),
                                 st.integers(-30, 120))
KIND = st.sampled_from(KINDS)
CONTACT_AT = st.integers(0, 60 * 24 * 60)


# A steady store: most pieces go the usual way, for one service off a short menu.
STEADY_PLAIN = st.sampled_from([True] * 9 + [False])
STEADY_LINES = st.sampled_from((1, 1, 1, 1, 2))


def _usual_way(services: list[dict[str, Any]], out_first: bool) -> list[str]:
    """The moves a piece with these services usually makes, start to finish."""
    bench = any(s["vendor"] is None for s in services)
    out = any(s["vendor"] is not None for s in services)
    if bench and out:
        return (["at_vendor", "at_bench", "ready", "picked_up"] if out_first
                else ["at_bench", "at_vendor", "quality_check", "ready", "picked_up"])
    if out:
        return ["at_vendor", "quality_check", "ready", "picked_up"]
    return ["at_bench", "ready", "picked_up"]


class _Store:
    """What a document's tickets are drawn from: its people, vendors and habits."""

    def __init__(self, start: date, span: int, customers: list[str], staff: list[str],
                 counter: list[str], assignable: list[str], vendors: list[str],
                 dispatches: list[datetime], menu: list[str], quick: list[str],
                 slowest: int, steady: bool, out_first: bool) -> None:
        self.start, self.span, self.dispatches = start, span, dispatches
        self.days = DAYS[slowest]
        self.plain = STEADY_PLAIN if steady else st.booleans()
        self.gap_kind = STEADY_GAP_KIND if steady else GAP_KIND
        self.lines = STEADY_LINES if steady else SERVICE_LINES
        self.out_first = out_first  # pieces with both kinds of work go out before the bench
        self.service = st.sampled_from(menu)
        self.quick = frozenset(quick)  # services done between the others, the same day
        self.received_day = st.integers(0, span)
        self.customer = st.sampled_from(customers)
        self.staff = st.sampled_from(staff)
        self.counter = st.sampled_from(counter)
        self.assignee = st.sampled_from([None, *assignable])
        self.vendor = st.sampled_from([None] * (3 if steady else 1) + vendors)


def _gap(draw: st.DrawFn, store: _Store, brisk: bool) -> timedelta:
    """Time to a piece's next move: none at all, minutes, hours, or (unless it is a small
    job the store does between the others) days."""
    kind = draw(BRISK_GAP_KIND if brisk else store.gap_kind)
    if kind == "same":
        return timedelta(0)
    if kind == "minutes":
        return timedelta(minutes=draw(MINUTES))
    if kind == "hours":
        return timedelta(minutes=draw(HOURS))
    return timedelta(days=draw(store.days), minutes=draw(SHIFT))


def _parts_note(draw: st.DrawFn, written: date) -> str | None:
    """What a jeweler writes when a piece waits for parts, as the bench screen or a person."""
    form = draw(NOTE_FORM)
    due = written + timedelta(days=draw(PARTS_DUE))
    if form == "none":
        return None
    if form == "fixed":
        return f"Parts expected {due.isoformat()}. clasp"
    if form == "eta":
        return f"Clasp from Stuller, ETA {due.month}/{due.day}"
    if form == "due":
        return f"due {MONTHS[due.month - 1]} {due.day}th"
    return draw(FREE_TEXT)


def _walk(
    draw: st.DrawFn, received: datetime, store: _Store, services: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """A ticket's events: ``received``, then moves the status path allows, oldest first:
    the usual way for its services, or a random walk."""
    events: list[dict[str, Any]] = [
        {"at": stamp(received), "status": "received", "by": draw(store.staff)}
    ]
    brisk = all(s["vendor"] is None and s["code"] in store.quick for s in services)
    usual = _usual_way(services, store.out_first) if draw(store.plain) else []
    status, now = "received", received
    for step in range(draw(STEPS)):
        if status in CLOSED:
            break
        status = usual[step] if step < len(usual) else draw(NEXT[status])
        now = max(now, now + _gap(draw, store, brisk))
        later = [d for d in store.dispatches if d >= now]
        if status == "at_vendor" and later and draw(st.booleans()):
            now = later[0]  # goes out with the parcel the store sends next
        event: dict[str, Any] = {"at": stamp(now), "status": status, "by": draw(store.staff)}
        if status == "waiting_parts":
            event["note"] = _parts_note(draw, now.date())
        elif draw(st.booleans()):
            event["note"] = draw(MAYBE_TEXT)
        events.append(event)
    return events


def _services(draw: st.DrawFn, store: _Store) -> list[dict[str, Any]]:
    lines = []
    for _ in range(draw(store.lines)):
        code = draw(store.service)
        lines.append({"code": code, "description": code.replace("_", " "),
                      "price": f"{draw(PRICE) / 100:.2f}", "vendor": draw(store.vendor)})
    # A credit may take a line back, but no ticket comes to less than nothing: the store
    # could never settle it.
    total = sum(Decimal(line["price"]) for line in lines)
    if lines and total < 0:
        lines[0]["price"] = f"{Decimal(lines[0]['price']) - total:.2f}"
    return lines


def _date_near(day: date, before: int, after: int) -> st.SearchStrategy[date]:
    return st.integers(-before, after).map(lambda n: day + timedelta(days=n))


def _ticket(draw: st.DrawFn, number: str, store: _Store) -> Document:
    day = store.start + timedelta(days=draw(store.received_day))
    received = datetime.combine(day, time()) + timedelta(minutes=draw(RECEIVED_MINUTE))
    promised = day + timedelta(days=draw(PROMISE_DAYS))
    occasion = draw(OCCASION)
    services = _services(draw, store)
    return {
        "number": number,
        "customer": draw(store.customer),
        "received_at": stamp(received),
        "taken_in_by": draw(store.counter),
        "item": {"kind": draw(KIND), "description": "A piece",
                 "metal": None, "stones": None, "condition": None, "declared_value": None},
        "services": services,
        "deposit": "0.00",
        "promised_for": promised.isoformat(),
        "occasion": occasion and {"what": occasion[0],
                                  "date": (day + timedelta(days=occasion[1])).isoformat()},
        "assigned_to": draw(store.assignee),
        "events": _walk(draw, received, store, services),
    }


def _first_sent(ticket: Document, sent: str) -> int:
    return next(j for j, e in enumerate(ticket["events"])
                if e["status"] == "at_vendor" and e["at"] == sent)


def _shipments(draw: st.DrawFn, tickets: list[Document], vendors: list[str]) -> list[Document]:
    """Parcels for some of the moments pieces went out; pieces sent together may share one."""
    if not vendors:
        return []
    out: dict[str, list[Document]] = {}
    for ticket in tickets:
        for event in ticket["events"]:
            if event["status"] == "at_vendor" and ticket not in out.get(event["at"], []):
                out.setdefault(event["at"], []).append(ticket)
    shipments: list[Document] = []
    for sent, pieces in sorted(out.items()):
        if not draw(st.booleans()):
            continue  # went out with no parcel on record
        chosen = draw(st.lists(st.sampled_from(pieces), min_size=1, unique_by=id))
        first_vendor = next((s["vendor"] for s in chosen[0]["services"] if s["vendor"]), None)
        vendor = draw(st.sampled_from(vendors)) if first_vendor is None else first_vendor
        sent_at = read(sent)
        nexts = [read(t["events"][j + 1]["at"]) for t in chosen
                 if (j := _first_sent(t, sent)) + 1 < len(t["events"])]
        latest = min(nexts) if nexts else sent_at + timedelta(days=40)
        minutes = int((latest - sent_at).total_seconds() // 60)
        back = draw(st.none() | st.integers(0, minutes))
        shipments.append({
            "ref": f"S-{len(shipments) + 1}",
            "vendor": vendor,
            "tickets": [t["number"] for t in chosen],
            "sent_at": sent,
            "carrier": draw(st.none() | st.just("UPS")),
            "tracking": None,
            "expected_back": draw(_date_near(sent_at.date(), 3, 45)).isoformat(),
            "received_at": None if back is None else stamp(sent_at + timedelta(minutes=back)),
        })
    return shipments


def _contacts(draw: st.DrawFn, tickets: list[Document], staff: list[str]) -> list[Document]:
    contacts = []
    for _ in range(draw(st.integers(0, 4))):
        ticket = draw(st.sampled_from(tickets))
        at = read(ticket["received_at"]) + timedelta(minutes=draw(CONTACT_AT))
        contacts.append({"ticket": ticket["number"], "at": stamp(at),
                         "by": draw(st.sampled_from(staff)),
                         "channel": draw(st.sampled_from(CHANNELS)),
                         "note": draw(MAYBE_TEXT)})
    return contacts


@st.composite
def store_histories(draw: st.DrawFn, max_tickets: int = 40) -> Document:
    """A whole valid interchange document: one store's calendar, people and history."""
    start = draw(st.dates(date(2024, 1, 1), date(2027, 12, 31)))
    span = draw(st.integers(2, 183))  # days over which pieces came in
    counter = COUNTER[: draw(st.integers(1, 2))]
    bench = BENCH[: draw(st.integers(0, 3))]
    manager = MANAGER[: draw(st.integers(0, 1))]
    staff: list[Document] = [
        {"code": code, "name": name, "role": role}
        for people, role in ((counter, "counter"), (bench, "bench"), (manager, "manager"))
        for code, name in people
    ]
    vendors: list[Document] = [
        {"code": code, "name": name, "phone": None, "email": None,
         "quoted_turnaround_days": draw(st.integers(0, 40))}
        for code, name in VENDORS[: draw(st.integers(0, 3))]
    ]
    customers: list[Document] = [
        {"ref": f"C-{i}", "name": f"Customer {i}", "phone": None, "email": None, "notes": None}
        for i in range(1, draw(st.integers(1, 4)) + 1)
    ]
    parcel_days = draw(st.lists(st.integers(0, span + 30), max_size=5))
    steady = draw(st.booleans())
    menu = draw(st.lists(SERVICE_CODE, min_size=2 if steady else 1, max_size=3 if steady else 6,
                         unique=True))
    # A steady store does its first service between the others (a watch battery, a cleaning).
    quick = menu[:1] if steady else draw(st.lists(st.sampled_from(menu), max_size=2, unique=True))
    codes = [str(s["code"]) for s in staff]
    vendor_codes = [str(v["code"]) for v in vendors]
    store = _Store(
        start, span,
        customers=[str(c["ref"]) for c in customers],
        staff=codes,
        counter=[code for code, _ in counter],
        assignable=[code for code, _ in (*bench, *manager)],
        vendors=vendor_codes,
        dispatches=sorted({datetime.combine(start + timedelta(days=d), time(16))
                           for d in parcel_days}),
        menu=menu, quick=quick, slowest=draw(SLOWEST), steady=steady,
        out_first=draw(st.booleans()),
    )
    count = draw(st.integers(max_tickets // 2 if steady else 1, max_tickets))
    tickets = [_ticket(draw, f"R-{10001 + i}", store) for i in range(count)]
    return {
        "format": "jeweldesk-interchange",
        "version": 1,
        "store": {
            "name": "Any Store",
            "phone": None,
            "address": None,
            "timezone": draw(st.sampled_from(TIMEZONES)),
            "open_weekdays": draw(st.sampled_from(([1, 2, 3, 4, 5, 6], [2, 3, 4, 5, 6]))
                                  | st.lists(st.integers(1, 7), min_size=1, max_size=7,
                                             unique=True)),
            "closed_dates": [d.isoformat() for d in draw(st.lists(
                _date_near(start, 10, span + 60), max_size=8, unique=True))],
        },
        "staff": staff,
        "vendors": vendors,
        "customers": customers,
        "tickets": tickets,
        "shipments": _shipments(draw, tickets, vendor_codes),
        "contacts": _contacts(draw, tickets, codes),
    }


def all_moments(document: Document) -> list[datetime]:
    """Every timestamp in the document, oldest first."""
    found = [read(t["received_at"]) for t in document["tickets"]]
    found += [read(e["at"]) for t in document["tickets"] for e in t["events"]]
    found += [read(s["sent_at"]) for s in document["shipments"]]
    found += [read(s["received_at"]) for s in document["shipments"] if s["received_at"]]
    found += [read(c["at"]) for c in document["contacts"]]
    return sorted(found)


def as_of_document(document: Document, moment: datetime) -> Document:
    """The document as it stood at ``moment``: nothing timestamped after it is in it."""
    cut = copy.deepcopy(document)
    cut["tickets"] = [t for t in cut["tickets"] if read(t["received_at"]) <= moment]
    for ticket in cut["tickets"]:
        ticket["events"] = [e for e in ticket["events"] if read(e["at"]) <= moment]
    cut["shipments"] = [s for s in cut["shipments"] if read(s["sent_at"]) <= moment]
    for shipment in cut["shipments"]:
        if shipment["received_at"] and read(shipment["received_at"]) > moment:
            shipment["received_at"] = None
    cut["contacts"] = [c for c in cut["contacts"] if read(c["at"]) <= moment]
    return cut


def status_as_of(ticket: Document, moment: datetime) -> str | None:
    """The piece's status at ``moment``, or None before it was taken in."""
    if read(ticket["received_at"]) > moment:
        return None
    return [e for e in ticket["events"] if read(e["at"]) <= moment][-1]["status"]
