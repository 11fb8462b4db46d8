"""How early and how truly the risk engine sees broken promises, on simulated stores.

Run: ``python -m benchmarks.risk_bench``. Each simulated store's history is
written as an interchange document, read back as the engine reads any store,
and assessed as of every open morning of its evaluation window. The truth comes
from the full history: a promise is missed when the piece was not ready by the
end of its promised day. Every family of stores (``benchmarks.families``: the
stores as first simulated, and those whose bench or vendors work another way) is
printed apart, its tuning stores and then its held-out ones: those are never
looked at while tuning, and a change is kept only if it holds there too.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from datetime import time as clock

from benchmarks.families import Family, families
from benchmarks.simulate import simulate
from benchmarks.stores import JewelerSpec, StoreSpec
from jeweldesk.domain.calendar import StoreCalendar
from jeweldesk.domain.levels import Level
from jeweldesk.risk.asof import as_of
from jeweldesk.risk.engine import Flag, assess, date_to_offer
from jeweldesk.risk.from_interchange import history_from_interchange
from jeweldesk.risk.history import DayOff, History

EARLY_DAYS = 2  # a flag counts when raised at least this many days before the promise
Method = Callable[[History, datetime], list[Flag]]


def overdue_only(history: History, moment: datetime) -> list[Flag]:
    """What most systems do: a piece is flagged once its promised date has passed."""
    today = moment.date()
    flags = []
    for ticket in as_of(history, moment).tickets:
        if ticket.is_open:
            late = today > ticket.promised_for
            flags.append(Flag(
                ticket.number, ticket.customer, ticket.status,
                Level.LATE if late else Level.ON_TRACK,
                ticket.promised_for, None, max(today, ticket.promised_for), (),
            ))
    return flags


def quoted_dates(history: History, moment: datetime) -> list[Flag]:
    """The same engine, taking every vendor at its quote."""
    return assess(history, moment, trust_quotes=True)


def bare(history: History, moment: datetime) -> int:
    """The floor: just walking the tickets to find the open ones that morning."""
    count = 0
    for ticket in history.tickets:
        if ticket.received_at <= moment:
            status = "received"
            for event in ticket.events:
                if event.at > moment:
                    break
                status = event.status
            count += status not in ("ready", "picked_up", "cancelled")
    return count


WITH_DAYS_OFF = "  with days off entered"  # the engine on a store that enters planned days off
# The same, entered only once Today has noticed the jeweler away: two of their workdays in.
WHEN_NOTICED = "  days off entered when noticed"

METHODS: dict[str, Method] = {
    "JewelDesk engine": assess,
    WITH_DAYS_OFF: assess,
    WHEN_NOTICED: assess,
    "trust vendor quotes": quoted_dates,
    "flag once overdue": overdue_only,
}


@dataclass
class Tally:
    flagged_early: set[str] = field(default_factory=set)
    abs_error: float = 0.0
    estimates: int = 0
    seconds: float = 0.0
    offers: int = 0  # new dates offered, at each piece's first warning
    offers_kept: int = 0  # of those, the ones the piece was ready by


@dataclass
class StoreResult:
    name: str
    tickets: int
    missed: set[str]
    judged: set[str]
    mornings: int
    tallies: dict[str, Tally]
    bare_seconds: float


def ready_dates(history: History) -> dict[str, date | None]:
    return {t.number: (t.ready_at.date() if t.ready_at else None) for t in history.tickets}


def run_store(spec: StoreSpec, quick: bool = False) -> StoreResult:
    history = history_from_interchange(simulate(spec))
    # Interchange v1 has no days off: as a store would enter them, a month or more ahead.
    planned = replace(history, days_off=tuple(
        DayOff(j.code, min(j.days_off), max(j.days_off), datetime.combine(spec.start, clock.min))
        for j in spec.jewelers if j.days_off))
    noticed = replace(history, days_off=tuple(
        DayOff(j.code, min(j.days_off), max(j.days_off), _noticed(spec, j))
        for j in spec.jewelers if j.days_off))
    stores = {WITH_DAYS_OFF: planned, WHEN_NOTICED: noticed}
    ready = ready_dates(history)
    judged, missed = judged_promises(history, spec)
    methods = dict(list(METHODS.items())[:1]) if quick else METHODS
    tallies = {name: Tally() for name in methods}
    mornings = evaluation_mornings(history, spec)
    bare_seconds = 0.0
    for day in mornings:
        moment = datetime.combine(day, clock.min)
        started = time.perf_counter()
        bare(history, moment)
        bare_seconds += time.perf_counter() - started
        for name, method in methods.items():
            started = time.perf_counter()
            flags = method(stores.get(name, history), moment)
            tallies[name].seconds += time.perf_counter() - started
            _score(tallies[name], flags, day, ready, history.calendar)
    return StoreResult(spec.name, len(history.tickets), missed, judged, len(mornings), tallies,
                       bare_seconds)


def _noticed(spec: StoreSpec, jeweler: JewelerSpec) -> datetime:
    """When the store enters a planned absence it never announced: the morning Today shows
    the jeweler away, after two of their usual workdays without a move."""
    missed = [d for d in sorted(jeweler.days_off)
              if d.isoweekday() in jeweler.weekdays and d.isoweekday() in spec.open_weekdays
              and d not in spec.closed_dates]
    seen = missed[1] + timedelta(days=1) if len(missed) > 1 else max(jeweler.days_off)
    return datetime.combine(seen, clock(9, 0))


def judged_promises(history: History, spec: StoreSpec) -> tuple[set[str], set[str]]:
    """The promises judged (due in the evaluation window, late enough to be warned about
    in time, not cancelled) and those of them missed."""
    ready = ready_dates(history)
    first, last = spec.evaluation
    cancelled = {t.number for t in history.tickets if t.status == "cancelled" and not t.ready_at}
    judged = {
        t.number for t in history.tickets
        if first + timedelta(days=EARLY_DAYS) <= t.promised_for <= last
        and t.number not in cancelled
    }
    promised = {t.number: t.promised_for for t in history.tickets}
    return judged, {n for n in judged if ready[n] is None or ready[n] > promised[n]}


def evaluation_mornings(history: History, spec: StoreSpec) -> list[date]:
    first, last = spec.evaluation
    mornings = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    return [d for d in mornings if history.calendar.is_open(d)]


def warned_in_time(flag: Flag, day: date) -> bool:
    """A warning raised on the morning of ``day`` that leaves at least ``EARLY_DAYS`` to act."""
    return flag.level in (Level.AT_RISK, Level.LATE) and day <= flag.promised_for - timedelta(
        days=EARLY_DAYS)


def _score(
    tally: Tally, flags: list[Flag], day: date, ready: dict[str, date | None],
    calendar: StoreCalendar,
) -> None:
    """The flags of one morning; at a piece's first warning in time, the new date the store
    would offer the customer, kept or not."""
    for flag in flags:
        actual = ready[flag.ticket]
        if warned_in_time(flag, day):
            if flag.ticket not in tally.flagged_early:
                offered = date_to_offer(flag, calendar, day)
                tally.offers += 1
                tally.offers_kept += actual is not None and actual <= offered
            tally.flagged_early.add(flag.ticket)
        if actual is not None:
            tally.abs_error += abs((flag.expected_ready - actual).days)
            tally.estimates += 1


def summarize(results: list[StoreResult], total: str = "All stores") -> str:
    lines = []
    header = f"{'store / method':42} {'missed':>7} {'recall':>7} {'precision':>9} {'MAE days':>8}"
    header += f" {'new kept':>8} {'ms/morning':>10} {'x bare':>7}"
    for result in [*results, _combined(results, total)]:
        lines += ["", f"{result.name}: {result.tickets} tickets, {len(result.judged)} promises "
                  f"judged, {len(result.missed)} missed, {result.mornings} mornings", header]
        bare_ms = 1000 * result.bare_seconds / max(1, result.mornings)
        for name, tally in result.tallies.items():
            early = tally.flagged_early & result.judged
            hits = len(early & result.missed)
            recall = hits / len(result.missed) if result.missed else float("nan")
            precision = f"{hits / len(early):9.2f}" if early else f"{'n/a':>9}"
            mae = tally.abs_error / tally.estimates if tally.estimates else float("nan")
            ms = 1000 * tally.seconds / max(1, result.mornings)
            kept = f"{tally.offers_kept / tally.offers:8.2f}" if tally.offers else f"{'n/a':>8}"
            lines.append(
                f"  {name:40} {len(result.missed):7} {recall:7.2f} {precision} {mae:8.2f}"
                f" {kept} {ms:10.1f} {ms / bare_ms if bare_ms else 0:7.1f}"
            )
    return "\n".join(lines)


def _combined(results: list[StoreResult], title: str = "All stores") -> StoreResult:
    tallies = {name: Tally() for name in results[0].tallies}
    missed: set[str] = set()
    judged: set[str] = set()
    for result in results:
        missed |= {f"{result.name}/{n}" for n in result.missed}
        judged |= {f"{result.name}/{n}" for n in result.judged}
        for name, tally in result.tallies.items():
            total = tallies[name]
            total.flagged_early |= {f"{result.name}/{n}" for n in tally.flagged_early}
            total.abs_error += tally.abs_error
            total.estimates += tally.estimates
            total.seconds += tally.seconds
            total.offers += tally.offers
            total.offers_kept += tally.offers_kept
    return StoreResult(
        title, sum(r.tickets for r in results), missed, judged,
        sum(r.mornings for r in results), tallies, sum(r.bare_seconds for r in results),
    )


def main(argv: list[str] | None = None) -> int:
    """Every family apart, its tuning stores and then its held-out ones. ``--quick``: the
    engine alone; ``--family NAME``: that family alone (for a look while working)."""
    args = sys.argv[1:] if argv is None else argv
    quick = "--quick" in args
    wanted = args[args.index("--family") + 1] if "--family" in args else None
    if quick:
        for name in list(METHODS)[1:]:
            del METHODS[name]
    started = time.perf_counter()
    chosen = [f for f in families() if wanted is None or f.name == wanted]
    if "--tuning" in args:  # the stores tuned on alone, while working on the engine
        chosen = [Family(f.name, f.tuning, []) for f in chosen]
    specs = [spec for f in chosen for spec in (*f.tuning, *f.held_out)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = dict(zip((s.name for s in specs), pool.map(run_store, specs, [quick] * len(
            specs)), strict=True))
    for family in chosen:
        print(f"\n=== {family.name}: the stores tuned on ===")
        print(summarize([results[s.name] for s in family.tuning], f"All {family.name} tuning"))
        if family.held_out:
            print(f"\n=== {family.name}: held out, never looked at while tuning the engine ===")
            print(summarize([results[s.name] for s in family.held_out],
                            f"All {family.name} held out"))
    print(f"\n=== Every family at a glance: {list(METHODS)[0]} ===")
    print(glance(chosen, results))
    print(f"\n{time.perf_counter() - started:.0f} s in all; recall counts flags at_risk or late "
          f"at least {EARLY_DAYS} days before the promised date; new kept: the share of new "
          "dates offered at a piece's first warning that the piece was ready by")
    return 0


def glance(chosen: list[Family], results: dict[str, StoreResult]) -> str:
    """Recall and precision of the engine, each family's tuning and held-out stores."""
    name = list(METHODS)[0]
    lines = [f"{'family':24} {'stores':10} {'missed':>7} {'recall':>7} {'precision':>9}"]
    for family in chosen:
        for part, specs in (("tuning", family.tuning), ("held out", family.held_out)):
            if not specs:
                continue
            total = _combined([results[s.name] for s in specs])
            recall, precision = rates(total, name)
            lines.append(f"{family.name:24} {part:10} {len(total.missed):7} {recall:7.2f} "
                         f"{precision:9.2f}")
    return "\n".join(lines)


def rates(result: StoreResult, method: str) -> tuple[float, float]:
    early = result.tallies[method].flagged_early & result.judged
    hits = len(early & result.missed)
    return (hits / len(result.missed) if result.missed else float("nan"),
            hits / len(early) if early else float("nan"))


if __name__ == "__main__":
    sys.exit(main())
