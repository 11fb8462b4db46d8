"""Customers and Settings, through their widgets; what they save is read back from the services."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from PySide6.QtCore import QDate, Qt

from jeweldesk.domain import writing
from jeweldesk.domain.kinds import Role
from jeweldesk.services.customers import find_customers, get_customer
from jeweldesk.services.days_off import days_off
from jeweldesk.services.store import catalog, check_pin, list_staff, store_settings
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.counter.customers import CustomersScreen
from jeweldesk.ui.settings.settings import PRICE, SettingsScreen
from tests.support.store import store_today, take_in_ring


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
    qtbot.waitUntil(lambda: screen.results.rowCount() == 1)
    screen.results.selectRow(0)
    assert screen.form.name.text() == "Dana Whitfield"
    assert screen.ticket_numbers() == [number]

    screen.form.email.clear()
    qtbot.keyClicks(screen.form.email, "dana.w@example.com")
    screen.save_button.click()
    (dana,) = find_customers(ctx.db, "Whitfield")
    assert get_customer(ctx.db, dana.id).email == "dana.w@example.com"

    screen.tickets.setFocus()
    screen.tickets.setCurrentCell(0, 0)
    qtbot.keyClick(screen.tickets, Qt.Key.Key_Return)
    assert opened == [number]


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
    assert marisol.phone == "+1 601-555-0177"
    assert not screen.form.problems["phone"].isVisible()


def _settings(manager_ctx: AppContext, qtbot) -> SettingsScreen:
    screen = SettingsScreen(manager_ctx)
    qtbot.addWidget(screen)
    screen.show()
    return screen


def test_store_details_hours_and_closed_days_are_saved(manager_ctx: AppContext, qtbot):
    settings_screen = _settings(manager_ctx, qtbot)
    screen = settings_screen.store
    screen.name.clear()
    qtbot.keyClicks(screen.name, "Harbor Lane Fine Jewelers")
    screen.days[5].setChecked(False)  # no longer open on Saturdays
    screen.unclaimed.setValue(120)
    closed = store_today() + timedelta(days=10)
    screen.closed_pick.setDate(QDate(closed.year, closed.month, closed.day))
    screen.add_closed.click()
    screen.terms.setPlainText("We are responsible for your piece while it is with us.")
    screen.save_button.click()

    settings = store_settings(manager_ctx.db)
    assert settings.name == "Harbor Lane Fine Jewelers"
    assert settings.open_weekdays == (1, 2, 3, 4, 5)
    assert settings.closed_dates == (closed,)
    assert settings.unclaimed_days == 120
    assert settings.receipt_terms.startswith("We are responsible")


def test_an_empty_store_name_is_refused(manager_ctx: AppContext, qtbot):
    settings_screen = _settings(manager_ctx, qtbot)
    screen = settings_screen.store
    screen.name.clear()
    screen.save_button.click()
    assert "needs a name" in screen.message.text()
    assert store_settings(manager_ctx.db).name == "Harbor Lane Jewelers"


def test_a_price_is_changed_in_the_catalog(manager_ctx: AppContext, qtbot):
    settings_screen = _settings(manager_ctx, qtbot)
    tab = settings_screen.catalog
    codes = [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())]
    row = codes.index("cleaning")
    tab.table.item(row, PRICE).setText("$18.50")
    tab.save_button.click()
    prices = {c.code: c.default_price for c in catalog(manager_ctx.db)}
    assert prices["cleaning"] == Decimal("18.50")

    tab.table.item(row, PRICE).setText("a lot")
    tab.save_button.click()
    assert "not money" in tab.message.text()
    assert {c.code: c.default_price for c in catalog(manager_ctx.db)}["cleaning"] == Decimal(
        "18.50")


def test_a_new_person_is_added_with_a_pin(manager_ctx: AppContext, qtbot):
    settings_screen = _settings(manager_ctx, qtbot)
    tab = settings_screen.staff
    tab.new_button.click()
    qtbot.keyClicks(tab.code, "MO")
    qtbot.keyClicks(tab.name, "Mei Ono")
    tab.role.setCurrentIndex(tab.role.findData(Role.BENCH))
    qtbot.keyClicks(tab.pin, "8642")
    tab.save_button.click()
    member = next(s for s in list_staff(manager_ctx.db) if s.code == "MO")
    assert (member.name, member.role, member.has_pin) == ("Mei Ono", Role.BENCH, True)
    assert check_pin(manager_ctx.db, "MO", "8642")


def test_closed_days_are_in_date_order_and_the_shipped_terms_show(
        manager_ctx: AppContext, qtbot):
    from jeweldesk.printing import default_terms

    settings_screen = _settings(manager_ctx, qtbot)
    screen = settings_screen.store
    assert screen.terms.toPlainText() == default_terms().strip()  # what prints today
    for days in (40, 5, 400):
        day = store_today() + timedelta(days=days)
        screen.closed_pick.setDate(QDate(day.year, day.month, day.day))
        screen.add_closed.click()
    shown = [screen.closed.item(n).text() for n in range(screen.closed.count())]
    expected = [writing.day(store_today() + timedelta(days=d), year=True) for d in (5, 40, 400)]
    assert shown == expected
    screen.save_button.click()
    assert store_settings(manager_ctx.db).receipt_terms is None  # still the shipped wording


def test_days_off_are_planned_and_taken_back_in_settings(manager_ctx: AppContext, qtbot):
    settings_screen = _settings(manager_ctx, qtbot)
    tab = settings_screen.days_off
    assert tab.jeweler.currentText() == "Jonah Reyes"  # only bench staff are offered
    today = QDate.currentDate()
    tab.first.setDate(today.addDays(7))
    assert tab.last.date() == today.addDays(7)  # the last day follows the first forward
    tab.last.setDate(today.addDays(11))
    qtbot.keyClicks(tab.note, "Course in Dallas")
    tab.add.click()
    [planned] = days_off(manager_ctx.db)
    assert (planned.staff_code, planned.first_day, planned.last_day, planned.note) == (
        "JR", today.addDays(7).toPython(), today.addDays(11).toPython(), "Course in Dallas")
    assert tab.table.item(0, 0).text() == "Jonah Reyes" and tab.note.text() == ""

    tab.first.setDate(today.addDays(-5))
    tab.last.setDate(today.addDays(-3))
    tab.add.click()
    assert "already gone by" in tab.message.text() and "last_day" not in tab.message.text()
    assert len(days_off(manager_ctx.db)) == 1

    tab.table.selectRow(0)
    tab.take_back.click()
    assert days_off(manager_ctx.db) == [] and tab.table.rowCount() == 0
