"""The main window, driven like a person at the counter: type, scan, press Enter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from jeweldesk.services.customers import CustomerDetails
from jeweldesk.services.intake import Visit, take_in
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.main_window import MainWindow
from jeweldesk.ui.start.sign_in import SignInDialog
from tests.support.store import COUNTER, MANAGER, ring, take_in_ring


@pytest.fixture
def window(ctx: AppContext, qtbot) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.search.hasFocus())
    return window


def _close_dialog(window: MainWindow) -> None:
    if window.last_dialog is not None:
        window.last_dialog.close()
        window.last_dialog = None


def test_a_scanned_envelope_opens_its_ticket_at_once(window: MainWindow, qtbot):
    number = take_in_ring(window.ctx.db)
    take_in_ring(window.ctx.db)
    qtbot.keyClicks(window.search, number)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)  # a scanner ends with Enter
    dialog = window.last_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.number == number
    assert window.search.text() == ""  # ready for the next scan
    _close_dialog(window)


def test_a_lower_case_number_typed_by_hand_still_opens(window: MainWindow, qtbot):
    number = take_in_ring(window.ctx.db)
    qtbot.keyClicks(window.search, number.lower())
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.last_dialog.number == number
    _close_dialog(window)


def test_part_of_a_name_shows_results_as_you_type_and_enter_opens(window: MainWindow, qtbot):
    take_in_ring(window.ctx.db)
    (marisol,) = take_in(window.ctx.db, Visit(
        pieces=(ring(),), new_customer=CustomerDetails("Marisol Okafor", "601 555 0177")),
        by=COUNTER)
    qtbot.keyClicks(window.search, "okaf")
    results = window.search.results
    qtbot.waitUntil(lambda: results.isVisible() and results.count() == 1)
    assert "Marisol Okafor" in results.item(0).text()
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.last_dialog.number == marisol
    assert not results.isVisible()
    _close_dialog(window)


def test_arrow_keys_choose_among_the_results(window: MainWindow, qtbot):
    first = take_in_ring(window.ctx.db, promised_in_days=9)
    second = take_in_ring(window.ctx.db, promised_in_days=3)
    qtbot.keyClicks(window.search, "whitfield")
    qtbot.waitUntil(lambda: window.search.results.count() == 2)
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    # Latest promise first, so the second result is the earlier promise.
    assert window.last_dialog.number == second != first
    _close_dialog(window)


def test_nothing_found_says_so_and_opens_nothing(window: MainWindow, qtbot):
    qtbot.keyClicks(window.search, "R-99999")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.last_dialog is None
    assert "No ticket or customer matches" in window.statusBar().currentMessage()


def test_the_search_box_is_a_keystroke_away(window: MainWindow, qtbot):
    window.show_screen("customers")
    window.customers.search.setFocus()
    qtbot.waitUntil(lambda: window.customers.search.hasFocus())
    qtbot.keyClick(window.customers.search, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.search.hasFocus())
    window.board.table.setFocus()
    qtbot.keyClick(window.board.table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: window.search.hasFocus())


def test_who_is_at_the_keyboard_shows_and_switching_takes_a_pin(window: MainWindow, qtbot):
    assert "Kate Pruitt" in window.who.text() and "Counter" in window.who.text()
    assert "settings" not in window._screens
    qtbot.keyClick(window.search, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = window.last_dialog
    assert isinstance(dialog, SignInDialog)
    dialog.choose(MANAGER)
    qtbot.keyClicks(dialog.pin, "0000")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.isVisible() and "not Sandra's PIN" in dialog.problem.text()
    qtbot.keyClicks(dialog.pin, "2468")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert window.ctx.user.code == MANAGER
    assert "Sandra Cole" in window.who.text() and "Manager" in window.who.text()
    assert window.show_screen("settings")

    window.ctx.set_user(next(s for s in _staff(window) if s.code == COUNTER))
    assert window.current_screen() == "today"
    assert not window.show_screen("settings")


def _staff(window: MainWindow):
    from jeweldesk.services.store import list_staff

    return list_staff(window.ctx.db)


def test_every_screen_is_a_keystroke_away(window: MainWindow, qtbot):
    names = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert names[:6] == ["Today", "Tickets", "Customers", "Bench", "Parcels", "Vendors"]
    for key, screen in ((Qt.Key.Key_4, "bench"), (Qt.Key.Key_5, "parcels"),
                        (Qt.Key.Key_6, "vendors"), (Qt.Key.Key_1, "today")):
        qtbot.keyClick(window.search, key, Qt.KeyboardModifier.ControlModifier)
        assert window.current_screen() == screen


def test_pickup_is_a_keystroke_away(window: MainWindow, qtbot):
    qtbot.keyClick(window.search, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert type(window.last_dialog).__name__ == "PickupDialog"
    window.last_dialog.close()


def test_a_write_made_here_refreshes_every_screen_at_once(window: MainWindow):
    """The write door tells this window's screens; no screen calls for a refresh itself."""
    number = take_in_ring(window.ctx.db, promised_in_days=0)
    assert window.board.model.total == 1
    assert window.today.due_today.numbers() == [number]
    assert not window.ctx.check_for_changes()  # already heard: nothing new to poll for


def test_a_change_elsewhere_reaches_every_screen(window: MainWindow, qtbot, other_pc):
    assert window.board.model.total == 0
    number = take_in_ring(other_pc, promised_in_days=0)
    assert window.ctx.check_for_changes()
    assert window.board.model.total == 1
    assert window.today.due_today.numbers() == [number]
    QApplication.processEvents()


def test_a_database_from_a_newer_jeweldesk_is_refused_untouched(tmp_path, qtbot, monkeypatch):
    import hashlib

    from jeweldesk import app
    from jeweldesk.storage.engine import Database
    from jeweldesk.storage.migrate import upgrade

    path = tmp_path / "newer.sqlite3"
    db = Database(f"sqlite:///{path}")
    upgrade(db.engine)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'from_the_future'")
    db.dispose()
    files = [p for p in (path, tmp_path / "newer.sqlite3-wal") if p.exists()]
    before = [hashlib.sha256(p.read_bytes()).hexdigest() for p in files]
    said: list[str] = []
    monkeypatch.setattr(app, "log_dir", lambda: tmp_path)
    monkeypatch.setattr(app, "apply_theme", lambda _app: None)
    monkeypatch.setattr(app.QMessageBox, "critical", lambda _p, title, text: said.append(text))
    assert app.open_window(str(path)) == 2
    assert "newer JewelDesk" in said[0]
    assert [hashlib.sha256(p.read_bytes()).hexdigest() for p in files] == before
    assert not list(tmp_path.glob("*backup*")) and not list(tmp_path.glob("*before*"))


def test_a_crash_is_written_to_the_log_and_shown(tmp_path, qtbot, monkeypatch):
    from jeweldesk import app

    shown: list[str] = []
    monkeypatch.setattr(app, "log_dir", lambda: tmp_path)
    monkeypatch.setattr(app.QMessageBox, "critical", lambda _p, title, text: shown.append(text))
    monkeypatch.setattr(app.sys, "stderr", open(tmp_path / "stderr.txt", "w"))  # noqa: SIM115
    try:
        raise ValueError("the printer caught fire")
    except ValueError as exc:
        app._exception_hook(type(exc), exc, exc.__traceback__)
    app.sys.stderr.close()
    log = (tmp_path / "jeweldesk.log").read_text()
    assert "ValueError: the printer caught fire" in log
    assert str(tmp_path / "jeweldesk.log") in shown[0]


# --- the window shows only what the person may do -------------------------------------

def _sign_in_as(window: MainWindow, qtbot, code: str, pin: str) -> None:
    qtbot.keyClick(window.search, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = window.last_dialog
    assert isinstance(dialog, SignInDialog)
    dialog.choose(code)
    qtbot.keyClicks(dialog.pin, pin)
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert window.ctx.user.code == code
    window.last_dialog = None


def _moves_offered(window: MainWindow, number: str) -> set:
    dialog = window.open_ticket(number)
    assert dialog is not None
    offered = set(dialog.moves.buttons)  # type: ignore[attr-defined]
    _close_dialog(window)
    return offered


def test_a_counter_clerk_sees_no_cancel_and_no_settings_and_a_manager_does(
        window: MainWindow, qtbot):
    from jeweldesk.domain.status import Status

    number = take_in_ring(window.ctx.db)
    offered = _moves_offered(window, number)
    assert Status.CANCELLED not in offered and Status.AT_BENCH in offered
    assert "settings" not in window._screens
    assert window.new_intake.isVisible() and window.pickup.isVisible()

    _sign_in_as(window, qtbot, MANAGER, "2468")
    assert Status.CANCELLED in _moves_offered(window, number)
    assert window.show_screen("settings")


def test_a_jeweler_is_offered_neither_intake_nor_pickup_nor_a_hand_back(
        window: MainWindow, qtbot):
    from jeweldesk.domain.status import Status
    from tests.support.store import BENCH

    number = take_in_ring(window.ctx.db)
    _sign_in_as(window, qtbot, BENCH, "1470")
    assert not window.new_intake.isVisible() and not window.pickup.isVisible()
    qtbot.keyClick(window.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.last_dialog is None
    assert "Jonah Reyes (bench) cannot take pieces in" in window.statusBar().currentMessage()
    offered = _moves_offered(window, number)
    assert Status.AT_BENCH in offered
    assert not offered & {Status.CANCELLED, Status.PICKED_UP}


# --- the window locks itself when nobody touches it -------------------------------------

def _lock_after(window: MainWindow, qtbot, ms: int = 150) -> SignInDialog:
    window.ctx.idle_lock_ms = ms
    window.arm_idle_lock()
    qtbot.waitUntil(lambda: window.locked is not None, timeout=3000)
    lock = window.locked
    assert lock is not None
    qtbot.waitUntil(lock.isVisible)
    return lock


def test_the_window_locks_when_idle_and_the_same_person_finds_their_typing_kept(
        window: MainWindow, qtbot):
    window.ctx.idle_lock_ms = 60_000
    intake = window.open_intake()
    qtbot.keyClicks(intake.name, "Marisol Okafor")  # type: ignore[attr-defined]
    qtbot.keyClicks(intake.phone, "601 555 0177")  # type: ignore[attr-defined]
    lock = _lock_after(window, qtbot)
    assert window.cover.isVisible() and "Locked" in lock.windowTitle()
    assert lock.windowModality() == Qt.WindowModality.ApplicationModal
    qtbot.keyClick(lock.pin, Qt.Key.Key_Escape)  # no way out but a PIN
    assert lock.isVisible() and window.locked is lock
    assert lock.member().code == COUNTER
    qtbot.keyClicks(lock.pin, "0000")
    qtbot.keyClick(lock.pin, Qt.Key.Key_Return)
    assert lock.isVisible() and "not Kate's PIN" in lock.problem.text()
    qtbot.keyClicks(lock.pin, "1357")
    qtbot.keyClick(lock.pin, Qt.Key.Key_Return)
    assert window.locked is None and not window.cover.isVisible()
    assert window.ctx.user.code == COUNTER
    assert intake.isVisible()
    assert intake.name.text() == "Marisol Okafor"  # type: ignore[attr-defined]
    assert intake.phone.text() == "601 555 0177"  # type: ignore[attr-defined]
    assert window.idle.isActive()  # and the clock runs again


def test_another_person_signing_in_at_the_lock_takes_the_keyboard(window: MainWindow, qtbot):
    intake = window.open_intake()
    qtbot.keyClicks(intake.name, "Dana Whitfield")  # type: ignore[attr-defined]
    lock = _lock_after(window, qtbot)
    lock.choose(MANAGER)
    qtbot.keyClicks(lock.pin, "2468")
    qtbot.keyClick(lock.pin, Qt.Key.Key_Return)
    assert window.ctx.user.code == MANAGER and "Sandra Cole" in window.who.text()
    assert window.show_screen("settings")
    assert intake.name.text() == "Dana Whitfield"  # type: ignore[attr-defined]


def test_keys_and_clicks_keep_the_window_open_and_no_minutes_is_never(
        window: MainWindow, qtbot):
    from dataclasses import replace

    from jeweldesk.services.store import store_settings, update_store

    window.ctx.idle_lock_ms = 400
    window.arm_idle_lock()
    for _ in range(6):
        qtbot.wait(120)
        qtbot.keyClicks(window.search, "R")
    assert window.locked is None

    window.ctx.idle_lock_ms = None
    update_store(window.ctx.db, replace(store_settings(window.ctx.db), idle_lock_minutes=0),
                 by=MANAGER)
    window.ctx.did_change()
    assert not window.idle.isActive()
    update_store(window.ctx.db, replace(store_settings(window.ctx.db), idle_lock_minutes=5),
                 by=MANAGER)
    window.ctx.did_change()
    assert window.idle.isActive() and window.idle.interval() == 5 * 60_000


def test_closing_the_window_with_a_visit_half_typed_asks_first(window: MainWindow, qtbot):
    from tests.support.questions import answer_next_question, click

    intake = window.open_intake()
    qtbot.keyClicks(intake.name, "Marisol Okafor")  # type: ignore[attr-defined]
    asked = answer_next_question(click("Keep typing"))
    window.close()
    assert asked.asked and "Throw away this visit?" in asked.texts[0]
    assert window.isVisible() and intake.isVisible()  # nothing closed
    asked = answer_next_question(click("Throw away"))
    window.close()
    assert asked.asked and not intake.isVisible() and not window.isVisible()
