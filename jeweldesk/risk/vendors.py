"""A vendor's real turnaround: its own parcels, blended with the store's other vendors.

Each of the vendor's recent parcels counts, the newer ones more (a vendor that
has fallen behind stays behind for weeks); a parcel still out longer than the
vendor usually takes counts as its parcels that took at least that long did. To
these the store's record of all its vendors (how far past their quotes they come
back) is added with the weight of ``PRIOR_WEIGHT`` parcels, so a vendor with few
parcels on record is judged mostly like the store's other vendors, and one with
many by its own.
Vendors fall behind and catch up in streaks, so the share of the turnaround past
the quote is then set by how its last few parcels went (``_as_lately``). A parcel
the vendor quoted longer or shorter than usual for is judged against its own
quote: the turnaround is the usual quote's, moved by the difference.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from statistics import median

from jeweldesk.domain.calendar import days_after
from jeweldesk.risk.history import History, Parcel
from jeweldesk.risk.outcomes import weighted_spread

RECENT_PARCELS = 20  # a vendor's last parcels that speak for it now
PARCEL_DAYS = 180  # parcels sent longer ago than this no longer speak for a vendor
PRIOR_WEIGHT = 4.0  # parcels' worth of belief in the store-wide record
HALF_LIFE_DAYS = 60.0  # a parcel's say halves with every this many days of age
NOW_PARCELS = 4  # a vendor's last parcels known late or not say how it is doing now
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
    for parcel in trips(history):
        if (today - parcel.sent_at.date()).days <= PARCEL_DAYS:
            by_vendor.setdefault(parcel.vendor, []).append(parcel)
    own: dict[str, list[tuple[int, float]]] = {}
    ratios: list[tuple[float, float]] = []
    counted: dict[str, tuple[int, int, int]] = {}
    returned: dict[str, list[tuple[int, float]]] = {}  # each vendor's parcels back
    for vendor in history.vendors:
        parcels = sorted(by_vendor.get(vendor.code, []), key=lambda p: p.sent_at, reverse=True)
        back = [p for p in parcels if p.received_at is not None][:RECENT_PARCELS]
        quote = vendor.quoted_turnaround_days
        seen = [(_days_out(p) - quoted_extra(p, quote), _weight(p, today)) for p in back]
        returned[vendor.code] = list(seen)
        late = [d - quote for d, _ in seen if d > quote]
        typical = median(d for d, _ in seen) if seen else quote
        # A parcel out longer than the vendor's usual is evidence too, though not back yet:
        # it takes at least as long as it has, and as long as the vendor's parcels that took
        # that long did; longer than any of them, some days more.
        seen += _still_out(
            [p for p in parcels
             if p.received_at is None and (today - p.sent_at.date()).days > typical],
            list(seen), quote, today)
        own[vendor.code] = seen
        counted[vendor.code] = (len(back), len(late), round(median(late)) if late else 0)
        if quote > 0:
            ratios += [(d / quote, w) for d, w in seen]
    if len(ratios) < 5:  # too few parcels in the whole store to say how its vendors do
        ratios = [(r, 1.0) for r in PRIOR_LATE_RATIOS]
    total = sum(w for _, w in ratios)
    records = {}
    for vendor in history.vendors:
        quote = vendor.quoted_turnaround_days
        prior = [(round(quote * r), PRIOR_WEIGHT * w / total) for r, w in ratios]
        back_count, late_count, late_by = counted[vendor.code]
        values = own[vendor.code] + prior
        if quote > 0:
            prior_late = sum(w for v, w in prior if v > quote) / PRIOR_WEIGHT
            values = _as_lately(values, quote, (back_count, late_count, prior_late),
                                 by_vendor.get(vendor.code, []), today, returned[vendor.code])
        records[vendor.code] = VendorRecord(
            vendor.code, vendor.name, quote,
            tuple(weighted_spread(values, SAMPLES)),
            back_count, late_count, late_by,
        )
    return records


def _still_out(
    out: list[Parcel], back: list[tuple[int, float]], quote: int, today: date,
    weigh: bool = True,
) -> list[tuple[int, float]]:
    """Turnarounds for parcels still out: each one's weight (by its age, or one each where
    not ``weigh``) shared among the vendor's parcels back that took at least as long
    (``back``), as a record cut short is read (Kaplan-Meier); one out longer than any of
    them, some days more than so far."""
    found: list[tuple[int, float]] = []
    for parcel in out:
        so_far = (today - parcel.sent_at.date()).days - quoted_extra(parcel, quote)
        weight = _weight(parcel, today) if weigh else 1.0
        longer = [(days, w) for days, w in back if days >= so_far]
        total = sum(w for _, w in longer)
        if total > 0:
            found += [(days, weight * w / total) for days, w in longer]
        else:
            found.append((so_far + max(2, quote // 2), weight))
    return found


def _as_lately(
    values: list[tuple[int, float]], quote: int, record: tuple[int, int, float],
    parcels: list[Parcel], today: date, returned: list[tuple[int, float]],
) -> list[tuple[int, float]]:
    """The turnaround reweighted so that its share past the quote, and how far past it,
    are the vendor's lately.

    A vendor that falls behind stays behind for weeks, and one that catches up stays
    caught up: its last few parcels (those back, and those out past their date) say more
    about the parcel out now than the rest of its record does, which weighs in as
    ``NOW_STRENGTH`` parcels. So they say both how likely this parcel is late and, where
    they were late, by how much: a slow spell shows in its first late parcels, long before
    this parcel's own quote has passed. ``record`` is the vendor's parcels back, how many
    of them late, and the store's share of late parcels that stands for ``PRIOR_WEIGHT``
    more; ``returned`` the turnarounds of its parcels back.
    """
    on_time = [(v, w) for v, w in values if v <= quote]
    late = [(v, w) for v, w in values if v > quote]
    decided: list[tuple[bool, bool]] = []  # (late, back): back, or out past its date
    late_lately: list[tuple[int, float]] = []  # how long the late ones took, a parcel each
    for parcel in sorted(parcels, key=lambda p: p.sent_at, reverse=True):
        if parcel.received_at is not None:
            was_late = parcel.received_at.date() > parcel.expected_back
            decided.append((was_late, True))
            if was_late:
                late_lately.append((_days_out(parcel) - quoted_extra(parcel, quote), 1.0))
        elif today > parcel.expected_back:
            decided.append((True, False))
            late_lately += _still_out([parcel], returned, quote, today, weigh=False)
        if len(decided) == NOW_PARCELS:
            break
    back_count, late_count, prior_late = record
    # The rest of the record: the vendor's other parcels back, and the store's.
    rest_late = max(0, late_count - sum(1 for was, back in decided if was and back))
    rest_back = max(0, back_count - sum(1 for _, back in decided if back))
    usual = (rest_late + PRIOR_WEIGHT * prior_late) / (rest_back + PRIOR_WEIGHT)
    now = (sum(was for was, _ in decided) + NOW_STRENGTH * usual) / (
        len(decided) + NOW_STRENGTH)
    if not late:
        late = [(quote + max(2, quote // 2), 1.0)]
    if not on_time:
        on_time = [(quote, 1.0)]
    if late_lately:  # the rest of the record's late parcels weigh ``NOW_STRENGTH`` of them
        record_total = sum(w for _, w in late)
        late = [(v, w * NOW_STRENGTH / record_total) for v, w in late] + [
            (v, w) for v, w in late_lately if v > quote]
    late_total = sum(w for _, w in late)
    on_time_total = sum(w for _, w in on_time)
    return [(v, w * (1 - now) / on_time_total) for v, w in on_time] + [
        (v, w * now / late_total) for v, w in late
    ]


def trips(history: History) -> tuple[Parcel, ...]:
    """Every trip to a vendor: the parcels on record, and those seen only in the pieces'
    moves; worked out once per history."""
    found = history.memo.get("trips")
    if found is None:
        found = history.memo["trips"] = (*history.parcels, *_unrecorded_parcels(history))
    return found  # type: ignore[no-any-return]


def _unrecorded_parcels(history: History) -> list[Parcel]:
    """Trips to a vendor seen only in a piece's moves (a store that does not log its
    parcels): each stay at the vendor, as a parcel of its own, due back at the quote."""
    quotes = {v.code: v.quoted_turnaround_days for v in history.vendors}
    found = []
    for ticket in history.tickets:
        vendors = ticket.vendor_codes
        if not vendors or ticket.number in history.parcels_by_ticket:
            continue
        trips = 0
        for i, event in enumerate(ticket.events):
            if event.status != "at_vendor" or (i and ticket.events[i - 1].status == "at_vendor"):
                continue
            vendor = vendors[min(trips, len(vendors) - 1)]
            trips += 1
            back = ticket.events[i + 1].at if i + 1 < len(ticket.events) else None
            found.append(Parcel(f"({ticket.number})", vendor, (ticket.number,), event.at,
                                days_after(event.at.date(), quotes.get(vendor, 7)), back))
    return found


def quoted_extra(parcel: Parcel, quote: int) -> int:
    """Days more the vendor quoted for this parcel than it usually quotes (a big job, the
    holiday rush), or fewer for a rush: its turnaround is judged against its own quote."""
    return (parcel.expected_back - parcel.sent_at.date()).days - quote


def _weight(parcel: Parcel, today: date) -> float:
    return float(0.5 ** ((today - parcel.sent_at.date()).days / HALF_LIFE_DAYS))


def _days_out(parcel: Parcel) -> int:
    assert parcel.received_at is not None
    return (parcel.received_at.date() - parcel.sent_at.date()).days
