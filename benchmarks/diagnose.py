"""Which missed promises could have been seen two days ahead at all: an oracle for the benchmark.

Run: ``python -m benchmarks.diagnose [--held-out] [--family NAME]``. Each simulated
store (of the first family, or of the family named) is lived day by day;
on every evaluation morning its true state (every queue, every parcel out, the
jewelers' real hours and days off, the vendors' real habits) is copied and its
future replayed many times with fresh luck: what is not yet decided that
morning (a parcel's return, a part's arrival, a piece's real bench hours,
tomorrow's intake) is drawn again. A piece's oracle chance of missing its
promise is the share of replays in which it is ready after it. The oracle
knows more than any store's records do (planned days off, each vendor's true
habit), so what it cannot see two days ahead no engine can.
"""

from __future__ import annotations

import copy
import json
import random
import sys
import tempfile
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from datetime import time as clock
from itertools import groupby
from pathlib import Path

from benchmarks.families import families
from benchmarks.flows import OtherFlows
from benchmarks.risk_bench import EARLY_DAYS
from benchmarks.simulate import Piece, StoreSimulation, simulate
from benchmarks.stores import PARTS_SLIP, SERVICES, StoreSpec, held_out, stores
from jeweldesk.domain.levels import Level
from jeweldesk.risk.asof import as_of
from jeweldesk.risk.engine import assess, late_share
from jeweldesk.risk.estimate import Estimator
from jeweldesk.risk.from_interchange import history_from_interchange
from jeweldesk.risk.learn import learn

REPLAYS = 24
# The oracle's answers, kept between runs: they depend on the simulator, never on the engine.
# ``--fair``: the oracle does not know a planned absence before it begins, as no store's
# records do; what it cannot see then shows what no engine reading the records could.
FAIR = "--fair" in sys.argv
CACHE = Path(tempfile.gettempdir()) / f"jeweldesk-oracle{'-fair' if FAIR else ''}.json"
_ORACLE: dict[str, dict[str, int]] = {}
HORIZON_DAYS = 40
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)


@dataclass
class Seen:
    """What the oracle and the engine thought of one piece on the mornings that count."""

    oracle: float = 0.0  # highest oracle chance of a miss, two or more days ahead
    engine: float = 0.0  # highest engine late share, two or more days ahead
    flagged: bool = False  # the engine flagged it at_risk or late that early
    stage: str = ""  # where it was on the last morning that counts
    note: str = ""  # the morning the two disagreed most, and what the engine said then
    gap: float = 0.0  # the largest oracle-minus-engine disagreement, signed


@dataclass
class StoreDiagnosis:
    name: str
    missed: set[str]
    judged: set[str]
    seen: dict[str, Seen] = field(default_factory=dict)
    causes: dict[str, str] = field(default_factory=dict)
    oracle: dict[str, dict[str, int]] = field(default_factory=dict)  # replays late, by morning


def replay(sim: StoreSimulation, day: date, seed: int) -> dict[str, date]:
    """Ready dates of the pieces open at the start of ``day``, in one replayed future."""
    twin = copy.copy(sim)
    twin.rng = random.Random(seed)
    if FAIR:
        twin.spec = replace(sim.spec, jewelers=tuple(
            replace(j, days_off=frozenset(d for d in j.days_off if min(j.days_off) < day))
            for j in sim.spec.jewelers))
    twin.pieces = [_redraw(twin, copy.copy(p), day) for p in sim.pieces
                   if p.stage not in ("done", "picked_up")]
    twin.parcels = []
    twin.customers = []
    twin.away = set(sim.away)
    if isinstance(sim, OtherFlows):  # its own luck and its own pieces in check, not the store's
        twin.flow_rng = random.Random(seed * 7 + 1)
        copies = {p.number: p for p in twin.pieces}
        twin.checking = [(copies[p.number], by) for p, by in sim.checking if p.number in copies]
        twin.reworked = set(sim.reworked)
    watched = {p.number for p in twin.pieces}
    ready: dict[str, date] = {}
    current = day
    while current <= day + timedelta(days=HORIZON_DAYS) and len(ready) < len(watched):
        if twin.is_open(current):
            twin.open_day(current)
            for piece in twin.pieces:
                if piece.number in watched and piece.number not in ready and piece.stage == "done":
                    ready[piece.number] = current
            twin.pieces = [p for p in twin.pieces if p.stage not in ("done", "picked_up")]
        current += timedelta(days=1)
    return ready


def _redraw(sim: StoreSimulation, piece: Piece, day: date) -> Piece:
    """Draw again what the store could not know on the morning of ``day``."""
    rng = sim.rng
    piece.events = piece.events[-1:]
    piece.services = list(piece.services)
    if piece.stage == "out" and piece.vendor:
        vendor = sim.spec.vendor(piece.vendor)
        sent = piece.last_at.date()
        for _ in range(40):
            back = sent + timedelta(days=vendor.turnaround(rng, sim.spec.season(sent), sent=sent))
            if back >= day:
                break
        else:
            back = day + timedelta(days=rng.randint(1, 7))
        while not sim.is_open(back):
            back += timedelta(days=1)
        piece.due = back
    elif piece.stage == "parts" and piece.due is not None:
        since = piece.last_at.date()
        options = [since + timedelta(days=d) for d in range(3, 13)]
        if piece.parts_quote is not None:  # the supplier's date, kept or missed as usual
            options = [piece.parts_quote + timedelta(days=d) for d in PARTS_SLIP]
        piece.due = rng.choice([d for d in options if d >= day] or [day])
    elif piece.stage == "queue" and piece.status == "received":
        bench = [c for c, v in piece.services if v is None]
        hours = sum(SERVICES[c].hours for c in bench)
        piece.bench_hours = piece.left_hours = hours * rng.uniform(0.7, 1.5)
        needs = any(rng.random() < SERVICES[c].parts for c in bench)
        piece.parts_days = rng.randint(3, 12) if needs else None
    return piece


def diagnose(spec: StoreSpec, replays: int = REPLAYS) -> StoreDiagnosis:
    if "--fresh" not in sys.argv and CACHE.exists():
        _ORACLE.update(json.loads(CACHE.read_text()))
    sim = OtherFlows(spec) if spec.habits else StoreSimulation(spec)
    history = history_from_interchange(simulate(spec))
    ready = {t.number: t.ready_at.date() if t.ready_at else None for t in history.tickets}
    promised = {t.number: t.promised_for for t in history.tickets}
    first, last = spec.evaluation
    judged = {n for n, p in promised.items() if first + timedelta(days=EARLY_DAYS) <= p <= last}
    missed = {n for n in judged if ready[n] is None or ready[n] > promised[n]}  # type: ignore[operator]
    found = StoreDiagnosis(spec.name, missed, judged)
    day = spec.start
    while day <= last:
        if sim.is_open(day) and day >= first:
            _morning(sim, history, day, replays, promised, found)
        if sim.is_open(day):
            sim.open_day(day)
        day += timedelta(days=1)
    found.causes = {n: _cause(history, n) for n in missed}
    found.oracle = {k: v for k, v in _ORACLE.items() if k.startswith(spec.name + "|")}
    return found


def _morning(sim: StoreSimulation, history, day: date, replays: int,
             promised: dict[str, date], found: StoreDiagnosis) -> None:
    open_now = [p for p in sim.pieces if p.stage not in ("done", "picked_up")]
    counted = [p for p in open_now if day <= promised[p.number] - timedelta(days=EARLY_DAYS)]
    if not counted:
        return
    key = f"{sim.spec.name}|{day}|{replays}"
    late = _ORACLE.get(key)
    if late is None:
        late = {p.number: 0 for p in counted}
        for k in range(replays):
            outcome = replay(sim, day, sim.spec.seed * 1_000_003 + day.toordinal() * 101 + k)
            for number in late:
                back = outcome.get(number)
                late[number] += back is None or back > promised[number]
        _ORACLE[key] = late
    moment = datetime.combine(day, clock.min)
    flags = {f.ticket: f for f in assess(history, moment)}
    known = as_of(history, moment)
    estimator = Estimator(known, learn(known, day))
    for piece in counted:
        seen = found.seen.setdefault(piece.number, Seen())
        oracle = late[piece.number] / replays
        seen.oracle = max(seen.oracle, oracle)
        ticket = known.ticket_by_number[piece.number]
        estimate = estimator.ticket(ticket)
        engine = late_share(estimate, ticket, estimator)
        seen.engine = max(seen.engine, engine)
        if abs(oracle - engine) > abs(seen.gap):
            seen.gap = oracle - engine
            seen.note = (f"{day} {piece.stage} promised {promised[piece.number]} "
                         f"oracle {oracle:.2f} engine {engine:.2f}: " + "; ".join(estimate.reasons))
        seen.flagged |= flags[piece.number].level in (Level.AT_RISK, Level.LATE)
        seen.stage = piece.stage


def _cause(history, number: str) -> str:
    """Where the time went on a missed promise, from the full record."""
    ticket = history.ticket_by_number[number]
    statuses = [e.status for e in ticket.events]
    parcels = history.parcels_by_ticket.get(number, ())
    if parcels and any(p.received_at and p.received_at.date() > p.expected_back for p in parcels):
        return "vendor past its quote"
    if parcels:
        return "vendor work, on its quote"
    if "waiting_parts" in statuses:
        return "parts"
    return "bench queue"


def report(found: list[StoreDiagnosis]) -> str:
    lines = []
    for d in [*found, _all(found)]:
        missed = [n for n in d.missed if n in d.seen]
        lines.append(f"\n{d.name}: {len(d.judged)} promises judged, {len(d.missed)} missed "
                     f"({len(missed)} open on a morning that counts)")
        for t in THRESHOLDS:
            flagged = {n for n in d.judged if n in d.seen and d.seen[n].oracle >= t}
            hits = len(flagged & d.missed)
            lines.append(f"  oracle at {t:.1f}: recall {hits / max(1, len(d.missed)):.2f} "
                         f"precision {hits / max(1, len(flagged)):.2f}")
        for t in THRESHOLDS:
            flagged = {n for n in d.judged if n in d.seen and d.seen[n].engine >= t}
            hits = len(flagged & d.missed)
            lines.append(f"  engine score at {t:.1f}: recall {hits / max(1, len(d.missed)):.2f} "
                         f"precision {hits / max(1, len(flagged)):.2f}")
        lines.append("  engine score, best recall with precision ≥ 0.75: "
                     + _best_at_precision(d, 0.75) + " " + _ranking(d))
        engine = {n for n in d.judged if n in d.seen and d.seen[n].flagged}
        hits = len(engine & d.missed)
        lines.append(f"  engine:        recall {hits / max(1, len(d.missed)):.2f} "
                     f"precision {hits / max(1, len(engine)):.2f}")
        by_cause: dict[str, list[str]] = {}
        for n in d.missed:
            by_cause.setdefault(d.causes.get(n, "?"), []).append(n)
        for cause, numbers in sorted(by_cause.items()):
            seen = [d.seen[n] for n in numbers if n in d.seen]
            foreseen = sum(1 for s in seen if s.oracle >= 0.5)
            caught = sum(1 for s in seen if s.flagged)
            lines.append(f"    {cause:26} {len(numbers):4} missed, oracle ≥0.5: {foreseen:4}, "
                         f"engine caught: {caught:4}")
        false = [n for n in engine - d.missed]
        stages: dict[str, int] = {}
        for n in false:
            stages[d.seen[n].stage] = stages.get(d.seen[n].stage, 0) + 1
        lines.append(f"    false flags by stage: {stages}; "
                     f"with oracle < 0.3: {sum(1 for n in false if d.seen[n].oracle < 0.3)}")
    return "\n".join(lines)


def _best_at_precision(d: StoreDiagnosis, floor: float) -> str:
    """How well the engine's scores rank the pieces, whatever threshold is chosen."""
    best = (0.0, 0.0, 0.0)
    for step in range(1, 40):
        t = step / 40
        flagged = {n for n in d.judged if n in d.seen and d.seen[n].engine >= t}
        hits = len(flagged & d.missed)
        recall, precision = hits / max(1, len(d.missed)), hits / max(1, len(flagged))
        if precision >= floor and recall > best[0]:
            best = (recall, precision, t)
    return f"recall {best[0]:.3f} precision {best[1]:.2f} at {best[2]:.3f}"


def _ranking(d: StoreDiagnosis) -> str:
    """How well the engine's highest early score orders missed promises above kept ones,
    whatever threshold is chosen: average precision, and the chance a missed promise
    scores above a kept one (ties count half)."""
    scored = sorted(((d.seen[n].engine if n in d.seen else 0.0, n in d.missed)
                     for n in d.judged), key=lambda x: -x[0])
    positives = sum(1 for _, m in scored if m) or 1
    hits, seen, precision_sum = 0, 0, 0.0
    for _, group in groupby(scored, key=lambda x: x[0]):  # equal scores are one step
        found = [missed for _, missed in group]
        hits += sum(found)
        seen += len(found)
        precision_sum += sum(found) * hits / seen
    missed_scores = [s for s, m in scored if m]
    kept_scores = [s for s, m in scored if not m]
    pairs = sum((m > k) + 0.5 * (m == k) for m in missed_scores for k in kept_scores)
    auc = pairs / max(1, len(missed_scores) * len(kept_scores))
    return f"AP {precision_sum / positives:.3f} AUC {auc:.3f}"


def disagreements(found: list[StoreDiagnosis], count: int = 40) -> str:
    """The pieces the engine and the oracle disagreed on most, missed or flagged for nothing."""
    rows = []
    for d in found:
        for number, seen in d.seen.items():
            if number not in d.judged:
                continue
            missed = number in d.missed
            if (missed and not seen.flagged) or (not missed and seen.flagged):
                kind = "MISSED" if missed else "FALSE"
                rows.append((abs(seen.gap), f"{kind:6} {d.name[:12]} {number} {seen.note}"))
    rows.sort(reverse=True)
    return "\n".join(text for _, text in rows[:count])


def _all(found: list[StoreDiagnosis]) -> StoreDiagnosis:
    total = StoreDiagnosis("All stores", set(), set())
    for d in found:
        tag = d.name + "/"
        total.missed |= {tag + n for n in d.missed}
        total.judged |= {tag + n for n in d.judged}
        total.seen |= {tag + n: s for n, s in d.seen.items()}
        total.causes |= {tag + n: c for n, c in d.causes.items()}
    return total


def _stores() -> list[StoreSpec]:
    held = "--held-out" in sys.argv
    if "--family" in sys.argv:
        name = sys.argv[sys.argv.index("--family") + 1]
        family = next(f for f in families() if f.name == name)
        return family.held_out if held else family.tuning
    return held_out() if held else stores()


def main() -> int:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=2) as pool:
        found = list(pool.map(diagnose, _stores()))
    cached = json.loads(CACHE.read_text()) if CACHE.exists() else {}
    CACHE.write_text(json.dumps(cached | {k: v for d in found for k, v in d.oracle.items()}))
    print(report(found))
    if "--worst" in sys.argv:
        print("\n" + disagreements(found, 60))
    return 0


if __name__ == "__main__":
    sys.exit(main())
