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
