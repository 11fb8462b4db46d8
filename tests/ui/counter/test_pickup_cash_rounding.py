"""A Swiss counter hands a piece back for cash: the amount offered is the balance to the
five centimes the coins make, the rounding is said beside it, and a card pays it exactly."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from jeweldesk.domain.status import Status
from jeweldesk.services.customers import CustomerDetails
from jeweldesk.services.intake import ServiceLine, Visit, take_in
from jeweldesk.services.moves import move
from jeweldesk.services.story import ticket_story
from jeweldesk.storage.engine import Database
from jeweldesk.ui.counter.pickup import PickupDialog
from tests.support.store import BENCH, COUNTER, ring, set_up
from tests.support.window import signed_in


def test_cash_is_offered_to_the_coins_and_the_rounding_is_said_and_kept(
        qtbot: QtBot, sqlite_db: Database) -> None:
    set_up(sqlite_db, country="CH", currency="CHF", locale="de_CH")
    [number] = take_in(sqlite_db, Visit(pieces=(ring(
        services=(ServiceLine("cleaning", "Clean and polish", "112.37"),), deposit="0"),),
        new_customer=CustomerDetails("Lena Keller")), by=COUNTER)
    move(sqlite_db, number, Status.AT_BENCH, by=BENCH)
    move(sqlite_db, number, Status.READY, by=BENCH)

    dialog = PickupDialog(signed_in(sqlite_db, COUNTER), [number])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.due.text() == "CHF\u00a0112.37"
    dialog.method.setCurrentIndex(dialog.method.findData("card"))
    assert dialog.amount.text() == "112.37" and not dialog.rounding_note.isVisible()
    dialog.method.setCurrentIndex(dialog.method.findData("cash"))
    assert dialog.amount.text() == "112.35"
    assert dialog.rounding_note.isVisible()
    assert "cash rounding CHF\u00a00.02" in dialog.rounding_note.text()
    assert not dialog.owing.isVisible()  # the rounding settles it: nothing left owing

    qtbot.keyClick(dialog.hand_back_button, Qt.Key.Key_Space)

    assert "paid CHF\u00a0112.35 (cash rounding CHF\u00a00.02)" in dialog.done_title.text()
    story = ticket_story(sqlite_db, number)
    assert story.status is Status.PICKED_UP and story.balance == Decimal("0.00")
    assert [(p.amount, p.cash_rounding) for p in story.payments] == [
        (Decimal("112.35"), False), (Decimal("0.02"), True)]
