"""The benchmark's other families of stores do what their ideas of the work say."""

from __future__ import annotations

from collections import Counter

from benchmarks.families import bench_family, families, vendor_family
from benchmarks.flows import RETURN_WEEKDAY
from benchmarks.simulate import simulate
from jeweldesk.risk.from_interchange import history_from_interchange


def test_every_family_has_stores_to_tune_on_and_stores_held_out_all_named_apart():
    names = [s.name for f in families() for s in (*f.tuning, *f.held_out)]
    assert len(names) == len(set(names))
    assert all(f.tuning and f.held_out for f in families())


def test_the_bench_family_sends_pieces_back_from_quality_check_and_records_no_parts_wait():
    rework = next(s for s in bench_family().tuning if s.name == "Cedar Hollow Jewelers")
    history = history_from_interchange(simulate(rework))
    back = [t for t in history.tickets if any(
        a.status == "quality_check" and b.status == "at_bench"
        for a, b in zip(t.events, t.events[1:], strict=False))]
    assert 0.08 < len(back) / len(history.tickets) < 0.25
    unrecorded = next(s for s in bench_family().tuning if s.name == "Ferry Road Goldsmiths")
    history = history_from_interchange(simulate(unrecorded))
    assert not any(e.status == "waiting_parts" for t in history.tickets for e in t.events)


def test_the_vendor_family_returns_weekly_and_sends_pieces_to_two_vendors():
    spec = next(s for s in vendor_family().tuning if s.name == "Ironbridge Jewelers")
    history = history_from_interchange(simulate(spec))
    back_on = Counter(p.received_at.isoweekday() for p in history.parcels if p.received_at)
    # Shipped on the vendors' day, in the store the next open morning.
    assert max(back_on, key=back_on.__getitem__) == RETURN_WEEKDAY % 7 + 1
    two = [t for t in history.tickets if len(t.vendor_codes) == 2 and t.ready_at]
    assert two and all(len(history.parcels_by_ticket[t.number]) == 2 for t in two)
