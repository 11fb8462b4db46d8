"""Stores whose work flows another way than ``simulate`` assumes: the other families.

``simulate`` holds one idea of a repair desk: jewelers clear the small jobs and
then go earliest promise first at an even pace, vendors fall behind in spells of
weeks each on its own, quality check is a formality. The early-warning engine was
built and tuned against that idea. A store's real work may flow otherwise, and
the families here are written from other ideas, before the engine was changed for
them (their habits are listed in ``FLOW_HABITS``):

The bench family: a jeweler who picks the quickest job first, or works in batches
of one kind of job; quality check that takes till the next morning and sends about
one piece in seven back to the bench; parts waits nobody records (the piece simply
sits on the bench); absences of several days nobody enters; benches that work
faster the deeper their queue, and so catch up after an absence; intake that
doubles for three weeks the counter did not see coming.

The vendor family: vendors that return their parcels in one weekly batch; a carrier
that slows every vendor's parcels together for weeks; vendors that come back a few
days past their quote often, in spells; pieces that go to two vendors one after
the other (casting, then plating), promised by the sum of the quotes.

The draws are the store's own (``StoreSpec.seed``): the same spec, the same history.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from benchmarks.records import Piece
from benchmarks.simulate import StoreSimulation
from benchmarks.stores import JewelerSpec, StoreSpec, VendorSpec

SHORTEST_FIRST = "shortest_first"  # the bench takes the quickest job waiting first
BATCHES = "batches"  # the bench does all waiting pieces of one kind together
QC_REWORK = "qc_rework"  # quality check the next morning; some pieces go back to the bench
PARTS_UNRECORDED = "parts_unrecorded"  # a parts wait leaves the piece at the bench, unsaid
LONG_ABSENCES = "long_absences"  # absences of days at a time that nobody enters
DEEP_QUEUE_PACE = "deep_queue_pace"  # a deeper queue is worked faster
WEEKLY_RETURNS = "weekly_returns"  # vendors send back everything done once a week
CARRIER_SPELLS = "carrier_spells"  # the carrier slows every vendor's parcels together
TWO_VENDORS = "two_vendors"  # some pieces go to a second vendor once back from the first
FLOW_HABITS = frozenset({
    SHORTEST_FIRST, BATCHES, QC_REWORK, PARTS_UNRECORDED, LONG_ABSENCES, DEEP_QUEUE_PACE,
    WEEKLY_RETURNS, CARRIER_SPELLS, TWO_VENDORS,
})

REWORK_SHARE = 0.15  # pieces quality check sends back to the bench
REWORK_HOURS = (0.4, 2.0)  # bench hours a piece sent back needs
ABSENCE_SHARE = 0.012  # workdays that start an absence of several days
ABSENCE_DAYS = (2, 6)  # usual workdays such an absence lasts
DEEP_QUEUE_DAYS = 3.0  # days of work waiting at which a bench works fastest
DEEP_QUEUE_GAIN = 0.4  # how much faster then
RETURN_WEEKDAY = 4  # vendors that batch their returns ship them on Thursdays
CARRIER_SPELL_SHARE = 0.2  # share of the season the carrier is slow
CARRIER_SPELL_DAYS = (14, 28)
CARRIER_DELAY = (2, 4)  # days a slow carrier adds to a parcel's trip
TWO_VENDOR_SHARE = 0.3  # pieces with vendor work that go on to a second vendor
SECOND_VENDOR = ("rhodium_plating", "engraving")  # what a second trip is for


class OtherFlows(StoreSimulation):
    def __init__(self, spec: StoreSpec) -> None:
        super().__init__(spec)
        self.habits = spec.habits
        self.flow_rng = random.Random(spec.seed * 104729 + 17)
        self.carrier_slow = self._carrier_spells() if CARRIER_SPELLS in spec.habits else set()
        self.checking: list[tuple[Piece, str]] = []  # in quality check till the next morning
        self.reworked: set[str] = set()

    # The bench ---------------------------------------------------------------------------

    def intake_factor(self, day: date) -> float:
        surge = self.spec.surge
        return 2.0 if surge is not None and surge[0] <= day <= surge[1] else 1.0

    def bench_order(self, waiting: list[Piece]) -> list[Piece]:
        if SHORTEST_FIRST in self.habits:
            return sorted(waiting, key=lambda p: (p.left_hours, p.received_at))
        if BATCHES in self.habits:
            kinds: dict[str, list[Piece]] = {}
            for piece in waiting:  # earliest promise first within each kind
                kinds.setdefault(_kind(piece), []).append(piece)
            batches = sorted(kinds.values(), key=lambda ps: (-len(ps), ps[0].promised_for))
            return [p for batch in batches for p in batch]
        return waiting

    def pace_factor(self, jeweler: JewelerSpec, waiting: list[Piece]) -> float:
        if DEEP_QUEUE_PACE not in self.habits:
            return 1.0
        backlog = sum(p.left_hours for p in waiting) / jeweler.hours
        return 1.0 + DEEP_QUEUE_GAIN * min(1.0, backlog / DEEP_QUEUE_DAYS)

    def off_sick(self, jeweler: JewelerSpec, day: date) -> bool:
        if (LONG_ABSENCES in self.habits and (jeweler.code, day) not in self.away
                and self.flow_rng.random() < ABSENCE_SHARE):
            following = day
            for _ in range(self.flow_rng.randint(*ABSENCE_DAYS) - 1):
                following = self.add_open(following, 1)
                self.away.add((jeweler.code, following))
            return True
        return super().off_sick(jeweler, day)

    def set_aside_for_parts(
        self, piece: Piece, clock: datetime, day: date, jeweler: JewelerSpec
    ) -> None:
        if PARTS_UNRECORDED not in self.habits:
            super().set_aside_for_parts(piece, clock, day, jeweler)
            return
        # The piece stays at the bench, on record only as at the bench since it was begun.
        assert piece.parts_days is not None
        piece.stage, piece.due = "parts", day + timedelta(days=piece.parts_days)
        piece.parts_days = None

    def parts_arrive(self, day: date) -> None:
        if PARTS_UNRECORDED not in self.habits:
            super().parts_arrive(day)
            return
        for piece in self.pieces:
            if piece.stage == "parts" and piece.due and piece.due <= day:
                piece.stage = "queue"

    def finish(self, piece: Piece, clock: datetime, day: date, jeweler: JewelerSpec) -> None:
        if QC_REWORK not in self.habits:
            super().finish(piece, clock, day, jeweler)
            return
        piece.move(clock, "quality_check", jeweler.code)
        piece.stage = "check"
        self.checking.append((piece, jeweler.code))

    def start_of_day(self, day: date) -> None:
        checking, self.checking = self.checking, []
        at = datetime.combine(day, time(9, 30))
        for piece, by in checking:
            if piece.number not in self.reworked and self.flow_rng.random() < REWORK_SHARE:
                self.reworked.add(piece.number)
                piece.move(at, "at_bench", by, "Back to the bench from quality check")
                piece.left_hours = self.flow_rng.uniform(*REWORK_HOURS)
                piece.stage = "finish"
            else:
                piece.move(at, "ready", by)
                self.picked_up_after(piece, day)

    # Vendors -----------------------------------------------------------------------------

    def services_for(self, codes: list[str]) -> list[tuple[str, str | None]]:
        services = super().services_for(codes)
        first = next((v for _, v in services if v), None)
        if TWO_VENDORS not in self.habits or first is None:
            return services
        if self.flow_rng.random() >= TWO_VENDOR_SHARE:
            return services
        for code in SECOND_VENDOR:
            vendor = self.spec.vendor_for.get(code)
            if vendor is not None and vendor != first and code not in dict(services):
                return [*services, (code, vendor)]
        return services

    def promise(
        self, day: date, services: list[tuple[str, str | None]], hours: float, backlog: int = 0
    ) -> date:
        vendors = list(dict.fromkeys(v for _, v in services if v))
        if len(vendors) < 2:
            return super().promise(day, services, hours, backlog)
        # Two trips: the counter adds the quotes and a week for the parcels between.
        quotes = sum(self.spec.vendor(v).quote for v in vendors)
        return self.add_open(day + timedelta(days=quotes), 5 + self.rng.choice((0, 1, 2)))

    def out_again(self, piece: Piece) -> bool:
        visited = {e["note"].split(" to ", 1)[1] for e in piece.events
                   if e["status"] == "at_vendor" and e.get("note")}
        names = {v.code: v.name for v in self.spec.vendors}
        left = [v for _, v in piece.services if v and names[v] not in visited]
        if not left:
            return False
        piece.stage, piece.vendor = "to_ship", left[0]
        return True

    def days_out(self, vendor: VendorSpec, day: date) -> int:
        days = super().days_out(vendor, day)
        if day in self.carrier_slow:
            days += 2 * self.flow_rng.randint(*CARRIER_DELAY)  # there and back again
        return days

    def back_on(self, vendor: VendorSpec, back: date) -> date:
        if WEEKLY_RETURNS in self.habits:
            while back.isoweekday() != RETURN_WEEKDAY:
                back += timedelta(days=1)
            back += timedelta(days=1)  # in the store the morning after it ships
        return super().back_on(vendor, back)

    def _carrier_spells(self) -> set[date]:
        rng = random.Random(self.spec.seed * 15485863 + 3)
        low, high = CARRIER_SPELL_DAYS
        chance = CARRIER_SPELL_SHARE / ((low + high) / 2 * (1 - CARRIER_SPELL_SHARE))
        found: set[date] = set()
        day = self.spec.start
        while day <= self.spec.end:
            if rng.random() < chance:
                length = rng.randint(low, high)
                found.update(day + timedelta(days=i) for i in range(length))
                day += timedelta(days=length)
            day += timedelta(days=1)
        return found


def _kind(piece: Piece) -> str:
    bench = [c for c, v in piece.services if v is None]
    return bench[0] if bench else "finishing"


__all__ = ["FLOW_HABITS", "OtherFlows"]
