"""The very first start: set up the store, or explore a demo store."""

from __future__ import annotations

from PySide6.QtCore import QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain.errors import Invalid
from jeweldesk.domain.kinds import Role
from jeweldesk.services.pins import LONGEST_PIN, pin_problem
from jeweldesk.services.store import StaffMember, StoreSettings, set_up_store
from jeweldesk.storage.engine import Database
from jeweldesk.ui.common.widgets import ProblemLabel, heading, muted
from jeweldesk.ui.common.work import LongJob
from jeweldesk.ui.settings.saved import country_box
from jeweldesk.ui.settings.settings import WEEKDAYS
from jeweldesk.ui.settings.way_box import WayBox

DEMO_TICKETS, DEMO_SEED = 400, 1
COMMON_ZONES = ("America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
                "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu",
                "America/Toronto", "Europe/London", "Europe/Paris", "Australia/Sydney")


def pc_zone() -> str:
    """The PC's own time zone when it names a place; a PC left on UTC says nothing of where
    the store is, so a US store's middle zone is offered there."""
    zone = bytes(QTimeZone.systemTimeZoneId().data()).decode()
    return zone if "/" in zone and not zone.startswith("Etc/") else "America/Chicago"


class FirstStartDialog(QDialog):
    """Accepted once the database has a store; ``made_demo`` says which way."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.made_demo = False
        self.setWindowTitle("Welcome to JewelDesk")
        self.name = QLineEdit()
        self.address = QLineEdit()
        self.phone = QLineEdit()
        self.country = country_box()
        self.way = WayBox()
        self.country.currentIndexChanged.connect(
            lambda _n: self.way.follow_country(self.country.currentData()))
        self.zone = QComboBox()
        self.zone.setEditable(True)
        self.zone.addItems(COMMON_ZONES)
        self.zone.setCurrentText(pc_zone())
        self.days = [QCheckBox(day) for day in WEEKDAYS]
        for box in self.days[:6]:
            box.setChecked(True)
        self.manager_name = QLineEdit()
        self.manager_code = QLineEdit()
        self.manager_code.setMaxLength(8)
        self.manager_code.setPlaceholderText("initials, e.g. SC")
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText("4 to 8 digits")
        self.pin.setMaxLength(LONGEST_PIN)
        self.pin_problem = ProblemLabel()
        self.pin.textEdited.connect(lambda _text: self._check_pin())
        self.problem = ProblemLabel()
        self.set_up_button = QPushButton("Set up my store")
        self.set_up_button.setObjectName("primary")
        self.set_up_button.setDefault(True)
        self.demo_button = QPushButton("Explore a demo store")

        days = QHBoxLayout()
        for box in self.days:
            days.addWidget(box)
        form = QFormLayout()
        form.addRow("Store name", self.name)
        form.addRow("Address", self.address)
        form.addRow("Phone", self.phone)
        form.addRow("Country", self.country)
        form.addRow("Money in", self.way)
        form.addRow("", self.way.sample)
        form.addRow("Time zone", self.zone)
        form.addRow("Open on", days)
        form.addRow(heading("The first manager", 1))
        form.addRow("Name", self.manager_name)
        form.addRow("Code", self.manager_code)
        form.addRow("PIN", self.pin)
        form.addRow("", self.pin_problem)
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.set_up_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Welcome to JewelDesk", 5))
        layout.addWidget(muted("Tell JewelDesk about your store, or look around a demo store "
                               "full of made-up customers and tickets first."))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.set_up_button.clicked.connect(self.set_up)
        self.demo_button.clicked.connect(self.make_demo)
        self.name.setFocus()

    def set_up(self) -> None:
        settings = StoreSettings(
            name=self.name.text().strip(),
            address=self.address.text().strip() or None,
            phone=self.phone.text().strip() or None,
            timezone=self.zone.currentText().strip(),
            open_weekdays=tuple(n for n, box in enumerate(self.days, 1) if box.isChecked()),
            country=self.country.currentData(),
            currency=self.way.way().currency,
            locale=self.way.way().locale,
        )
        manager = StaffMember(self.manager_code.text().strip(), self.manager_name.text().strip(),
                              Role.MANAGER, True, True)
        if not self.pin.text():
            self.problem.show_problem("The manager needs a PIN: 4 to 8 digits.")
            return
        if problem := self._check_pin():
            self.problem.show_problem(f"The manager's PIN: {problem}.")
            return
        try:
            set_up_store(self.db, settings, manager, self.pin.text())
        except Invalid as exc:
            self.problem.show_problem("; ".join(exc.problems.values()))
            return
        self.accept()

    def _check_pin(self) -> str | None:
        """The PIN checked as the service will check it, while it is typed."""
        problem = pin_problem(self.pin.text()) if self.pin.text() else None
        self.pin_problem.show_problem(problem[:1].upper() + problem[1:] + "." if problem
                                      else None)
        return problem

    def make_demo(self) -> LongJob:
        from jeweldesk.services.demo import fill_demo_store  # its maker, only when asked for

        self.problem.show_problem(None)
        self.setEnabled(False)
        self.job = LongJob("Making the demo store",
                           lambda: fill_demo_store(self.db, DEMO_TICKETS, DEMO_SEED), self)
        self.job.done.connect(self._demo_made)
        self.job.failed.connect(self._demo_failed)
        self.job.start()
        return self.job

    def _demo_made(self, _filled: object) -> None:
        self.made_demo = True
        self.accept()

    def _demo_failed(self, message: str) -> None:
        self.setEnabled(True)
        self.problem.show_problem(f"The demo store could not be made: {message}")
