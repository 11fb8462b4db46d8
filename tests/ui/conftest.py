"""The window's tests: a fresh store with the counter person signed in."""

from __future__ import annotations

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
