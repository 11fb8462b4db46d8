"""Which schema this JewelDesk writes, read from its migration files without loading Alembic
or SQLAlchemy: the everyday start only asks whether the store is already at it."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path

# Shipped in the package as jeweldesk.db (the repository's top-level db/).
MIGRATIONS = Path(str(resources.files("jeweldesk.db")))

_NAMED = re.compile(r"^(down_revision|revision)\s*=\s*['\"]([^'\"]*)['\"]", re.MULTILINE)


class NewerDatabaseError(RuntimeError):
    """The database was written by a newer JewelDesk; it is left untouched."""


@cache
def head_on_disk() -> str | None:
    """The newest revision read straight from the files: None when the files do not make
    one line, for Alembic to sort out."""
    revisions: set[str] = set()
    earlier: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        named = dict(_NAMED.findall(path.read_text(encoding="utf-8")))
        if "revision" not in named:
            return None
        revisions.add(named["revision"])
        if "down_revision" in named:
            earlier.add(named["down_revision"])
    heads = revisions - earlier
    return next(iter(heads)) if len(heads) == 1 else None
