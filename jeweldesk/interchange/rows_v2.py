"""A version 2 document's records as rows of the tables, and the rows into the database.

A part of the document (carried.py) becomes a Plan: its table's columns, and one function,
written out for that part, turning a record into a tuple of values as the column keeps
them. Rows puts those tuples in, with ids given here.
"""

from __future__ import annotations

import base64
import sqlite3
from collections.abc import Callable
from itertools import chain
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from jeweldesk.interchange.carried import Kind, Part

ROWS_PER_INSERT = 100


class Rows:
    """Rows straight into the tables, with ids given here: multi-row INSERTs of plain tuples
    on SQLite (inside the transaction the door began, which holds the write lock), COPY on
    PostgreSQL with ids taken from each table's own sequence."""

    def __init__(self, session: Session) -> None:
        self.session = session
        connection = session.connection()
        self.postgresql = connection.dialect.name == "postgresql"
        self.raw = connection.connection.driver_connection
        self.next_id: dict[str, int] = {}

    def ids(self, table: str, count: int) -> list[int]:
        if not count:
            return []
        if self.postgresql:
            from jeweldesk.interchange.importer import _reserve_ids
            model_table = _table(table)
            return _reserve_ids(self.session, model_table, count)
        if table not in self.next_id:
            highest = self.session.scalar(select(func.max(_table(table).c.id)))
            self.next_id[table] = (highest or 0) + 1
        first = self.next_id[table]
        self.next_id[table] = first + count
        return list(range(first, first + count))

    def insert(self, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        names = ", ".join(f'"{c}"' for c in columns)
        if self.postgresql:
            cursor = self.raw.cursor()  # type: ignore[union-attr]
            with cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
            return
        # One INSERT of many rows costs SQLite and the driver 40% less than as many
        # one-row INSERTs run by executemany: a statement is begun and bound once per
        # hundred rows, not once a row. (Within the database's limit on bound values.)
        marks = "(" + ", ".join("?" * len(columns)) + ")"
        limit = self.raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)  # type: ignore[union-attr]
        per = max(1, min(ROWS_PER_INSERT, limit // len(columns)))
        whole = len(rows) - len(rows) % per
        if whole:
            statement = f'INSERT INTO "{table}" ({names}) VALUES ' + ", ".join([marks] * per)
            for start in range(0, whole, per):
                self.raw.execute(statement,  # type: ignore[union-attr]
                                 list(chain.from_iterable(rows[start:start + per])))
        if whole < len(rows):
            self.raw.executemany(  # type: ignore[union-attr]
                f'INSERT INTO "{table}" ({names}) VALUES {marks}', rows[whole:])


def _table(name: str) -> Table:
    from jeweldesk.storage.tables import Base

    return Base.metadata.tables[name]


def to_column(kind: Kind, sqlite: bool, refs: dict[Kind, dict[str, int]]
               ) -> Callable[[Any], Any] | None:
    """How a document's value goes into its column; None when it goes in as it is."""
    if kind is Kind.NUMBER:
        return int
    if kind is Kind.FLAG:
        return int if sqlite else None
    if kind in (Kind.MONEY, Kind.PERCENT):
        # SQLAlchemy keeps money in SQLite as a number (exact to the cent at this size);
        # PostgreSQL reads the text itself.
        return float if sqlite else None
    if kind is Kind.TIMESTAMP:
        # As SQLAlchemy writes a DateTime in SQLite; PostgreSQL reads the ISO text.
        return (lambda t: t.replace("T", " ") + ".000000") if sqlite else None
    if kind is Kind.BYTES:
        return base64.b64decode
    if kind is Kind.WEEKDAYS:
        return lambda days: ",".join(str(d) for d in sorted({int(d) for d in days}))
    if kind in (Kind.STAFF, Kind.VENDOR, Kind.CUSTOMER, Kind.TICKET):
        return refs[kind].__getitem__
    return None  # text, words, dates: the same text in the column


class Plan:
    """A part's records as rows: its columns, and how each value is found and written."""

    def __init__(self, part: Part, backup: bool, sqlite: bool,
                 refs: dict[Kind, dict[str, int]], extra: tuple[str, ...] = ()) -> None:
        table = _table(part.table)
        self.table = part.table
        fields = part.carried(backup)
        self.columns = ["id", *extra, *(f.column for f in fields)] if "id" in table.c \
            else [*extra, *(f.column for f in fields)]
        steps = []
        for f in fields:
            top, _, inner = f.key.partition(".")
            column = table.c[f.column]
            default = getattr(column.default, "arg", None) \
                if column.default is not None and column.default.is_scalar else None
            if isinstance(default, bool) and sqlite:
                default = int(default)
            steps.append((top, inner, to_column(f.kind, sqlite, refs), default))
        self.values = _row_maker(steps)
        # The whole row: the values the caller gives (id, the parent's id, ...), then these.
        self.row = _row_maker(steps, heads=len(self.columns) - len(fields))


Step = tuple[str, str, Callable[[Any], Any] | None, Any]  # key, key inside it, convert, default


def _row_maker(steps: list[Step], heads: int = 0) -> Callable[..., tuple[Any, ...]]:
    """One function reading a record's values in the columns' order, written out for this
    part: a million rows go through it, and a loop over the steps took three times as long.
    With ``heads``, the row's first values (its id, its ticket's id) are given after the
    record and come first in the tuple. (Like dataclasses and namedtuple, it is made from
    source; the source holds only names and the keys, the functions and defaults are
    bound by those names.)"""
    names: dict[str, Any] = {}
    holders: list[str] = []
    parts = [f"a{h}" for h in range(heads)]
    for n, (top, inner, convert, default) in enumerate(steps):
        names[f"D{n}"], names[f"C{n}"] = default, convert
        key = repr(inner or top)
        looked_up = f"{key}, D{n}" if default is not None else key
        if inner:
            holder = f"h{len(holders)}" if top not in holders else f"h{holders.index(top)}"
            if top not in holders:
                names[f"T{len(holders)}"] = top
                holders.append(top)
            found = f"{holder}.get({looked_up})"
        else:
            holder, found = "", f"get({looked_up})"
        value = found if convert is None else \
            f"(C{n}(v) if (v := {found}) is not None else None)"
        parts.append(f"({value} if {holder} is not None else None)" if holder else value)
    lines = [f"def values({', '.join(['record', *parts[:heads]])}):", "    get = record.get",
             *(f"    h{h} = get(T{h})" for h in range(len(holders))),
             f"    return ({', '.join(parts)}{',' if len(parts) == 1 else ''})"]
    exec("\n".join(lines), names)  # noqa: S102
    made: Callable[..., tuple[Any, ...]] = names["values"]
    return made
