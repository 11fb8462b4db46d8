"""The very first start: a store set up by hand, or a demo store made off the window's thread."""

from sqlalchemy import func, select

from jeweldesk.services.store import has_store, list_staff, store_settings
from jeweldesk.storage.tables import Ticket
from jeweldesk.ui.start.first_start import DEMO_TICKETS, FirstStartDialog


def test_setting_up_the_store_by_hand(qtbot, sqlite_db):
    dialog = FirstStartDialog(sqlite_db)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Marlow & Finch Jewelers")
    qtbot.keyClicks(dialog.manager_name, "Ana Ruiz")
    qtbot.keyClicks(dialog.manager_code, "AR")
    dialog.set_up_button.click()
    assert not has_store(sqlite_db)
    assert "PIN" in dialog.problem.text()  # nothing saved until the manager has a PIN
    qtbot.keyClicks(dialog.pin, "2468")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.set_up_button.click()
    assert store_settings(sqlite_db).name == "Marlow & Finch Jewelers"
    assert [(s.code, s.role.value, s.has_pin) for s in list_staff(sqlite_db)] == [
        ("AR", "manager", True)]


def test_a_demo_store_is_made_while_the_window_stays_responsive(qtbot, sqlite_db):
    dialog = FirstStartDialog(sqlite_db)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.accepted, timeout=60_000):
        job = dialog.make_demo()
        assert job.worker_thread.isRunning()
        assert not dialog.isEnabled()
    assert dialog.made_demo
    with sqlite_db.session(write=False) as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == DEMO_TICKETS


def test_the_first_managers_pin_is_checked_as_the_service_checks_it(qtbot, sqlite_db):
    dialog = FirstStartDialog(sqlite_db)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Marlow & Finch Jewelers")
    qtbot.keyClicks(dialog.manager_name, "Ana Ruiz")
    qtbot.keyClicks(dialog.manager_code, "AR")
    qtbot.keyClicks(dialog.pin, "12a4")
    assert "digits only" in dialog.pin_problem.text()
    dialog.set_up_button.click()
    assert not has_store(sqlite_db) and "digits only" in dialog.problem.text()
    dialog.pin.clear()
    qtbot.keyClicks(dialog.pin, "123")
    assert "4 to 8 digits" in dialog.pin_problem.text()
    dialog.set_up_button.click()
    assert not has_store(sqlite_db)


def test_a_store_abroad_is_set_up_with_its_country_and_its_own_phone(qtbot, sqlite_db):
    dialog = FirstStartDialog(sqlite_db)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Hatton Garden Repairs")
    dialog.country.setCurrentIndex(dialog.country.findData("GB"))
    qtbot.keyClicks(dialog.phone, "555-CALL-PAT")
    qtbot.keyClicks(dialog.manager_name, "Ana Ruiz")
    qtbot.keyClicks(dialog.manager_code, "AR")
    qtbot.keyClicks(dialog.pin, "2468")
    dialog.set_up_button.click()
    assert not has_store(sqlite_db) and "has letters in it" in dialog.problem.text()
    dialog.phone.clear()
    qtbot.keyClicks(dialog.phone, "020 7946 0958")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.set_up_button.click()
    settings = store_settings(sqlite_db)
    assert (settings.country, settings.phone, settings.is_demo) == ("GB", "020 7946 0958", False)


def test_the_store_s_time_zone_starts_as_the_pc_s_own(qtbot, sqlite_db, monkeypatch):
    """A store in Maine on a PC set to New York time is not set up on Chicago's clock; a PC
    left on UTC says nothing of where the store is."""
    monkeypatch.setenv("TZ", "America/New_York")
    dialog = FirstStartDialog(sqlite_db)
    qtbot.addWidget(dialog)
    assert dialog.zone.currentText() == "America/New_York"
    monkeypatch.setenv("TZ", "Etc/UTC")
    again = FirstStartDialog(sqlite_db)
    qtbot.addWidget(again)
    assert again.zone.currentText() == "America/Chicago"
