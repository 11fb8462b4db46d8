"""A piece its parcel came back without: still out, and not on the parcel's date."""

from datetime import timedelta

from jeweldesk.risk.engine import assess
from jeweldesk.risk.history import Parcel, Service
from jeweldesk.risk.learn import learn
from tests.support.histories import PLATING, at, flag_for, history, nov, ticket, vendor_past

PLATED = (Service("rhodium_plating", "PLAT"),)


def short_box(promised_in: int = 4) -> tuple[list, list]:
    """Plating that has always come back on its six days; S-9 left Oct 30 with R-1 and R-2
    and came back Nov 5 without R-2."""
    tickets, parcels = vendor_past(PLATING, nov(1) - timedelta(days=70), [6] * 10)
    back = at(nov(5), 11)
    tickets += [
        ticket("R-1", nov(1) - timedelta(days=3), nov(10), [(nov(1) - timedelta(days=2),
               "at_vendor"), (nov(5), "at_bench")], services=PLATED),
        ticket("R-2", nov(1) - timedelta(days=3), nov(10) + timedelta(days=promised_in - 4),
               [(nov(1) - timedelta(days=2), "at_vendor")], services=PLATED),
    ]
    parcels.append(Parcel("S-9", "PLAT", ("R-1", "R-2"), at(nov(1) - timedelta(days=2), 9),
                          nov(5), None, (("R-1", back),)))
    return tickets, parcels


def test_the_warning_says_the_box_came_back_without_it_and_whom_to_ask():
    tickets, parcels = short_box()
    flag = flag_for(assess(history(tickets, parcels), nov(9)), "R-2")
    said = " ".join(flag.reasons)
    assert "parcel S-9 came back Nov 5 without it; ask Riverbend Plating where it is" in said
    assert "expected back Nov 5" not in said
    assert flag.expected_ready > nov(9)
    assert flag.level in ("at_risk", "late")


def test_the_store_learns_how_long_pieces_left_behind_take_to_follow():
    tickets, parcels = short_box()
    # Five boxes that came back short before, each missing piece two open days behind.
    for i in range(5):
        sent = nov(1) - timedelta(days=60 - 7 * i)
        first, second = at(sent + timedelta(days=6), 11), at(sent + timedelta(days=8), 11)
        numbers = (f"M-{i}a", f"M-{i}b")
        for number, came in zip(numbers, (first, second), strict=True):
            tickets.append(ticket(number, sent, came.date() + timedelta(days=3), [
                (sent, "at_vendor"), (came.date(), "at_bench"), (came.date(), "ready")],
                services=PLATED))
        parcels.append(Parcel(f"S-M{i}", "PLAT", numbers, at(sent, 9), sent + timedelta(days=6),
                              second, ((numbers[0], first), (numbers[1], second))))
    assert learn(history(tickets, parcels), nov(9)).missing_back.count(2) == 5
