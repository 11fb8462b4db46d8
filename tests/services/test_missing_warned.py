"""A piece its box came back without: the warnings and Prepare the customer say it is
missing, on each kind of database."""

from jeweldesk.domain import writing
from jeweldesk.services.at_risk import at_risk
from jeweldesk.services.parcels import receive_parcel, send_parcel
from jeweldesk.services.prepare import briefing
from tests.support.store import COUNTER, store_today, take_in_ring


def short_box(db) -> tuple[str, str, str]:
    a, b = take_in_ring(db), take_in_ring(db)
    ref = send_parcel(db, "PLAT", [a, b], by=COUNTER, carrier="UPS")
    receive_parcel(db, ref, [a], by=COUNTER)
    return a, b, ref


def test_a_piece_missing_from_its_box_is_warned_about_as_missing(store_db):
    a, b, ref = short_box(store_db)
    _, flags = at_risk(store_db)
    said = {f.ticket: " ".join(f.reasons) for f in flags}
    assert f"parcel {ref} came back" in said[b]
    assert "without it; ask Riverbend Plating where it is" in said[b]
    assert "without it" not in said[a]


def test_prepare_the_customer_says_where_a_missing_piece_is(store_db):
    _, b, ref = short_box(store_db)
    today = writing.short_day(store_today())
    assert briefing(store_db, b).where_now == (
        f"missing from parcel {ref}: Riverbend Plating sent the box back {today} without it")
