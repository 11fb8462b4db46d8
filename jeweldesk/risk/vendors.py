"""A vendor's real turnaround: its own parcels, blended with the store's other vendors.

Each of the vendor's recent parcels counts, the newer ones more (a vendor that
has fallen behind stays behind for weeks); a parcel still out longer than the
vendor usually takes counts as at least that long. To these the store's record
of all its vendors (how far past their quotes they come back) is added with the
weight of ``PRIOR_WEIGHT`` parcels, so a vendor with few parcels on record is
judged mostly like the store's other vendors, and one with many by its own.
Vendors fall behind and catch up in streaks, so the share of the turnaround past
the quote is then set by how its last few weeks of parcels went (``_as_of_late``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from statistics import median

from jeweldesk.risk.history import History, Parcel
from jeweldesk.risk.outcomes import weighted_spread

RECENT_PARCELS = 20  # a vendor's last parcels that speak for it now
PARCEL_DAYS = 180  # parcels sent longer ago than this no longer speak for a vendor
PRIOR_WEIGHT = 4.0  # parcels' worth of belief in the store-wide record
HALF_LIFE_DAYS = 60.0  # a parcel's say halves with every this many days of age
NOW_DAYS = 42  # parcels sent within this many days say how the vendor is doing now
NOW_HALF_LIFE_DAYS = 10.0  # ... the newer the more
NOW_STRENGTH = 2.0  # parcels' worth of belief in the vendor's usual share of late parcels
SAMPLES = 21  # turnaround values kept per vendor
PRIOR_LATE_RATIOS = (1.0, 1.0, 1.0, 1.15, 1.3)  # turnaround / quote, before any history


@dataclass(frozen=True)
class VendorRecord:
    """A vendor's real turnaround in calendar days, from its own recent parcels."""

    code: str
    name: str
    quote: int
    turnaround: tuple[int, ...]  # equally likely days out, own parcels blended with the prior
    parcels_counted: int  # own parcels behind it
    late: int  # of those, back after the date the vendor quoted
    late_by: int  # median days past the quote of the late ones

    @property
    def learned(self) -> bool:
        return self.parcels_counted >= 3


def vendor_records(history: History, today: date) -> dict[str, VendorRecord]:
    by_vendor: dict[str, list[Parcel]] = {}
    for parcel in history.parcels:
        if (today - parcel.sent_at.date()).days <= PARCEL_DAYS:
            by_vendor.setdefault(parcel.vendor, []).append(parcel)
    own: dict[str, list[tuple[int, float]]] = {}
    ratios: list[tuple[float, float]] = []
    counted: dict[str, tuple[int, int, int]] = {}
    for vendor in history.vendors:
        parcels = sorted(by_vendor.get(vendor.code, []), key=lambda p: p.sent_at, reverse=True)
        back = [p for p in parcels if p.received_at is not None][:RECENT_PARCELS]
        seen = [(_days_out(p), _weight(p, today)) for p in back]
        quote = vendor.quoted_turnaround_days
        late = [d - quote for d, _ in seen if d > quote]
        typical = median(d for d, _ in seen) if seen else quote
        # A parcel out longer than the vendor's usual is evidence too, though not back yet:
        # it will take at least as long as it has, and likely some days more.
        more = max(2, quote // 2)
        seen += [
            ((today - p.sent_at.date()).days + more, _weight(p, today))
            for p in parcels
            if p.received_at is None and (today - p.sent_at.date()).days > typical
        ]
        own[vendor.code] = seen
        counted[vendor.code] = (len(back), len(late), round(median(late)) if late else 0)
        if quote > 0:
            ratios += [(d / quote, w) for d, w in seen]
    if sum(w for _, w in ratios) < 5:
        ratios = [(r, 1.0) for r in PRIOR_LATE_RATIOS]
    total = sum(w for _, w in ratios)
    records = {}
    for vendor in history.vendors:
        quote = vendor.quoted_turnaround_days
        prior = [(round(quote * r), PRIOR_WEIGHT * w / total) for r, w in ratios]
        back_count, late_count, late_by = counted[vendor.code]
        values = own[vendor.code] + prior
        if quote > 0:
            values = _as_of_late(values, quote, by_vendor.get(vendor.code, []), today)
        records[vendor.code] = VendorRecord(
            vendor.code, vendor.name, quote,
            tuple(weighted_spread(values, SAMPLES)),
            back_count, late_count, late_by,
        )
    return records


def _as_of_late(
    values: list[tuple[int, float]], quote: int, parcels: list[Parcel], today: date
) -> list[tuple[int, float]]:
    """The turnaround reweighted so that its share past the quote is the vendor's lately.

    A vendor that falls behind stays behind for weeks, and one that catches up stays
    caught up: its last few weeks of parcels (those back, and those out past their date)
    say more about the parcel out now than its season does, which weighs in as
    ``NOW_STRENGTH`` parcels.
    """
    on_time = [(v, w) for v, w in values if v <= quote]
    late = [(v, w) for v, w in values if v > quote]
    total = sum(w for _, w in values)
    usual = sum(w for _, w in late) / total if total else 0.0
    said = weight = 0.0
    for parcel in parcels:
        age = (today - parcel.sent_at.date()).days
        if age > NOW_DAYS:
            continue
        if parcel.received_at is not None:
            was_late = parcel.received_at.date() > parcel.expected_back
        elif today > parcel.expected_back:
            was_late = True
        else:
            continue  # out, and not yet due: says nothing yet
        w = 0.5 ** (age / NOW_HALF_LIFE_DAYS)
        weight += w
        said += w * was_late
    now = (said + NOW_STRENGTH * usual) / (weight + NOW_STRENGTH)
    if not late:
        late = [(quote + max(2, quote // 2), 1.0)]
    if not on_time:
        on_time = [(quote, 1.0)]
    late_total = sum(w for _, w in late)
    on_time_total = sum(w for _, w in on_time)
    return [(v, w * (1 - now) / on_time_total) for v, w in on_time] + [
        (v, w * now / late_total) for v, w in late
    ]


def _weight(parcel: Parcel, today: date) -> float:
    return float(0.5 ** ((today - parcel.sent_at.date()).days / HALF_LIFE_DAYS))


def _days_out(parcel: Parcel) -> int:
    assert parcel.received_at is not None
    return (parcel.received_at.date() - parcel.sent_at.date()).days
