"""The README's first-day pictures: a store set up through the window from an empty file.

Called by ``scripts/screenshots.py``. Every step is typed into the real widgets, the way a
new store's manager, clerk and jeweler do it, so the pictures show what a new store sees.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from jeweldesk.domain.kinds import Role
from jeweldesk.storage.engine import Database
from jeweldesk.storage.migrate import upgrade
from jeweldesk.ui.bench.bench import BenchScreen
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.counter.intake import IntakeDialog
from jeweldesk.ui.counter.intake_services import PRICE
from jeweldesk.ui.main_window import MainWindow
from jeweldesk.ui.parcels.vendors import VendorsScreen
from jeweldesk.ui.settings.settings import SettingsScreen
from jeweldesk.ui.start.first_start import FirstStartDialog
from jeweldesk.ui.start.sign_in import SignInDialog

Shoot = Callable[[QWidget, str], None]
ENTER = Qt.Key.Key_Return


def _type(widget: QWidget, text: str) -> None:
    QTest.keyClicks(widget, text)


def _set_up(db: Database, shoot: Shoot) -> AppContext:
    first = FirstStartDialog(db)
    _type(first.name, "Marlow & Finch Jewelers")
    _type(first.address, "212 Main St, Jackson, MS 39201")
    _type(first.phone, "601 555 0100")
    _type(first.manager_name, "Ana Ruiz")
    _type(first.manager_code, "AR")
    _type(first.pin, "2468")
    shoot(first, "first-start")
    first.set_up()
    assert first.result() == FirstStartDialog.DialogCode.Accepted, first.problem.text()
    signing = SignInDialog(db)
    signing.choose("AR")
    _type(signing.pin, "2468")
    signing.sign_in()
    assert signing.chosen is not None, signing.problem.text()
    return AppContext(db, signing.chosen)


def _add_person(settings: SettingsScreen, code: str, name: str, role: Role, pin: str) -> None:
    staff = settings.staff
    staff.new_button.click()
    _type(staff.code, code)
    _type(staff.name, name)
    staff.role.setCurrentIndex(staff.role.findData(role))
    _type(staff.pin, pin)
    staff.save_button.click()


def _add_vendor(vendors: VendorsScreen, shoot: Shoot) -> None:
    vendors.add_button.click()
    form = vendors.vendor_dialog
    assert form is not None
    _type(form.name, "Riverbend Plating")
    _type(form.contact, "Dale Hughes")
    _type(form.phone, "601 555 0190")
    _type(form.email, "orders@riverbend.example")
    _type(form.address, "118 Riverbend Rd")
    QTest.keyClick(form.address, ENTER)
    _type(form.address, "Jackson, MS 39201")
    _type(form.work, "Rhodium plating, chain repair")
    form.quote.setValue(6)
    form.carrier_boxes["UPS"].click()
    form.day_boxes[2].click()
    form.day_boxes[4].click()
    shoot(form, "add-vendor")
    form.save_button.click()


def _switch(window: MainWindow, code: str, pin: str) -> None:
    dialog = window.switch_person()
    dialog.choose(code)
    _type(dialog.pin, pin)
    dialog.sign_in()
    assert window.ctx.user.code == code, dialog.problem.text()


def _take_in(window: MainWindow, shoot: Shoot) -> list[str]:
    intake = IntakeDialog(window.ctx, window)
    intake.show()
    _type(intake.name, "Barbara Harris")
    _type(intake.phone, "601 555 0142")
    _type(intake.email, "barbara@example.com")
    ring = intake.current_piece()
    _type(ring.description, "Three-stone anniversary ring")
    _type(ring.metal, "18K yellow gold")
    _type(ring.stones, "3 round diamonds")
    _type(ring.declared_value, "1800")
    for typed in ("retip", "shank repair"):
        _type(ring.services.picker, typed)
        QTest.keyClick(ring.services.picker, ENTER)
    services = ring.services  # the written-in line's price, as typed into its cell
    services.model.setData(services.model.index(services.model.rowCount() - 1, PRICE), "65")
    QApplication.processEvents()
    _type(ring.deposit, "40")
    shoot(intake, "first-day-intake")
    intake.save()
    numbers = list(intake.numbers)
    intake.accept()
    return numbers


def first_day(folder: Path, window_size: object, shoot: Shoot) -> None:
    """Set up, people, vendor, a visit and the bench: each picture as the new store sees it."""
    db = Database(f"sqlite:///{folder / 'new-store.sqlite3'}")
    upgrade(db.engine)
    ctx = _set_up(db, shoot)
    window = MainWindow(ctx)
    window.resize(window_size)  # type: ignore[arg-type]
    window.show()
    window.show_screen("settings")
    settings = window.screen_for("settings")
    assert isinstance(settings, SettingsScreen)
    _add_person(settings, "KP", "Kate Pruitt", Role.COUNTER, "1357")
    _add_person(settings, "JR", "Jonah Reyes", Role.BENCH, "8642")
    settings.tabs.setCurrentWidget(settings.staff)
    shoot(window, "first-day-staff")
    window.show_screen("vendors")
    vendors = window.screen_for("vendors")
    assert isinstance(vendors, VendorsScreen)
    _add_vendor(vendors, shoot)

    _switch(window, "KP", "1357")
    [ring] = _take_in(window, shoot)
    _switch(window, "JR", "8642")
    window.show_screen("bench")
    bench = window.screen_for("bench")
    assert isinstance(bench, BenchScreen)
    for typed in (ring, "S"):
        _type(bench.scan_box, typed)
        QTest.keyClick(bench.scan_box, ENTER)
    shoot(window, "first-day-bench")
    window.close()
    db.dispose()
