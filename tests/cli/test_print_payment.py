"""`jeweldesk print payment`: what was paid, how, by whom, and what is left, read back from
the PDF on each sheet it is made for; and tax and money off on the claim receipt."""

from __future__ import annotations

from pathlib import Path

import pytest

from jeweldesk.cli import main
from jeweldesk.services.money_settings import Rate, save_money_settings
from jeweldesk.services.payments import give_back, give_discount, take_payment
from jeweldesk.storage.engine import Database
from tests.support.paper import flat, page_sizes_mm, pdf_pages, pdf_text, text_off_the_page
from tests.support.store import COUNTER, MANAGER, take_in_ring


def _store_with_money(db: Database) -> str:
    save_money_settings(db, ("cash", "card", "gift card"), True,
                        (Rate("STATE", "State tax", "7"), Rate("CITY", "City tax", "1.5")),
                        {"prong_retip": "STATE", "cleaning": "CITY"}, by=MANAGER)
    number = take_in_ring(db)
    take_payment(db, number, "gift card", "20.00", COUNTER)
    give_discount(db, number, "Regular customer", MANAGER, percent="5")
    give_back(db, number, "cash", "5.00", "Deposit taken twice", MANAGER)
    return number


@pytest.mark.parametrize("layout", ["letter", "a4", "roll80"])
def test_the_payment_receipt_says_what_was_paid_and_what_is_left(
        sqlite_store: Database, tmp_path: Path, layout: str) -> None:
    number = _store_with_money(sqlite_store)
    out = tmp_path / "payment.pdf"
    assert main(["--db", sqlite_store.url, "print", "payment", number, "--layout", layout,
                 "--out", str(out)]) == 0
    text = flat(pdf_text(out))
    assert "PAYMENT RECEIPT" in text and "Dana Whitfield" in text
    assert "deposit at intake" in text and "$50.00" in text
    assert "Paid by gift card, Kate Pruitt" in text
    assert "Given back by cash, Sandra Cole: Deposit taken twice" in text and "−$5.00" in text
    # 105.00 of work, 5.25 off, 5.99 and 0.21 tax, 65.00 paid: 40.95 left.
    assert "Discount: Regular customer" in text and "State tax 7% $5.99" in text
    assert "Paid in all $65.00" in text and "Left to pay $40.95" in text
    assert len(pdf_pages(out)) == 1 and text_off_the_page(out) == []
    if layout == "roll80":
        assert page_sizes_mm(out)[0][0] == pytest.approx(80, abs=0.1)


def test_the_claim_receipt_shows_money_off_and_each_tax(sqlite_store: Database,
                                                        tmp_path: Path) -> None:
    number = _store_with_money(sqlite_store)
    out = tmp_path / "receipt.pdf"
    assert main(["--db", sqlite_store.url, "print", "receipt", number, "--out", str(out)]) == 0
    text = flat(pdf_text(out))
    assert "Discount: Regular customer −$5.25" in text
    assert "State tax 7% $5.99" in text and "City tax 1.5% $0.21" in text
    assert "Balance due at pickup $40.95" in text
