"""Leaving Settings with a change not saved asks first; keeping it is what a stray key does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from jeweldesk.services.store import store_settings
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.main_window import MainWindow
from tests.support.questions import answer_next_question, click, press_key


@pytest.fixture
def window(manager_ctx: AppContext, qtbot: QtBot) -> MainWindow:
    window = MainWindow(manager_ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.show_screen("settings")
    return window


def _leave_for_the_board(window: MainWindow) -> None:
    assert window.show_screen("tickets")


def test_looking_through_settings_and_leaving_asks_nothing(window, qtbot):
    settings = window.settings
    assert settings is not None
    for i in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(i)
    asked = answer_next_question(click("Keep editing"))
    _leave_for_the_board(window)
    qtbot.wait(100)
    assert not asked.asked
    assert window.stack.currentWidget() is not settings


def test_a_store_name_typed_and_not_saved_is_kept_then_thrown_away_only_when_chosen(
        window, qtbot, manager_ctx):
    settings = window.settings
    before = store_settings(manager_ctx.db).name
    settings.store.name.setFocus()
    qtbot.keyClicks(settings.store.name, " & Daughters")

    asked = answer_next_question(press_key(Qt.Key.Key_Escape))  # a stray key keeps it
    _leave_for_the_board(window)
    qtbot.waitUntil(lambda: asked.asked)
    assert "Store and hours" in asked.texts[0] and "not saved" in asked.texts[0]
    assert window.stack.currentWidget() is settings
    assert window.nav.currentRow() == window.stack.currentIndex()
    assert settings.store.name.text() == before + " & Daughters"

    asked = answer_next_question(click("Throw away"))
    _leave_for_the_board(window)
    qtbot.waitUntil(lambda: asked.asked)
    assert window.stack.currentWidget() is not settings
    assert settings.store.name.text() == before
    assert store_settings(manager_ctx.db).name == before


def test_save_from_the_question_saves_and_leaves(window, qtbot, manager_ctx):
    settings = window.settings
    settings.store.unclaimed.setValue(settings.store.unclaimed.value() + 30)
    wanted = settings.store.unclaimed.value()
    asked = answer_next_question(click("Save"))
    _leave_for_the_board(window)
    qtbot.waitUntil(lambda: asked.asked)
    assert window.stack.currentWidget() is not settings
    assert store_settings(manager_ctx.db).unclaimed_days == wanted
    asked = answer_next_question(click("Keep editing"))
    window.show_screen("settings")
    _leave_for_the_board(window)  # saved: nothing to ask about now
    qtbot.wait(100)
    assert not asked.asked


def test_a_save_the_store_refuses_keeps_settings_open_on_that_tab(window, qtbot):
    settings = window.settings
    settings.tabs.setCurrentWidget(settings.catalog)
    settings.store.name.clear()  # a store needs a name
    asked = answer_next_question(click("Save"))
    _leave_for_the_board(window)
    qtbot.waitUntil(lambda: asked.asked)
    assert window.stack.currentWidget() is settings
    assert settings.tabs.currentWidget() is settings.store
    assert settings.store.message.text()  # says why, in its own line
