"""On PostgreSQL the workstations log in as a role that owns nothing: the day's work goes
through, the history cannot be rewritten and its guards cannot be switched off."""

from __future__ import annotations

import itertools
import os

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from jeweldesk.cli import main
from jeweldesk.domain.status import Status
from jeweldesk.services.moves import move
from jeweldesk.services.pickup import take_payment
from jeweldesk.storage.engine import Database
from tests.support.store import BENCH, COUNTER, set_up, take_in_ring

_roles = itertools.count()


@pytest.fixture
def workstation(pg_db: Database, capsys) -> Database:
    set_up(pg_db)
    role = f"jd_app_{os.getpid()}_{next(_roles)}"
    assert main(["--db", pg_db.url, "db", "init-roles", "--role", role]) == 0
    said = capsys.readouterr().out
    assert f"log in as {role}" in said
    app = Database(pg_db.engine.url.set(username=role).render_as_string(hide_password=False))
    yield app
    app.dispose()


def test_the_workstations_role_does_the_days_work(workstation):
    number = take_in_ring(workstation)
    move(workstation, number, Status.AT_BENCH, by=BENCH)
    take_payment(workstation, number, "cash", "10.00", by=COUNTER)


@pytest.mark.parametrize("statement", [
    "ALTER TABLE payment DISABLE TRIGGER ALL",
    "ALTER TABLE ticket_event DISABLE TRIGGER ALL",
    "DROP TRIGGER payment_append_only ON payment",
    "UPDATE payment SET amount = 0",
    "DELETE FROM contact",
    "DELETE FROM ticket_event",
    "TRUNCATE ticket_edit",
    "DROP TABLE ticket",
    "CREATE TABLE notes_of_my_own (id int)",
    "UPDATE alembic_version SET version_num = '9999'",
])
def test_the_workstations_role_cannot_rewrite_history_or_switch_off_its_guards(
        workstation, statement):
    number = take_in_ring(workstation)
    take_payment(workstation, number, "cash", "10.00", by=COUNTER)
    with pytest.raises(DBAPIError, match="permission denied|must be owner|append-only"), \
            workstation.session() as session:
        session.execute(text(statement))


def test_roles_are_for_postgresql_only(sqlite_db, capsys):
    assert main(["--db", sqlite_db.url, "db", "init-roles"]) != 0
    assert "for PostgreSQL" in capsys.readouterr().err
