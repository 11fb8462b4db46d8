"""The ticket window's tests: a ticket opened on screen, as a double-click opens it."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.ticket.view import TicketDialog
from tests.support.window import OpenTicket


@pytest.fixture
def open_ticket(qtbot: QtBot) -> OpenTicket:
    def opened(ctx: AppContext, number: str) -> TicketDialog:
        dialog = TicketDialog(ctx, number)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return opened
