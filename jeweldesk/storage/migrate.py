"""Bring a database to this version of JewelDesk: back it up, upgrade it, or refuse it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from jeweldesk.storage.backup import backup_sqlite
from jeweldesk.storage.schema_head import MIGRATIONS, NewerDatabaseError
from jeweldesk.storage.schema_head import head_on_disk as _head_on_disk

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = ["MIGRATIONS", "NewerDatabaseError", "UpgradeResult", "current_revision",
           "head_revision", "needs_upgrade", "upgrade"]


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


def head_revision() -> str:
    head = _head_on_disk()
    if head is None:  # the files do not make one line: Alembic says which is newest
        from alembic.script import ScriptDirectory

        head = ScriptDirectory.from_config(_config()).get_current_head()
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
