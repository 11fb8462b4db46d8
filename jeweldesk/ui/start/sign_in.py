"""Who is at the keyboard: pick your name, enter your PIN."""

from __future__ import annotations

from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
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
from jeweldesk.storage.quick_read import FirstLook
from jeweldesk.ui.common.widgets import ProblemLabel, heading, muted

if TYPE_CHECKING:
    from jeweldesk.services.store import StaffMember
    from jeweldesk.storage.engine import Database
    from jeweldesk.storage.quick_read import Person
    from jeweldesk.ui.common.context import AppContext

MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1
OPENING_CHECK_MS = 50


class SignInDialog(QDialog):
    """The person is in ``chosen`` once the dialog is accepted. ``locked``: the window locked
    itself while nobody touched it, and only a sign-in opens it again (no Cancel).

    At start-up it may come up before the store is open (``opening``, with what a first look
    at the file found): a PIN is taken once the store is open, and a store that cannot be
    opened closes the dialog (``not_opened``) for the window to say why."""

    def __init__(self, db: Database | None, store_name: str = "", current: str | None = None,
                 parent: QWidget | None = None, locked: str | None = None, *,
                 first: FirstLook | None = None,
                 opening: Future[Database] | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.locked = locked
        self.opening = opening
        self.not_opened = False
        self.chosen: Any = None  # StaffMember, or before the store is open a first look's Person
        if first is None:
            assert db is not None, "the sign-in needs the store, or a first look at it"
            first = _looked_at(db)
        self.setWindowTitle("Locked" if locked else "Who is at the keyboard?")
        self.people = QListWidget()
        self.people.setMinimumHeight(180)
        for member in first.people:
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
        self.demo_hint = muted(f"Demo store: every PIN is {DEMO_PIN}")
        self.demo_hint.setVisible(first.is_demo)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(store_name or first.store_name or "JewelDesk", 3))
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
        if opening is not None:
            self._watch = QTimer(self)
            self._watch.setInterval(OPENING_CHECK_MS)
            self._watch.timeout.connect(self._check_opening)
            self._watch.start()

    def reject(self) -> None:
        """A locked window stays locked until someone signs in: Escape does nothing then."""
        if not self.locked:
            super().reject()

    def member(self) -> StaffMember | Person | None:
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

    def _check_opening(self) -> None:
        if self.opening is None or not self.opening.done():
            return
        self._watch.stop()
        if self.opening.exception() is not None:
            self._cannot_open()

    def _cannot_open(self) -> None:
        self.not_opened = True
        super().reject()  # locked or not: the window says why, and does not open

    def _store(self) -> Database | None:
        """The store, once it is open: a PIN typed while it opens waits that moment."""
        if self.db is None and self.opening is not None:
            try:
                self.db = self.opening.result()
            except BaseException:  # said by the window, once the dialog is closed
                self._cannot_open()
                return None
        return self.db

    def sign_in(self) -> None:
        member = self.member()
        if member is None:
            self.problem.show_problem("Pick your name first.")
            return
        if not self.pin.text():  # an Enter on the list of names is not a wrong PIN
            self.problem.show_problem("Type your PIN, then press Enter.")
            self.pin.setFocus()
            return
        db = self._store()
        if db is None:
            return
        from jeweldesk.services.pins import NoPinYet, choose_first_pin, sign_in

        try:
            if member.has_pin:
                sign_in(db, member.code, self.pin.text())
            else:
                choose_first_pin(db, member.code, self.pin.text())
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


def _looked_at(db: Database) -> FirstLook:
    from jeweldesk.services.store import list_staff, store_settings

    settings = store_settings(db)
    return FirstLook(settings.name, settings.is_demo, tuple(list_staff(db)))  # type: ignore[arg-type]


def sign_in_first(ctx: AppContext, parent: QWidget | None = None) -> bool:
    """At start-up: nobody works the counter until they say who they are."""
    dialog = SignInDialog(ctx.db, "", None, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
        return False
    ctx.set_user(dialog.chosen)
    return True


def sign_in_while_opening(first: FirstLook, opening: Future[Database]) -> Person | None:
    """At start-up, the store still opening behind the dialog: who signed in (None when
    nobody did, or the store could not be opened: ``opening`` then says why)."""
    dialog = SignInDialog(None, "", None, first=first, opening=opening)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.not_opened:
        return None
    chosen: Person | None = dialog.chosen
    return chosen
