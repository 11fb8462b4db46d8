"""The plain words a flag's reasons are written in, for a counter person to repeat."""

from __future__ import annotations

from jeweldesk.risk.order import AS_TAKEN_IN, QUICKEST_FIRST
from jeweldesk.risk.vendors import VendorRecord


def days(count: int) -> str:
    if count == 7:
        return "a week"
    if count == 14:
        return "two weeks"
    return f"{count} day" if count == 1 else f"{count} days"


def chance(share: float) -> str:
    """ "about 4 in 10": a likelihood as it is said at the counter."""
    tenths = min(9, max(1, round(share * 10)))
    return f"about {tenths} in 10"


def pieces(count: int) -> str:
    return "1 piece" if count == 1 else f"{count} pieces"


def order(taken_up: str) -> str:
    """How the bench takes up its waiting pieces, as said after "pieces ahead of it"."""
    if taken_up == AS_TAKEN_IN:
        return "in the order they came in"
    if taken_up == QUICKEST_FIRST:
        return "the quickest job first"
    return "earliest promise first"


def vendor_record(record: VendorRecord) -> str:
    """How the vendor really keeps its quote, from its own parcels."""
    if not record.learned:
        return f"{record.name} quotes {days(record.quote)}; too few parcels yet to know better"
    if record.late * 5 < record.parcels_counted:
        return (
            f"{record.name} returned {record.parcels_counted - record.late} of its last "
            f"{record.parcels_counted} parcels within its {days(record.quote)} quote"
        )
    return (
        f"{record.name} returned {record.late} of its last {record.parcels_counted} parcels "
        f"{days(record.late_by)} past its quote"
    )
