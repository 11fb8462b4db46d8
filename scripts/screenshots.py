"""The README's pictures: a new store set up through the window, then a demo store's
busy day, on a virtual screen.

Run with ``make screenshots`` (it starts Xvfb). Each picture is what a person
would see; look at every one before committing it.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from first_day_shots import first_day  # beside this script
from PySide6.QtCore import QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from jeweldesk.interchange.common import drain
from jeweldesk.services.at_risk import at_risk
from jeweldesk.services.days_off import plan_days_off
from jeweldesk.services.demo import fill_demo_store
from jeweldesk.services.store import list_staff
from jeweldesk.storage.engine import Database
from jeweldesk.storage.migrate import upgrade
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.theme import apply_theme
from jeweldesk.ui.common.work import wait_for_background_work
from jeweldesk.ui.counter.intake import IntakeDialog
from jeweldesk.ui.main_window import MainWindow
from jeweldesk.ui.today.prepare import PrepareDialog

DOCS = Path(__file__).resolve().parent.parent / "docs"
SIZE = QSize(1400, 860)


def settle(app: QApplication) -> None:
    """Let the screens finish what they asked for in the background, then draw."""
    for _ in range(5):
        app.processEvents()
        wait_for_background_work()
        app.processEvents()
    app.processEvents()


def shoot(app: QApplication, widget: QWidget, name: str) -> None:
    widget.show()
    settle(app)
    path = DOCS / f"{name}.png"
    widget.grab().save(str(path))
    print(path)


def filled_intake(window: MainWindow) -> QWidget:
    """A visit half taken in, as the counter types it: the date the store can keep is
    proposed beside the promise, with the reason."""
    dialog = IntakeDialog(window.ctx, window)
    dialog.name.setText("Maya Okafor")
    dialog.phone.setText("601 555 0177")
    ring = dialog.current_piece()
    ring.description.setText("Lady's solitaire engagement ring")
    ring.metal.setText("14K white gold")
    ring.stones.setText("1 round diamond, about 0.50 ct")
    ring.declared_value.setText("2400")
    for typed in ("retip", "cast"):
        QTest.keyClicks(ring.services.picker, typed)
        QTest.keyClick(ring.services.picker, Qt.Key.Key_Return)
    QTest.keyClicks(ring.vendor, "Magnolia")
    QTest.keyClicks(ring.jeweler, "Jonah")
    return dialog


def main() -> int:
    app = QApplication(sys.argv)
    apply_theme(app)
    folder = Path(tempfile.mkdtemp(prefix="jeweldesk-shots-"))
    first_day(folder, SIZE, lambda widget, name: shoot(app, widget, name))
    db = Database(f"sqlite:///{folder / 'demo.sqlite3'}")
    upgrade(db.engine)
    drain(fill_demo_store(db, tickets=400, seed=1))
    manager = next(s for s in list_staff(db) if s.role.value == "manager")
    ctx = AppContext(db, manager)
    window = MainWindow(ctx)
    window.resize(SIZE)
    screens: list[tuple[str, str]] = [("today", "today"), ("tickets", "board"),
                                      ("bench", "bench"), ("vendors", "vendors")]
    for key, name in screens:
        window.show_screen(key)
        shoot(app, window, name)
    _, flags = at_risk(db)
    dialogs: list[tuple[str, Callable[[], QWidget | None]]] = [
        ("intake", lambda: filled_intake(window)),
        ("ticket", lambda: window.open_ticket(flags[0].ticket)),
        ("prepare", lambda: PrepareDialog(ctx, flags[0].ticket, window)),
    ]
    for name, make in dialogs:
        dialog = make()
        assert dialog is not None
        shoot(app, dialog, name)
        dialog.hide()  # not close: a half-typed intake would ask before throwing it away
    today = date.today()
    jeweler = next(s for s in list_staff(db) if s.role.value == "bench")
    plan_days_off(db, jeweler.code, today + timedelta(days=9), today + timedelta(days=15),
                  "Family wedding in Mobile", by=manager.code)
    window.show_screen("settings")
    assert window.settings is not None
    window.settings.days_off.load()
    window.settings.tabs.setCurrentWidget(window.settings.days_off)
    shoot(app, window, "days-off")
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
