"""Opening a database made by any earlier JewelDesk upgrades it with its data intact;
one from a newer JewelDesk is refused untouched."""


import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from jeweldesk.services.edit import edit_ticket
from jeweldesk.services.story import ticket_story
from jeweldesk.storage.engine import Database
from jeweldesk.storage.migrate import (
    _config,
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


