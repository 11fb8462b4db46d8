"""Would the store keep more of its promises if it promised the dates intake proposes?

Each store is simulated twice with the same luck to start from: once as it is, the
counter promising by its rule of thumb, and once promising, from the first morning
assessed on, the date JewelDesk's intake proposes for each piece, worked out from the
store's own history as of the moment the piece came in. Since the bench works by the
promises it is given, a proposal can only be judged in a store that promised it. For the
pieces taken in over the evaluation window: the share of promises kept, and how far out
they were made (the median open days from intake to the promise).
"""

from __future__ import annotations

import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from statistics import median
from typing import Any

from benchmarks.simulate import StoreSimulation
from benchmarks.stores import StoreSpec, held_out, stores
from jeweldesk.risk.from_interchange import history_from_interchange
from jeweldesk.risk.history import History, Service
from jeweldesk.risk.proposal import expected_ready_for_intake


class ProposingStore(StoreSimulation):
    """The simulated store, promising what JewelDesk proposes once it has a season to go on."""

    def __init__(self, spec: StoreSpec) -> None:
        super().__init__(spec)
        self._known: tuple[datetime, History] | None = None

    def promise_for(
        self, at: datetime, services: list[tuple[str, str | None]], hours: float, jeweler: str
    ) -> date:
        if at.date() < self.spec.evaluation[0]:
            return super().promise_for(at, services, hours, jeweler)
        if self._known is None or self._known[0] != at:  # the record as it stands
            self._known = (at, history_from_interchange(self.document()))
        proposed, _why = expected_ready_for_intake(
            self._known[1], at, [Service(code, vendor) for code, vendor in services],
            jeweler=jeweler)
        return proposed


@dataclass(frozen=True)
class Promises:
    kept: int
    made: int
    leads: tuple[int, ...]  # open days from intake to each promise


def promises(spec: StoreSpec, simulation: type[StoreSimulation]) -> Promises:
    document = simulation(spec).run()
    history = history_from_interchange(document)
    first, last = spec.evaluation
    kept, leads = 0, []
    for ticket in history.tickets:
        taken_in = ticket.received_at.date()
        if not first <= taken_in <= last or ticket.status == "cancelled":
            continue
        kept += ticket.ready_at is not None and ticket.ready_at.date() <= ticket.promised_for
        leads.append(history.calendar.open_days_between(taken_in, ticket.promised_for))
    return Promises(kept, len(leads), tuple(leads))


def run_store(spec: StoreSpec) -> tuple[Promises, Promises]:
    return promises(spec, StoreSimulation), promises(spec, ProposingStore)


def line(title: str, found: list[Promises]) -> str:
    kept, made = sum(p.kept for p in found), sum(p.made for p in found)
    leads = [lead for p in found for lead in p.leads]
    return (f"  {title:34} {made:6} {kept / made:7.2f} {median(leads):10.0f} "
            f"{sum(leads) / len(leads):8.1f}")


def report(title: str, results: list[tuple[Promises, Promises]]) -> list[str]:
    return [
        title,
        f"  {'promises made':34} {'pieces':>6} {'kept':>7} {'open days':>10} {'mean':>8}",
        line("by the counter's rule of thumb", [own for own, _ in results]),
        line("as JewelDesk proposes at intake", [proposed for _, proposed in results]),
    ]


def main(_args: Any = None) -> int:
    started = time.perf_counter()
    tuned, unseen = stores(), held_out()
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(run_store, [*tuned, *unseen]))
    print("\n".join(report("Tuning stores", results[: len(tuned)])))
    print("\n".join(report("Held-out stores", results[len(tuned):])))
    print(f"\n{time.perf_counter() - started:.0f} s; open days: from intake to the promise, "
          "the median and the mean")
    return 0


if __name__ == "__main__":
    sys.exit(main())
