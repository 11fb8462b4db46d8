"""Signing in: the demo store says its PIN; a real store never does."""

from PySide6.QtCore import Qt

from jeweldesk.interchange.common import drain
from jeweldesk.services.demo import fill_demo_store
from jeweldesk.ui.start.sign_in import SignInDialog


def test_the_demo_store_says_every_pin_is_1234_and_it_is(qtbot, sqlite_db):
    drain(fill_demo_store(sqlite_db, 40, seed=1))
    dialog = SignInDialog(sqlite_db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.demo_hint.isVisible()
    assert dialog.demo_hint.text() == "Demo store: every PIN is 1234"
    dialog.choose("KP")
    qtbot.keyClicks(dialog.pin, "1234")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.chosen is not None and dialog.chosen.name == "Kate Pruitt"


def test_a_real_store_keeps_its_pins_to_itself(qtbot, sqlite_store):
    dialog = SignInDialog(sqlite_store)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.demo_hint.isHidden()


def test_a_locked_window_has_no_way_out_but_a_pin(qtbot, sqlite_store):
    dialog = SignInDialog(sqlite_store, current="KP", locked="Locked after 10 minutes idle.")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.pin, "1357")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
