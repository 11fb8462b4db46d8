"""A lock another program holds is waited for a bounded time, then said plainly: another
program holds the database, and nothing was written."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from jeweldesk.cli import main
from jeweldesk.domain.errors import ServiceError
from jeweldesk.storage.engine import Database
from jeweldesk.storage.health import DatabaseBusy
from tests.support.damaged_files import listing, scrub_env

HOLD = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("held", flush=True)
time.sleep(60)
"""


@pytest.fixture
def held(sqlite_db: Database) -> Iterator[Path]:
    """The store's file, its write lock held by another process until the test ends."""
    path = Path(str(sqlite_db.engine.url.database))
    sqlite_db.dispose()
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    yield path
    holder.kill()
    holder.wait()
    holder.stdout.close()


def test_a_command_waits_a_bounded_time_then_says_another_program_holds_it(held):
    before = listing(held.parent)
    env = scrub_env() | {"JEWELDESK_LOCK_WAIT": "0.5"}
    done = subprocess.run(
        [sys.executable, "-m", "jeweldesk", "--db", str(held), "demo", "--tickets", "3"],
        capture_output=True, text=True, env=env, timeout=60)

    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [done.stderr.strip()]
    assert "another program holds the database" in done.stderr
    assert "nothing was written" in done.stderr and "waited 0.5 s" in done.stderr
    assert {k: v for k, v in listing(held.parent).items() if not k.endswith(("-wal", "-shm"))} \
        == {k: v for k, v in before.items() if not k.endswith(("-wal", "-shm"))}


def test_a_write_from_a_screen_gets_the_same_refusal(sqlite_db, monkeypatch):
    """The window's services see a ServiceError, which every screen already shows in place."""
    monkeypatch.setenv("JEWELDESK_LOCK_WAIT", "0.3")
    path = sqlite_db.engine.url.database
    locker = Database(f"sqlite:///{path}")
    ready, done = threading.Event(), threading.Event()

    def hold() -> None:
        with locker.session():
            ready.set()
            done.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert ready.wait(5)
        db = Database.open(f"sqlite:///{path}")
        with pytest.raises(DatabaseBusy, match="another program holds the database") as caught, \
                db.session():
            pass
        assert isinstance(caught.value, ServiceError) and "nothing was written" in caught.value.said
        db.dispose()
    finally:
        done.set()
        thread.join()
        locker.dispose()


def test_the_command_line_says_it_in_one_line(held, monkeypatch, capsys):
    monkeypatch.setenv("JEWELDESK_LOCK_WAIT", "0.2")
    assert main(["--db", str(held), "demo", "--tickets", "2"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("jeweldesk: another program holds the database")
    assert len(err.splitlines()) == 1
