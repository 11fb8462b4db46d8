"""Opening a database made by any earlier JewelDesk upgrades it with its data intact;
one from a newer JewelDesk is refused untouched."""

import hashlib
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from jeweldesk.cli import main
from jeweldesk.services.edit import edit_ticket
from jeweldesk.services.story import ticket_story
from jeweldesk.storage.engine import Database
from jeweldesk.storage.migrate import (
    NewerDatabaseError,
    _config,
    current_revision,
    head_revision,
    upgrade,
)
from tests.support.store import COUNTER, set_up, take_in_ring


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def test_the_revisions_form_one_line_from_the_first_table():
    revisions = _revisions()
    assert revisions[0] == "0001"
    assert revisions[-1] == head_revision()


@pytest.mark.parametrize("revision", _revisions()[:-1] or ["none"])
def test_a_database_from_every_earlier_revision_upgrades_with_its_data(tmp_path, revision):
    path = tmp_path / "older.sqlite3"
    db = Database(f"sqlite:///{path}")
    upgrade(db.engine, target=revision)
    with db.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO customer (name, phone, phone_digits) "
            "VALUES ('Dana Whitfield', '+1 601 555 0142', '16015550142')"))
    db.dispose()

    result = upgrade(Database(f"sqlite:///{path}").engine)

    assert result.from_revision == revision and result.to_revision == head_revision()
    assert result.backup is not None and result.backup.exists()
    reopened = Database(f"sqlite:///{path}")
    with reopened.engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM customer")).scalar() == "Dana Whitfield"
    set_up(reopened)
    assert take_in_ring(reopened) == "R-10001"
    edit_ticket(reopened, "R-10001", COUNTER, ticket_story(reopened, "R-10001").version,
                metal="18K white gold")
    with pytest.raises(DBAPIError, match="append-only"), reopened.engine.begin() as conn:
        conn.execute(text("DELETE FROM ticket_edit"))
    reopened.dispose()


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
