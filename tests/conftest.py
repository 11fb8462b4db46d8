"""Each test gets a fresh, migrated database: a real SQLite file, and where the test is
about the data layer, a real PostgreSQL server too."""

from __future__ import annotations

import itertools
import os
import shutil
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from jeweldesk.storage.engine import Database
from jeweldesk.storage.migrate import upgrade
from tests.support.outbox import gateway, mailbox  # noqa: F401 - fixtures for every test
from tests.support.pgserver import PostgresServer, PostgresUnavailable, start_server

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REQUIRE_PG = os.environ.get("JEWELDESK_REQUIRE_PG") == "1"
_counter = itertools.count()


def finish_background_work() -> None:
    """Screens ask the engine off the window's thread; let that finish before the database
    it reads goes away, or its connection outlives the test."""
    from jeweldesk.ui.common.work import wait_for_background_work

    wait_for_background_work()


@pytest.fixture(autouse=True)
def us_way() -> Iterator[None]:
    """The way money and dates are written is the process's (set when a store is opened):
    each test starts in the US way, whatever store the one before it opened."""
    from jeweldesk.domain import way

    way.use(way.US)
    yield
    way.use(way.US)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrating once and copying the file keeps each test's fresh database cheap."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = Database(f"sqlite:///{path}")
    upgrade(db.engine)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture
def sqlite_db(tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    path = tmp_path / "store.sqlite3"
    shutil.copy(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    yield db
    finish_background_work()
    db.dispose()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer | None]:
    try:
        server = start_server()
    except PostgresUnavailable as exc:
        if REQUIRE_PG:
            pytest.exit(f"PostgreSQL is required here and could not start: {exc}", returncode=3)
        warnings.warn(
            f"\n\n*** PostgreSQL COULD NOT START: the PostgreSQL half of the data-layer tests "
            f"is SKIPPED. ***\n{exc}\n",
            stacklevel=1,
        )
        yield None
        return
    admin = create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE jd_template"))
    template = Database(server.url("jd_template"))
    upgrade(template.engine)
    template.dispose()
    admin.dispose()
    yield server
    server.stop()


def fresh_pg_database(server: PostgresServer) -> Database:
    name = f"jd_test_{os.getpid()}_{next(_counter)}"
    admin = create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE jd_template"))
    admin.dispose()
    return Database(server.url(name))


@pytest.fixture
def pg_db(pg_server: PostgresServer | None) -> Iterator[Database]:
    if pg_server is None:
        pytest.skip("PostgreSQL could not start on this machine (see the warning above)")
    db = fresh_pg_database(pg_server)
    yield db
    finish_background_work()
    db.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest) -> Database:
    """A fresh database of each kind the store may run on."""
    name = "sqlite_db" if request.param == "sqlite" else "pg_db"
    return request.getfixturevalue(name)


@pytest.fixture
def empty_db_like(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[
        Callable[[Database], Database]]:
    """Makes another fresh database of the same kind as the one given (a second store to
    import into)."""
    made: list[Database] = []

    def make(like: Database) -> Database:
        if like.is_sqlite:
            path = tmp_path / f"another-{len(made)}.sqlite3"
            shutil.copy(request.getfixturevalue("sqlite_template"), path)
            db = Database(f"sqlite:///{path}")
        else:
            db = fresh_pg_database(request.getfixturevalue("pg_server"))
        made.append(db)
        return db

    yield make
    for db in made:
        db.dispose()


@pytest.fixture
def store_db(db: Database) -> Database:
    """A store with staff and a vendor, on each kind of database."""
    from tests.support.store import set_up

    set_up(db)
    return db


@pytest.fixture
def sqlite_store(sqlite_db: Database) -> Database:
    from tests.support.store import set_up

    set_up(sqlite_db)
    return sqlite_db


@pytest.fixture
def example_store(sqlite_db: Database) -> Database:
    """FORMAT.md's example store, brought in the way a store would: `jeweldesk import`."""
    from jeweldesk.cli import main
    from tests.support.interchange import EXAMPLE

    assert main(["--db", sqlite_db.url, "import", str(EXAMPLE)]) == 0
    return sqlite_db


@pytest.fixture
def other_pc(sqlite_store: Database) -> Iterator[Database]:
    """The same store opened at another workstation: its own handle on the same file, so
    this window hears of its changes only as another PC's, by the change marker."""
    db = Database(sqlite_store.url)
    yield db
    db.dispose()
