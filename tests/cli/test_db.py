"""`jeweldesk db` and `jeweldesk backup`: the schema brought up to date, a newer database
left untouched, a live copy, and an unreachable server said in one line."""

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import text

from jeweldesk.cli import main
from jeweldesk.storage.engine import Database
from jeweldesk.storage.migrate import (
    NewerDatabaseError,
    current_revision,
    head_revision,
    upgrade,
)
from tests.support.store import take_in_ring


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()



def test_a_database_from_a_newer_jeweldesk_is_refused_untouched(tmp_path, capsys):
    path = tmp_path / "newer.sqlite3"
    db = Database(f"sqlite:///{path}")
    upgrade(db.engine)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.dispose()
    before = _digest(path)

    with pytest.raises(NewerDatabaseError, match="newer JewelDesk"):
        upgrade(Database(f"sqlite:///{path}").engine)
    assert main(["--db", str(path), "db", "status"]) == 0
    assert main(["--db", str(path), "backup"]) == 0
    assert main(["export", "-", "--db", str(path)]) == 1
    assert main(["--db", str(path), "db", "upgrade"]) == 1
    assert "newer JewelDesk" in capsys.readouterr().err
    assert _digest(path) == before



def test_db_upgrade_brings_an_empty_file_to_the_newest_schema(tmp_path, capsys):
    path = tmp_path / "new.sqlite3"
    assert main(["--db", str(path), "db", "upgrade"]) == 0
    assert "Upgraded the database from schema none" in capsys.readouterr().out
    assert current_revision(Database(f"sqlite:///{path}").engine) == head_revision()



def test_backup_copies_a_live_database(sqlite_store, tmp_path, capsys):
    number = take_in_ring(sqlite_store)
    dest = tmp_path / "copies" / "monday.sqlite3"
    assert main(["--db", sqlite_store.engine.url.database, "backup", str(dest)]) == 0
    copy = Database(f"sqlite:///{dest}")
    with copy.engine.connect() as conn:
        assert conn.execute(text("SELECT number FROM ticket")).scalar() == number
    copy.dispose()



def test_an_unreachable_server_is_one_clear_line(capsys):
    status = main(["--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "db", "status"])
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith("jeweldesk: cannot open the database") and "Traceback" not in err
