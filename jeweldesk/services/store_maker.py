"""The one store maker: a store's people and pieces made up, as an interchange document.

The demo (``jeweldesk demo``, the first start's demo button), the screenshots, the
storage benchmark and the tests' big stores all make their store here, each with its
own count, seed and moment; the document goes in through the importer, so it obeys
the status path and FORMAT.md's rules by construction, and its export re-imports.
The early-warning benchmark's stores are a different thing, a day-by-day simulation
of a bench's capacity and a vendor's spells (benchmarks/simulate.py); they share
only the document's shape, ``interchange_document``.
"""

from __future__ import annotations

import bisect
import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from itertools import accumulate
from typing import Any

from jeweldesk.domain import writing
from jeweldesk.domain.calendar import StoreCalendar
from jeweldesk.domain.catalog import DEFAULT_CATALOG
from jeweldesk.interchange.common import Document, timestamp_text
from jeweldesk.services.demo_words import (
    BENCH,
    COUNTER,
    FIRST,
    KIND_SERVICES,
    KINDS,
    LAST,
    NON_LATIN,
    NOTES,
    OCCASIONS,
    OUTSIDE,
    STAFF,
    STORE,
    VENDORS,
    WORDING,
)

FORMAT, VERSION = "jeweldesk-interchange", 1
OPENS, CLOSES = 10 * 60, 18 * 60  # minutes after midnight
PRICES = {s.code: s.price for s in DEFAULT_CATALOG}
BENCH_DAYS = {s.code: s.bench_days for s in DEFAULT_CATALOG}
# Open minutes at the bench, by the catalog's bench days for the service.
BENCH_MINUTES = {0: 10, 1: 20, 2: 30, 3: 40, 4: 50, 5: 60}


def intake_days(tickets: int) -> int:
    """How many days back a store of so many tickets took its first piece in: a busy
    store takes in about 22 pieces a day, and any store has at least six weeks behind it."""
    return max(45, tickets // 22)


@dataclass
class Shipment:
    vendor: str
    sent_at: datetime
    back_at: datetime  # as planned; still out if that is after now
    sent_by: str
    received_by: str
    carrier: str
    tracking: str | None
    numbers: list[str] = field(default_factory=list)
    ref: str = ""


class Clock:
    """The store's open hours: when work that takes so many open minutes is done."""

    def __init__(self, calendar: StoreCalendar, first: date, last: date) -> None:
        self.days = [first + timedelta(days=i) for i in range((last - first).days + 1)
                     if calendar.is_open(first + timedelta(days=i))]

    def at(self, day: date, minutes: int) -> datetime:
        return datetime.combine(day, time(minutes // 60, minutes % 60))

    def snap(self, moment: datetime) -> datetime:
        """The moment itself while the store is open, else its next opening."""
        i = bisect.bisect_left(self.days, moment.date())
        if i < len(self.days) and self.days[i] == moment.date():
            minutes = moment.hour * 60 + moment.minute
            if minutes < OPENS:
                return self.at(self.days[i], OPENS)
            if minutes < CLOSES:
                return moment
            i += 1
        return self.at(self.days[i], OPENS)

    def next_day(self, day: date) -> date:
        return self.days[bisect.bisect_right(self.days, day)]

    def advance(self, moment: datetime, minutes: float) -> datetime:
        moment = self.snap(moment)
        wanted = int(minutes)
        left = CLOSES - (moment.hour * 60 + moment.minute)
        if wanted < left:
            return moment + timedelta(minutes=wanted)
        wanted -= left
        i = bisect.bisect_left(self.days, moment.date()) + 1 + wanted // (CLOSES - OPENS)
        return self.at(self.days[i], OPENS + wanted % (CLOSES - OPENS))


_KINDS = list(KINDS)
_KINDS_RUNNING = list(accumulate(k[0] for k in KINDS.values()))


def _weighted(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    names, running = _running_weights(options)
    return rng.choices(names, cum_weights=running)[0]  # the same draw as by the weights


@cache
def _running_weights(options: tuple[tuple[str, int], ...]) -> tuple[list[str], list[int]]:
    return [o for o, _ in options], list(accumulate(w for _, w in options))


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum())


class StoreMaker:
    """A store's customers and tickets living through their days, up to ``now``: each
    jeweler works their pieces in turn, some wait for parts or go out in the day's parcel
    to a vendor that keeps or misses its quote, and ready pieces are told, collected and
    paid for (a few left on the shelf). What the format does not carry, payments and
    earlier promises, is kept beside the document for the caller to write."""

    def __init__(self, seed: int, count: int, now: datetime, calendar: StoreCalendar,
                 first_number: int = 10001, prefix: str = "R-") -> None:
        self.seed, self.count, self.now = seed, count, now
        self.rng = random.Random(seed)
        self.calendar, self.first_number, self.prefix = calendar, first_number, prefix
        self.span = intake_days(count)
        self.clock = Clock(calendar, now.date() - timedelta(days=self.span + 1),
                           now.date() + timedelta(days=1200))
        self.customers: list[dict[str, Any]] = []
        self.channels: list[str] = []
        self.shipments: dict[tuple[str, date], Shipment] = {}
        self.contacts: list[dict[str, Any]] = []
        self.promise_changes: list[tuple[str, datetime, str, date, date]] = []
        self.payments: list[tuple[str, datetime, str, str, Decimal]] = []
        self.free_at: dict[str, datetime] = {}  # when each jeweler is through their pieces

    # --- people ------------------------------------------------------------------

    def customer(self) -> int:
        rng = self.rng
        if self.customers and rng.random() < 0.45:
            return rng.randrange(len(self.customers))
        n = len(self.customers) + 1
        if rng.random() < 0.02:
            name = rng.choice(NON_LATIN)
        else:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        area, line = rng.choice(("601", "769", "662", "228")), f"{rng.randrange(10000):04d}"
        phone = rng.choice((f"({area}) 555-{line}", f"{area}-555-{line}", f"+1 {area} 555 {line}"))
        slug = ".".join(p for p in (_ascii(w) for w in name.split()) if p) or f"customer{n}"
        email = f"{slug}{rng.randrange(100)}@{rng.choice(('example.com', 'example.net'))}"
        self.customers.append({
            "ref": f"C-{n}", "name": name,
            "phone": None if rng.random() < 0.04 else phone,
            "email": email if rng.random() < 0.6 else None,
            "notes": rng.choice(NOTES) if rng.random() < 0.12 else None})
        self.channels.append(rng.choice(("sms", "sms", "phone", "email" if email else "sms")))
        return n - 1

    def shipment(self, vendor: str, ready: datetime) -> Shipment:
        ready = self.clock.snap(ready)
        day = ready.date() if ready.hour < 16 else self.clock.next_day(ready.date())
        key = (vendor, day)
        if key not in self.shipments:
            rng = random.Random(f"{self.seed}:{vendor}:{day.isoformat()}")
            code, _, _, _, quoted, (low, high) = next(v for v in VENDORS if v[0] == vendor)
            sent = self.clock.at(day, 16 * 60)
            back = self.clock.snap(self.clock.at(day + timedelta(days=quoted + rng.randint(
                low, high)), 11 * 60 + rng.randrange(240)))
            carrier, tracking = {
                "PLAT": ("Courier", None),
                "CAST": ("UPS", "1Z" + "".join(rng.choices("0123456789ABCDEFGHJK", k=16))),
                "WTCH": ("FedEx", "".join(rng.choices("0123456789", k=12)))}[code]
            self.shipments[key] = Shipment(vendor, sent, back, rng.choice(COUNTER),
                                           rng.choice(COUNTER), carrier, tracking)
        return self.shipments[key]

    # --- a piece's life --------------------------------------------------------------

    def lines(self, kind: str) -> list[dict[str, Any]]:
        rng = self.rng
        codes: list[str] = []
        for _ in range(rng.choices((1, 2, 3), (6, 3, 1))[0]):
            code = _weighted(rng, KIND_SERVICES[kind])
            if code not in codes and not (code in OUTSIDE and any(c in OUTSIDE for c in codes)):
                codes.append(code)
        lines = []
        for code in codes:
            base = PRICES.get(code, Decimal("95.00"))
            steps = round(float(base) * rng.uniform(0.85, 1.4) / 5)
            lines.append({"code": code,
                          "description": rng.choice(WORDING.get(code, (
                              next((s.name for s in DEFAULT_CATALOG if s.code == code), code),))),
                          "price": f"{max(steps, 1) * 5 if base else 0}.00",
                          "vendor": OUTSIDE.get(code)})
        if kind != "watch" and rng.random() < 0.15 and "cleaning" not in codes:
            lines.append({"code": "cleaning", "description": "Complimentary clean and polish",
                          "price": "0.00", "vendor": None})
        return lines

    def ticket(self, number: str, received: datetime) -> dict[str, Any]:
        rng, clock = self.rng, self.clock
        customer = self.customer()
        kind = rng.choices(_KINDS, cum_weights=_KINDS_RUNNING)[0]
        _, descriptions, metals, stones, conditions = KINDS[kind]
        services = self.lines(kind)
        total = sum(Decimal(line["price"]) for line in services)
        deposit = Decimal(0)
        if total >= 100 and rng.random() < 0.5:  # a deposit on the bigger jobs
            deposit = Decimal(round(float(total) * 0.4 / 5) * 5)
        vendor = next((line["vendor"] for line in services if line["vendor"]), None)
        bench_codes = [line["code"] for line in services if not line["vendor"]]
        bench_days = sum(BENCH_DAYS.get(code, 2) for code in bench_codes)
        quoted = next((v[4] for v in VENDORS if v[0] == vendor), 0)
        jeweler, clerk = rng.choice(BENCH), rng.choice(COUNTER)
        # Each jeweler works their pieces in turn: a piece waits for the ones before it.
        free = max(self.free_at.get(jeweler, received), received)
        backlog = self.calendar.open_days_between(received.date(), free.date())
        plan = (bench_days + (quoted * 6 // 7 + 2 if vendor else 0) + (kind != "watch") + 1
                + backlog)
        promised = self.calendar.add_open_days(received.date(), plan)
        occasion = None
        if rng.random() < 0.07:
            occasion = {"what": rng.choice(OCCASIONS),
                        "date": (promised + timedelta(days=rng.randint(1, 6))).isoformat()}
        events: list[list[Any]] = [[received, "received", clerk, None]]

        def move(status: str, at: datetime, by: str, note: Any = None) -> datetime:
            events.append([at, status, by, note])
            return at

        t = received
        goes_out_first = vendor == "WTCH" and not bench_codes
        if rng.random() < 0.02:
            move("cancelled", clock.advance(t, 480 * rng.uniform(0.3, 3)), clerk,
                 "Customer declined the estimate")
            return self.finish(number, customer, kind, received, clerk, services, promised,
                               occasion, jeweler, events, deposit)
        if not goes_out_first:
            minutes = sum(BENCH_MINUTES.get(min(BENCH_DAYS.get(c, 2), 5), 60)
                          for c in bench_codes) * rng.uniform(0.7, 1.4) or 15
            t = move("at_bench", clock.advance(free, rng.randint(5, 40)), jeweler)
            if rng.random() < 0.1:
                t = move("waiting_parts", clock.advance(t, rng.randint(10, 40)), jeweler,
                         rng.choice(("Ordered a replacement clasp", "Ordered a matching stone",
                                     "Waiting for findings from the supplier")))
                self.free_at[jeweler] = t
                if rng.random() < 0.1:
                    move("cancelled", clock.advance(t, 480 * rng.uniform(2, 8)), clerk,
                         "Part discontinued; customer declined the alternative")
                    return self.finish(number, customer, kind, received, clerk, services,
                                       promised, occasion, jeweler, events, deposit)
                t = clock.advance(move("at_bench", clock.advance(t, 480 * rng.uniform(3, 12)),
                                       jeweler), minutes)
            else:
                t = self.free_at[jeweler] = clock.advance(t, minutes)
                if rng.random() < 0.05:  # set aside: a question for the customer, a second look
                    t = clock.advance(t, 480 * rng.uniform(2, 6))
        in_qc = False
        if vendor:
            parcel = self.shipment(vendor, clock.advance(t, rng.randint(10, 120)))
            parcel.numbers.append(number)
            t = move("at_vendor", parcel.sent_at, parcel.sent_by, ("to", parcel))
            in_qc = rng.random() < 0.3
            t = move("quality_check" if in_qc else "at_bench", parcel.back_at,
                     parcel.received_by, ("back", parcel))
            t = clock.advance(t, rng.randint(20, 240))  # finishing after the vendor
        if not in_qc and rng.random() < 0.75:
            t = move("quality_check", t, "SC")
            if rng.random() < 0.05:
                t = move("at_bench", clock.advance(t, 60), jeweler, "Redo: finish uneven")
                t = move("quality_check", clock.advance(t, 480 * rng.uniform(0.5, 2)), "SC")
        if in_qc or events[-1][1] == "quality_check":
            t = clock.advance(t, 480 * rng.uniform(0.05, 0.6))
        self.ready_and_after(number, customer, move("ready", t, rng.choice((jeweler, "SC"))),
                             events, total - deposit)
        return self.finish(number, customer, kind, received, clerk, services, promised, occasion,
                           jeweler, events, deposit)

    def contact(self, number: str, at: datetime, by: str, channel: str, note: str) -> None:
        self.contacts.append({"ticket": number, "at": at, "by": by, "channel": channel,
                              "note": note})

    def ready_and_after(self, number: str, customer: int, ready: datetime,
                        events: list[list[Any]], balance: Decimal) -> None:
        rng, clock = self.rng, self.clock
        told = clock.snap(ready + timedelta(minutes=rng.randint(5, 90)))
        if rng.random() < 0.03:  # left on the unclaimed shelf: reminders, and maybe at last
            self.contact(number, told, rng.choice(COUNTER), self.channels[customer],
                         "Told the customer it is ready")
            for days in (30, 60, 90):
                self.contact(number, clock.snap(ready + timedelta(days=days)),
                             rng.choice(COUNTER), "phone",
                             f"Reminder: ready for pickup since {writing.short_day(ready)}")
            if rng.random() < 0.2:
                return
            collected = clock.snap(ready + timedelta(days=rng.randint(95, 300)))
        else:
            days = rng.choice((0, 0, 1, 1, 2, 3, 4, 5, 7, 10, 14, 21))
            collected = clock.advance(ready, 480 * days + rng.randint(10, 400))
            if told < collected:
                self.contact(number, told, rng.choice(COUNTER), self.channels[customer],
                             rng.choice(("Told the customer it is ready",
                                         "Left a voicemail: ready", "Texted: ready for pickup")))
        clerk = rng.choice(COUNTER)
        events.append([collected, "picked_up", clerk, None])
        if balance > 0:
            self.payments.append((number, collected, clerk,
                                  rng.choice(("card", "card", "cash", "check")), balance))

    def finish(self, number: str, customer: int, kind: str, received: datetime, clerk: str,
               services: list[dict[str, Any]], promised: date, occasion: dict[str, str] | None,
               jeweler: str, events: list[list[Any]], deposit: Decimal) -> dict[str, Any]:
        rng, now = self.rng, self.now
        ready = next((e[0] for e in events if e[1] == "ready"), None)
        slipped = datetime.combine(promised, time(10, rng.randrange(0, 50)))
        if (ready is not None and ready.date() > promised and received < slipped <= now
                and rng.random() < 0.6):
            # The store saw it coming and called: the first promise stays on record.
            new = ready.date() + timedelta(days=rng.randint(0, 2))
            by = rng.choice(COUNTER)
            self.promise_changes.append((number, slipped, by, promised, new))
            self.contact(number, slipped, by, "phone",
                         f"Called: it needs a few more days; new promise {writing.short_day(new)}")
            promised = new
        happened = [e for e in events if e[0] <= now]
        _, descriptions, metals, stones, conditions = KINDS[kind]
        valuable = kind in ("ring", "watch", "necklace") and rng.random() < 0.5
        return {
            "number": number, "customer": self.customers[customer]["ref"],
            "received_at": timestamp_text(received), "taken_in_by": clerk,
            "item": {"kind": kind, "description": rng.choice(descriptions),
                     "metal": rng.choice(metals), "stones": rng.choice(stones),
                     "condition": rng.choice(conditions),
                     "declared_value": f"{rng.randint(3, 120) * 50}.00" if valuable else None},
            "services": services, "deposit": f"{deposit:.2f}",
            "promised_for": promised.isoformat(), "occasion": occasion,
            "assigned_to": jeweler if len(happened) > 1 or rng.random() < 0.6 else None,
            "events": happened,
        }

    # --- the whole store ---------------------------------------------------------------

    def intake_moments(self) -> list[datetime]:
        days = [d for d in self.clock.days if d <= self.now.date()]
        moments: list[datetime] = []
        latest = self.now - timedelta(minutes=5)
        while len(moments) < self.count:
            moment = self.clock.at(self.rng.choice(days),
                                   self.rng.randrange(OPENS, CLOSES - 15))
            if moment <= latest:
                moments.append(moment)
        return sorted(moments)

    def tickets(self) -> Any:
        for i, received in enumerate(self.intake_moments()):
            yield self.ticket(f"{self.prefix}{self.first_number + i}", received)

    def document(self, tickets: list[dict[str, Any]], parcel_prefix: str = "S-",
                 first_parcel: int = 1) -> Document:
        vendors = {v[0]: v for v in VENDORS}
        sent = sorted((s for s in self.shipments.values() if s.sent_at <= self.now),
                      key=lambda s: (s.sent_at, s.vendor))
        for i, shipment in enumerate(sent):
            shipment.ref = f"{parcel_prefix}{first_parcel + i}"
        for ticket in tickets:
            ticket["events"] = [_event(e, vendors) for e in ticket["events"]]
        return interchange_document(
            store={**STORE, "closed_dates": [d.isoformat() for d in sorted(
                self.calendar.closed_dates)]},
            staff=[{"code": c, "name": n, "role": r} for c, n, r in STAFF],
            vendors=[{"code": c, "name": n, "phone": p, "email": e,
                      "quoted_turnaround_days": q} for c, n, p, e, q, _ in VENDORS],
            customers=self.customers,
            tickets=tickets,
            shipments=[{
                "ref": s.ref, "vendor": s.vendor, "tickets": s.numbers,
                "sent_at": timestamp_text(s.sent_at), "carrier": s.carrier,
                "tracking": s.tracking,
                "expected_back": (s.sent_at.date()
                                  + timedelta(days=vendors[s.vendor][4])).isoformat(),
                "received_at": timestamp_text(s.back_at) if s.back_at <= self.now else None,
            } for s in sent],
            contacts=[dict(c, at=timestamp_text(c["at"])) for c in sorted(
                self.contacts, key=lambda c: c["at"]) if c["at"] <= self.now],
        )


def _event(event: list[Any], vendors: dict[str, Any]) -> dict[str, Any]:
    at, status, by, note = event
    if isinstance(note, tuple):
        way, parcel = note
        name = vendors[parcel.vendor][1]
        note = f"{parcel.ref} to {name}" if way == "to" else f"Back from {name} in {parcel.ref}"
    record = {"at": timestamp_text(at), "status": status, "by": by}
    if note is not None:
        record["note"] = note
    return record


def interchange_document(
    *, store: dict[str, Any], staff: list[dict[str, Any]], vendors: list[dict[str, Any]],
    customers: list[dict[str, Any]], tickets: list[dict[str, Any]],
    shipments: list[dict[str, Any]], contacts: list[dict[str, Any]],
) -> Document:
    """A whole store in FORMAT.md's shape, from its parts already written as the format
    writes them (timestamps as text)."""
    return {
        "format": FORMAT, "version": VERSION, "store": store, "staff": staff,
        "vendors": vendors, "customers": customers, "tickets": tickets,
        "shipments": shipments, "contacts": contacts,
    }
