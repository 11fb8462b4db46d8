"""The window's way in for a test: a person signed in at a workstation."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from jeweldesk.services.store import list_staff
from jeweldesk.storage.engine import Database
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.ticket.edit import EditTicketDialog
from jeweldesk.ui.ticket.view import TicketDialog

# The ticket window's fixtures (tests/ui/ticket/conftest.py).
OpenTicket = Callable[[AppContext, str], TicketDialog]
OpenEditor = Callable[[AppContext, str], tuple[TicketDialog, EditTicketDialog]]


def signed_in(db: Database, code: str) -> AppContext:
    user = next(s for s in list_staff(db) if s.code == code)
    return AppContext(db, user)


def scan_into(qtbot: QtBot, box: QWidget, text: str) -> None:
    """What a scanner does to the box it is pointed at: the characters, then Enter."""
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)
