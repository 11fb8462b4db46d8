"""The search-and-scan box after a scan that finds nothing: emptied, said beside the box,
and the next scan read alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.main_window import MainWindow
from tests.support.store import take_in_ring

ENTER = Qt.Key.Key_Return


def test_a_failed_scan_is_cleared_said_beside_the_box_and_the_next_scan_works(
        ctx: AppContext, qtbot: QtBot) -> None:
    number = take_in_ring(ctx.db)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.search.hasFocus)

    qtbot.keyClicks(window.search, "R-99999")
    qtbot.keyClick(window.search, ENTER)  # a scanner ends with Enter
    assert window.search.text() == ""  # the next scan is not run on after this one
    qtbot.waitUntil(window.scan_problem.isVisible)  # once the toolbar has laid it out
    assert "R-99999" in window.scan_problem.text()
    assert window.search.hasFocus()

    qtbot.keyClicks(window.search, number)  # the next envelope, straight away
    qtbot.keyClick(window.search, ENTER)
    dialog = window.last_dialog
    assert dialog is not None and dialog.isVisible()
    assert getattr(dialog, "number", None) == number
    qtbot.waitUntil(lambda: not window.scan_problem.isVisible())
    dialog.close()
