"""The manager's numbers on a small store, each figure worked out by hand below.

Today, at the counter (Kate Pruitt, KP) and the manager (Sandra Cole, SC):
  A  ring, 90.00 prong retip + 15.00 cleaning, 50.00 deposit in cash; 20.00 by card; 5.00 off;
     ready; handed back for the last 30.00 in cash.
  B  gold band, no deposit, declared 1,000.00: out at Riverbend Plating in a parcel.
  C  ring, 50.00 deposit by card, no value declared; 30.00 cash taken by SC, 10.00 given back
     in cash by SC; ready and waiting, 35.00 owing.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from jeweldesk.domain import writing
from jeweldesk.domain.errors import NotAllowed
from jeweldesk.services.reports import as_csv, as_text, report
from jeweldesk.storage.engine import Database
from tests.support.money import small_store as _small_store
from tests.support.store import COUNTER, MANAGER, store_today

D = Decimal


@pytest.fixture
def small_store(store_db: Database) -> dict[str, str]:
    return _small_store(store_db)


def _rows(found, title):
    return [t.rows for t in found.tables if t.title.startswith(title)][0]


def test_end_of_day(store_db, small_store):
    found = report(store_db, "end-of-day", MANAGER)
    assert found.start == found.end == store_today()
    # Each deposit with its way: cash A 50 (deposit) + A 30 + C 30; card C 50 (deposit) + A 20.
    assert _rows(found, "Taken, by way") == (("cash", 3, D("110.00")), ("card", 2, D("70.00")))
    # Kate: 50 + 50 + 20 + 30; Sandra: 30.
    assert _rows(found, "Taken, by person") == (("Kate Pruitt", 4, D("150.00")),
                                                ("Sandra Cole", 1, D("30.00")))
    [back] = _rows(found, "Given back")
    assert back[1:] == (small_store["C"], "cash", "Sandra Cole",
                        "Changed her mind about the polish", D("10.00"))
    # Held: C's 50 + 30 - 10; B has nothing paid.
    assert _rows(found, "In all") == (
        ("Taken", D("180.00")), ("Given back", D("10.00")), ("Net", D("170.00")),
        ("Deposits and part payments held for 1 piece not yet collected (as of now)",
         D("70.00")))


def test_repair_revenue(store_db, small_store):
    found = report(store_db, "revenue", MANAGER)
    # Only A was handed back: 90 + 15 of work, 5 off.
    assert _rows(found, "Revenue by service") == (
        ("Retip prongs", 1, D("90.00")), ("Clean and polish", 1, D("15.00")),
        ("Discounts and courtesies", None, D("-5.00")))
    month = store_today().strftime("%B %Y")
    assert _rows(found, "Revenue by month") == ((month, 1, D("100.00")),)
    assert _rows(found, "In all") == (("Repair revenue, after money off", D("100.00")),
                                      ("Sales tax collected (not revenue)", D("0.00")))


def test_the_bench(store_db, small_store):
    found = report(store_db, "bench", MANAGER)
    [(week, jeweler, pieces)] = _rows(found, "Pieces finished")
    assert (jeweler, pieces) == ("Jonah Reyes", 2)  # A and C
    assert _rows(found, "From intake to ready") == (
        ("Clean and polish", 2, D("0.0"), 0), ("Retip prongs", 2, D("0.0"), 0))
    assert _rows(found, "Promises kept, by jeweler") == (
        ("Jonah Reyes", 2, 2, D(1), D(1)),)
    assert _rows(found, "Promises kept, by vendor") == ()


def test_what_the_store_holds(store_db, small_store):
    found = report(store_db, "holdings", MANAGER)
    assert _rows(found, "Pieces held") == (
        ("In the store, ready", 1, D("0.00"), 1),
        ("At Riverbend Plating", 1, D("1000.00"), 0),
        ("In all", 2, D("1000.00"), 1))
    [(number, customer, piece, _since, waiting, balance)] = _rows(found, "Ready pieces")
    # C: 105.00 of work less 50 + 30 - 10 paid.
    assert (number, customer, waiting, balance) == (small_store["C"], "Dana Whitfield", 0,
                                                    D("35.00"))


def test_only_a_manager_reads_the_numbers_and_csv_carries_them(store_db, small_store):
    with pytest.raises(NotAllowed, match=r"Kate Pruitt \(counter\) cannot read the store's "
                                         "numbers; a manager can"):
        report(store_db, "end-of-day", COUNTER)
    found = report(store_db, "end-of-day", MANAGER)
    text = as_csv(found)
    assert '"Taken, by way of payment"\nWay,Payments,Amount (USD)\ncash,3,110.00\n' in text
    assert "Net,170.00" in text
    lines = as_text(found).splitlines()
    assert lines[0] == f"End of day: {writing.day(store_today(), year=True)} to " \
                       f"{writing.day(store_today(), year=True)}"
    assert lines[lines.index("Taken, by way of payment") + 4].split() == ["card", "2", "$70.00"]
