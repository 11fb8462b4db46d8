"""Who is at the keyboard: pick your name, enter your PIN."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain.errors import ServiceError
from jeweldesk.services.demo_defaults import DEMO_PIN
from jeweldesk.services.pins import NoPinYet, choose_first_pin, sign_in
from jeweldesk.services.store import StaffMember, list_staff, store_settings
from jeweldesk.storage.engine import Database
from jeweldesk.ui.common.widgets import ProblemLabel, heading, muted

if TYPE_CHECKING:
    from jeweldesk.ui.common.context import AppContext

MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1


class SignInDialog(QDialog):
    """The person is in ``chosen`` once the dialog is accepted. ``locked``: the window locked
    itself while nobody touched it, and only a sign-in opens it again (no Cancel)."""

    def __init__(self, db: Database, store_name: str = "", current: str | None = None,
                 parent: QWidget | None = None, locked: str | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.locked = locked
        self.chosen: StaffMember | None = None
        self.setWindowTitle("Locked" if locked else "Who is at the keyboard?")
        self.people = QListWidget()
        self.people.setMinimumHeight(180)
        for member in list_staff(db):
            item = QListWidgetItem(f"{member.name}   ·   {member.role.value.capitalize()}")
            item.setData(MEMBER_ROLE, member)
            self.people.addItem(item)
            if member.code == current:
                self.people.setCurrentItem(item)
        if self.people.currentRow() < 0 and self.people.count():
            self.people.setCurrentRow(0)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText("Your PIN")
        self.pin.setMaxLength(8)
        self.problem = ProblemLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok if locked else
                                   QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Sign in")
        buttons.accepted.connect(self.sign_in)
        buttons.rejected.connect(self.reject)
        settings = store_settings(db)
        self.demo_hint = muted(f"Demo store: every PIN is {DEMO_PIN}")
        self.demo_hint.setVisible(settings.is_demo)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(store_name or settings.name or "JewelDesk", 3))
        if locked:
            layout.addWidget(QLabel(locked))
        layout.addWidget(muted("Pick your name, then type your PIN and press Enter."))
        layout.addWidget(self.demo_hint)
        layout.addWidget(self.people, 1)
        layout.addWidget(QLabel("PIN"))
        layout.addWidget(self.pin)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.people.currentItemChanged.connect(self._person_changed)
        self.people.itemActivated.connect(lambda _item: self.pin.setFocus())
        self._person_changed()
        self.pin.setFocus()

    def reject(self) -> None:
        """A locked window stays locked until someone signs in: Escape does nothing then."""
        if not self.locked:
            super().reject()

    def member(self) -> StaffMember | None:
        item = self.people.currentItem()
        return item.data(MEMBER_ROLE) if item else None

    def choose(self, code: str) -> None:
        for row in range(self.people.count()):
            if self.people.item(row).data(MEMBER_ROLE).code == code:
                self.people.setCurrentRow(row)

    def _person_changed(self) -> None:
        member = self.member()
        choosing = member is not None and not member.has_pin
        self.pin.setPlaceholderText("Choose a PIN: 4 to 8 digits" if choosing else "Your PIN")
        self.pin.clear()
        self.problem.show_problem("")
        self.pin.setFocus()

    def sign_in(self) -> None:
        member = self.member()
        if member is None:
            self.problem.show_problem("Pick your name first.")
            return
        if not self.pin.text():  # an Enter on the list of names is not a wrong PIN
            self.problem.show_problem("Type your PIN, then press Enter.")
            self.pin.setFocus()
            return
        try:
            if member.has_pin:
                sign_in(self.db, member.code, self.pin.text())
            else:
                choose_first_pin(self.db, member.code, self.pin.text())
        except NoPinYet as exc:
            self.problem.show_problem(exc.said)
            return
        except ServiceError as exc:
            self.problem.show_problem(exc.said[:1].upper() + exc.said[1:])
            self.pin.clear()
            self.pin.setFocus()
            return
        self.chosen = member
        self.accept()


def sign_in_first(ctx: AppContext, parent: QWidget | None = None) -> bool:
    """At start-up: nobody works the counter until they say who they are."""
    dialog = SignInDialog(ctx.db, store_settings(ctx.db).name, None, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
        return False
    ctx.set_user(dialog.chosen)
    return True
