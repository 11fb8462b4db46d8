"""How the early warnings hold up when a store keeps its records another way.

Run: ``python -m benchmarks.robustness`` (a few minutes). Every simulated store,
tuning and held-out, is run as recorded and then rewritten as a store might
really keep it: every move entered at the counter, no parcels logged, no jeweler
assigned, parts dates typed in free words, pieces put on the bench the moment
they come in; or simulated as a store might really work: a bench that takes its
pieces as they came in rather than by promise, vendors late now and then by
chance rather than in spells, pieces sent out before their bench work. Each line
is recall and precision over all the stores together.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import datetime
from datetime import time as clock
from typing import Any

from benchmarks.families import Family, families
from benchmarks.risk_bench import evaluation_mornings, judged_promises, warned_in_time
from benchmarks.simulate import simulate
from benchmarks.stores import StoreSpec, held_out, stores
from jeweldesk.risk.engine import assess
from jeweldesk.risk.from_interchange import history_from_interchange

Document = dict[str, Any]
TYPED_PARTS = re.compile(r"^Parts expected (\d{4})-(\d{2})-(\d{2})\. (.*)$")


def as_recorded(doc: Document) -> Document:
    return doc


def moves_at_the_counter(doc: Document) -> Document:
    for ticket in doc["tickets"]:
        for event in ticket["events"]:
            event["by"] = ticket["taken_in_by"]
    return doc


def no_parcels(doc: Document) -> Document:
    doc["shipments"] = []
    return doc


def no_one_assigned(doc: Document) -> Document:
    for ticket in doc["tickets"]:
        ticket["assigned_to"] = None
    return doc


def parts_dates_typed(doc: Document) -> Document:
    for ticket in doc["tickets"]:
        for event in ticket["events"]:
            found = TYPED_PARTS.match(event.get("note") or "")
            if found:
                _, month, day, words = found.groups()
                event["note"] = f"{words} from the supplier, ETA {int(month)}/{int(day)}"
    return doc


def on_the_bench_at_intake(doc: Document) -> Document:
    for ticket in doc["tickets"]:
        events = ticket["events"]
        if len(events) > 1 and events[1]["status"] == "at_bench":
            events[1]["at"], events[1]["by"] = events[0]["at"], events[0]["by"]
    return doc


SCENARIOS: dict[str, tuple[Callable[[Document], Document], bool]] = {
    "as recorded": (as_recorded, False),
    "every move entered at the counter": (moves_at_the_counter, False),
    "no parcels logged": (no_parcels, False),
    "no jeweler assigned anywhere": (no_one_assigned, False),
    "parts dates typed as 'ETA 11/20'": (parts_dates_typed, False),
    "pieces on the bench from intake": (on_the_bench_at_intake, False),
    "the bench works pieces as they came in": (as_recorded, True),
    "vendors late by chance, not in spells": (as_recorded, False),
    "vendor work first, bench work after": (as_recorded, False),
}
STEADY_VENDORS = "vendors late by chance, not in spells"
VENDOR_FIRST = "vendor work first, bench work after"


def run(job: tuple[StoreSpec, str]) -> tuple[int, int, int]:
    """Missed promises, those flagged in time, and all flagged in time, for one store."""
    spec, scenario = job
    rewrite, as_taken_in = SCENARIOS[scenario]
    spec = replace(spec, as_taken_in=as_taken_in, steady_vendors=scenario == STEADY_VENDORS,
                   vendor_first=scenario == VENDOR_FIRST)
    history = history_from_interchange(rewrite(simulate(spec)))
    judged, missed = judged_promises(history, spec)
    flagged = {
        flag.ticket
        for day in evaluation_mornings(history, spec)
        for flag in assess(history, datetime.combine(day, clock.min))
        if warned_in_time(flag, day)
    } & judged
    return len(missed), len(flagged & missed), len(flagged)


# Records kept another way, beside each family's figures in ``make bench`` (the whole list,
# and the stores that work another way, here alone: they take a while).
BESIDE = ("every move entered at the counter", "no parcels logged",
          "no jeweler assigned anywhere", "parts dates typed as 'ETA 11/20'")


def beside(chosen: list[Family], scenarios: tuple[str, ...] = BESIDE) -> str:
    """Recall and precision, tuning and held out, of every family with its records kept
    each other way: the rows printed beside the families' own in ``make bench``."""
    jobs = [(spec, scenario) for scenario in scenarios for f in chosen
            for spec in (*f.tuning, *f.held_out)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        found = dict(zip(((spec.name, scenario) for spec, scenario in jobs),
                         pool.map(run, jobs), strict=True))
    lines = [f"{'family':16} {'records kept':40} {'tuning':>15} {'held out':>15}",
             f"{'':57} {'recall  prec.':>15} {'recall  prec.':>15}"]
    for family in chosen:
        for scenario in scenarios:
            cells = []
            for specs in (family.tuning, family.held_out):
                missed, caught, flagged = (sum(c) for c in zip(
                    *(found[spec.name, scenario] for spec in specs), strict=True))
                cells.append(f"{caught / max(1, missed):7.2f} {caught / max(1, flagged):7.2f}")
            lines.append(f"{family.name:16} {scenario:40} {cells[0]:>15} {cells[1]:>15}")
    return "\n".join(lines)


def main() -> int:
    started = time.perf_counter()
    specs = [*stores(), *held_out()]
    if "--families" in sys.argv:
        print(beside(families(), tuple(SCENARIOS)))
        print(f"\n{time.perf_counter() - started:.0f} s")
        return 0
    print(f"{'records kept':44} {'missed':>6} {'recall':>7} {'precision':>9}")
    with ProcessPoolExecutor(max_workers=2) as pool:
        for scenario in SCENARIOS:
            rows = list(pool.map(run, [(spec, scenario) for spec in specs]))
            missed, caught, flagged = (sum(column) for column in zip(*rows, strict=True))
            print(f"{scenario:44} {missed:6} {caught / max(1, missed):7.2f} "
                  f"{caught / max(1, flagged):9.2f}")
    print(f"\n{len(specs)} stores, {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
