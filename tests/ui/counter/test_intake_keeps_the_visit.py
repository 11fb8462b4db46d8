"""Intake never loses a visit: Tab follows the form, no stray key throws work away, leaving
asks first, each Alt+letter means one field, a searched fragment gives way to the typed
name, work the catalog lacks is written in, and a day is read the way it is typed."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from jeweldesk.services.intake import WRITE_IN
from jeweldesk.services.store import catalog
from jeweldesk.services.story import ticket_story
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.counter.intake import IntakeDialog
from jeweldesk.ui.counter.intake_services import PRICE, TO_CATALOG
from tests.support.questions import answer_next_question, click, duplicates, press_key
from tests.support.store import store_today

ENTER, TAB, SPACE, ESCAPE = (Qt.Key.Key_Return, Qt.Key.Key_Tab, Qt.Key.Key_Space,
                             Qt.Key.Key_Escape)


def open_intake(ctx: AppContext, qtbot: QtBot) -> IntakeDialog:
    dialog = IntakeDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.search.hasFocus)  # the window is active: keys go where focus is
    return dialog


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_here(qtbot: QtBot, text: str) -> None:
    """Keys into whatever has the focus, as a person types without looking at the screen."""
    qtbot.keyClicks(focused(), text)


def editing_in(qtbot: QtBot, table: QWidget) -> None:
    """Wait for the table's cell editor to take the keys."""
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit)
                    and table.isAncestorOf(QApplication.focusWidget()))


def tab(qtbot: QtBot, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(focused(), TAB)


def test_tab_from_the_customer_goes_into_the_piece(ctx: AppContext, qtbot: QtBot) -> None:
    dialog = open_intake(ctx, qtbot)
    piece = dialog.current_piece()
    dialog.name.setFocus()
    type_here(qtbot, "Pat Careless")
    tab(qtbot)
    type_here(qtbot, "601 555 0101")
    tab(qtbot)
    type_here(qtbot, "pat@example.com")
    tab(qtbot)
    assert focused() is dialog.addressed_as  # how the paper opens to Pat
    tab(qtbot)
    assert focused() is dialog.postal_address  # where a letter reaches her, the last of hers
    tab(qtbot)
    assert focused() is piece.kind
    tab(qtbot)
    type_here(qtbot, "Gold band, 6 mm wide")  # the space in it presses nothing
    assert piece.description.text() == "Gold band, 6 mm wide"
    assert dialog.isVisible() and dialog.name.text() == "Pat Careless"

    # Round the whole form: the tabs, Add another piece and Cancel are never on the way.
    visited = []
    for _ in range(40):
        tab(qtbot)
        visited.append(focused())
    assert dialog.save_button in visited and piece.promised_for.line in visited
    for never in (dialog.cancel_button, dialog.add_piece_button, dialog.pieces.tabBar()):
        assert never not in visited
    assert visited.index(piece.use_proposed) + 1 == visited.index(dialog.save_button)


def test_space_or_enter_on_cancel_does_not_throw_the_visit_away(ctx: AppContext,
                                                                qtbot: QtBot) -> None:
    dialog = open_intake(ctx, qtbot)
    qtbot.keyClicks(dialog.name, "Pat Careless")
    qtbot.keyClicks(dialog.current_piece().description, "Gold band")
    dialog.cancel_button.setFocus()  # however it got there
    for key in (SPACE, ENTER):
        asked = answer_next_question(press_key(key))  # the same hurried key again
        qtbot.keyClick(dialog.cancel_button, key)
        assert asked.asked and "Throw away this visit?" in asked.texts[0]
        assert dialog.isVisible()
    assert dialog.name.text() == "Pat Careless"
    assert dialog.current_piece().description.text() == "Gold band"


def test_escape_and_the_window_s_close_ask_first(ctx: AppContext, qtbot: QtBot) -> None:
    dialog = open_intake(ctx, qtbot)
    qtbot.keyClicks(dialog.current_piece().description, "Gold band")
    asked = answer_next_question(press_key(ESCAPE))
    qtbot.keyClick(dialog.current_piece().description, ESCAPE)
    assert asked.asked and dialog.isVisible()
    assert "Pat" not in asked.texts[0] and "1 piece" in asked.texts[0]

    asked = answer_next_question(click("Keep typing"))
    dialog.close()  # the window's X
    assert asked.asked and dialog.isVisible()

    asked = answer_next_question(click("Throw away"))
    dialog.close()
    assert asked.asked and not dialog.isVisible()


def test_an_empty_intake_closes_without_a_question(ctx: AppContext, qtbot: QtBot) -> None:
    dialog = open_intake(ctx, qtbot)
    qtbot.keyClick(dialog.search, ESCAPE)
    assert not dialog.isVisible()


def test_every_alt_letter_in_intake_means_one_field(ctx: AppContext, manager_ctx: AppContext,
                                                    qtbot: QtBot) -> None:
    for who in (ctx, manager_ctx):
        dialog = open_intake(who, qtbot)
        assert duplicates(dialog) == {}


def test_a_searched_fragment_gives_way_to_the_typed_name(ctx: AppContext,
                                                         qtbot: QtBot) -> None:
    dialog = open_intake(ctx, qtbot)
    qtbot.keyClicks(dialog.search, "zzzz")
    qtbot.keyClick(dialog.search, ENTER)  # nobody: a new customer, the name next
    assert focused() is dialog.name
    type_here(qtbot, "Pat Careless")
    assert dialog.name.text() == "Pat Careless"

    dialog.name.clear()
    dialog.search.setFocus()
    dialog.search.selectAll()
    qtbot.keyClicks(dialog.search, "R-10002")  # an envelope scanned into the wrong box
    qtbot.keyClick(dialog.search, ENTER)
    assert dialog.name.text() == "" and dialog.search.text() == ""


def test_a_shank_repair_is_written_in_with_its_own_price(ctx: AppContext,
                                                         qtbot: QtBot) -> None:
    dialog = open_intake(ctx, qtbot)
    qtbot.keyClicks(dialog.name, "Pat Careless")
    piece = dialog.current_piece()
    qtbot.keyClicks(piece.description, "Gold band")
    assert piece.services.table.isColumnHidden(TO_CATALOG)  # counter staff: no catalog tick
    qtbot.keyClicks(piece.services.picker, "shank repair")
    assert "writes it in" in piece.services.match.text()
    qtbot.keyClick(piece.services.picker, ENTER)
    assert piece.services.rows() == [(WRITE_IN, "Shank repair", "", False)]
    assert piece.services.table.currentIndex().column() == PRICE  # the price is asked for
    editing_in(qtbot, piece.services.table)
    type_here(qtbot, "65")
    qtbot.keyClick(focused(), ENTER)
    qtbot.waitUntil(lambda: piece.services.rows()[0][2] == "65")  # Qt commits it next
    assert piece.total.text() == "$65.00"
    dialog.save()
    [number] = dialog.numbers
    [line] = ticket_story(ctx.db, number).services
    assert (line.code, line.description, line.price) == (WRITE_IN, "Shank repair",
                                                         Decimal("65.00"))


def test_a_manager_ticks_a_written_in_line_into_the_catalog(manager_ctx: AppContext,
                                                            qtbot: QtBot) -> None:
    dialog = open_intake(manager_ctx, qtbot)
    qtbot.keyClicks(dialog.name, "Pat Careless")
    piece = dialog.current_piece()
    qtbot.keyClicks(piece.description, "Gold band")
    qtbot.keyClicks(piece.services.picker, "shank repair")
    qtbot.keyClick(piece.services.picker, ENTER)
    editing_in(qtbot, piece.services.table)
    type_here(qtbot, "65")
    qtbot.keyClick(focused(), ENTER)
    qtbot.waitUntil(lambda: piece.services.rows()[0][2] == "65")
    table = piece.services.table
    assert not table.isColumnHidden(TO_CATALOG)
    table.setCurrentIndex(piece.services.model.index(0, TO_CATALOG))
    qtbot.keyClick(table, SPACE)
    dialog.save()
    assert len(dialog.numbers) == 1
    assert any(e.name == "Shank repair" and e.default_price == Decimal("65.00")
               for e in catalog(manager_ctx.db))


def _next(month: int, day: int) -> date:
    today = store_today()
    found = date(today.year, month, day)
    return found if found >= today else date(today.year + 1, month, day)


def test_a_day_is_read_the_way_it_is_typed(ctx: AppContext, qtbot: QtBot) -> None:
    dialog = open_intake(ctx, qtbot)
    piece = dialog.current_piece()
    year = store_today().year + 1
    for typed, meant in ((f"11/20/{year}", date(year, 11, 20)),
                         (f"Fri Nov 20, {year}", date(year, 11, 20)),
                         ("Nov 20", _next(11, 20)),
                         (f"20 November {year}", date(year, 11, 20)),
                         ("tomorrow", store_today() + timedelta(days=1))):
        piece.promised_for.setFocus()
        qtbot.waitUntil(piece.promised_for.line.hasSelectedText)  # typing replaces the day
        type_here(qtbot, typed)
        tab(qtbot)
        assert piece.promise == meant, typed
        assert piece.promised_for.text().endswith(str(meant.year))
    assert piece.problems["promised_for"].text() == ""

    piece.promised_for.setFocus()
    qtbot.waitUntil(piece.promised_for.line.hasSelectedText)
    type_here(qtbot, "Fbr 30")
    tab(qtbot)
    assert "is not a day" in piece.problems["promised_for"].text()
    assert "promised_for" in dialog.current_piece().local_problems()

    piece.promised_for.setFocus()
    qtbot.waitUntil(piece.promised_for.line.hasSelectedText)
    type_here(qtbot, "Nov 20")
    qtbot.keyClick(focused(), Qt.Key.Key_Up)  # a day later
    assert piece.promise == _next(11, 20) + timedelta(days=1)
    assert piece.problems["promised_for"].text() == ""
