"""Bring a database to this version of JewelDesk: back it up, upgrade it, or refuse it."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from jeweldesk.storage.backup import backup_sqlite

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
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()


def upgrade(engine: Engine, target: str = "head") -> UpgradeResult:
    """Upgrade to ``target``; an existing SQLite file with data is backed up first."""
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
