"""Intake driven the way the counter does it: typing, Tab and Enter."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from jeweldesk.domain.kinds import ItemKind
from jeweldesk.services.customers import CustomerDetails, add_customer, find_customers
from jeweldesk.services.lookup import search
from jeweldesk.services.story import ticket_story
from jeweldesk.services.vendor_book import VendorInfo, save_vendor
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.fields import to_qdate
from jeweldesk.ui.counter.intake import IntakeDialog
from tests.support.store import COUNTER, MANAGER, store_today

ENTER = Qt.Key.Key_Return


def open_intake(ctx: AppContext, qtbot: QtBot) -> IntakeDialog:
    dialog = IntakeDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def press(qtbot: QtBot, dialog: IntakeDialog, key: Qt.Key,
          modifiers: Qt.KeyboardModifier) -> None:
    """A shortcut as the keyboard delivers it: to the window, where Qt's shortcuts listen."""
    qtbot.keyClick(dialog.windowHandle(), key, modifiers)


def a_photo(tmp_path: Path) -> Path:
    path = tmp_path / "ring.png"
    Image.new("RGB", (320, 240), "#d4af37").save(path)
    return path


def test_a_two_piece_visit_taken_in_by_keyboard(ctx: AppContext, qtbot: QtBot,
                                                 tmp_path: Path) -> None:
    dialog = open_intake(ctx, qtbot)
    qtbot.keyClicks(dialog.search, "601 555 0177")
    qtbot.keyClick(dialog.search, ENTER)  # nobody with that phone: a new customer
    assert dialog.phone.text() == "601 555 0177"
    qtbot.keyClicks(dialog.name, "Maya Okafor")
    qtbot.keyClick(dialog.name, ENTER)
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.email, "maya@example.com")

    ring = dialog.current_piece()
    assert ring.why.text().startswith("Add the work")  # nothing to propose a date from yet
    qtbot.keyClicks(ring.description, "Lady's solitaire engagement ring")
    qtbot.keyClick(ring.description, ENTER)
    qtbot.keyClicks(ring.metal, "14K white gold")
    qtbot.keyClicks(ring.stones, "1 round diamond, about 0.50 ct")
    qtbot.keyClick(ring.findings[0], Qt.Key.Key_Space)  # worn prongs
    qtbot.keyClick(ring.findings[6], Qt.Key.Key_Space)  # scratches
    qtbot.keyClicks(ring.condition_note, "light wear on the shank")
    qtbot.keyClicks(ring.declared_value, "2400")
    ring.attach_files([a_photo(tmp_path)])
    for typed in ("retip", "rhodium"):
        qtbot.keyClicks(ring.services.picker, typed)
        qtbot.keyClick(ring.services.picker, ENTER)
    qtbot.keyClicks(ring.vendor, "Riverbend")
    qtbot.keyClicks(ring.jeweler, "Jonah")
    qtbot.keyClicks(ring.deposit, "50")
    qtbot.keyClicks(ring.occasion_what, "25th anniversary")
    occasion = store_today() + timedelta(days=30)
    ring.occasion_date.setDate(to_qdate(occasion))
    assert ring.total.text() == "$150.00" and ring.balance.text() == "$100.00"
    assert "Riverbend Plating" in ring.why.text() and "bench" in ring.why.text()
    proposed = ring.promise

    press(qtbot, dialog, Qt.Key.Key_N,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert dialog.pieces.count() == 2
    chain = dialog.current_piece()
    assert chain.occasion_what.text() == "25th anniversary"  # same visit, same occasion
    assert chain.occasion_copied.isVisible()
    assert chain.occasion_copied.text() == ("The same occasion as piece 1; clear it if this "
                                            "piece is not for the 25th anniversary.")
    qtbot.keyClicks(chain.kind, "Necklace")
    qtbot.keyClicks(chain.description, "Rope chain, 20 in")
    qtbot.keyClick(chain.findings[4], Qt.Key.Key_Space)  # kinked chain
    qtbot.keyClicks(chain.services.picker, "clasp")
    qtbot.keyClick(chain.services.picker, ENTER)
    assert "balance at pickup $145.00" in dialog.summary.text()

    dialog.save_button.setFocus()
    qtbot.keyClick(dialog.save_button, ENTER)

    assert len(dialog.numbers) == 2
    assert dialog.stack.currentWidget() is dialog.saved_page
    first, second = (ticket_story(ctx.db, n) for n in dialog.numbers)
    assert first.customer_name == "Maya Okafor" and first.customer_id == second.customer_id
    assert first.customer_phone == "(601) 555-0177"
    assert first.visit == second.visit
    assert first.item_kind is ItemKind.RING and first.item_metal == "14K white gold"
    assert first.item_condition == "Worn prongs, scratches. light wear on the shank"
    assert first.declared_value == Decimal("2400.00") and first.deposit == Decimal("50.00")
    assert [(s.code, s.vendor_code) for s in first.services] == [
        ("prong_retip", None), ("rhodium_plating", "PLAT")]
    assert first.assigned_to_code == "JR" and first.taken_in_by == "Kate Pruitt"
    assert first.promised_for == proposed
    assert (first.occasion_what, first.occasion_date) == ("25th anniversary", occasion)
    assert len(first.photos) == 1
    assert second.item_kind is ItemKind.NECKLACE and second.item_condition == "Kinked chain"
    assert [s.code for s in second.services] == ["clasp_repair"]
    assert second.balance == Decimal("45.00")


def test_the_counter_chooses_how_the_paper_addresses_a_new_customer(
        ctx: AppContext, qtbot: QtBot) -> None:
    dialog = open_intake(ctx, qtbot)
    qtbot.keyClicks(dialog.name, "Barbara Harris")
    # Each choice reads as the note will open; the first name unless the counter says.
    assert dialog.addressed_as.currentText() == "Dear Barbara (first name)"
    dialog.email.setFocus()
    qtbot.keyClick(dialog.email, Qt.Key.Key_Tab)
    # Tab reaches it on the way to the piece.
    assert dialog.focusWidget() is dialog.addressed_as, dialog.focusWidget()
    qtbot.keyClick(dialog.addressed_as, Qt.Key.Key_Down)
    assert dialog.addressed_as.currentText() == "Dear Mrs Harris"
    piece = dialog.current_piece()
    qtbot.keyClicks(piece.description, "Three-stone anniversary ring")
    qtbot.keyClicks(piece.services.picker, "clean")
    qtbot.keyClick(piece.services.picker, ENTER)
    dialog.save()

    (harris,) = find_customers(ctx.db, "Harris")
    assert harris.addressed_as == "Mrs"


def test_an_existing_customer_is_found_by_phone(ctx: AppContext, qtbot: QtBot) -> None:
    known = add_customer(ctx.db, CustomerDetails("Dana Whitfield", "601 555 0142"), COUNTER)
    dialog = open_intake(ctx, qtbot)
    qtbot.keyClicks(dialog.search, "5550142")
    qtbot.keyClick(dialog.search, ENTER)
    assert dialog.customer is not None and dialog.customer.id == known.id
    piece = dialog.current_piece()
    qtbot.keyClicks(piece.description, "Gold hoops")
    qtbot.keyClicks(piece.kind, "Earrings")
    qtbot.keyClicks(piece.services.picker, "clean")
    qtbot.keyClick(piece.services.picker, ENTER)
    dialog.save()
    assert ticket_story(ctx.db, dialog.numbers[0]).customer_id == known.id


def test_a_refused_intake_says_what_is_wrong_and_keeps_what_was_typed(
        ctx: AppContext, qtbot: QtBot) -> None:
    dialog = open_intake(ctx, qtbot)
    qtbot.keyClicks(dialog.phone, "555")
    qtbot.keyClicks(dialog.email, "dana@")
    piece = dialog.current_piece()
    qtbot.keyClicks(piece.metal, "Platinum")
    qtbot.keyClicks(piece.services.picker, "retip")
    qtbot.keyClick(piece.services.picker, ENTER)
    piece.services.model.setData(piece.services.model.index(0, 1), "12..5")
    qtbot.keyClicks(piece.deposit, "abc")
    qtbot.keyClicks(piece.declared_value, "lots")
    piece.promised_for.setDate(to_qdate(store_today() - timedelta(days=1)))

    press(qtbot, dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert dialog.numbers == []
    assert dialog.stack.currentWidget() is not dialog.saved_page
    assert "cannot be empty" in dialog.customer_problems["name"].text()
    assert "not a phone number" in dialog.customer_problems["phone"].text()
    assert "not an email address" in dialog.customer_problems["email"].text()
    assert piece.problems["description"].text() == "describe the piece"
    assert "12..5" in piece.services.problem.text()
    assert "not an amount of money" in piece.problems["deposit"].text()
    assert "not an amount of money" in piece.problems["declared_value"].text()
    assert "in the past" in piece.problems["promised_for"].text()
    assert "Nothing was saved" in dialog.problem_banner.text()
    assert find_customers(ctx.db, "555") == [] and search(ctx.db, "T") == []
    # nothing typed is lost
    assert (dialog.phone.text(), dialog.email.text(), piece.metal.text()) == (
        "555", "dana@", "Platinum")
    assert piece.deposit.text() == "abc" and piece.services.rows()[0][2] == "12..5"

    # Fixing only what was wrong is enough; a deposit above the total is still refused.
    qtbot.keyClicks(dialog.name, "Dana Whitfield")
    dialog.phone.setText("601 555 0142")
    dialog.email.setText("dana@example.com")
    qtbot.keyClicks(piece.description, "Platinum band")
    piece.services.model.setData(piece.services.model.index(0, 1), "90")
    piece.deposit.setText("500")
    piece.declared_value.setText("1200")
    piece.apply_proposal()
    dialog.save()
    assert dialog.numbers == []
    assert "more than the total" in piece.problems["deposit"].text()
    assert dialog.customer_problems["phone"].text() == ""

    piece.deposit.setText("40")
    dialog.save()
    assert dialog.local_problems() == {}
    assert len(dialog.numbers) == 1
    story = ticket_story(ctx.db, dialog.numbers[0])
    assert story.item_metal == "Platinum" and story.balance == Decimal("50.00")


def test_the_service_s_problems_land_beside_their_fields(ctx: AppContext, qtbot: QtBot) -> None:
    dialog = open_intake(ctx, qtbot)
    dialog.show_problems({"customer.phone": "not a phone", "pieces[0].deposit": "too much",
                          "pieces[0].services[0].price": "every service needs a price",
                          "pieces": "a visit needs at least one piece"})
    piece = dialog.current_piece()
    assert dialog.customer_problems["phone"].text() == "not a phone"
    assert piece.problems["deposit"].text() == "too much"
    assert piece.services.problem.text() == "every service needs a price"
    assert "a visit needs at least one piece" in dialog.problem_banner.text()
    assert dialog.pieces.tabText(0).endswith("⚠")


def test_the_promise_warns_about_the_occasion(ctx: AppContext, qtbot: QtBot) -> None:
    dialog = open_intake(ctx, qtbot)
    piece = dialog.current_piece()
    qtbot.keyClicks(piece.services.picker, "casting")
    qtbot.keyClick(piece.services.picker, ENTER)
    qtbot.keyClicks(piece.occasion_what, "wedding")
    piece.occasion_date.setDate(to_qdate(store_today() + timedelta(days=2)))
    assert "after the occasion" in piece.warning.text()


def test_an_occasion_carried_to_the_next_piece_is_said_and_clearing_it_keeps_it_off(
        ctx: AppContext, qtbot: QtBot) -> None:
    dialog = IntakeDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    first = dialog.current_piece()
    assert not first.occasion_copied.isVisible()
    qtbot.keyClicks(first.occasion_what, "Mother's Day")
    dialog.add_piece()
    second = dialog.current_piece()
    assert "not for Mother's Day" in second.occasion_copied.text()
    assert second.occasion_copied.isVisible()
    second.occasion_what.clear()
    assert not second.occasion_copied.isVisible() and second.occasion_what.text() == ""
    dialog.add_piece()  # from a piece with no occasion, nothing is carried or said
    third = dialog.current_piece()
    assert third.occasion_what.text() == "" and not third.occasion_copied.isVisible()


def test_a_new_customer_s_postal_address_is_typed_at_intake_line_by_line(
        ctx: AppContext, qtbot: QtBot) -> None:
    dialog = open_intake(ctx, qtbot)
    qtbot.keyClicks(dialog.name, "Barbara Harris")
    dialog.addressed_as.setFocus()
    qtbot.keyClick(dialog.addressed_as, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.postal_address
    qtbot.keyClicks(dialog.postal_address, "  12 Oak   Street")
    qtbot.keyClick(dialog.postal_address, ENTER)  # a new line, not Save
    qtbot.keyClicks(dialog.postal_address, "Jackson, MS 39201")
    assert dialog.isVisible()
    qtbot.keyClick(dialog.postal_address, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.current_piece().kind
    piece = dialog.current_piece()
    qtbot.keyClicks(piece.description, "Gold band")
    qtbot.keyClicks(piece.services.picker, "clean")
    qtbot.keyClick(piece.services.picker, ENTER)
    dialog.save()

    (harris,) = find_customers(ctx.db, "Harris")
    assert harris.postal_address == "12 Oak Street\nJackson, MS 39201"


def test_work_that_goes_out_goes_to_the_store_s_one_vendor_unasked(
        ctx: AppContext, qtbot: QtBot) -> None:
    dialog = open_intake(ctx, qtbot)
    chain = dialog.current_piece()
    qtbot.keyClicks(chain.services.picker, "rhodium")  # plating: it goes out
    qtbot.keyClick(chain.services.picker, ENTER)
    assert chain.vendor.currentText().startswith("Riverbend Plating")
    assert not chain.problems["vendor"].isVisible()
    assert "Riverbend Plating" in chain.why.text()  # the promise counts the vendor's days


def test_with_two_vendors_the_counter_chooses_which(ctx: AppContext, qtbot: QtBot) -> None:
    save_vendor(ctx.db, VendorInfo("CAST", "Casco Bay Casting", None, None, None, 7), MANAGER)
    dialog = open_intake(ctx, qtbot)
    chain = dialog.current_piece()
    qtbot.keyClicks(chain.services.picker, "rhodium")
    qtbot.keyClick(chain.services.picker, ENTER)
    assert chain.vendor.currentData() is None
    assert chain.problems["vendor"].text() == "a service goes out: choose the vendor"
