"""Two records of one customer merged from the Customers screen: a manager's step, asked
first with both records shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from jeweldesk.services.customers import CustomerDetails, add_customer, find_customers
from jeweldesk.services.story import ticket_story
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.counter.customers import CustomersScreen
from tests.support.questions import answer_next_question, click, press_key
from tests.support.store import COUNTER, take_in_ring


def _screen(ctx: AppContext, qtbot: QtBot) -> CustomersScreen:
    screen = CustomersScreen(ctx, lambda _number: None)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def _both(screen: CustomersScreen, qtbot: QtBot) -> None:
    qtbot.keyClicks(screen.search, "Whitfield")
    qtbot.waitUntil(lambda: screen.results.model().rowCount() == 2)
    screen.results.selectRow(0)
    row = screen.results.model().index(1, 0)
    # Ctrl+click on the second row, as a person picks two.
    rect = screen.results.visualRect(row)
    qtbot.mouseClick(screen.results.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ControlModifier, rect.center())
    assert len(screen.results.selectionModel().selectedRows()) == 2


def test_a_manager_merges_two_records_of_one_customer(manager_ctx: AppContext,
                                                      qtbot: QtBot) -> None:
    number = take_in_ring(manager_ctx.db)  # Dana Whitfield, with a phone
    add_customer(manager_ctx.db, CustomerDetails("Dana Whitfield", None, "dana@example.com"),
                 COUNTER)
    screen = _screen(manager_ctx, qtbot)
    assert screen.merge_button.isVisible()
    _both(screen, qtbot)
    assert screen.merge_button.isEnabled()

    asked = answer_next_question(press_key(Qt.Key.Key_Return))  # Enter keeps them apart
    qtbot.mouseClick(screen.merge_button, Qt.MouseButton.LeftButton)
    assert asked.asked and len(find_customers(manager_ctx.db, "Whitfield")) == 2
    assert "Kept: Dana Whitfield — (601) 555-0142" in asked.texts[0]
    assert "Folded in: Dana Whitfield — dana@example.com" in asked.texts[0]

    asked = answer_next_question(click("Merge"))
    qtbot.mouseClick(screen.merge_button, Qt.MouseButton.LeftButton)
    [merged] = find_customers(manager_ctx.db, "Whitfield")
    assert merged.email == "dana@example.com" and merged.phone == "(601) 555-0142"
    assert ticket_story(manager_ctx.db, number).customer_id == merged.id
    assert screen.results.model().rowCount() == 1
    assert "Merged" in screen.message.text()


def test_counter_staff_are_not_offered_the_merge(ctx: AppContext, qtbot: QtBot) -> None:
    take_in_ring(ctx.db)
    take_in_ring(ctx.db)
    screen = _screen(ctx, qtbot)
    assert not screen.merge_button.isVisible()
