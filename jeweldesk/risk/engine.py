"""The morning list: every open piece's expected-ready date, its level, and why.

``assess`` is a pure function of the history as of a moment: given a history
that also holds later events, it answers exactly as if they had not happened.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import Any

from jeweldesk.domain.calendar import StoreCalendar
from jeweldesk.domain.levels import Level
from jeweldesk.domain.writing import occasion as occasion_said
from jeweldesk.domain.writing import short_day
from jeweldesk.risk import track, words
from jeweldesk.risk.asof import as_of as history_as_of
from jeweldesk.risk.asof import moment_of
from jeweldesk.risk.calibrate import (
    PRIOR_SHARE,
    Calibration,
    Scores,
    calibrate,
    remember_scores,
)
from jeweldesk.risk.estimate import Estimate, Estimator
from jeweldesk.risk.history import History, Occasion, Ticket
from jeweldesk.risk.learn import learn
from jeweldesk.risk.outcomes import spread
from jeweldesk.risk.survival import Stages, learn_stages
from jeweldesk.risk.track import TrackRecord

WATCH_SLACK_DAYS = 1  # open days of slack at or below which a promise is watched
WATCH_SHARE = 0.5  # a miss this much as likely as a warning needs is watched
# A date to promise (at intake, or a new one after a call) is the day by which this share
# of the piece's outcomes are ready. The outcomes leave out what no record shows coming
# (parts found needed at the bench, a vendor's bad spell still to start), so promises made
# at intake so are kept about 8 times in 10 (``python -m benchmarks.intake_bench``).
PROMISE_SURE = 0.9
# The expected-ready date is the middle outcome, whatever the store's bar to warn: a date
# read earlier to match a bar above even odds is earlier than the piece is likely ready.
# Whether to warn is the share of outcomes after the promise against that bar; a piece
# expected after its promise but below the bar is watched, and its reasons say the chance.
MIDDLE = 0.5
WATCH_CHANCE_SAID = 0.25  # a watched piece's chance of missing is said from about 3 in 10


@dataclass(frozen=True)
class Flag:
    ticket: str
    customer: str
    status: str
    level: Level
    promised_for: date
    occasion_date: date | None
    expected_ready: date
    reasons: tuple[str, ...]
    occasion_threatened: bool = False
    sure_by: date | None = None  # ready by then in 9 futures in 10: a new date to promise

    @property
    def listed(self) -> bool:
        return self.level.listed

    def to_json(self) -> dict[str, Any]:
        return {
            "ticket": self.ticket,
            "customer": self.customer,
            "status": self.status,
            "level": self.level.value,
            "promised_for": self.promised_for.isoformat(),
            "occasion_date": self.occasion_date.isoformat() if self.occasion_date else None,
            "expected_ready": self.expected_ready.isoformat(),
            "reasons": list(self.reasons),
            "occasion_threatened": self.occasion_threatened,
        }


def assess(history: History, as_of: date | datetime, *, trust_quotes: bool = False) -> list[Flag]:
    """A flag for every open piece as of the moment, most urgent first.

    How sure the engine must be before it warns is calibrated on this store's own
    mornings before the moment (``calibrate``). ``trust_quotes`` takes every vendor
    at its quote and warns at the prior certainty: what a system that does not learn
    would say, kept for comparison.
    """
    moment = moment_of(as_of)
    known = history_as_of(history, moment)
    estimator = Estimator(known, learn(known, moment.date()), trust_quotes=trust_quotes)
    stages = learn_stages(known, moment.date())
    estimates = {t.number: (t, estimator.ticket(t)) for t in known.tickets if t.is_open}
    if trust_quotes:
        found = Calibration(PRIOR_SHARE, 0, 0, 0.0)
    else:
        if moment.time() == time.min:
            scores: Scores = {n: (t.promised_for, shares(e, t, estimator, stages)) for n, (t, e)
                              in estimates.items()}
            remember_scores(history, moment.date(), scores)
        found = calibrate(history, moment, morning_scores_of)
    flags = [_flag(t, pooled(e, t, stages, known, found.weight), estimator, found,
                   _sure_by(e, t, stages, known))
             for t, e in estimates.values()]
    waiting = {a.ticket: a.at for a in known.approvals if a.waiting_at(moment)}
    flags = [_waits_for_a_yes(f, waiting[f.ticket]) if f.ticket in waiting else f
             for f in flags]
    return sorted(flags, key=urgency)


def _waits_for_a_yes(flag: Flag, since: datetime) -> Flag:
    """While the customer thinks, the promise's clock is stopped (a yes moves the promise on
    by the days it waited): nothing is slipping, so nothing is listed, and it says why."""
    return replace(flag, level=Level.ON_TRACK, occasion_threatened=False, reasons=(
        f"waits for the customer's yes since {short_day(since.date())}: the promise's clock "
        "is stopped until they answer", *flag.reasons))


def morning_scores_of(known: History, day: date) -> Scores:
    """Each open piece's promise and the share of its outcomes after it, as of ``day``: the
    engine's, and the stages' record's (``survival``)."""
    estimator = Estimator(known, learn(known, day))
    stages = learn_stages(known, day)
    found: Scores = {}
    for ticket in known.tickets:
        if ticket.is_open:
            found[ticket.number] = (
                ticket.promised_for, shares(estimator.ticket(ticket), ticket, estimator, stages))
    return found


def shares(
    estimate: Estimate, ticket: Ticket, estimator: Estimator, stages: Stages
) -> tuple[float, float]:
    """The share of outcomes after the promise, the engine's and the stages' record's (the
    engine's again where the record is too thin)."""
    engine = late_share(estimate, ticket, estimator)
    record = stages.outcomes(ticket, estimator.history)
    if record is None:
        return engine, engine
    first_late = estimator.calendar.ordinal_after(ticket.promised_for)
    return engine, sum(1 for o in record if o >= first_late) / len(record)


def pooled(
    estimate: Estimate, ticket: Ticket, stages: Stages, known: History, weight: float
) -> Estimate:
    """The engine's estimate pooled with the stages' record, ``weight`` of it the engine's."""
    if weight >= 1.0:
        return estimate
    record = stages.outcomes(ticket, known)
    if record is None:
        return estimate
    engine = round(weight * len(estimate.outcomes))
    outcomes = spread(estimate.outcomes, engine) if engine else []
    outcomes += spread(record, len(estimate.outcomes) - engine)
    return Estimate(outcomes, estimate.reasons)


def _sure_by(estimate: Estimate, ticket: Ticket, stages: Stages, known: History) -> int:
    """The open day to offer as a new promise: one the piece is ready by in nine futures in
    ten both as the engine reckons and as the store's own pieces from where this one is
    took. A customer let down once must not be let down again, so it is the later of the
    two, however the two are weighed for whether to warn."""
    sure = estimate.quantile(PROMISE_SURE)
    record = stages.outcomes(ticket, known)
    if record is not None:
        sure = max(sure, Estimate(record).quantile(PROMISE_SURE))
    return sure


def late_share(estimate: Estimate, ticket: Ticket, estimator: Estimator) -> float:
    """The share of the piece's outcomes that are after the end of its promised day."""
    first_late = estimator.calendar.ordinal_after(ticket.promised_for)
    return sum(1 for o in estimate.outcomes if o >= first_late) / len(estimate.outcomes)


def urgency(flag: Flag) -> tuple[bool, int, date, str]:
    """Sort key: occasion threatened, then late, at risk, watch, then the earliest promise."""
    threatened = flag.occasion_threatened and flag.listed
    return (not threatened, flag.level.urgency, flag.promised_for, flag.ticket)


def date_to_offer(flag: Flag, calendar: StoreCalendar, today: date) -> date:
    """The new date to offer a customer whose promise is at risk: one the piece is ready by in
    nine futures in ten, and with enough slack after the expected-ready date to leave the
    list."""
    slack = calendar.add_open_days(max(today, flag.expected_ready), WATCH_SLACK_DAYS + 1)
    return max(slack, flag.sure_by or slack)


def flags_to_json(as_of: date | datetime, flags: Iterable[Flag]) -> dict[str, Any]:
    """The ``at-risk --json`` document: listed flags only, most urgent first."""
    listed = sorted((f for f in flags if f.listed), key=urgency)
    return {
        "as_of": moment_of(as_of).isoformat(timespec="seconds"),
        "flags": [f.to_json() for f in listed],
    }


def _flag(
    ticket: Ticket, estimate: Estimate, estimator: Estimator, found: Calibration,
    sure_by: int | None = None,
) -> Flag:
    calendar = estimator.calendar
    today = estimator.today
    share = found.share
    expected = calendar.day_at(estimate.quantile(MIDDLE))
    promised = ticket.promised_for
    chance = late_share(estimate, ticket, estimator)
    if today > promised:
        level = Level.LATE
    elif chance >= share - 1e-9:
        level = Level.AT_RISK
    elif (
        expected > promised
        or calendar.open_days_between(expected, promised) <= WATCH_SLACK_DAYS
        or chance >= WATCH_SHARE * share
    ):
        level = Level.WATCH
    else:
        level = Level.ON_TRACK
    occasion = ticket.occasion
    # An occasion already past is missed whatever is done now: no longer the most urgent.
    threatened = (occasion is not None and occasion.date >= today
                  and max(expected, promised) > occasion.date)
    if threatened and level is Level.ON_TRACK:
        level = Level.WATCH
    return Flag(
        ticket=ticket.number,
        customer=ticket.customer,
        status=ticket.status,
        level=level,
        promised_for=promised,
        occasion_date=occasion.date if occasion else None,
        expected_ready=expected,
        reasons=tuple(_reasons(ticket, estimate, expected, level, today, threatened,
                               found.chance(chance))),
        occasion_threatened=threatened,
        sure_by=calendar.day_at(max(estimate.quantile(PROMISE_SURE), sure_by or 0)),
    )


def _reasons(
    ticket: Ticket, estimate: Estimate, expected: date, level: Level, today: date, threatened: bool,
    chance: float,
) -> list[str]:
    reasons = list(estimate.reasons)
    promised = ticket.promised_for
    if level is Level.LATE:
        overdue = (today - promised).days
        reasons.append(
            f"promised {short_day(promised)}, {words.days(overdue)} ago, and not ready; "
            f"expected ready {short_day(expected)}"
        )
    elif level is Level.WATCH and expected > promised:
        # Expected after its promise, yet below the store's bar to warn: said with how
        # often pieces scored so here were late, so the watch does not read as an oversight.
        reasons.append(
            f"expected ready {short_day(expected)}, after the {short_day(promised)} promised; "
            f"{words.chance(chance)} it is later than promised"
        )
    elif level in (Level.AT_RISK, Level.WATCH) and chance >= WATCH_CHANCE_SAID:
        reasons.append(
            f"expected ready {short_day(expected)}, but {words.chance(chance)} it is later "
            f"than promised ({short_day(promised)})"
        )
    else:
        reasons.append(f"expected ready {short_day(expected)}; promised {short_day(promised)}")
    if threatened and ticket.occasion is not None:
        reasons.insert(0, _occasion_missed(ticket.occasion, promised, expected))
    return reasons


def _occasion_missed(occasion: Occasion, promised: date, expected: date) -> str:
    """ "needed for the retirement party on Dec 19, but expected ready only Dec 29": why the
    occasion is in danger, said as one sentence."""
    needed = f"needed for {occasion_said(occasion.what)} on {short_day(occasion.date)}"
    if expected > occasion.date:
        return f"{needed}, but expected ready only {short_day(expected)}"
    return f"{needed}, but promised only for {short_day(promised)}"


def track_record(history: History, as_of: date | datetime) -> TrackRecord:
    """How the warnings have done at this store over the last weeks, as of the moment."""
    return track.track_record(history, moment_of(as_of), morning_scores_of)
