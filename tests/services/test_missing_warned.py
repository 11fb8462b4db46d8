"""The warnings know a piece its box came back without, on each kind of database."""

from jeweldesk.services.at_risk import at_risk
from jeweldesk.services.parcels import receive_parcel, send_parcel
from tests.support.store import COUNTER, take_in_ring


def test_a_piece_missing_from_its_box_is_warned_about_as_missing(store_db):
    a, b = take_in_ring(store_db), take_in_ring(store_db)
    ref = send_parcel(store_db, "PLAT", [a, b], by=COUNTER, carrier="UPS")
    receive_parcel(store_db, ref, [a], by=COUNTER)
    _, flags = at_risk(store_db)
    said = {f.ticket: " ".join(f.reasons) for f in flags}
    assert f"parcel {ref} came back" in said[b]
    assert "without it; ask Riverbend Plating where it is" in said[b]
    assert "without it" not in said[a]
