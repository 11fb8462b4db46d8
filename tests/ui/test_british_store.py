"""A British store set up from an empty database through the window: it chooses pounds and
British English from its country, and from then on the screens and the paper say "£" and
write dates day first with the month's name ("Fri, 11 Dec 2026"), and nowhere "$"."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from jeweldesk.cli import main
from jeweldesk.domain.kinds import Role
from jeweldesk.domain.status import Status
from jeweldesk.domain.way import Way
from jeweldesk.services.moves import move
from jeweldesk.services.store import StaffMember, add_staff, store_settings
from jeweldesk.services.story import ticket_story
from jeweldesk.storage.engine import Database
from jeweldesk.ui.counter.intake import IntakeDialog
from jeweldesk.ui.counter.pickup import PickupDialog
from jeweldesk.ui.settings.settings import SettingsScreen
from jeweldesk.ui.start.first_start import FirstStartDialog
from tests.support.paper import flat, pdf_text
from tests.support.window import signed_in

ENTER = Qt.Key.Key_Return
MANAGER, BENCH = "EH", "TB"
# A date as the US writes it ("Dec 11, 2026"), which a British page must never show.
US_DAY = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4}")


def british(day: date) -> str:
    """ "Fri, 11 Dec 2026", worked out here by hand rather than by the code under test."""
    return f"{day:%a}, {day.day} {day:%b} {day.year}"


def set_up_in_britain(qtbot: QtBot, db: Database) -> None:
    first = FirstStartDialog(db)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    qtbot.keyClicks(first.name, "Hartley & Vane Jewellers")
    qtbot.keyClicks(first.address, "14 Milsom Street, Bath BA1 1DE")
    first.country.setCurrentIndex(first.country.findData("GB"))
    # The country chooses the way; the sample says how money and dates will read.
    assert first.way.way() == Way("en_GB", "GBP")
    assert "£1,234.50" in first.way.sample.text() and "Tue 3 Nov" in first.way.sample.text()
    qtbot.keyClicks(first.phone, "01225 460000")
    first.zone.setCurrentText("Europe/London")
    qtbot.keyClicks(first.manager_name, "Eleanor Hartley")
    qtbot.keyClicks(first.manager_code, MANAGER)
    qtbot.keyClicks(first.pin, "2468")
    with qtbot.waitSignal(first.accepted, timeout=5000):
        qtbot.keyClick(first.pin, ENTER)
    add_staff(db, StaffMember(BENCH, "Tom Briggs", Role.BENCH, True, True), MANAGER,
              pin="1470")


def test_a_british_store_writes_pounds_and_british_dates_on_screen_and_paper(
        qtbot: QtBot, sqlite_db: Database, tmp_path: Path) -> None:
    set_up_in_britain(qtbot, sqlite_db)
    settings = store_settings(sqlite_db)
    assert (settings.currency, settings.locale, settings.country) == ("GBP", "en_GB", "GB")
    ctx = signed_in(sqlite_db, MANAGER)

    intake = IntakeDialog(ctx)
    qtbot.addWidget(intake)
    intake.show()
    qtbot.keyClicks(intake.name, "Siobhan Kerr")
    qtbot.keyClicks(intake.phone, "07911 123456")
    piece = intake.current_piece()
    qtbot.keyClicks(piece.description, "Gold signet ring")
    qtbot.keyClicks(piece.services.picker, "polish")
    qtbot.keyClick(piece.services.picker, ENTER)
    assert not piece.deposit_method.isEnabled()  # no deposit, no way to say
    qtbot.keyClicks(piece.deposit, "10")
    assert piece.deposit_method.isEnabled()
    piece.deposit_method.setCurrentText("card")
    assert piece.total.text().startswith("£") and "$" not in piece.balance.text()
    promised = settings_today(sqlite_db) + timedelta(days=10)
    piece.promised_for.line.selectAll()  # typing replaces the proposed day
    qtbot.keyClicks(piece.promised_for.line, f"{promised.day}/{promised.month}/{promised.year}")
    piece.promised_for.line.editingFinished.emit()
    assert piece.promise == promised and piece.promised_for.text() == british(promised)
    intake.save_button.setFocus()
    qtbot.keyClick(intake.save_button, ENTER)
    [number] = intake.numbers
    story = ticket_story(sqlite_db, number)
    assert (story.deposit, story.deposit_method) == (Decimal("10.00"), "card")

    receipt = tmp_path / "receipt.pdf"
    assert main(["--db", sqlite_db.url, "print", "receipt", number, "--out", str(receipt)]) == 0
    text = flat(pdf_text(receipt))
    assert "£" in text and "$" not in text
    assert "Deposit paid, card £10.00" in text
    assert british(promised) in text and not US_DAY.search(text)

    move(sqlite_db, number, Status.AT_BENCH, by=BENCH)
    move(sqlite_db, number, Status.READY, by=BENCH)
    pickup = PickupDialog(ctx, [number])
    qtbot.addWidget(pickup)
    pickup.show()
    assert pickup.due.text() == f"£{story.balance:,.2f}"
    assert pickup.amount.text() == f"{story.balance:.2f}"  # typed the British way
    assert not pickup.rounding_note.isVisible()  # pence are coins: nothing to round
    qtbot.keyClick(pickup.hand_back_button, Qt.Key.Key_Space)
    assert "paid £" in pickup.done_title.text()

    paid = tmp_path / "payment.pdf"
    assert main(["--db", sqlite_db.url, "print", "payment", number, "--out", str(paid)]) == 0
    text = flat(pdf_text(paid))
    assert "Left to pay £0.00" in text and "deposit at intake by card" in text
    assert "$" not in text and not US_DAY.search(text)


def test_a_manager_sees_and_changes_the_stores_way_in_settings(
        qtbot: QtBot, sqlite_db: Database) -> None:
    set_up_in_britain(qtbot, sqlite_db)
    screen = SettingsScreen(signed_in(sqlite_db, MANAGER))
    qtbot.addWidget(screen)
    store = screen.store
    assert store.way.way() == Way("en_GB", "GBP")
    store.way.currency_box.setCurrentIndex(store.way.currency_box.findData("EUR"))
    store.way.locale_box.setEditText("en_IE")
    assert "€1,234.50" in store.way.sample.text()
    store.save()
    assert store.message.text() == "Saved."
    assert (store_settings(sqlite_db).currency, store_settings(sqlite_db).locale) == (
        "EUR", "en_IE")
    store.way.locale_box.setEditText("xx_NOWHERE")
    store.save()
    assert "'xx_NOWHERE' is not a locale" in store.message.text()
    assert store_settings(sqlite_db).locale == "en_IE"  # nothing half written


def settings_today(db: Database) -> date:
    from jeweldesk.services.store import store_today

    return store_today(db)
