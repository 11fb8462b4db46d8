"""Settings, through its widgets; what it saves is read back from the services."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt

from jeweldesk.domain import writing
from jeweldesk.domain.errors import NotAllowed
from jeweldesk.domain.kinds import Role
from jeweldesk.services.days_off import days_off
from jeweldesk.services.pins import sign_in
from jeweldesk.services.store import catalog, list_staff, store_settings
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.settings.settings import PRICE, SettingsScreen
from tests.support.store import MANAGER, store_today


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
    lines = tab.table.model()
    codes = [lines.index(r, 0).data() for r in range(lines.rowCount())]
    row = codes.index("cleaning")
    lines.setData(lines.index(row, PRICE), "$18.50")
    tab.save_button.click()
    prices = {c.code: c.default_price for c in catalog(manager_ctx.db)}
    assert prices["cleaning"] == Decimal("18.50")

    lines.setData(lines.index(row, PRICE), "a lot")
    tab.save_button.click()
    assert "not an amount of money" in tab.message.text()
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
    sign_in(manager_ctx.db, "MO", "8642")  # refused with NotAllowed if the PIN were wrong
    assert tab.message.text() == "Mei Ono is on the staff and signs in with the PIN typed."


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
    assert tab.table.model().index(0, 0).data() == "Jonah Reyes" and tab.note.text() == ""

    tab.first.setDate(today.addDays(-5))
    tab.last.setDate(today.addDays(-3))
    tab.add.click()
    assert "already gone by" in tab.message.text() and "last_day" not in tab.message.text()
    assert len(days_off(manager_ctx.db)) == 1

    tab.table.selectRow(0)
    tab.take_back.click()
    assert days_off(manager_ctx.db) == [] and tab.table.model().rowCount() == 0


# --- the store's country, PIN length and idle lock ---------------------------------------

def test_country_pin_length_and_idle_lock_are_saved_and_the_phone_shows_as_kept(
        manager_ctx: AppContext, qtbot):
    whole = _settings(manager_ctx, qtbot)
    screen = whole.store
    assert screen.phone.text() == "(601) 555-0100"
    screen.country.setCurrentIndex(screen.country.findData("CA"))
    screen.pin_digits.setCurrentIndex(screen.pin_digits.findData(6))
    screen.idle_lock.clear()
    qtbot.keyClicks(screen.idle_lock, "3")
    screen.phone.clear()
    qtbot.keyClicks(screen.phone, "604.555.0123")
    screen.save_button.click()
    assert screen.message.text() == "Saved."
    settings = store_settings(manager_ctx.db)
    assert (settings.country, settings.pin_digits, settings.idle_lock_minutes) == ("CA", 6, 3)
    assert screen.phone.text() == settings.phone == "(604) 555-0123"


@pytest.mark.parametrize("typed, said", [("555-CALL-PAT", "has letters in it"),
                                         ("5550123", "not a phone number in the United States")])
def test_a_store_phone_with_letters_or_too_few_digits_is_refused(
        manager_ctx: AppContext, qtbot, typed, said):
    whole = _settings(manager_ctx, qtbot)
    screen = whole.store
    screen.phone.clear()
    qtbot.keyClicks(screen.phone, typed)
    screen.save_button.click()
    assert said in screen.message.text()
    assert store_settings(manager_ctx.db).phone == "(601) 555-0100"


# --- staff ----------------------------------------------------------------------------

def _row_of(tab, code: str) -> int:
    return next(n for n, m in enumerate(tab._staff) if m.code == code)


def _pick(tab, code: str) -> None:
    tab.table.selectRow(_row_of(tab, code))


def _status(tab, code: str) -> str:
    model = tab.table.model()
    return model.index(_row_of(tab, code), 3).data()


def test_a_new_person_needs_a_pin_checked_as_the_service_checks_it(
        manager_ctx: AppContext, qtbot):
    from dataclasses import replace

    from jeweldesk.services.store import update_store

    update_store(manager_ctx.db, replace(store_settings(manager_ctx.db), pin_digits=6),
                 by=MANAGER)
    whole = _settings(manager_ctx, qtbot)
    tab = whole.staff
    whole.tabs.setCurrentWidget(tab)
    tab.new_button.click()
    qtbot.keyClicks(tab.code, "MO")
    qtbot.keyClicks(tab.name, "Mei Ono")
    assert "6 to 8 digits" in tab.pin.placeholderText()
    tab.save_button.click()
    assert "every person needs a PIN" in tab.message.text()
    qtbot.keyClicks(tab.pin, "12a4")
    assert "digits only" in tab.pin_problem.text()
    tab.pin.clear()
    qtbot.keyClicks(tab.pin, "1234")
    assert "6 to 8 digits" in tab.pin_problem.text()
    tab.save_button.click()
    assert "MO" not in {s.code for s in list_staff(manager_ctx.db)}
    qtbot.keyClicks(tab.pin, "56")
    assert tab.pin_problem.text() == ""
    tab.save_button.click()
    assert tab.message.text() == "Mei Ono is on the staff and signs in with the PIN typed."
    sign_in(manager_ctx.db, "MO", "123456")


def test_a_person_is_retired_hidden_and_brought_back(manager_ctx: AppContext, qtbot):
    from tests.support.store import COUNTER

    whole = _settings(manager_ctx, qtbot)
    tab = whole.staff
    whole.tabs.setCurrentWidget(tab)
    _pick(tab, COUNTER)
    assert tab.retire_button.text() == "Retire"
    tab.retire_button.click()
    assert "Kate Pruitt has left" in tab.message.text()
    assert COUNTER not in {m.code for m in tab._staff}
    assert COUNTER not in {s.code for s in list_staff(manager_ctx.db)}
    with pytest.raises(NotAllowed, match="no longer works here"):
        sign_in(manager_ctx.db, COUNTER, "1357")

    tab.show_left.click()
    assert _status(tab, COUNTER) == "left"
    _pick(tab, COUNTER)
    assert tab.retire_button.text() == "Back at work"
    tab.retire_button.click()
    sign_in(manager_ctx.db, COUNTER, "1357")


def test_the_last_manager_cannot_be_retired_or_made_counter_staff(
        manager_ctx: AppContext, qtbot):
    whole = _settings(manager_ctx, qtbot)
    tab = whole.staff
    whole.tabs.setCurrentWidget(tab)
    _pick(tab, MANAGER)
    tab.retire_button.click()
    assert "Sandra Cole is the last manager still working here" in tab.message.text()
    tab.role.setCurrentIndex(tab.role.findData(Role.COUNTER))
    tab.save_button.click()
    assert "before making Sandra Cole counter staff" in tab.message.text()
    sandra = next(s for s in list_staff(manager_ctx.db) if s.code == MANAGER)
    assert sandra.active and sandra.role == Role.MANAGER


def test_a_manager_sees_who_is_locked_unlocks_them_and_resets_a_pin(
        manager_ctx: AppContext, qtbot):
    from datetime import datetime

    from tests.support.store import BENCH

    start = datetime(2026, 12, 3, 9, 0)
    for n in range(5):
        with pytest.raises(NotAllowed):
            sign_in(manager_ctx.db, BENCH, f"000{n}", at=start + timedelta(minutes=n))
    whole = _settings(manager_ctx, qtbot)
    tab = whole.staff
    whole.tabs.setCurrentWidget(tab)
    assert _status(tab, BENCH) == "PIN locked"
    _pick(tab, BENCH)
    assert tab.unlock_button.isVisible()
    tab.unlock_button.click()
    assert "Jonah Reyes's PIN is unlocked" in tab.message.text()
    assert _status(tab, BENCH) == "works here" and not tab.unlock_button.isVisible()
    sign_in(manager_ctx.db, BENCH, "1470")

    qtbot.keyClicks(tab.pin, "97531")
    tab.save_button.click()
    assert "new PIN works now" in tab.message.text()
    sign_in(manager_ctx.db, BENCH, "97531")


def test_the_manager_edits_the_thank_you_wording_for_every_pc(manager_ctx: AppContext, qtbot):
    from jeweldesk.services.note_wording import note_wording

    screen = _settings(manager_ctx, qtbot)
    screen.tabs.setCurrentWidget(screen.note_wording)
    tab = screen.note_wording
    assert "[note]" in tab.text.toPlainText()  # the shipped wording, to edit from
    assert note_wording(manager_ctx.db) is None
    tab.text.setPlainText('[note]\ngreeting = "Hello again, $customer!"\n')
    tab.save_button.click()
    assert note_wording(manager_ctx.db) == '[note]\ngreeting = "Hello again, $customer!"\n'
    assert "Saved" in tab.message.text()

    tab.text.setPlainText("[note\n")
    tab.save_button.click()
    assert "not TOML" in tab.message.text()
    assert "Hello again" in (note_wording(manager_ctx.db) or "")  # nothing half written

    qtbot.mouseClick(tab.shipped_button, Qt.MouseButton.LeftButton)
    tab.save_button.click()
    assert note_wording(manager_ctx.db) is None  # the shipped words, following updates


def test_the_counter_sees_the_wording_but_cannot_change_it(ctx: AppContext, qtbot):
    from jeweldesk.ui.settings.note_wording import NoteWordingTab

    tab = NoteWordingTab(ctx)
    qtbot.addWidget(tab)
    assert tab.text.isReadOnly() and not tab.save_button.isEnabled()
    assert "Only a manager" in tab.save_button.toolTip()


def test_picking_someone_else_while_a_new_person_is_typed_asks_first(
        manager_ctx: AppContext, qtbot):
    from tests.support.questions import answer_next_question, click

    screen = _settings(manager_ctx, qtbot)
    tab = screen.staff
    tab.new_button.click()
    qtbot.keyClicks(tab.code, "MO")
    qtbot.keyClicks(tab.name, "Mei Ono")
    asked = answer_next_question(click("Keep typing"))
    tab.table.selectRow(0)
    assert asked.asked and "Mei Ono" in asked.texts[0]
    assert (tab.code.text(), tab.name.text()) == ("MO", "Mei Ono")
    assert tab.table.selectionModel().selectedRows() == []  # still the new person

    qtbot.keyClicks(tab.pin, "8642")
    tab.save_button.click()  # saving asks nothing, and the list shows who was saved
    assert "Mei Ono" in {m.name for m in list_staff(manager_ctx.db)}
    assert tab.name.text() == "Mei Ono"

    asked = answer_next_question(click("Throw away"))
    qtbot.keyClicks(tab.name, " Ishikawa")
    tab.table.selectRow(0)
    assert asked.asked and "Your changes to Mei Ono" in asked.texts[0]
    assert tab.name.text() != "Mei Ono Ishikawa"  # the person picked is shown


def test_new_person_while_a_change_is_half_typed_asks_first(manager_ctx: AppContext, qtbot):
    from tests.support.questions import answer_next_question, click

    screen = _settings(manager_ctx, qtbot)
    tab = screen.staff
    tab.table.selectRow(0)
    picked = tab.name.text()
    qtbot.keyClicks(tab.name, " Junior")
    asked = answer_next_question(click("Keep typing"))
    tab.new_button.click()
    assert asked.asked and f"Your changes to {picked}" in asked.texts[0]
    assert tab.name.text() == f"{picked} Junior"  # kept, still that person
    asked = answer_next_question(click("Throw away"))
    tab.new_button.click()
    assert asked.asked and tab.name.text() == "" and not tab.code.isReadOnly()
