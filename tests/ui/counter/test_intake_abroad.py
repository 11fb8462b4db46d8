"""A store outside the United States takes in its own customers: their phones as they are
written there, and days typed day first."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from jeweldesk.services.store import store_settings, update_store
from jeweldesk.services.story import ticket_story
from jeweldesk.storage.engine import Database
from jeweldesk.ui.common.day_edit import read_day
from jeweldesk.ui.counter.intake import IntakeDialog
from tests.support.store import COUNTER, MANAGER, store_today
from tests.support.window import signed_in


def test_a_british_store_takes_a_british_mobile_and_reads_5_12_as_the_5th_of_december(
        qtbot: QtBot, sqlite_store: Database) -> None:
    update_store(sqlite_store, replace(store_settings(sqlite_store), country="GB",
                                              phone="020 7946 0958"), by=MANAGER)
    ctx = signed_in(sqlite_store, COUNTER)
    dialog = IntakeDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Siobhan Kerr")
    qtbot.keyClicks(dialog.phone, "07911 123456")
    dialog.phone.editingFinished.emit()
    assert dialog.customer_problems["phone"].text() == ""
    piece = dialog.current_piece()
    qtbot.keyClicks(piece.description, "Gold signet ring")
    qtbot.keyClicks(piece.services.picker, "polish")
    qtbot.keyClick(piece.services.picker, Qt.Key.Key_Return)
    qtbot.keyClicks(piece.occasion_what, "Graduation")
    year = store_today().year + 1
    qtbot.keyClicks(piece.occasion_date.line, f"5/12/{year}")
    assert piece.occasion_date.problem == ""
    dialog.save()
    [number] = dialog.numbers
    story = ticket_story(ctx.db, number)
    assert story.customer_phone == "07911 123456"  # kept, and shown as it is written there
    assert story.occasion_date == date(year, 12, 5)


def test_figures_are_read_month_first_only_where_the_store_writes_them_so() -> None:
    today = date(2026, 12, 3)
    assert read_day("5/12/2026", today) == date(2026, 5, 12)
    assert read_day("5/12/2026", today, day_first=True) == date(2026, 12, 5)
    assert read_day("19/12/2026", today) is None  # no 19th month in the United States
    assert read_day("19/12/2026", today, day_first=True) == date(2026, 12, 19)
    assert read_day("19 Dec", today, day_first=True) == date(2026, 12, 19)
    assert read_day("Dec 19", today) == date(2026, 12, 19)
