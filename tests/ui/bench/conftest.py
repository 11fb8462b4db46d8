"""The Bench's tests: the bench jeweler signed in, the Bench on screen."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from jeweldesk.storage.engine import Database
from jeweldesk.ui.bench.bench import BenchScreen
from jeweldesk.ui.common.context import AppContext
from tests.support.store import BENCH
from tests.support.window import signed_in


@pytest.fixture
def bench_ctx(qtbot: QtBot, sqlite_store: Database) -> AppContext:
    return signed_in(sqlite_store, BENCH)


@pytest.fixture
def screen(qtbot: QtBot, bench_ctx: AppContext) -> BenchScreen:
    widget = BenchScreen(bench_ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
