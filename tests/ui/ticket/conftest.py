"""The ticket window's tests: a ticket opened on screen, as a double-click opens it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.ticket.edit import EditTicketDialog
from jeweldesk.ui.ticket.view import TicketDialog
from tests.support.window import OpenEditor, OpenTicket


@pytest.fixture
def open_ticket(qtbot: QtBot) -> OpenTicket:
    def opened(ctx: AppContext, number: str) -> TicketDialog:
        dialog = TicketDialog(ctx, number)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return opened


@pytest.fixture
def open_editor(qtbot: QtBot, open_ticket: OpenTicket) -> OpenEditor:
    """The ticket opened, then Edit details clicked: the editor over it, with the keyboard."""
    def opened(ctx: AppContext, number: str) -> tuple[TicketDialog, EditTicketDialog]:
        ticket = open_ticket(ctx, number)
        qtbot.mouseClick(ticket.edit_button, Qt.MouseButton.LeftButton)
        editor = ticket.findChild(EditTicketDialog)
        assert editor is not None
        qtbot.waitExposed(editor)
        qtbot.waitUntil(editor.isActiveWindow)
        return ticket, editor

    return opened
