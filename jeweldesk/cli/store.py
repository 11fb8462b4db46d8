"""`jeweldesk db upgrade|status`, `jeweldesk backup` and `jeweldesk restore`."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from jeweldesk.cli.common import CommandError

if TYPE_CHECKING:
    from jeweldesk.storage.engine import Database


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    db_cmd = commands.add_parser("db", help="the database itself")
    db_sub = db_cmd.add_subparsers(dest="db_command", metavar="ACTION")
    up = db_sub.add_parser("upgrade", help="bring the database up to this version (backs up first)")
    up.set_defaults(run=_upgrade, upgrade_db=False, may_create=True)
    status = db_sub.add_parser("status", help="which schema version the database is at")
    status.set_defaults(run=_status, upgrade_db=False)
    roles = db_sub.add_parser(
        "init-roles", help="PostgreSQL: the login role the workstations use, not the tables' "
        "owner (run as the owner; again after an upgrade)")
    roles.add_argument("--role", default="jeweldesk_app",
                       help="the workstations' login role (default: jeweldesk_app)")
    roles.set_defaults(run=_init_roles)

    backup = commands.add_parser("backup", help="copy the SQLite database to DEST")
    backup.add_argument("dest", nargs="?",
                        help="where to write the copy (default: backups/ beside the database)")
    backup.set_defaults(run=_backup, upgrade_db=False)

    restore = commands.add_parser(
        "restore", help="put a backup back as the database (a copy of the current file is "
        "kept in backups/ first)")
    restore.add_argument("backup", type=Path, help="the backup file to put back")
    # The file being replaced may be the damaged one: it is not opened as a store.
    restore.set_defaults(run=_restore, opens_database=False)


def _upgrade(_args: argparse.Namespace, db: Database) -> int:
    from jeweldesk.storage.migrate import upgrade

    result = upgrade(db.engine)
    if result.from_revision == result.to_revision:
        print(f"The database is up to date (schema {result.to_revision}).")
    else:
        print(f"Upgraded the database from schema {result.from_revision or 'none'} "
              f"to {result.to_revision}.")
        if result.backup:
            print(f"The earlier copy is at {result.backup}.")
    return 0


def _init_roles(args: argparse.Namespace, db: Database) -> int:
    # The password comes from the environment, never from the command line (ps would show it).
    password = os.environ.get("JEWELDESK_APP_PASSWORD")
    from jeweldesk.storage.roles import RoleError, grant_workstation_role

    try:
        grant_workstation_role(db.engine, args.role, password)
    except RoleError as exc:
        raise CommandError(str(exc)) from None
    url = db.engine.url.set(username=args.role, password=None)
    print(f"The workstations log in as {args.role}: point them at "
          f"{url.render_as_string(hide_password=True)}"
          + ("" if password else " (set its password with JEWELDESK_APP_PASSWORD)") + ".")
    return 0


def _status(_args: argparse.Namespace, db: Database) -> int:
    from jeweldesk.storage.migrate import current_revision, head_revision

    print(f"Database schema {current_revision(db.engine) or 'none'}; "
          f"this JewelDesk writes {head_revision()}.")
    return 0


def _backup(args: argparse.Namespace, db: Database) -> int:
    if not db.is_sqlite or not db.engine.url.database:
        raise CommandError("backup copies an SQLite file; for PostgreSQL use pg_dump")
    from jeweldesk.storage.backup import backup_sqlite

    source = Path(db.engine.url.database)
    dest = None
    if args.dest:
        dest = Path(args.dest).expanduser()
        if args.dest.endswith(("/", "\\")):
            dest.mkdir(parents=True, exist_ok=True)
    print(backup_sqlite(source, dest))
    return 0


def _restore(args: argparse.Namespace, url: str) -> int:
    from jeweldesk.storage.backup import restore_sqlite
    from jeweldesk.storage.engine import sqlite_file

    target = sqlite_file(url)
    if target is None:
        raise CommandError("restore puts back an SQLite file; for PostgreSQL use pg_restore")
    kept = restore_sqlite(args.backup.expanduser().absolute(), target)
    print(f"Restored {target} from {args.backup}.")
    if kept is not None:
        print(f"The file it replaced is kept at {kept}.")
    return 0
