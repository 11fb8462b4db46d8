"""A small store with money in it, for the reports' tests (the figures are worked out by
hand in tests/services/test_reports.py). Today, at the counter (Kate Pruitt) and the
manager (Sandra Cole):

  A  ring, 90.00 prong retip + 15.00 cleaning, 50.00 deposit in cash; 20.00 by card; 5.00 off;
     ready; handed back for the last 30.00 in cash.
  B  gold band, no deposit, declared 1,000.00: out at Riverbend Plating in a parcel.
  C  ring, 50.00 deposit by card, no value declared; 30.00 cash taken by the manager, 10.00 given
     back in cash by her; ready and waiting, 35.00 owing.
"""

from __future__ import annotations

from jeweldesk.domain.status import Status
from jeweldesk.services.customers import CustomerDetails
from jeweldesk.services.intake import Visit, take_in
from jeweldesk.services.moves import move
from jeweldesk.services.parcels import send_parcel
from jeweldesk.services.payments import give_back, give_discount, take_payment
from jeweldesk.services.pickup import hand_back
from jeweldesk.storage.engine import Database
from tests.support.store import BENCH, COUNTER, MANAGER, ring


def small_store(db: Database) -> dict[str, str]:
    dana = CustomerDetails("Dana Whitfield", "601 555 0142")
    a, b, c = take_in(db, Visit(pieces=(
        ring(), ring(description="Gold band", deposit="0", declared_value="1000.00"),
        ring(declared_value=None, deposit_method="card")), new_customer=dana), by=COUNTER)
    take_payment(db, a, "card", "20.00", COUNTER)
    give_discount(db, a, "Regular customer", COUNTER, amount="5.00")
    take_payment(db, c, "cash", "30.00", MANAGER)
    give_back(db, c, "cash", "10.00", "Changed her mind about the polish", MANAGER)
    for number in (a, c):
        move(db, number, Status.AT_BENCH, by=BENCH)
        move(db, number, Status.READY, by=BENCH)
    hand_back(db, [a], "Dana Whitfield", COUNTER, "cash", "30.00")
    send_parcel(db, "PLAT", [b], COUNTER, carrier="UPS")
    return {"A": a, "B": b, "C": c}
