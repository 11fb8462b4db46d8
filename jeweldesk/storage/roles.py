"""On PostgreSQL, the role the workstations log in with is not the owner of the tables.

The owner (who runs ``jeweldesk db upgrade``) grants the workstations' role what a day at
the store needs and no more: it reads and writes the records, never changes or deletes the
history rows, and, owning nothing, cannot drop a table or disable the triggers that keep
the history append-only. Run it again after an upgrade that adds tables.
"""

from __future__ import annotations

import re

from sqlalchemy import Engine, text

# Rows the store's history is made of: the workstations only ever add to them.
HISTORY = ("payment", "promise_change", "contact", "ticket_event", "ticket_edit",
           "ticket_discount")
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class RoleError(ValueError):
    pass


def grant_workstation_role(engine: Engine, role: str, password: str | None = None) -> None:
    """Create (or bring up to date) the login role the workstations use."""
    if engine.dialect.name != "postgresql":
        raise RoleError("separate roles are for PostgreSQL; an SQLite file has no logins")
    if not _ROLE_NAME.match(role):
        raise RoleError(f"{role!r} is not a role name (lower-case letters, digits and _)")
    with engine.begin() as conn:
        owner = conn.scalar(text("SELECT current_user"))
        if owner == role:
            raise RoleError("the workstations' role must not be the role that owns the tables")
        exists = conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
        if not exists:
            conn.execute(text(f'CREATE ROLE "{role}" LOGIN NOSUPERUSER NOCREATEDB '
                              "NOCREATEROLE NOINHERIT"))
        if password is not None:
            conn.execute(text(f"ALTER ROLE \"{role}\" PASSWORD {_literal(password)}"))
        database = conn.scalar(text("SELECT current_database()"))
        for statement in (
            f'GRANT CONNECT ON DATABASE "{database}" TO "{role}"',
            f'REVOKE CREATE ON SCHEMA public FROM "{role}"',
            f'GRANT USAGE ON SCHEMA public TO "{role}"',
            f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}"',
            f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{role}"',
            f'REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM "{role}"',
            *(f'REVOKE UPDATE, DELETE ON {table} FROM "{role}"' for table in HISTORY),
        ):
            conn.execute(text(statement))


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
