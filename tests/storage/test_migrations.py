"""Opening a database made by any earlier JewelDesk upgrades it with its data intact;
one from a newer JewelDesk is refused untouched."""


import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from jeweldesk.services.edit import edit_ticket
from jeweldesk.services.story import ticket_story
from jeweldesk.storage.engine import Database
from jeweldesk.storage.migrate import (
    _config,
    head_revision,
    upgrade,
)
from tests.support.store import COUNTER, set_up, take_in_ring


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def test_the_revisions_form_one_line_from_the_first_table():
    revisions = _revisions()
    assert revisions[0] == "0001"
    assert revisions[-1] == head_revision()


@pytest.mark.parametrize("revision", _revisions()[:-1] or ["none"])
def test_a_database_from_every_earlier_revision_upgrades_with_its_data(tmp_path, revision):
    path = tmp_path / "older.sqlite3"
    db = Database(f"sqlite:///{path}")
    upgrade(db.engine, target=revision)
    with db.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO customer (name, phone, phone_digits) "
            "VALUES ('Dana Whitfield', '+1 601 555 0142', '16015550142')"))
    db.dispose()

    result = upgrade(Database(f"sqlite:///{path}").engine)

    assert result.from_revision == revision and result.to_revision == head_revision()
    assert result.backup is not None and result.backup.exists()
    reopened = Database(f"sqlite:///{path}")
    with reopened.engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM customer")).scalar() == "Dana Whitfield"
    set_up(reopened)
    assert take_in_ring(reopened) == "R-10001"
    edit_ticket(reopened, "R-10001", COUNTER, ticket_story(reopened, "R-10001").version,
                metal="18K white gold")
    with pytest.raises(DBAPIError, match="append-only"), reopened.engine.begin() as conn:
        conn.execute(text("DELETE FROM ticket_edit"))
    reopened.dispose()




@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db(request, tmp_path, pg_server):
    """An empty database of each kind, for a migration to start from nothing."""
    if request.param == "sqlite":
        db = Database(f"sqlite:///{tmp_path / 'older.sqlite3'}")
    else:
        if pg_server is None:
            pytest.skip("PostgreSQL could not start on this machine (see the warning above)")
        from sqlalchemy import create_engine

        name = f"jd_migrate_{abs(hash(str(tmp_path))) % 10**8}"
        admin = create_engine(pg_server.admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}"))
        admin.dispose()
        db = Database(pg_server.url(name))
    yield db
    db.dispose()


def test_vendors_kept_before_0007_upgrade_whole_and_take_the_new_details(empty_db):
    from jeweldesk.services.parcels import send_parcel
    from jeweldesk.services.vendor_book import (
        VendorInfo,
        edit_vendor,
        retire_vendor,
        vendor_details,
    )
    from jeweldesk.services.vendors import parcels as parcels_of
    from tests.support.store import MANAGER

    db = empty_db
    upgrade(db.engine, target="0006")
    # The vendors as they were kept before 0007, written as rows: the services speak for
    # the newest tables only.
    with db.engine.begin() as conn:
        for code, name, contact, phone, days, active in (
                ("PLAT", "Riverbend Plating", "Ana Ruiz", "+1 601 555 0190", 6, True),
                ("OLD", "Delta Engraving", "Ray Dunn", "+1 601 555 0111", 9, False)):
            conn.execute(text(
                "INSERT INTO vendor (code, name, contact, phone, quoted_turnaround_days, "
                "active) VALUES (:code, :name, :contact, :phone, :days, :active)"),
                dict(code=code, name=name, contact=contact, phone=phone, days=days,
                     active=active))

    upgrade(db.engine)
    set_up(db, with_vendor=False)
    number = take_in_ring(db)

    plater = vendor_details(db, "PLAT")
    assert (plater.name, plater.contact, plater.quoted_turnaround_days, plater.active) == (
        "Riverbend Plating", "Ana Ruiz", 6, True)
    assert (plater.address, plater.work, plater.carriers, plater.ship_weekdays) == (
        None, None, (), ())
    old = vendor_details(db, "OLD")
    assert (old.name, old.quoted_turnaround_days, old.active) == ("Delta Engraving", 9, False)
    ref = send_parcel(db, "PLAT", [number], by=COUNTER)
    [line] = parcels_of(db)
    assert (line.ref, line.vendor_name, [p.number for p in line.pieces]) == (
        ref, "Riverbend Plating", [number])

    edit_vendor(db, VendorInfo(
        code="PLAT", name="Riverbend Plating", contact="Ana Ruiz", phone=plater.phone,
        email=plater.email, address="118 Riverbend Rd\nJackson, MS 39201",
        work="Rhodium and gold plating", quoted_turnaround_days=6,
        carriers=("UPS",), ship_weekdays=(2, 4)), MANAGER, expected_version=plater.version)
    retire_vendor(db, "PLAT", MANAGER)
    again = vendor_details(db, "PLAT")
    assert (again.address, again.carriers, again.ship_weekdays, again.active) == (
        "118 Riverbend Rd\nJackson, MS 39201", ("UPS",), (2, 4), False)
    assert parcels_of(db)[0].vendor_name == "Riverbend Plating"  # still on its parcel
