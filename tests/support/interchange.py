"""Shared by the interchange and command-line tests: the example document, row counts, a
second database."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from jeweldesk.interchange.common import HERE
from jeweldesk.storage.engine import Database
from jeweldesk.storage.migrate import upgrade
from jeweldesk.storage.tables import Base

EXAMPLE = HERE / "example.json"


def example() -> dict[str, Any]:
    """A fresh copy of FORMAT.md's example document (shipped beside it)."""
    loaded: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return copy.deepcopy(loaded)


def row_counts(db: Database) -> dict[str, int]:
    with db.session(write=False) as session:
        return {table.name: session.scalar(select(func.count()).select_from(table)) or 0
                for table in Base.metadata.sorted_tables}


def new_sqlite(path: Path) -> Database:
    db = Database(f"sqlite:///{path}")
    upgrade(db.engine)
    return db
