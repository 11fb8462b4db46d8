"""The window's tests: a fresh store with the counter person signed in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from jeweldesk.storage.engine import Database
from jeweldesk.ui.common.context import AppContext
from tests.support.store import COUNTER, MANAGER
from tests.support.window import signed_in


@pytest.fixture
def ctx(sqlite_store: Database, qtbot: object) -> AppContext:
    return signed_in(sqlite_store, COUNTER)


@pytest.fixture
def manager_ctx(sqlite_store: Database, qtbot: object) -> AppContext:
    return signed_in(sqlite_store, MANAGER)



@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """A dialog left with typing in it asks before it closes; the test is over, so its
    leftovers are closed without the question (nobody would be there to answer it) before
    pytest-qt closes the test's widgets."""
    from PySide6.QtWidgets import QApplication, QDialog

    if QApplication.instance() is not None:
        for widget in QApplication.topLevelWidgets():
            # Every dialog that asks before typing is lost says what would be, by unsaved().
            if isinstance(widget, QDialog) and hasattr(widget, "unsaved") and \
                    widget.isVisible():
                QDialog.reject(widget)
    yield
