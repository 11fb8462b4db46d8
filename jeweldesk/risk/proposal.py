"""The date intake proposes for a new piece: one the store's own record says it keeps.

The new piece is put among the open ones, in the queue by the promise pieces usually
get, and read by the same engine as the morning list; then two things the morning list
need not know: whether this store ever has a piece ready the day it came in, and how
often work like it has turned out to wait for parts. The date proposed is the one the
piece is ready by in nine futures in ten (``PROMISE_SURE``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from jeweldesk.domain.calendar import days_after
from jeweldesk.risk import words
from jeweldesk.risk.asof import as_of as history_as_of
from jeweldesk.risk.asof import moment_of
from jeweldesk.risk.engine import PROMISE_SURE
from jeweldesk.risk.estimate import Estimate, Estimator
from jeweldesk.risk.history import History, Service, Ticket
from jeweldesk.risk.learn import LEARN_DAYS, Knowledge, learn
from jeweldesk.risk.outcomes import weighted_spread

INTAKE_LEAD_DAYS = 5  # open days a new piece is usually promised in, before any record
SAME_DAY_SHARE = 0.1  # pieces ready the day they came in, below which none is promised so
MIN_SAME_DAY_RECORD = 10  # finished pieces before the store's same-day habit is known
PARTS_WORTH_SAYING = 0.1  # chance of a parts wait from which a new piece allows for one
MIN_PARTS_RECORD = 8  # pieces of a service on record before its own share of parts waits speaks


def _seldom_ready_the_day_they_come_in(bench_only: Sequence[int]) -> bool:
    """Whether this store's pieces are seldom ready the day they come in (open days from
    intake to ready, recent pieces): a new piece is then not promised for today, however
    short the queue, since the day's work is planned before it."""
    if len(bench_only) < MIN_SAME_DAY_RECORD:
        return True
    return sum(1 for days in bench_only if days == 0) < SAME_DAY_SHARE * len(bench_only)


def expected_ready_for_intake(
    history: History,
    as_of: date | datetime,
    services: Sequence[Service],
    vendor: str | None = None,
    jeweler: str | None = None,
) -> tuple[date, str]:
    """The date to promise a new piece, and why, from the same engine as the morning list.

    ``vendor`` applies to services given without one that the store sends out.
    """
    moment = moment_of(as_of)
    known = history_as_of(history, moment)
    priced = tuple(services) or (Service("inspection"),)
    if vendor is not None and not any(s.vendor for s in priced):
        priced = (*priced, Service("vendor_work", vendor))
    knowledge = learn(known, moment.date())
    # A new piece is worked among the others by the promise it gets: take the usual one.
    leads = knowledge.intake.leads
    usual = leads[len(leads) // 2] if leads else INTAKE_LEAD_DAYS
    promise = known.calendar.add_open_days(moment.date(), usual)
    newcomer = Ticket("(new)", "", moment, promise, priced, (), None, jeweler)
    known = replace(known, tickets=(*known.tickets, newcomer))
    estimator = Estimator(known, knowledge)
    estimate = estimator.ticket(newcomer)
    outcomes, reasons = estimate.outcomes, estimate.reasons
    if _seldom_ready_the_day_they_come_in(knowledge.bench_only):
        tomorrow = known.calendar.ordinal_after(moment.date())
        outcomes = [max(o, tomorrow) for o in outcomes]
    outcomes, reasons = _allow_for_parts(newcomer, outcomes, reasons, known, knowledge)
    # A promise is kept at the slow outcomes, so intake proposes a cautious one.
    proposed = estimator.calendar.day_at(Estimate(outcomes).quantile(PROMISE_SURE))
    return proposed, "; ".join(reasons)


def _allow_for_parts(
    piece: Ticket, outcomes: list[int], reasons: list[str], known: History, knowledge: Knowledge,
) -> tuple[list[int], list[str]]:
    """A new piece's outcomes, allowing for parts its work may turn out to need: as often
    as pieces with the same work have waited for parts here, as long as parts waits have
    lasted. Nobody knows at the counter; the record says how likely it is. (Tried for the
    pieces already waiting their turn on the morning list too: it made the warnings no
    better.)"""
    calendar = known.calendar
    record = _parts_shares(known, knowledge.today)
    shares = {code: record.get(code, 0.0) for code in piece.bench_services}
    unlikely = 1.0
    for share in shares.values():
        unlikely *= 1 - share
    if unlikely > 1 - PARTS_WORTH_SAYING:
        return outcomes, reasons
    waits = knowledge.parts.durations(knowledge.today, None)
    weight = 1 / len(outcomes)
    waited = weight * (1 - unlikely) / len(waits)
    values = [(o, weight * unlikely) for o in outcomes] + [
        (calendar.ordinal(days_after(calendar.day_at(o), wait)), waited)
        for o in outcomes for wait in waits
    ]
    code, share = max(shares.items(), key=lambda item: item[1])
    said = (f"{words.chance(share)} {code.replace('_', ' ')} pieces here have waited for "
            f"parts, about {words.days(sorted(waits)[len(waits) // 2])}")
    return weighted_spread(values, len(outcomes)), [*reasons, said]


def _parts_shares(known: History, today: date) -> dict[str, float]:
    """For each bench service, the share of its pieces finished lately that waited for
    parts; a service with few pieces on record is taken at the store's share over all."""
    since = datetime.combine(today - timedelta(days=LEARN_DAYS), time.min)
    pieces: Counter[str] = Counter()
    waited: Counter[str] = Counter()
    for ticket in known.tickets:
        if ticket.ready_at is None or ticket.ready_at < since:
            continue
        parts = any(e.status == "waiting_parts" for e in ticket.events)
        for code in set(ticket.bench_services):
            pieces[code] += 1
            waited[code] += parts
    overall = sum(waited.values()) / max(1, sum(pieces.values()))
    return {code: waited[code] / n if n >= MIN_PARTS_RECORD else overall
            for code, n in pieces.items()}
