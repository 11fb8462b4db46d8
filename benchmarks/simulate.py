"""Simulated store histories, written as interchange documents.

A day-by-day simulation of a repair desk: pieces come in (more of them in the
holiday rush), the counter promises a date by the usual rule of thumb, bench
jewelers with limited hours and days off (planned weeks and unannounced sick
days) clear the small jobs first thing and then work their queues earliest
promise first, some pieces wait for parts, and vendor work leaves in parcels on
parcel days and comes back when the vendor really returns it — on its quote for
a reliable vendor, often a week late for one that misses its quotes, mostly in
spells of weeks when it has fallen behind rather than at random.

This is a simulator, not a data filler, and it stays apart from the one store maker
(jeweldesk/services/store_maker.py) that makes the demo's, the screenshots' and the
tests' stores: it steps day by day through a bench's hours, queues and sick days and
a vendor's spells, because the early-warning benchmark is judged against exactly how
those play out, and its figures rest on this code's own random draws. It shares with
the store maker only the shape of the document it writes (``interchange_document``).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

from benchmarks.records import COUNTER, Piece, store_document
from benchmarks.stores import (
    BEHIND_SPELL_DAYS,
    PARTS_SLIP,
    SERVICES,
    JewelerSpec,
    StoreSpec,
    VendorSpec,
)

__all__ = ["Piece", "StoreSimulation", "all_vendor_specs", "simulate"]

FIRST_NAMES = ("Dana", "Marcus", "Alicia", "Priya", "Tom", "Grace", "Luis", "Mei", "Omar", "Ruth")
LAST_NAMES = ("Whitfield", "Okafor", "Brandt", "Nair", "Castillo", "Boone", "Haddad", "Pryce")
QUICK_HOURS = 0.35  # a job small enough to be done between the others
QUICK_BUDGET = 1.5  # hours a day a jeweler gives the small jobs before the queue


class StoreSimulation:
    def __init__(self, spec: StoreSpec) -> None:
        self.spec = spec
        self.rng = random.Random(spec.seed)
        self.pieces: list[Piece] = []
        self.parcels: list[dict[str, Any]] = []
        self.customers: list[dict[str, Any]] = []
        self.next_number = 10001
        self.behind = {v.code: self.behind_days(v, i) for i, v in enumerate(spec.vendors)}
        self.away: set[tuple[str, date]] = set()  # (jeweler, day) off sick, unannounced

    # The day -----------------------------------------------------------------------------

    def run(self) -> dict[str, Any]:
        day = self.spec.start
        while day <= self.spec.end:
            if self.is_open(day):
                self.open_day(day)
            day += timedelta(days=1)
        return self.document()

    def is_open(self, day: date) -> bool:
        return day.isoweekday() in self.spec.open_weekdays and day not in self.spec.closed_dates

    def open_day(self, day: date) -> None:
        self.receive_parcels(day)
        self.parts_arrive(day)
        self.start_of_day(day)
        for jeweler in self.spec.jewelers:
            if day.isoweekday() in jeweler.weekdays and day not in jeweler.days_off:
                if self.off_sick(jeweler, day):
                    continue
                self.work(jeweler, day)
        if day.isoweekday() in self.spec.parcel_weekdays:
            self.send_parcels(day)
        if day <= self.spec.last_intake:
            self.intake(day)
        self.pickups(day)

    def intake(self, day: date) -> None:
        rate = self.spec.daily_pieces * self.spec.season(day) * self.intake_factor(day)
        for _ in range(self._poisson(rate)):
            minutes = self.rng.randint(10 * 60, 17 * 60 + 30)
            self.take_in(datetime.combine(day, time()) + timedelta(minutes=minutes))

    def take_in(self, at: datetime) -> None:
        rng = self.rng
        codes = rng.sample(self.spec.service_mix, k=rng.choice((1, 1, 1, 2, 2)))
        services = self.services_for(codes)
        hours = sum(SERVICES[c].hours for c, v in services if v is None)
        needs_parts = any(rng.random() < SERVICES[c].parts for c, v in services if v is None)
        jeweler = rng.choices(
            [j.code for j in self.spec.jewelers], [j.hours for j in self.spec.jewelers]
        )[0]
        number = f"R-{self.next_number}"
        self.next_number += 1
        promised = self.promise_for(at, services, hours, jeweler)
        occasion = None
        if rng.random() < 0.2:
            what = rng.choice(("Anniversary dinner", "Wedding", "Birthday", "Graduation"))
            occasion = (what, promised + timedelta(days=rng.choice((-1, 0, 1, 2, 3, 5, 8, 12))))
        piece = Piece(
            number, self.new_customer(), at, promised, services, jeweler,
            hours * rng.uniform(0.7, 1.5), rng.randint(3, 12) if needs_parts else None, occasion,
        )
        piece.move(at, "received", COUNTER)
        piece.left_hours = piece.bench_hours
        if hours == 0 or (self.spec.vendor_first and any(v for _, v in services)):
            self.ready_to_ship(piece)
        self.pieces.append(piece)

    def services_for(self, codes: list[str]) -> list[tuple[str, str | None]]:
        """The services a piece taken in is down for: one vendor's work at most."""
        services: list[tuple[str, str | None]] = []
        for code in dict.fromkeys(codes):
            vendor = self.spec.vendor_for.get(code)
            if vendor is None or not any(v for _, v in services):
                services.append((code, vendor))
        return services

    def promise_for(
        self, at: datetime, services: list[tuple[str, str | None]], hours: float, jeweler: str
    ) -> date:
        """The date the counter promises a piece taken in now."""
        return self.promise(at.date(), services, hours, self.backlog_days(jeweler))

    def backlog_days(self, jeweler: str) -> int:
        """What a glance at the jeweler's pile of envelopes tells the counter: about half
        the days of work really waiting there."""
        spec = next(j for j in self.spec.jewelers if j.code == jeweler)
        waiting = sum(p.left_hours for p in self.pieces if p.jeweler == jeweler
                      and p.stage in ("queue", "finish"))
        return int(0.5 * waiting / spec.hours)

    def promise(
        self, day: date, services: list[tuple[str, str | None]], hours: float, backlog: int = 0
    ) -> date:
        """The counter's rule of thumb: the vendor's quote plus a few days, or a week, and a
        little more when the bench is visibly behind."""
        quotes = [self.spec.vendor(v).quote for _, v in services if v]
        bench_days = 3 + int(hours // 2) + self.rng.choice((0, 1, 2)) + backlog
        if self.spec.season(day) > 1.2:
            bench_days += self.rng.choice((0, 1, 2, 3))  # the counter knows the rush is on
        if quotes:
            leaves = self.add_open(day, 1)
            while leaves.isoweekday() not in self.spec.parcel_weekdays:
                leaves = self.add_open(leaves, 1)
            out = leaves + timedelta(days=max(quotes))
            return self.add_open(out, 2 + self.rng.choice((0, 1, 2)))
        return self.add_open(day, bench_days)

    def behind_days(self, vendor: VendorSpec, index: int) -> frozenset[date]:
        """The days a vendor is behind on its work: spells of weeks, not single bad parcels."""
        rng = random.Random(self.spec.seed * 7919 + index)
        share = vendor.behind_share
        if share <= 0:
            return frozenset()
        low, high = BEHIND_SPELL_DAYS
        start_chance = share / ((low + high) / 2 * (1 - share))
        found: set[date] = set()
        day = self.spec.start - timedelta(days=60)
        while day <= self.spec.end:
            if rng.random() < start_chance:
                length = rng.randint(low, high)
                found.update(day + timedelta(days=i) for i in range(length))
                day += timedelta(days=length)
            day += timedelta(days=1)
        return frozenset(found)

    def off_sick(self, jeweler: JewelerSpec, day: date) -> bool:
        """A day lost without notice; now and then the next workday too."""
        if (jeweler.code, day) in self.away:
            return True
        if self.rng.random() >= jeweler.sick_share:
            return False
        if self.rng.random() < 0.4:
            self.away.add((jeweler.code, self.add_open(day, 1)))
        return True

    def work(self, jeweler: JewelerSpec, day: date) -> None:
        clock = datetime.combine(day, time(9, 0))
        hours = jeweler.hours * self.rng.uniform(0.8, 1.1)
        waiting = sorted(
            (
                p for p in self.pieces
                if p.jeweler == jeweler.code
                and (p.stage == "finish" or (p.stage == "queue" and p.received_at.date() < day))
            ),
            key=lambda p: (p.received_at,) if self.spec.as_taken_in else (
                p.promised_for, p.received_at),
        )
        waiting = self.bench_order(waiting)
        hours *= self.pace_factor(jeweler, waiting)
        # The small jobs (a battery, a clean, a piece back from the vendor) are cleared first
        # thing, up to about an hour and a half; then the bench goes earliest promise first
        # (or, in a store that works that way, as the pieces came in).
        quick: list[Piece] = []
        for piece in waiting:
            small = piece.left_hours <= QUICK_HOURS and piece.parts_days is None
            if small and sum(p.left_hours for p in quick) + piece.left_hours <= QUICK_BUDGET:
                quick.append(piece)
        queue = quick + [p for p in waiting if p not in quick]
        for piece in queue:
            if hours <= 0:
                break
            if piece.status != "at_bench":
                piece.move(clock, "at_bench", jeweler.code)
            if piece.parts_days is not None:
                spent = min(hours, 0.3)
                hours -= spent
                clock += timedelta(hours=spent)
                self.set_aside_for_parts(piece, clock, day, jeweler)
                continue
            spent = min(hours, piece.left_hours)
            hours -= spent
            piece.left_hours -= spent
            clock += timedelta(hours=spent)
            if piece.left_hours > 1e-9:
                break
            if piece.stage == "queue" and any(v for _, v in piece.services) and not piece.sent:
                self.ready_to_ship(piece)
            else:
                self.finish(piece, clock, day, jeweler)

    # Hooks another way of working changes (benchmarks/flows.py) --------------------------

    def start_of_day(self, day: date) -> None:
        """Work carried over from yesterday, before the bench starts: none here."""

    def intake_factor(self, day: date) -> float:
        return 1.0

    def bench_order(self, waiting: list[Piece]) -> list[Piece]:
        return waiting

    def pace_factor(self, jeweler: JewelerSpec, waiting: list[Piece]) -> float:
        return 1.0

    def set_aside_for_parts(
        self, piece: Piece, clock: datetime, day: date, jeweler: JewelerSpec
    ) -> None:
        assert piece.parts_days is not None
        due = day + timedelta(days=piece.parts_days)
        piece.move(clock, "waiting_parts", jeweler.code, self.parts_note(piece, due))
        piece.stage, piece.due = "parts", due
        piece.parts_days = None

    def finish(self, piece: Piece, clock: datetime, day: date, jeweler: JewelerSpec) -> None:
        piece.move(clock, "quality_check", jeweler.code)
        piece.move(clock + timedelta(minutes=10), "ready", jeweler.code)
        self.picked_up_after(piece, day)

    def picked_up_after(self, piece: Piece, day: date) -> None:
        piece.stage = "done"
        piece.due = self.add_open(day, self.rng.choice((0, 1, 2, 3, 5, 8)))

    def days_out(self, vendor: VendorSpec, day: date) -> int:
        return vendor.turnaround(
            self.rng, self.spec.season(day), day in self.behind[vendor.code], sent=day,
            steady=self.spec.steady_vendors,
        )

    def back_on(self, vendor: VendorSpec, back: date) -> date:
        while not self.is_open(back):
            back += timedelta(days=1)
        return back

    def parts_note(self, piece: Piece, due: date) -> str:
        """What the jeweler writes: the supplier's date where this store notes one, which
        the parts keep or miss by a few days (drawn apart, so the history is the same)."""
        if not self.spec.parts_dates:
            return "Parts ordered"
        piece.parts_quote = due - timedelta(days=random.Random(piece.number).choice(PARTS_SLIP))
        return f"Parts expected {piece.parts_quote.isoformat()}. Parts ordered"

    def ready_to_ship(self, piece: Piece) -> None:
        piece.stage = "to_ship"
        piece.vendor = next(v for _, v in piece.services if v)

    def send_parcels(self, day: date) -> None:
        sent_at = datetime.combine(day, time(16, 30))
        by_vendor: dict[str, list[Piece]] = {}
        for piece in self.pieces:
            if piece.stage == "to_ship" and piece.last_at < sent_at and piece.vendor:
                by_vendor.setdefault(piece.vendor, []).append(piece)
        for code, pieces in by_vendor.items():
            vendor = self.spec.vendor(code)
            ref = f"S-{len(self.parcels) + 1}"
            back = self.back_on(vendor, day + timedelta(days=self.days_out(vendor, day)))
            for piece in pieces:
                piece.move(sent_at, "at_vendor", COUNTER, f"{ref} to {vendor.name}")
                piece.stage, piece.due, piece.sent = "out", back, True
            self.parcels.append({
                "ref": ref, "vendor": code, "tickets": [p.number for p in pieces],
                "sent_at": sent_at, "carrier": "UPS", "tracking": f"1Z{self.rng.randrange(10**9)}",
                "expected_back": day + timedelta(days=vendor.quote), "received_at": None,
                "_back": back,
            })

    def receive_parcels(self, day: date) -> None:
        at = datetime.combine(day, time(11, 0))
        for parcel in self.parcels:
            if parcel["received_at"] is None and parcel["_back"] <= day:
                parcel["received_at"] = at
        for piece in self.pieces:
            if piece.stage == "out" and piece.due and piece.due <= day:
                piece.move(at + timedelta(minutes=5), "at_bench", COUNTER, "Back from vendor")
                if self.out_again(piece):
                    continue
                if piece.left_hours > 0:  # its bench work is still to do, in the queue
                    piece.stage = "queue"
                else:
                    piece.stage, piece.left_hours = "finish", 0.3

    def out_again(self, piece: Piece) -> bool:
        """Whether a piece back from one vendor goes straight out to another: never here."""
        return False

    def parts_arrive(self, day: date) -> None:
        for piece in self.pieces:
            if piece.stage == "parts" and piece.due and piece.due <= day:
                piece.move(datetime.combine(day, time(10, 0)), "at_bench", piece.jeweler)
                piece.stage = "queue"

    def pickups(self, day: date) -> None:
        for piece in self.pieces:
            if piece.stage == "done" and piece.due and piece.due <= day:
                piece.move(datetime.combine(day, time(17, 45)), "picked_up", COUNTER)
                piece.stage = "picked_up"

    # Helpers -----------------------------------------------------------------------------

    def add_open(self, day: date, count: int) -> date:
        while count > 0 or not self.is_open(day):
            day += timedelta(days=1)
            count -= self.is_open(day)
        return day

    def _poisson(self, rate: float) -> int:
        count, total = 0, self.rng.expovariate(1.0)
        while total < rate:
            count += 1
            total += self.rng.expovariate(1.0)
        return count

    def new_customer(self) -> str:
        ref = f"C-{len(self.customers) + 1}"
        name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
        phone = f"+1 601 555 {self.rng.randrange(10000):04d}"
        self.customers.append({"ref": ref, "name": name, "phone": phone, "email": None,
                               "notes": None})
        return ref

    def document(self) -> dict[str, Any]:
        return store_document(self.spec, self.customers, self.pieces, self.parcels)


def simulate(spec: StoreSpec) -> dict[str, Any]:
    """One store's whole history as an interchange document; a store of another family
    (its ``habits``) works as ``benchmarks.flows`` has it."""
    if spec.habits:
        from benchmarks.flows import OtherFlows  # it builds on this module

        return OtherFlows(spec).run()
    return StoreSimulation(spec).run()


def all_vendor_specs(stores: list[StoreSpec]) -> Iterator[VendorSpec]:
    for store in stores:
        yield from store.vendors
