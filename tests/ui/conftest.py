"""The window's tests: a fresh store with the counter person signed in."""

from __future__ import annotations

import pytest

from jeweldesk.services.store import list_staff
from jeweldesk.storage.engine import Database
from jeweldesk.ui.common.context import AppContext
from tests.support.store import COUNTER, MANAGER


def signed_in(db: Database, code: str) -> AppContext:
    user = next(s for s in list_staff(db) if s.code == code)
    return AppContext(db, user)


@pytest.fixture
def ctx(sqlite_store: Database, qtbot: object) -> AppContext:
    return signed_in(sqlite_store, COUNTER)


@pytest.fixture
def manager_ctx(sqlite_store: Database, qtbot: object) -> AppContext:
    return signed_in(sqlite_store, MANAGER)
