"""An import into a new SQLite store builds its indexes at the end: the store it leaves
behind has every index it had, whole, whether the import landed or was refused."""

from __future__ import annotations

import copy
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, event

from jeweldesk.interchange.common import InvalidDocument, drain
from jeweldesk.interchange.exporter import export_document
from jeweldesk.interchange.importer import import_document
from jeweldesk.services.demo import fill_demo_store
from jeweldesk.storage.bulk import indexes_set_aside
from jeweldesk.storage.engine import Database
from tests.support.interchange import new_sqlite, row_counts


def _indexes(db: Database) -> list[tuple[str, str]]:
    with db.engine.connect() as conn:
        return sorted(conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        ).tuples())


def _whole(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


@pytest.fixture
def demo_document(sqlite_db: Database) -> dict[str, Any]:
    drain(fill_demo_store(sqlite_db, tickets=40, seed=3))
    return export_document(sqlite_db)


def test_a_new_store_has_every_index_after_an_import(demo_document: dict[str, Any],
                                                      empty_db_like: Any,
                                                      sqlite_db: Database) -> None:
    again = empty_db_like(sqlite_db)
    before = _indexes(again)
    assert any(name == "ix_ticket_status_promised" for name, _ in before)
    drain(import_document(again, demo_document))
    assert _indexes(again) == before
    _whole(again)
    assert row_counts(again)["ticket"] == len(demo_document["tickets"])


def test_a_refused_import_leaves_every_index_in_place(demo_document: dict[str, Any],
                                                      empty_db_like: Any,
                                                      sqlite_db: Database) -> None:
    broken = copy.deepcopy(demo_document)
    broken["tickets"][-1]["deposit"] = "lots"  # found after every ticket before it is in
    again = empty_db_like(sqlite_db)
    before = _indexes(again)
    with pytest.raises(InvalidDocument):
        drain(import_document(again, broken))
    assert _indexes(again) == before
    _whole(again)
    assert row_counts(again)["ticket"] == 0


def test_only_the_empty_tables_indexes_are_set_aside(demo_document: dict[str, Any],
                                                     sqlite_db: Database) -> None:
    def names(conn: Connection) -> set[str]:
        return set(conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'index'").scalars())

    with sqlite_db.engine.begin() as conn:
        everything = names(conn)
        with indexes_set_aside(conn, ("ticket", "photo")) as aside:
            assert aside == ["ix_photo_ticket_id"]  # the demo store has tickets, no photos
            assert names(conn) == everything - set(aside)
        assert names(conn) == everything


@pytest.mark.parametrize("bound_values", [999, 250_000])  # SQLite before 3.32, and now
def test_rows_go_in_many_at_a_time_within_the_databases_limit(
        sqlite_db: Database, tmp_path: Path, bound_values: int) -> None:
    """Tables of more rows than one INSERT holds, under the old and the new limit on the
    values a statement binds: the store comes in whole, and exports as it went out."""
    drain(fill_demo_store(sqlite_db, tickets=230, seed=5))
    document = export_document(sqlite_db)
    again = new_sqlite(tmp_path / "again.sqlite3")
    event.listen(again.engine, "connect", lambda dbapi, _record: dbapi.setlimit(
        sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, bound_values))
    try:
        again.engine.dispose()  # connections from here on are made with that limit
        drain(import_document(again, document))
        with again.engine.connect() as conn:
            limit = conn.connection.driver_connection.getlimit(  # type: ignore[union-attr]
                sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        assert limit == bound_values
        assert export_document(again) == document
        assert row_counts(again)["ticket_event"] > 1000  # many inserts of a hundred rows
        _whole(again)
    finally:
        again.dispose()
