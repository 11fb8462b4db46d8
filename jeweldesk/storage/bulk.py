"""Loading many rows at once into tables that hold none yet (an import into a new store).

Used only inside the write door's transaction, on the connection the door began.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

from jeweldesk.storage import search_index


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@contextmanager
def indexes_set_aside(connection: Connection, tables: Iterable[str]) -> Iterator[list[str]]:
    """On SQLite, the secondary indexes of those of ``tables`` that are empty are dropped
    for the block and built again, whole, when it ends; the names are yielded.

    Filling an index a row at a time touches pages all over the file, and a page that no
    longer fits the cache is written out again and again; built at the end, each index is
    one sorted pass. SQLite's DDL is transactional: the indexes are dropped and rebuilt
    inside the caller's transaction, so another workstation never sees the store without
    them, and a rollback (a refused import, an error) brings them back as they were.
    Unique indexes stay: they are rules, not only speed. The triggers that keep the search
    index are set aside the same way, and the index is made whole at the end, in one pass.
    Elsewhere this does nothing.
    """
    if connection.dialect.name != "sqlite":
        yield []
        return
    set_aside: list[tuple[str, str]] = []
    triggers: list[tuple[str, str]] = []
    for table in tables:
        if connection.exec_driver_sql(f"SELECT 1 FROM {_quoted(table)} LIMIT 1").first():
            continue
        # origin 'c': made by CREATE INDEX (not a UNIQUE or PRIMARY KEY constraint's own)
        for _, name, unique, origin, _partial in connection.exec_driver_sql(
                f"PRAGMA index_list({_quoted(table)})"):
            if unique or origin != "c":
                continue
            sql = connection.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?",
                (name,)).scalar()
            if sql:
                set_aside.append((name, sql))
        triggers.extend((name, sql) for name, sql in connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? "
            "AND instr(name, ?) > 0", (table, search_index.TRIGGERS)))
    for name, _ in set_aside:
        connection.exec_driver_sql(f"DROP INDEX {_quoted(name)}")
    for name, _ in triggers:
        connection.exec_driver_sql(f"DROP TRIGGER {_quoted(name)}")
    yield [name for name, _ in set_aside]
    # Only reached when the block ended well; on an error the rollback restores them.
    for _, sql in set_aside:
        connection.exec_driver_sql(sql)
    for _, sql in triggers:
        connection.exec_driver_sql(sql)
    if triggers:
        search_index.refill(connection)
