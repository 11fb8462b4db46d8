"""Settings › Money and tax: the ways to be paid, and a tax rate on the cleaning."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from jeweldesk.services.money_settings import money_settings
from jeweldesk.services.story import ticket_story
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.settings.money import MoneyTab
from tests.support.store import take_in_ring

CLICK = Qt.MouseButton.LeftButton


def test_the_manager_sets_the_ways_to_be_paid_and_a_tax_on_the_cleaning(
        manager_ctx: AppContext, qtbot: QtBot) -> None:
    tab = MoneyTab(manager_ctx)
    qtbot.addWidget(tab)
    assert tab.methods.text() == "cash, card, check, gift card, store credit"
    assert not tab.charges_tax.isChecked()
    qtbot.mouseClick(tab.charges_tax, CLICK)
    qtbot.mouseClick(tab.save_button, CLICK)
    assert "add a tax rate first" in tab.message.text()
    code, name, percent = tab.rates[0]
    qtbot.keyClicks(code, "STATE")
    qtbot.keyClicks(name, "State tax")
    qtbot.keyClicks(percent, "8.25")
    tab.methods.setText("cash, card, gift card")
    qtbot.mouseClick(tab.save_button, CLICK)
    assert tab.message.text() == "Saved."
    cleaning = tab.taxable["cleaning"]
    cleaning.setCurrentIndex(cleaning.findData("STATE"))
    qtbot.mouseClick(tab.save_button, CLICK)
    settings = money_settings(manager_ctx.db)
    assert settings.methods == ("cash", "card", "gift card") and settings.charges_tax
    assert settings.taxable == {"cleaning": "STATE"}
    # 8.25% of the ring's 15.00 cleaning.
    story = ticket_story(manager_ctx.db, take_in_ring(manager_ctx.db))
    assert [(t.name, t.amount) for t in story.bill.taxes] == [("State tax", Decimal("1.24"))]
