"""Bring a database to this version of JewelDesk: back it up, upgrade it, or refuse it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from jeweldesk.storage.backup import backup_sqlite

if TYPE_CHECKING:
    from alembic.config import Config

# Shipped in the package as jeweldesk.db (the repository's top-level db/).
MIGRATIONS = Path(str(resources.files("jeweldesk.db")))


class NewerDatabaseError(RuntimeError):
    """The database was written by a newer JewelDesk; it is left untouched."""


@dataclass(frozen=True)
class UpgradeResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


_NAMED = re.compile(r"^(down_revision|revision)\s*=\s*['\"]([^'\"]*)['\"]", re.MULTILINE)


@cache
def _head_on_disk() -> str | None:
    """The newest revision read straight from the files, without loading Alembic (seconds
    at every start): None when the files do not make one line, for Alembic to sort out."""
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


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = _head_on_disk() or ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if "alembic_version" not in inspect(conn).get_table_names():
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _quick_current(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None  # no table yet: a new database, for Alembic


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()


def upgrade(engine: Engine, target: str = "head") -> UpgradeResult:
    """Upgrade to ``target``; an existing SQLite file with data is backed up first."""
    current = _quick_current(engine)
    if target == "head" and current is not None and current == _head_on_disk():
        return UpgradeResult(current, current, None)  # the everyday start: Alembic stays unloaded
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config())
    current = current_revision(engine)
    if current is not None and current not in {s.revision for s in script.walk_revisions()}:
        raise NewerDatabaseError(
            f"this database was written by a newer JewelDesk (schema {current}); "
            "update JewelDesk to open it. Nothing was changed."
        )
    to = head_revision() if target == "head" else target
    if current == to:
        return UpgradeResult(current, to, None)
    backup = None
    has_tables = bool(inspect(engine).get_table_names())
    if engine.dialect.name == "sqlite" and has_tables and engine.url.database:
        backup = backup_sqlite(Path(engine.url.database), label=f"before-{to}")
    config = _config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)
    return UpgradeResult(current, to, backup)
