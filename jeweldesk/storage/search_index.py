"""The search box's index, made from the records and never exported (migration 0016).

On SQLite, ``customer_words`` (name, phone digits, notes) and ``ticket_words`` (the
ticket's number, the piece's description and stones, the bench's notes on its moves) are
FTS5 tables of three-letter pieces, their rowids the customers' and tickets' ids, kept by
triggers; on PostgreSQL, pg_trgm's indexes serve ILIKE on the same columns. Three letters
are the least such an index can look up: shorter fragments are searched the old way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, column, table

SHORTEST = 3
TRIGGERS = "_words_"  # in the name of every trigger that keeps the index
customer_words = table("customer_words", column("rowid"))
ticket_words = table("ticket_words", column("rowid"))

_REFILL = (
    "DELETE FROM customer_words",
    "DELETE FROM ticket_words",
    "INSERT INTO customer_words (rowid, name, phone_digits, notes) "
    "SELECT id, name, phone_digits, notes FROM customer",
    "INSERT INTO ticket_words (rowid, number, description, stones, notes) "
    "SELECT t.id, t.number, t.item_description, t.item_stones, "
    "(SELECT group_concat(e.note, char(10)) FROM ticket_event e "
    "WHERE e.ticket_id = t.id AND e.note IS NOT NULL) FROM ticket t",
)
_known: WeakKeyDictionary[Engine, bool] = WeakKeyDictionary()


def has_word_index(connection: Connection) -> bool:
    """True on SQLite when the FTS5 tables are there (an SQLite without FTS5 has none)."""
    engine = connection.engine
    if engine not in _known:
        _known[engine] = connection.dialect.name == "sqlite" and bool(connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = 'ticket_words'").first())
    return _known[engine]


def refill(connection: Connection) -> None:
    """The whole index made again from the records, in the caller's transaction."""
    for statement in _REFILL:
        connection.exec_driver_sql(statement)


@contextmanager
def made_once_after(connection: Connection) -> Iterator[None]:
    """Around a bulk write (the demo store): the index's triggers set aside and the index
    made from the records in one pass at the end, all in the caller's transaction, so no
    other workstation ever sees the triggers gone. A trigger keeps the index a row at a
    time, and a bench note rewrites its ticket's whole row: at 100,000 tickets that is most
    of a minute; one pass is seconds."""
    if not has_word_index(connection):
        yield
        return
    kept = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND instr(name, ?) > 0",
        (TRIGGERS,)).all()
    for name, _sql in kept:
        connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
    yield
    refill(connection)
    for _name, sql in kept:
        connection.exec_driver_sql(sql)


def phrase(text: str) -> str:
    """What was typed as one FTS5 phrase: with trigrams, a phrase matches anywhere inside."""
    return '"' + text.replace('"', '""') + '"'

