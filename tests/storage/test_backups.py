"""Backups a store can rely on: refused when the source is missing or damaged, checked
after writing, kept for two weeks by the day, put back with a copy of what they replace,
and readable by the store's own user alone."""

from __future__ import annotations

import shutil
import sqlite3
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from jeweldesk.cli import main
from jeweldesk.storage.backup import daily_backup, keep_daily_backup, restore_sqlite
from jeweldesk.storage.engine import Database
from jeweldesk.storage.health import DamagedDatabase, NotADatabase
from tests.support.damaged_files import damaged_copies, listing, make_store_file
from tests.support.store import take_in_ring


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store_file(tmp_path_factory.mktemp("store") / "jeweldesk.sqlite3", tickets=40)


@pytest.fixture
def store(store_file: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    folder.mkdir()
    return Path(shutil.copy(store_file, folder / "jeweldesk.sqlite3"))


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _tickets(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM ticket").fetchone()[0])
    finally:
        conn.close()


def test_backup_of_a_mistyped_path_says_no_and_makes_nothing(tmp_path, capsys):
    mistyped = tmp_path / "jeweldesk.sqllite3"
    assert main(["--db", str(mistyped), "backup", str(tmp_path / "copy.sqlite3")]) == 1
    assert "there is no JewelDesk database" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_backup_of_a_damaged_source_says_no_and_writes_nothing(store, tmp_path, capsys):
    damaged = damaged_copies(store, tmp_path)["zeroed pages in the middle"]
    dest = tmp_path / "copies" / "monday.sqlite3"
    assert main(["--db", str(damaged), "backup", str(dest)]) == 1
    assert "is damaged" in capsys.readouterr().err
    assert not dest.exists() and not (tmp_path / "backups").exists()


def test_a_backup_is_owner_only_and_checks_out(store, capsys):
    assert main(["--db", str(store), "backup"]) == 0
    made = Path(capsys.readouterr().out.strip())
    assert made.parent == store.parent / "backups"
    assert _mode(made) == 0o600 and _mode(made.parent) == 0o700
    assert _tickets(made) == _tickets(store)
    assert [p.name for p in made.parent.iterdir()] == [made.name]  # no partial left behind


def test_the_store_its_log_and_its_exports_are_owner_only(tmp_path, capsys):
    path = tmp_path / "new.sqlite3"
    assert main(["--db", str(path), "demo", "--tickets", "5"]) == 0
    db = Database.open(f"sqlite:///{path}")
    with db.engine.connect() as conn:  # a reader keeps the -wal and -shm in place
        conn.execute(text("SELECT count(*) FROM ticket")).scalar()
        for each in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            assert _mode(each) == 0o600, each
    db.dispose()
    assert main(["--db", str(path), "export", str(tmp_path / "store.json")]) == 0
    assert _mode(tmp_path / "store.json") == 0o600


def test_a_store_made_readable_by_all_is_made_owner_only_on_opening(store):
    store.chmod(0o644)
    Database.open(f"sqlite:///{store}").dispose()
    assert _mode(store) == 0o600


def test_restore_keeps_the_current_file_and_puts_the_backup_back(store, capsys):
    assert main(["--db", str(store), "backup"]) == 0
    backup = Path(capsys.readouterr().out.strip())
    before = _tickets(store)
    db = Database.open(f"sqlite:///{store}")
    take_in_ring(db)
    db.dispose()
    assert _tickets(store) == before + 1

    assert main(["--db", str(store), "restore", str(backup)]) == 0
    said = capsys.readouterr().out
    assert _tickets(store) == before
    kept = Path(said.split("kept at ")[1].strip().rstrip("."))
    assert _tickets(kept) == before + 1 and _mode(kept) == 0o600
    assert main(["--db", str(store), "db", "status"]) == 0


def test_restore_replaces_a_damaged_file_and_keeps_it_as_it_was(store, tmp_path, capsys):
    assert main(["--db", str(store), "backup"]) == 0
    backup = Path(capsys.readouterr().out.strip())
    broken = damaged_copies(store, tmp_path)["truncated"].read_bytes()
    store.write_bytes(broken)

    kept = restore_sqlite(backup, store)

    assert kept is not None and kept.read_bytes() == broken
    assert _tickets(store) == _tickets(backup) and _mode(store) == 0o600
    assert main(["--db", str(store), "at-risk"]) == 0


@pytest.mark.parametrize("kind", ["truncated", "random bytes", "another SQLite app", "0 bytes"])
def test_restore_refuses_a_damaged_or_foreign_backup(store, tmp_path, kind, capsys):
    bad = damaged_copies(store, tmp_path)[kind]
    before = listing(store.parent)
    assert main(["--db", str(store), "restore", str(bad)]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "nothing was changed" in err
    assert listing(store.parent) == before
    with pytest.raises((DamagedDatabase, NotADatabase)):
        restore_sqlite(bad, store)


def test_restore_refuses_a_backup_that_is_not_there(store, tmp_path, capsys):
    assert main(["--db", str(store), "restore", str(tmp_path / "no-such.sqlite3")]) == 1
    assert "there is no backup file" in capsys.readouterr().err


def test_a_daily_backup_is_made_once_a_day_and_kept_two_weeks(store):
    first = date(2026, 3, 1)
    made = [keep_daily_backup(store, first + timedelta(days=n)) for n in range(20)]
    assert all(p is not None for p in made)
    assert keep_daily_backup(store, first + timedelta(days=19)) is None  # today's is there
    kept = sorted(p.name for p in (store.parent / "backups").iterdir())
    assert len(kept) == 14
    assert kept[0] == "jeweldesk-daily-20260307.sqlite3"
    assert kept[-1] == "jeweldesk-daily-20260320.sqlite3"
    assert all(_mode(store.parent / "backups" / name) == 0o600 for name in kept)


def test_the_daily_backup_leaves_other_backups_alone(store, capsys):
    assert main(["--db", str(store), "backup"]) == 0
    by_hand = Path(capsys.readouterr().out.strip())
    keep_daily_backup(store, date(2020, 1, 1))
    keep_daily_backup(store, date(2026, 1, 1))
    assert by_hand.exists()
    assert not (store.parent / "backups" / "jeweldesk-daily-20200101.sqlite3").exists()


def test_the_daily_backup_on_opening_is_dated_by_the_store_clock(store):
    db = Database.open(f"sqlite:///{store}")
    try:
        made = daily_backup(db)
        assert made is not None and made.name.startswith("jeweldesk-daily-")
        assert daily_backup(db) is None
    finally:
        db.dispose()
