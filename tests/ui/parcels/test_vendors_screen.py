"""The Vendors screen driven by a manager: add one, edit it, retire it; others only look."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from jeweldesk.services.parcels import send_parcel
from jeweldesk.services.vendor_book import list_vendors, vendor_details
from jeweldesk.services.vendors import parcels
from jeweldesk.ui.parcels.vendors import VendorsScreen
from tests.support.store import COUNTER, MANAGER, set_up, take_in_ring
from tests.support.window import signed_in


@pytest.fixture
def day_one(qtbot, sqlite_db):
    """A store set up through the window: its people, and no vendor yet."""
    set_up(sqlite_db, with_vendor=False)
    return signed_in(sqlite_db, MANAGER)


def _screen(qtbot, ctx):
    screen = VendorsScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    return screen


def test_a_manager_adds_the_stores_first_vendor_from_the_vendors_screen(qtbot, day_one):
    screen = _screen(qtbot, day_one)
    assert screen.empty.isVisible() and screen.vendors.rowCount() == 0
    qtbot.mouseClick(screen.add_button, Qt.MouseButton.LeftButton)
    dialog = screen.vendor_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.name, "Riverbend Plating")
    qtbot.keyClicks(dialog.contact, "Ana Ruiz")
    qtbot.keyClicks(dialog.phone, "601 555 0190")
    qtbot.keyClicks(dialog.email, "orders@riverbend.example")
    qtbot.keyClicks(dialog.address, "118 Riverbend Rd")
    qtbot.keyClick(dialog.address, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.address, "Jackson, MS 39201")
    qtbot.keyClicks(dialog.work, "Rhodium plating")
    dialog.quote.setValue(6)
    qtbot.mouseClick(dialog.carrier_boxes["UPS"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.day_boxes[2], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.day_boxes[4], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    [vendor] = list_vendors(day_one.db)
    assert (vendor.code, vendor.name, vendor.phone, vendor.quoted_turnaround_days) == (
        "RIVE", "Riverbend Plating", "(601) 555-0190", 6)
    assert (vendor.address, vendor.carriers, vendor.ship_weekdays) == (
        "118 Riverbend Rd\nJackson, MS 39201", ("UPS",), (2, 4))
    assert screen.current().code == "RIVE" and not screen.empty.isVisible()
    assert "Parcels go by UPS on Tue and Thu" in screen.contact.text()
    assert screen.message.text() == "Riverbend Plating is on record."


def test_the_vendor_form_says_what_is_wrong_beside_each_field(qtbot, day_one):
    screen = _screen(qtbot, day_one)
    dialog = screen.add_vendor()
    qtbot.keyClicks(dialog.phone, "12")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.problems["name"].text() == "a vendor needs a name"
    assert "is not a phone number" in dialog.problems["phone"].text()
    assert list_vendors(day_one.db) == []


def test_a_manager_edits_a_vendor_and_retires_it_and_its_parcels_keep_it(qtbot, sqlite_store):
    ctx = signed_in(sqlite_store, MANAGER)
    number = take_in_ring(ctx.db)
    ref = send_parcel(ctx.db, "PLAT", [number], by=COUNTER)
    screen = _screen(qtbot, ctx)

    dialog = screen.edit_vendor()
    assert dialog.name.text() == "Riverbend Plating" and dialog.quote.value() == 6
    dialog.quote.setValue(8)
    qtbot.keyClicks(dialog.address, "118 Riverbend Rd")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    kept = vendor_details(ctx.db, "PLAT")
    assert (kept.quoted_turnaround_days, kept.address, kept.contact) == (
        8, "118 Riverbend Rd", "Ana Ruiz")

    qtbot.mouseClick(screen.retire_button, Qt.MouseButton.LeftButton)
    box = screen.confirm_box
    assert box is not None and "1 parcel still out" in box.text()
    retire = next(b for b in box.buttons() if b.text() == "Retire")
    qtbot.mouseClick(retire, Qt.MouseButton.LeftButton)
    assert not vendor_details(ctx.db, "PLAT").active
    assert screen.vendors.rowCount() == 0  # hidden from the list, and from new parcels
    assert parcels(ctx.db)[0].ref == ref and parcels(ctx.db)[0].vendor_name == (
        "Riverbend Plating")

    screen.show_retired.setChecked(True)
    assert screen.vendors.index(0, 0).data() == "Riverbend Plating (retired)"
    assert screen.retire_button.text() == "Bring back"
    qtbot.mouseClick(screen.retire_button, Qt.MouseButton.LeftButton)
    assert vendor_details(ctx.db, "PLAT").active


def test_cancelling_the_retirement_keeps_the_vendor(qtbot, sqlite_store):
    screen = _screen(qtbot, signed_in(sqlite_store, MANAGER))
    box = screen.retire_or_bring_back()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert vendor_details(sqlite_store, "PLAT").active


def test_counter_staff_see_the_vendors_but_not_the_managers_buttons(qtbot, sqlite_store):
    screen = _screen(qtbot, signed_in(sqlite_store, COUNTER))
    assert screen.vendors.rowCount() == 1
    assert not any(b.isVisible() for b in (screen.add_button, screen.edit_button,
                                           screen.retire_button, screen.show_retired))


def test_escape_in_a_vendor_half_typed_asks_before_it_is_thrown_away(qtbot, day_one):
    from tests.support.questions import answer_next_question, click

    screen = _screen(qtbot, day_one)
    qtbot.mouseClick(screen.add_button, Qt.MouseButton.LeftButton)
    dialog = screen.vendor_dialog
    qtbot.keyClicks(dialog.name, "Casco Bay Casting")
    qtbot.keyClicks(dialog.phone, "207 555 0188")
    asked = answer_next_question(click("Keep typing"))
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: asked.asked)
    assert "Casco Bay Casting" in asked.texts[0]
    assert dialog.isVisible() and dialog.phone.text() == "207 555 0188"
    asked = answer_next_question(click("Throw away"))
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert asked.asked and list_vendors(day_one.db) == []


def test_escape_in_a_vendor_form_left_as_opened_closes_at_once(qtbot, day_one):
    screen = _screen(qtbot, day_one)
    qtbot.mouseClick(screen.add_button, Qt.MouseButton.LeftButton)
    dialog = screen.vendor_dialog
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
