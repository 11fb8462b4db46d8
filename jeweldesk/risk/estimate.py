"""When an open piece will really be ready, from where it is now.

An estimate (``outcomes``) is built stage by stage — the bench queue, waiting
for parts and then the queue again, the next parcel out, the vendor, the
finishing after it — each stage drawn from the store's own history and, for a
stage already under way, only from the outcomes still possible after the time
it has already taken.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from jeweldesk.domain.calendar import days_after
from jeweldesk.domain.parts_note import parts_date
from jeweldesk.domain.status import BENCH_QUEUE_STATUSES
from jeweldesk.domain.writing import short_day
from jeweldesk.risk import words
from jeweldesk.risk.history import History, Parcel, Ticket
from jeweldesk.risk.learn import Knowledge
from jeweldesk.risk.outcomes import OUTCOMES, Estimate, remaining, spread
from jeweldesk.risk.queue import QueueForecast, forecast_queue
from jeweldesk.risk.route import (
    bench_after_vendor,
    bench_queues,
    bench_work_done,
    needs_bench,
    pending_vendors,
)
from jeweldesk.risk.vendors import VendorRecord, quoted_extra

__all__ = ["OUTCOMES", "Estimate", "Estimator"]

# The outcome a stage's date is said at: the middle one, as the morning list says its
# expected-ready date. Whether a promise is at risk is decided from the share of outcomes
# after it, not from this date.
CAUTION = 0.5
PRIOR_FINISHING = (0, 0, 1, 1, 2)
MIN_FINISHING = 5  # pieces back from a vendor and ready since, before their time speaks
PRIOR_QUALITY_CHECK = (0, 0, 0, 1)
# Open days until a piece a box came back without comes in on its own, until the store has
# its own record of such pieces: days for a vendor that only mislaid it, weeks for one that
# must redo the work.
PRIOR_MISSING_BACK = (2, 3, 4, 5, 6, 8, 10, 14)
MIN_MISSING = 5  # pieces missing from a box and back since, before their time speaks


class Estimator:
    def __init__(
        self, history: History, knowledge: Knowledge, *, trust_quotes: bool = False
    ) -> None:
        self.reading = CAUTION  # the share of outcomes at or before a date said in a reason
        self.history = history
        self.know = knowledge
        self.calendar = history.calendar
        self.today = knowledge.today
        self.today_ord = self.calendar.ordinal(knowledge.today)
        self.trust_quotes = trust_quotes
        self.queues = bench_queues(
            history, knowledge.today, knowledge.order, knowledge.vendor_first,
            knowledge.work_hours)
        self._forecasts: dict[str | None, QueueForecast] = {}
        self._arrivals: dict[str, list[int]] = {}
        self._vendor_back: dict[str, tuple[list[int], list[str]]] = {}
        self._waiting_for_parts: dict[str | None, list[Ticket]] = {}
        self._out_first: dict[str | None, list[Ticket]] = {}  # bench work once back
        for piece in history.tickets:
            if piece.status == "waiting_parts":
                self._waiting_for_parts.setdefault(piece.assigned_to, []).append(piece)
            elif self._bench_after(piece) and (piece.status == "at_vendor" or (
                    piece.status in BENCH_QUEUE_STATUSES and pending_vendors(piece, history))):
                self._out_first.setdefault(piece.assigned_to, []).append(piece)

    def ticket(self, ticket: Ticket) -> Estimate:
        status = ticket.status
        if status == "at_vendor":
            return self._at_vendor(ticket)
        if status == "quality_check":
            return self._quality_check(ticket)
        if status == "waiting_parts":
            return self._waiting_parts(ticket)
        pending = pending_vendors(ticket, self.history)
        if pending:
            return self._waiting_to_go_out(ticket, pending[0])
        back = self._back_from_vendor(ticket)
        if back is not None and not self._bench_after(ticket):
            reasons = [f"back from the vendor {short_day(back)}; finishing at the bench"]
            return self._finishing(ticket, self._since(back), [self._ord(back)], reasons)
        bench = self._bench(ticket)
        if back is not None:  # its bench work waited for the vendor
            floor = spread(self.today_ord + d for d in self._back_to_ready(self._since(back)))
            bench = Estimate(spread(max(o, f) for o, f in zip(
                spread(bench.outcomes), floor, strict=True)), bench.reasons)
        return bench

    # Stages -------------------------------------------------------------------------------

    def _at_vendor(self, ticket: Ticket) -> Estimate:
        back, reasons = self._back_from_parcel(ticket)
        return self._after_vendor(ticket, back, reasons)

    def _back_from_parcel(self, ticket: Ticket) -> tuple[list[int], list[str]]:
        """Equally likely open days the piece out now is back, and why."""
        if ticket.number in self._vendor_back:
            return self._known_back(ticket)
        parcels = self.history.parcels_by_ticket.get(ticket.number, ())
        parcel = parcels[-1] if parcels else self._parcel_from_event(ticket)
        box_back = parcel.came_back_without(ticket.number)
        if box_back is not None and not self.trust_quotes:
            return self._missing_from_box(ticket, parcel, box_back.date())
        record = self._record(parcel.vendor)
        days = self._turnaround(record, parcel)
        elapsed = (self.today - parcel.sent_at.date()).days
        back = [self._after(parcel.sent_at.date(), d) for d in spread(remaining(days, elapsed))]
        reasons = [words.vendor_record(record)] if not self.trust_quotes else []
        said = f"parcel {parcel.ref} left {short_day(parcel.sent_at.date())}"
        if self.today > parcel.expected_back:
            late = (self.today - parcel.expected_back).days
            said += (
                f" and is {words.days(late)} past the {short_day(parcel.expected_back)} "
                f"{record.name} quoted"
            )
        expected_back = self.calendar.day_at(Estimate(back).quantile(self.reading))
        reasons.append(f"{said}; expected back {short_day(expected_back)}")
        self._vendor_back[ticket.number] = (back, list(reasons))
        return back, reasons

    def _missing_from_box(
        self, ticket: Ticket, parcel: Parcel, box_back: date
    ) -> tuple[list[int], list[str]]:
        """A piece its parcel came back without: back once the vendor sends it on its own,
        as such pieces here have come (or, with too few on record, as they usually do)."""
        spans = self.know.missing_back
        if len(spans) < MIN_MISSING:
            spans = PRIOR_MISSING_BACK
        start = self._ord(box_back)
        back = spread(max(self.today_ord, start + d)
                      for d in remaining(spans, self._since(box_back)))
        expected = self.calendar.day_at(Estimate(back).quantile(self.reading))
        vendor = self._record(parcel.vendor).name
        reasons = [f"parcel {parcel.ref} came back {short_day(box_back)} without it; "
                   f"ask {vendor} where it is (expected back about {short_day(expected)})"]
        self._vendor_back[ticket.number] = (back, list(reasons))
        return back, reasons

    def _waiting_to_go_out(self, ticket: Ticket, vendor: str) -> Estimate:
        back, reasons = self._back_from_next_parcel(ticket, vendor)
        return self._after_vendor(ticket, back, reasons)

    def _back_from_next_parcel(self, ticket: Ticket, vendor: str) -> tuple[list[int], list[str]]:
        """Equally likely open days a piece still to go out is back, and why: after its bench
        work where that comes first, and the next parcel to the vendor."""
        if ticket.number in self._vendor_back:
            return self._known_back(ticket)
        reasons: list[str] = []
        # A piece in today waits for tomorrow's parcel, where none has gone out the day in.
        in_today = ticket.received_at.date() == self.today and not self.know.out_the_day_in
        leave = [self.today_ord + in_today]
        if (ticket.bench_services and not self._bench_after(ticket)
                and not bench_work_done(ticket, self.history, self.today)):
            bench = self._bench(ticket)
            leave, reasons = bench.outcomes, bench.reasons
        leave_days = [self._parcel_day(o) for o in leave]
        record = self._record(vendor)
        quote = [record.quote] if self.trust_quotes else list(record.turnaround)
        back = spread(self._after(d, t) for d in leave_days for t in spread(quote))
        first = sorted(leave_days)[min(len(leave_days) - 1, int(self.reading * len(leave_days)))]
        if not self.trust_quotes:
            reasons.append(words.vendor_record(record))
        reasons.append(
            f"waits to go out to {record.name}; next parcel about {short_day(first)}, "
            f"expected back "
            f"{short_day(self.calendar.day_at(Estimate(back).quantile(self.reading)))}"
        )
        self._vendor_back[ticket.number] = (back, list(reasons))
        return back, reasons

    def _known_back(self, ticket: Ticket) -> tuple[list[int], list[str]]:
        """When the piece is back, as already worked out for its jeweler's queue."""
        back, reasons = self._vendor_back[ticket.number]
        return back, list(reasons)

    def _after_vendor(self, ticket: Ticket, back: list[int], reasons: list[str]) -> Estimate:
        """Once back from the vendor: finished at the bench, or, where its bench work waited
        for the vendor, that work in the jeweler's queue, which it joins the day it is back."""
        if not self._bench_after(ticket):
            return self._finishing(ticket, 0, back, reasons)
        outcomes = self._through_queue(ticket, back, from_vendor=True)
        who = self.history.staff_name(ticket.assigned_to)
        reasons = [*reasons, f"then its bench work in {who}'s queue "
                   f"({words.order(self.know.order)})"]
        return Estimate(outcomes, reasons + self._days_off(ticket.assigned_to, outcomes))

    def _through_queue(
        self, ticket: Ticket, joins: Sequence[int], from_vendor: bool = False
    ) -> list[int]:
        """Off the bench, for a piece that joins its jeweler's queue on one of the equally
        likely open days ``joins``: its turn there, and never before its own bench work is
        done after it joins."""
        off_bench = self._forecast(ticket.assigned_to).outcomes.get(ticket.number)
        own = spread(self._own_bench_days(ticket, elapsed=None))
        # Back from the vendor, never sooner than such pieces have been ready here after it.
        floor = spread(self._back_to_ready(0)) if from_vendor else [0] * len(own)
        return spread(
            max(off, got + max(d, f)) for off, got, d, f in zip(
                spread(off_bench or joins), spread(joins), own, floor, strict=True)
        )

    def _back_to_ready(self, elapsed: int) -> list[int]:
        """Open days still to come from back-from-vendor to ready, for a piece whose bench
        work waited for the vendor and that has been back ``elapsed`` open days: as such
        pieces here took, else as long as any piece back from a vendor took here."""
        spans = self.know.after_vendor
        if len(spans) < MIN_FINISHING:
            spans = self.know.finishing
        if len(spans) < MIN_FINISHING:
            return [0]
        return [max(0, d - elapsed) for d in remaining(spans, elapsed)]

    def _bench_after(self, ticket: Ticket) -> bool:
        return bench_after_vendor(ticket, self.know.vendor_first)

    def _waiting_parts(self, ticket: Ticket) -> Estimate:
        """Parts in, then back in the jeweler's queue in its place, then any vendor."""
        since, noted = self._parts_order(ticket)
        arrive = self._parts_in(ticket)
        if noted is not None:
            reasons = [f"waiting for parts since {short_day(since)}; expected "
                       f"{short_day(noted)}, and parts here have come in about "
                       f"{words.days(self._usual_slip())} after the date given"]
        else:
            waits = self.know.parts.durations(since, None)
            usual = sorted(waits)[len(waits) // 2]
            reasons = [f"waiting for parts since {short_day(since)}; parts have taken about "
                       f"{words.days(usual)} here"]
        after_bench = self._through_queue(ticket, arrive)
        if needs_bench(ticket, self.history):
            reasons.append(
                f"then back in {self.history.staff_name(ticket.assigned_to)}'s queue "
                f"({words.order(self.know.order)})"
            )
        pending = pending_vendors(ticket, self.history)
        if not pending:
            return Estimate(after_bench, reasons)
        record = self._record(pending[0])
        days = [record.quote] if self.trust_quotes else list(record.turnaround)
        back = spread(
            self._after(self._parcel_day(o), t) for o in after_bench for t in spread(days)
        )
        reasons.append(f"then goes out to {record.name}")
        return self._finishing(ticket, 0, back, reasons)

    def _parts_order(self, ticket: Ticket) -> tuple[date, date | None]:
        """When the piece was put aside for parts, and the parts date noted then, if any."""
        event = ticket.events[-1] if ticket.events else None
        if event is None or event.status != "waiting_parts":
            return ticket.status_since.date(), None
        return event.at.date(), parts_date(event.note, event.at.date())

    def _parts_in(self, ticket: Ticket) -> list[int]:
        """Equally likely open days (ordinals) the piece's parts are in hand."""
        found = self._arrivals.get(ticket.number)
        if found is None:
            since, noted = self._parts_order(ticket)
            elapsed = (self.today - since).days
            waits = self.know.parts.durations(since, noted)
            found = [self._after(since, d) for d in spread(remaining(waits, elapsed))]
            self._arrivals[ticket.number] = found
        return found

    def _usual_slip(self) -> int:
        slips = self.know.parts.durations(self.today, self.today)
        return max(0, sorted(slips)[len(slips) // 2])

    def _quality_check(self, ticket: Ticket) -> Estimate:
        checks = self.know.quality_check
        if len(checks) < 5:
            checks = PRIOR_QUALITY_CHECK
        since = ticket.status_since.date()
        elapsed = self._since(since)
        start = self._ord(since)
        outcomes = [max(self.today_ord, start + d) for d in spread(remaining(checks, elapsed))]
        return Estimate(outcomes, [f"in quality check since {short_day(since)}"])

    def _bench(self, ticket: Ticket) -> Estimate:
        quick = [self._quick_days(code, ticket.assigned_to) for code in ticket.bench_services]
        if quick and all(quick) and ticket.status in BENCH_QUEUE_STATUSES:
            return self._quick(ticket, max(quick, key=max))
        jeweler = ticket.assigned_to
        queue = self.queues.get(jeweler, [])
        ahead = queue.index(ticket.number) if ticket.number in queue else len(queue)
        pace = self.know.bench.pace_of(jeweler)
        forecast = self._forecast(jeweler)
        off_bench = forecast.outcomes.get(ticket.number)
        if off_bench is None:  # not waiting in the queue: counted behind all of it
            done = self.know.bench.done_on(self.calendar, self.today, jeweler, ahead + 1)
            off_bench = (done,)
        started = self._bench_start(ticket)
        own = self._own_bench_days(ticket, elapsed=self._since(started) if started else None)
        own_days = spread(own, len(off_bench))
        outcomes = spread(
            max(day, self.today_ord + d) for day, d in zip(off_bench, own_days, strict=True)
        )
        who = self.history.staff_name(jeweler)
        if ahead:
            reasons = [f"{who} has {words.pieces(ahead)} ahead of it "
                       f"({words.order(self.know.order)}) and has finished about {pace:.1f} "
                       "a day lately"]
        else:
            reasons = [f"nothing is ahead of it in {who}'s queue"]
        left = sorted(own)[len(own) // 2]
        if left >= 2:
            reasons.append(f"its own work takes about {words.days(left)} more at the bench here")
        if forecast.away_now:
            reasons.append(
                f"{who} has not moved a piece on the last {words.days(forecast.away_now)} "
                "they usually work"
            )
        return Estimate(outcomes, reasons + self._days_off(jeweler, outcomes))

    def _quick_days(self, code: str, jeweler: str | None) -> tuple[int, ...]:
        """How this jeweler's pieces of a service done between the others have gone: their
        own record where they have one, else the store's; empty when not done that way."""
        own = self.know.quick_own.get((jeweler, code))
        return own if own is not None else self.know.quick.get(code, ())

    def _quick(self, ticket: Ticket, days: Sequence[int]) -> Estimate:
        """A small job the jewelers do between the others: on the jeweler's next working
        days, as such jobs have been (``days`` counts the jeweler's working days), once a
        jeweler who is away now is back, as absences here have lasted."""
        received = ticket.received_at.date()
        bench, jeweler = self.know.bench, ticket.assigned_to
        yesterday = self.today - timedelta(days=1)
        elapsed = bench.workdays_between(self.calendar, jeweler, received, yesterday)
        away = bench.away_so_far.get(jeweler, 0)
        later = bench.still_away(jeweler)
        # ``days`` count from the day it came in: for a piece in before today, today is the
        # first of them still to come; for one taken in today, tomorrow is.
        first = 1 if received < self.today else 0
        outcomes = spread(
            max(self.today_ord, bench.workday_after(
                self.calendar, jeweler, self.today, max(0, d - elapsed - first) + extra))
            for d in spread(remaining(days, elapsed)) for extra in later
        )
        names = " and ".join(c.replace("_", " ") for c in ticket.bench_services)
        who = self.history.staff_name(jeweler)
        reasons = [f"{names} is done between other work here, usually on {who}'s next "
                   "working day"]
        if away:
            reasons.append(
                f"{who} has not moved a piece on the last {words.days(away)} they usually work"
            )
        return Estimate(outcomes, reasons + self._days_off(jeweler, outcomes))

    def _forecast(self, jeweler: str | None) -> QueueForecast:
        found = self._forecasts.get(jeweler)
        if found is None:
            queue = [self.history.ticket_by_number[n] for n in self.queues.get(jeweler, [])]
            found = forecast_queue(
                queue, jeweler, self.know.bench, self.know.intake, self.calendar, self.today,
                coming=self._coming(jeweler), order=self.know.order, hours=self.know.work_hours,
            )
            self._forecasts[jeweler] = found
        return found

    def _coming(self, jeweler: str | None) -> list[tuple[Ticket, list[int]]]:
        """This jeweler's pieces not in the queue yet that join it: those waiting for parts,
        once parts are in, and those whose bench work waits for the vendor, once back."""
        coming = [
            (t, self._parts_in(t)) for t in self._waiting_for_parts.get(jeweler, ())
            if needs_bench(t, self.history)
        ]
        for piece in self._out_first.get(jeweler, ()):
            if piece.status == "at_vendor":
                back, _ = self._back_from_parcel(piece)
            else:
                vendor = pending_vendors(piece, self.history)[0]
                back, _ = self._back_from_next_parcel(piece, vendor)
            coming.append((piece, back))
        return coming

    def _finishing(
        self, ticket: Ticket, elapsed: int, back: Sequence[int], reasons: list[str]
    ) -> Estimate:
        """The finishing after the vendor: as long as it has taken here, and not before the
        piece's jeweler is next at work once it is back."""
        finishing = self.know.finishing
        if len(finishing) < MIN_FINISHING:
            finishing = PRIOR_FINISHING
        left = spread(remaining(finishing, elapsed))
        at_work = {
            b: self.know.bench.workday_after(
                self.calendar, ticket.assigned_to, self.calendar.day_at(max(b, self.today_ord)), 0
            )
            for b in set(back)
        } if ticket.assigned_to else {b: b for b in back}
        outcomes = spread(max(self.today_ord, b + d, at_work[b]) for b in back for d in left)
        reasons = reasons + self._days_off(ticket.assigned_to, outcomes)
        middle = Estimate(list(back)).quantile(self.reading)
        if at_work[middle] > max(middle, self.today_ord):
            who = self.history.staff_name(ticket.assigned_to)
            reasons = [*reasons, f"{who}, who finishes it, is next at the bench "
                       f"{short_day(self.calendar.day_at(at_work[middle]))}"]
        return Estimate(outcomes, reasons)

    # Helpers ------------------------------------------------------------------------------

    def _days_off(self, jeweler: str | None, outcomes: Sequence[int]) -> list[str]:
        """The jeweler's planned days off before the piece is expected, said plainly."""
        expected = self.calendar.day_at(Estimate(list(outcomes)).quantile(self.reading))
        found = self.know.bench.planned_off(jeweler, self.today, expected)
        if found is None:
            return []
        first, last = found
        when = short_day(first) if first == last else f"{short_day(first)} to {short_day(last)}"
        return [f"{self.history.staff_name(jeweler)} is off {when} (planned)"]

    def _own_bench_days(self, ticket: Ticket, elapsed: int | None) -> list[int]:
        """Open days of bench work left on this piece itself, by its slowest service."""
        found = [self.know.service_days.get(code, ()) for code in ticket.bench_services]
        found = [days for days in found if len(days) >= 3]
        if not found:
            return [0]
        slowest = max(found, key=lambda days: sorted(days)[len(days) // 2])
        if elapsed is None:
            return list(slowest)
        return [d - elapsed for d in remaining(slowest, elapsed)]

    def _record(self, vendor: str) -> VendorRecord:
        record = self.know.vendors.get(vendor)
        if record is None:
            name = self.history.vendor_name(vendor)
            record = VendorRecord(vendor, name, 7, (7, 7, 8, 9, 10), 0, 0, 0)
        return record

    def _turnaround(self, record: VendorRecord, parcel: Parcel) -> list[int]:
        if self.trust_quotes:
            return [max(0, (parcel.expected_back - parcel.sent_at.date()).days)]
        extra = quoted_extra(parcel, record.quote)
        return [max(0, days + extra) for days in record.turnaround]

    def _parcel_from_event(self, ticket: Ticket) -> Parcel:
        vendor = ticket.vendor_codes[0] if ticket.vendor_codes else ""
        record = self._record(vendor)
        sent = ticket.status_since
        back = days_after(sent.date(), record.quote)
        return Parcel("(no parcel on record)", vendor, (ticket.number,), sent, back)

    def _back_from_vendor(self, ticket: Ticket) -> date | None:
        back = None
        for before, after in zip(ticket.events, ticket.events[1:], strict=False):
            if before.status == "at_vendor" and after.status != "at_vendor":
                back = after.at.date()
        return back

    def _bench_start(self, ticket: Ticket) -> date | None:
        if ticket.status != "at_bench":
            return None
        return ticket.status_since.date()

    def _since(self, day: date) -> int:
        return max(0, self.calendar.open_days_between(day, self.today))

    def _ord(self, day: date) -> int:
        return self.calendar.ordinal(day)

    def _after(self, start: date, calendar_days: int) -> int:
        """The open day a thing that takes ``calendar_days`` from ``start`` is in hand."""
        return max(self.today_ord, self.calendar.ordinal(days_after(start, calendar_days)))

    def _parcel_day(self, ordinal: int) -> date:
        """The first day on or after this open day that a parcel leaves."""
        day = self.calendar.day_at(max(ordinal, self.today_ord))
        for _ in range(14):
            if day.isoweekday() in self.know.parcel_weekdays and self.calendar.is_open(day):
                return day
            day += timedelta(days=1)
        return day
