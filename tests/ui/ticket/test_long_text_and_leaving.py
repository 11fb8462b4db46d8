"""A long description never makes a window wider than the screen, and Edit details asks
before it throws typed changes away."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from jeweldesk.domain.status import Status
from jeweldesk.services.moves import move
from jeweldesk.services.story import ticket_story
from jeweldesk.ui.bench.bench import BenchScreen
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.counter.board_model import ITEM, BoardModel
from jeweldesk.ui.ticket.view import TicketDialog
from tests.support.questions import answer_next_question, click, press_key
from tests.support.store import BENCH, take_in_ring
from tests.support.window import OpenEditor

LONG = ("Lady's vintage platinum filigree engagement ring with milgrain edges and a "
        "hand-engraved gallery, " * 12)[:1000]
SCREEN_WIDTH = 1600


def test_a_long_description_keeps_the_ticket_window_on_the_screen(ctx: AppContext,
                                                                  qtbot: QtBot) -> None:
    number = take_in_ring(ctx.db, description=LONG)
    dialog = TicketDialog(ctx, number)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.minimumSizeHint().width() < SCREEN_WIDTH
    assert dialog.width() < SCREEN_WIDTH
    assert dialog.title.text().endswith(LONG.strip()[-20:])  # whole, and whole on hover
    assert dialog.title.toolTip() == dialog.title.text()
    assert dialog.title.shown().endswith("…")


def test_a_long_description_keeps_the_bench_header_a_few_lines(ctx: AppContext,
                                                               qtbot: QtBot) -> None:
    number = take_in_ring(ctx.db, description=LONG)
    move(ctx.db, number, Status.AT_BENCH, by=BENCH)
    bench = BenchScreen(ctx)
    qtbot.addWidget(bench)
    bench.resize(1200, 800)
    bench.show()
    qtbot.waitExposed(bench)
    qtbot.keyClicks(bench.scan_box, number)
    qtbot.keyClick(bench.scan_box, Qt.Key.Key_Return)
    line = bench.card.fontMetrics().lineSpacing()
    assert bench.card.heightForWidth(bench.card.width()) < 8 * line
    assert LONG[:40] in bench.card.toolTip()


def test_a_long_description_on_the_board_is_whole_on_hover(ctx: AppContext) -> None:
    number = take_in_ring(ctx.db, description=LONG)
    story = ticket_story(ctx.db, number)
    model = BoardModel(ctx.db)
    model.reload()
    tip = model.index(0, ITEM).data(Qt.ItemDataRole.ToolTipRole)
    assert tip is not None and story.item_description[:40] in tip



def test_edit_details_asks_before_throwing_changes_away(
        ctx: AppContext, qtbot: QtBot, open_editor: OpenEditor) -> None:
    _ticket, editor = open_editor(ctx, take_in_ring(ctx.db))
    editor.stones.setFocus()
    editor.stones.selectAll()
    qtbot.keyClicks(editor.stones, "two round diamonds")
    asked = answer_next_question(press_key(Qt.Key.Key_Return))  # a hurried Enter keeps it
    qtbot.keyClick(editor.stones, Qt.Key.Key_Escape)
    assert asked.asked and "Throw away your changes to" in asked.texts[0]
    assert "the stones" in asked.texts[0]
    assert editor.isVisible() and editor.stones.text() == "two round diamonds"

    asked = answer_next_question(click("Keep typing"))
    editor.close()  # the window's X
    assert asked.asked and editor.isVisible()

    editor.cancel_button.setFocus()
    asked = answer_next_question(press_key(Qt.Key.Key_Space))
    qtbot.keyClick(editor.cancel_button, Qt.Key.Key_Space)
    assert asked.asked and editor.isVisible()

    asked = answer_next_question(click("Throw away"))
    qtbot.mouseClick(editor.cancel_button, Qt.MouseButton.LeftButton)
    assert asked.asked and not editor.isVisible()


def test_edit_details_with_nothing_changed_closes_at_once(
        ctx: AppContext, qtbot: QtBot, open_editor: OpenEditor) -> None:
    _ticket, editor = open_editor(ctx, take_in_ring(ctx.db))
    qtbot.keyClick(QApplication.focusWidget() or editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()
