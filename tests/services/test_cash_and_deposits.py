"""Money in the store's own currency: a Swiss store's cash rounded to the five centimes its
coins make, the difference kept as its own row through to the end of the day; and the
deposit at intake paid in one of the store's ways, counted with that way."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jeweldesk.cli import main
from jeweldesk.domain.errors import Invalid
from jeweldesk.domain.status import Status
from jeweldesk.services.customers import CustomerDetails
from jeweldesk.services.intake import ServiceLine, Visit, take_in
from jeweldesk.services.moves import move
from jeweldesk.services.payments import take_payment
from jeweldesk.services.pickup import hand_back
from jeweldesk.services.reports import as_csv, as_text, report
from jeweldesk.services.story import ticket_story
from jeweldesk.storage.engine import Database
from tests.support.paper import flat, pdf_text
from tests.support.store import BENCH, COUNTER, MANAGER, ring, set_up

D = Decimal


def _rows(found, title):
    return [t.rows for t in found.tables if t.title.startswith(title)][0]


def _ready_ticket(db: Database, price: str, deposit: str = "0", method: str | None = None
                  ) -> str:
    [number] = take_in(db, Visit(pieces=(ring(
        services=(ServiceLine("cleaning", "Clean and polish", price),),
        deposit=deposit, deposit_method=method),),
        new_customer=CustomerDetails("Lena Keller")), by=COUNTER)
    move(db, number, Status.AT_BENCH, by=BENCH)
    move(db, number, Status.READY, by=BENCH)
    return number


@pytest.fixture
def swiss_store(sqlite_db: Database) -> Database:
    set_up(sqlite_db, country="CH", currency="CHF", locale="de_CH")
    return sqlite_db


def test_cash_at_pickup_is_rounded_to_the_coins_and_the_difference_is_its_own_row(
        swiss_store: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    number = _ready_ticket(swiss_store, "52.37", deposit="20.00", method="card")
    assert ticket_story(swiss_store, number).balance == D("32.37")

    done = hand_back(swiss_store, [number], "Lena Keller", COUNTER, "cash", "32.35")

    assert done.paid == D("32.35") and done.cash_rounding == D("0.02") and not done.owing
    story = ticket_story(swiss_store, number)
    assert story.balance == D("0.00")  # exact: the rounding is recorded, not a drift
    assert [(p.method, p.amount, p.cash_rounding) for p in story.payments] == [
        ("cash", D("32.35"), False), ("cash", D("0.02"), True)]

    found = report(swiss_store, "end-of-day", MANAGER)
    # The deposit counts with its way; the cash is what the till holds, not the rounding.
    assert _rows(found, "Taken, by way of payment") == (
        ("cash", 1, D("32.35")), ("card", 1, D("20.00")))
    in_all = dict(_rows(found, "In all"))
    assert in_all["Taken"] == D("52.35") and in_all["Net"] == D("52.35")
    assert in_all["Cash rounding (settled to the cash unit, not money taken)"] == D("0.02")
    assert "CHF\u00a032.35" in as_text(found) and "$" not in as_text(found)
    assert "Amount (CHF)" in as_csv(found)

    out = tmp_path / "payment.pdf"
    assert main(["--db", swiss_store.url, "print", "payment", number, "--out", str(out)]) == 0
    text = flat(pdf_text(out))
    assert "Cash rounding, Kate Pruitt CHF 0.02" in text
    assert "deposit at intake by card" in text and "Left to pay CHF 0.00" in text
    assert "$" not in text


def test_cash_rounds_up_as_well_and_a_card_is_never_rounded(swiss_store: Database) -> None:
    up = _ready_ticket(swiss_store, "112.38")
    hand_back(swiss_store, [up], "Lena Keller", COUNTER, "cash", "112.40")
    # The customer paid the odd centimes: the rounding makes room for the cash taken.
    assert [(p.amount, p.cash_rounding) for p in ticket_story(swiss_store, up).payments] == [
        (D("-0.02"), True), (D("112.40"), False)]
    assert ticket_story(swiss_store, up).balance == D("0.00")

    by_card = _ready_ticket(swiss_store, "112.37")
    with pytest.raises(Invalid) as refused:
        hand_back(swiss_store, [by_card], "Lena Keller", COUNTER, "card", "112.35")
    assert "0.02 would be left owing" in refused.value.problems["amount"]
    hand_back(swiss_store, [by_card], "Lena Keller", COUNTER, "card", "112.37")
    assert [p.cash_rounding for p in ticket_story(swiss_store, by_card).payments] == [False]


def test_a_cash_part_payment_is_taken_as_it_is_and_one_settling_the_balance_is_rounded(
        swiss_store: Database) -> None:
    number = _ready_ticket(swiss_store, "52.37")
    assert take_payment(swiss_store, number, "cash", "20.01", COUNTER) == D("32.36")
    assert take_payment(swiss_store, number, "cash", "32.35", COUNTER) == D("0.00")
    rows = [(p.amount, p.cash_rounding) for p in ticket_story(swiss_store, number).payments]
    assert rows == [(D("20.01"), False), (D("32.35"), False), (D("0.01"), True)]


def test_a_dollar_store_never_rounds_cash(sqlite_db: Database) -> None:
    set_up(sqlite_db)
    number = _ready_ticket(sqlite_db, "112.37")
    with pytest.raises(Invalid):
        hand_back(sqlite_db, [number], "Lena Keller", COUNTER, "cash", "112.35")
    hand_back(sqlite_db, [number], "Lena Keller", COUNTER, "cash", "112.37")
    assert [p.cash_rounding for p in ticket_story(sqlite_db, number).payments] == [False]


def test_the_deposits_way_is_kept_and_counted_with_it_at_the_end_of_the_day(
        store_db: Database) -> None:
    card = _ready_ticket(store_db, "90.00", deposit="40.00", method="card")
    cash = _ready_ticket(store_db, "90.00", deposit="25.00", method="cash")
    assert ticket_story(store_db, card).deposit_method == "card"
    found = report(store_db, "end-of-day", MANAGER)
    assert _rows(found, "Taken, by way of payment") == (
        ("card", 1, D("40.00")), ("cash", 1, D("25.00")))
    assert ticket_story(store_db, cash).deposit_method == "cash"


def test_a_deposit_says_how_it_was_paid_in_one_of_the_stores_ways(store_db: Database) -> None:
    customer = CustomerDetails("Lena Keller")
    for method, said in ((None, "say how the deposit was paid (cash, card, check, gift card, "
                                "store credit)"),
                         ("bitcoin", "'bitcoin' is not one of the store's ways to be paid")):
        with pytest.raises(Invalid) as refused:
            take_in(store_db, Visit(pieces=(ring(deposit="40.00", deposit_method=method),),
                                    new_customer=customer), by=COUNTER)
        assert refused.value.problems["pieces[0].deposit_method"].startswith(said)
    [none] = take_in(store_db, Visit(pieces=(ring(deposit="0", deposit_method="card"),),
                                     new_customer=customer), by=COUNTER)
    assert ticket_story(store_db, none).deposit_method is None  # no deposit, no way
