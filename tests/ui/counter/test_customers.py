"""Customers, through the screen's widgets; what it saves is read back from the services."""

from __future__ import annotations

from PySide6.QtCore import Qt

from jeweldesk.services.customers import find_customers, get_customer
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.counter.customers import CustomersScreen
from tests.support.store import take_in_ring


def _customers(ctx: AppContext, qtbot, opened: list[str]) -> CustomersScreen:
    screen = CustomersScreen(ctx, opened.append)
    qtbot.addWidget(screen)
    screen.show()
    return screen


def test_find_by_phone_then_edit_and_save(ctx: AppContext, qtbot):
    number = take_in_ring(ctx.db)
    opened: list[str] = []
    screen = _customers(ctx, qtbot, opened)
    qtbot.keyClicks(screen.search, "555 0142")
    qtbot.waitUntil(lambda: screen.results.model().rowCount() == 1)
    screen.results.selectRow(0)
    assert screen.form.name.text() == "Dana Whitfield"
    assert screen.ticket_numbers() == [number]

    screen.form.email.clear()
    qtbot.keyClicks(screen.form.email, "dana.w@example.com")
    screen.save_button.click()
    (dana,) = find_customers(ctx.db, "Whitfield")
    assert get_customer(ctx.db, dana.id).email == "dana.w@example.com"

    screen.tickets.setFocus()
    screen.tickets.setCurrentIndex(screen.tickets.model().index(0, 0))
    qtbot.keyClick(screen.tickets, Qt.Key.Key_Return)
    assert opened == [number]


def test_how_the_paper_addresses_a_customer_is_changed_in_their_record(ctx: AppContext, qtbot):
    take_in_ring(ctx.db)
    screen = _customers(ctx, qtbot, [])
    qtbot.keyClicks(screen.search, "555 0142")
    qtbot.waitUntil(lambda: screen.results.model().rowCount() == 1)
    screen.results.selectRow(0)
    assert screen.form.addressed_as.currentText() == "Dear Dana (first name)"

    screen.form.addressed_as.setCurrentIndex(screen.form.addressed_as.findData("Ms"))
    assert screen.form.addressed_as.currentText() == "Dear Ms Whitfield"
    screen.save_button.click()

    (dana,) = find_customers(ctx.db, "Whitfield")
    assert get_customer(ctx.db, dana.id).addressed_as == "Ms"
    screen.results.selectRow(0)
    assert screen.form.addressed_as.currentText() == "Dear Ms Whitfield"


def test_a_bad_phone_is_named_beside_the_field_and_nothing_is_saved(ctx: AppContext, qtbot):
    screen = _customers(ctx, qtbot, [])
    screen.new_button.click()
    qtbot.keyClicks(screen.form.name, "Marisol Okafor")
    qtbot.keyClicks(screen.form.phone, "12")
    screen.save_button.click()
    assert "not a phone number" in screen.form.problems["phone"].text()
    assert screen.form.problems["phone"].isVisible()
    assert screen.form.name.text() == "Marisol Okafor"  # nothing typed is lost
    assert find_customers(ctx.db, "Okafor") == []

    screen.form.phone.clear()
    qtbot.keyClicks(screen.form.phone, "601 555 0177")
    screen.save_button.click()
    (marisol,) = find_customers(ctx.db, "Okafor")
    assert marisol.phone == "(601) 555-0177"
    assert not screen.form.problems["phone"].isVisible()


def test_a_customer_s_postal_address_is_kept_in_their_record(ctx: AppContext, qtbot):
    take_in_ring(ctx.db)
    screen = _customers(ctx, qtbot, [])
    qtbot.keyClicks(screen.search, "555 0142")
    qtbot.waitUntil(lambda: screen.results.model().rowCount() == 1)
    screen.results.selectRow(0)
    assert screen.form.postal_address.toPlainText() == ""
    screen.form.postal_address.setPlainText("40 Elm Row\n\nOxford, MS 38655\n")
    screen.save_button.click()

    (dana,) = find_customers(ctx.db, "Whitfield")
    assert get_customer(ctx.db, dana.id).postal_address == "40 Elm Row\nOxford, MS 38655"
    screen.results.selectRow(0)
    assert screen.form.postal_address.toPlainText() == "40 Elm Row\nOxford, MS 38655"


def test_an_address_too_long_is_named_beside_it_and_nothing_is_saved(ctx: AppContext, qtbot):
    take_in_ring(ctx.db)
    screen = _customers(ctx, qtbot, [])
    qtbot.keyClicks(screen.search, "555 0142")
    qtbot.waitUntil(lambda: screen.results.model().rowCount() == 1)
    screen.results.selectRow(0)
    screen.form.postal_address.setPlainText("x" * 5000)
    screen.save_button.click()
    assert screen.form.problems["postal_address"].isVisible()
    (dana,) = find_customers(ctx.db, "Whitfield")
    assert get_customer(ctx.db, dana.id).postal_address is None
