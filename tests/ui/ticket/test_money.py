"""Money in the ticket window: a part payment typed and Enter, a discount, money given back
by a manager; the bill reads line by line."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from jeweldesk.services.story import ticket_story
from jeweldesk.ui.common.context import AppContext
from tests.support.store import take_in_ring
from tests.support.window import OpenTicket

ENTER = Qt.Key.Key_Return
CLICK = Qt.MouseButton.LeftButton



def test_a_part_payment_and_a_discount_at_the_counter(ctx: AppContext, qtbot: QtBot,
                                                      open_ticket: OpenTicket) -> None:
    number = take_in_ring(ctx.db)
    dialog = open_ticket(ctx, number)
    panel = dialog.money_panel
    assert not panel.back.isVisible()  # giving money back is a manager's
    qtbot.keyClicks(panel.method, "g")  # the first letter picks it
    qtbot.keyClicks(panel.amount, "20")
    qtbot.keyClick(panel.amount, ENTER)
    assert dialog.money["balance"].text() == "<b>$35.00</b>"
    assert "Paid, gift card" in dialog.money["paid"].text()
    assert "Took $20.00 by gift card; $35.00 left to pay." in dialog.message.text()

    qtbot.keyClicks(panel.off, "20.00")
    qtbot.keyClicks(panel.off_reason, "Sorry for the wait")
    qtbot.mouseClick(panel.off_button, CLICK)
    assert "more than the counter's limit" in panel.problem.text()
    panel.off.clear()
    qtbot.keyClicks(panel.off, "5%")
    qtbot.mouseClick(panel.off_button, CLICK)
    assert dialog.money["balance"].text() == "<b>$29.75</b>"
    assert "Discount: Sorry for the wait (5%) — Kate Pruitt" in dialog.money["paid"].text()
    assert [d.amount for d in ticket_story(ctx.db, number).discounts] == [Decimal("5.25")]


def test_a_manager_gives_money_back_with_a_reason(manager_ctx: AppContext,
                                                   qtbot: QtBot, open_ticket: OpenTicket) -> None:
    number = take_in_ring(manager_ctx.db)
    dialog = open_ticket(manager_ctx, number)
    panel = dialog.money_panel
    qtbot.keyClicks(panel.back, "10")
    qtbot.mouseClick(panel.back_button, CLICK)
    assert "say why" in panel.problem.text()
    qtbot.keyClicks(panel.back_reason, "Deposit was taken twice")
    qtbot.mouseClick(panel.back_button, CLICK)
    assert dialog.money["balance"].text() == "<b>$65.00</b>"
    assert "Given back, cash" in dialog.money["paid"].text()
    assert ticket_story(manager_ctx.db, number).payments[-1].amount == Decimal("-10.00")
