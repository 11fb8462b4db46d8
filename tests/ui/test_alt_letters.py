"""Each Alt+letter in a dialog goes to one place: a letter offered twice sends the keyboard to
whichever Qt finds first (Alt+N to Name or to Condition)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from jeweldesk.domain.status import Status
from jeweldesk.services.moves import move
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.counter.intake import IntakeDialog
from jeweldesk.ui.counter.pickup import PickupDialog
from jeweldesk.ui.ticket.edit import EditTicketDialog
from jeweldesk.ui.ticket.view import TicketDialog
from tests.support.questions import duplicates
from tests.support.store import BENCH, take_in_ring


def _shown(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_no_dialog_offers_one_alt_letter_twice(ctx: AppContext, manager_ctx: AppContext,
                                              qtbot: QtBot) -> None:
    number = take_in_ring(ctx.db)
    move(ctx.db, number, Status.AT_BENCH, by=BENCH)
    move(ctx.db, number, Status.READY, by=BENCH)
    found = {}
    for who in (ctx, manager_ctx):
        intake = _shown(qtbot, IntakeDialog(who))
        found[f"intake ({who.user.role.value})"] = duplicates(intake)
    ticket = _shown(qtbot, TicketDialog(ctx, number))
    found["ticket"] = duplicates(ticket)
    qtbot.mouseClick(ticket.edit_button, Qt.MouseButton.LeftButton)
    editor = ticket.findChild(EditTicketDialog)
    assert editor is not None
    found["edit details"] = duplicates(editor)
    found["pickup"] = duplicates(_shown(qtbot, PickupDialog(ctx, [number])))
    assert found == {name: {} for name in found}
