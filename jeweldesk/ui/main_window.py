"""The main window: the search-and-scan box, the screens, and who is at the keyboard."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from jeweldesk.domain.errors import NotFound
from jeweldesk.domain.permissions import Act, refusal
from jeweldesk.services.store import store_settings
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.fields import CounterDialog
from jeweldesk.ui.common.store_file import StoreFileMenu
from jeweldesk.ui.common.widgets import PROBLEM_COLOUR
from jeweldesk.ui.start.sign_in import SignInDialog, sign_in_first
from jeweldesk.ui.today.today import TodayView
from jeweldesk.ui.window_parts import IdleWatch, LockCover, SearchBox

if TYPE_CHECKING:
    from jeweldesk.ui.counter.board import TicketBoard
    from jeweldesk.ui.counter.customers import CustomersScreen
    from jeweldesk.ui.settings.settings import SettingsScreen

__all__ = ["MainWindow", "sign_in_first"]

KEY_ROLE = Qt.ItemDataRole.UserRole + 2
SCAN_PROBLEM_WIDTH = 340


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.last_dialog: QWidget | None = None
        self._screens: dict[str, int] = {}
        # A screen is made the first time it is opened: the window paints before any other
        # screen reads the database.
        self._makers: dict[str, Callable[[], QWidget]] = {}
        self.setWindowTitle("JewelDesk")
        self.resize(QSize(1360, 860))

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(190)
        self.nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.stack = QStackedWidget()
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self.nav.currentRowChanged.connect(self._open_row)

        self.search = SearchBox(self)
        self.scan_problem = QLabel()
        self.scan_problem.setObjectName("scanProblem")
        self.scan_problem.setStyleSheet(f"color: {PROBLEM_COLOUR}; font-weight: 600;")
        self.new_intake = QPushButton("New intake")
        self.new_intake.setObjectName("primary")
        self.new_intake.setToolTip("Take a piece in (Ctrl+N)")
        self.new_intake.clicked.connect(self.open_intake)
        self.pickup = QPushButton("Pickup")
        self.pickup.setToolTip("Hand pieces back and take the balance (Ctrl+H)")
        self.pickup.clicked.connect(lambda: self.open_pickup())
        self.who = QLabel()
        self.who.setObjectName("who")
        self.switch = QPushButton("Switch person")
        self.switch.setToolTip("Ctrl+L")
        self.switch.clicked.connect(self.switch_person)
        toolbar = QToolBar("Search")
        toolbar.setObjectName("top")
        toolbar.setMovable(False)
        toolbar.addWidget(self.search)
        # A toolbar shows or hides its widgets through their actions.
        self._scan_problem_shown = toolbar.addWidget(self.scan_problem)
        self._scan_problem_shown.setVisible(False)
        toolbar.addWidget(self.new_intake)
        toolbar.addWidget(self.pickup)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addWidget(self.who)
        toolbar.addWidget(self.switch)
        self.addToolBar(toolbar)
        self.store_label = QLabel()
        self.statusBar().addPermanentWidget(self.store_label)
        self.store_file = StoreFileMenu(self, ctx)  # File › Export the whole store…, Import…

        for keys, action in ((("Ctrl+F", "F2", "/"), self.focus_search),
                             (("Ctrl+N",), lambda: self._if_may(Act.TAKE_IN, self.open_intake)),
                             (("Ctrl+H",), lambda: self._if_may(Act.HAND_BACK, self.open_pickup)),
                             (("Ctrl+L",), self.switch_person)):
            for key in keys:
                QShortcut(QKeySequence(key), self, action)

        self.today = TodayView(ctx, self.open_ticket)
        self.add_screen("today", "Today", self.today, "Ctrl+1")
        self.add_screen("tickets", "Tickets", self._make_board, "Ctrl+2")
        self.add_screen("customers", "Customers", self._make_customers, "Ctrl+3")
        self.add_screen("bench", "Bench", self._make_bench, "Ctrl+4")
        self.add_screen("parcels", "Parcels", self._make_parcels, "Ctrl+5")
        self.add_screen("vendors", "Vendors", self._make_vendors, "Ctrl+6")
        self.show_screen("today")

        self.locked: SignInDialog | None = None
        self._idle_minutes = 0  # the store's setting, read with the store's name
        self.cover = LockCover(self)
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.lock)
        self._idle_watch = IdleWatch(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._idle_watch)

        ctx.user_changed.connect(self._user_changed)
        ctx.changed.connect(self._show_store)
        self._user_changed()
        self._show_store()
        self.installEventFilter(self)

    # --- screens ------------------------------------------------------------

    def add_screen(self, key: str, title: str, widget: QWidget | Callable[[], QWidget],
                   shortcut: str | None = None) -> None:
        """A screen in the navigation, or what makes it when it is first opened; other parts
        of the app add theirs (Bench, Vendors…)."""
        if not isinstance(widget, QWidget):
            self._makers[key] = widget
            widget = QWidget()  # stands in until the screen is opened
        index = self.stack.addWidget(widget)
        self._screens[key] = index
        item = QListWidgetItem(title)
        item.setData(KEY_ROLE, key)
        item.setToolTip(f"{title} ({shortcut})" if shortcut else title)
        self.nav.addItem(item)
        if shortcut:
            QShortcut(QKeySequence(shortcut), self, lambda: self.show_screen(key))

    def _open_row(self, index: int) -> None:
        leaving = self.stack.currentWidget()
        if index != self.stack.currentIndex() and not _may_leave(leaving):
            self.nav.blockSignals(True)  # back to the screen that is kept open
            self.nav.setCurrentRow(self.stack.currentIndex())
            self.nav.blockSignals(False)
            return
        key = self.nav.item(index).data(KEY_ROLE) if index >= 0 else None
        if key is not None:
            self._made(key)
        self.stack.setCurrentIndex(index)

    def _made(self, key: str) -> QWidget:
        index = self._screens[key]
        stand_in = self.stack.widget(index)
        assert stand_in is not None
        maker = self._makers.pop(key, None)
        if maker is None:
            return stand_in
        screen = maker()
        current = self.stack.currentIndex()
        self.stack.insertWidget(index, screen)
        self.stack.removeWidget(stand_in)
        stand_in.deleteLater()
        self.stack.setCurrentIndex(current)
        return screen

    def _make_board(self) -> QWidget:
        from jeweldesk.ui.counter.board import TicketBoard

        return TicketBoard(self.ctx, self.open_ticket)

    def _make_customers(self) -> QWidget:
        from jeweldesk.ui.counter.customers import CustomersScreen

        return CustomersScreen(self.ctx, self.open_ticket)

    def _make_bench(self) -> QWidget:
        from jeweldesk.ui.bench.bench import BenchScreen

        return BenchScreen(self.ctx)

    def _make_parcels(self) -> QWidget:
        from jeweldesk.ui.parcels.parcels import ParcelsScreen

        return ParcelsScreen(self.ctx)

    def _make_vendors(self) -> QWidget:
        from jeweldesk.ui.parcels.vendors import VendorsScreen

        return VendorsScreen(self.ctx)

    def _make_settings(self) -> QWidget:
        from jeweldesk.ui.settings.settings import SettingsScreen

        return SettingsScreen(self.ctx)

    def _make_numbers(self) -> QWidget:
        from jeweldesk.ui.numbers.numbers import NumbersScreen

        return NumbersScreen(self.ctx)

    @property
    def board(self) -> TicketBoard:
        return self._made("tickets")  # type: ignore[return-value]

    @property
    def customers(self) -> CustomersScreen:
        return self._made("customers")  # type: ignore[return-value]

    @property
    def settings(self) -> SettingsScreen | None:
        if "settings" not in self._screens:
            return None
        return self._made("settings")  # type: ignore[return-value]

    def show_screen(self, key: str) -> bool:
        index = self._screens.get(key)
        if index is None or self.nav.item(index).isHidden():
            return False
        self.nav.setCurrentRow(index)
        return True

    def current_screen(self) -> str | None:
        for key, index in self._screens.items():
            if index == self.stack.currentIndex():
                return key
        return None

    def screen_for(self, key: str) -> QWidget | None:
        return self._made(key) if key in self._screens else None

    # --- tickets and intake -------------------------------------------------

    def open_ticket(self, number: str) -> QWidget | None:
        """What every screen is handed to open a ticket: the story over the window, and the
        search box ready again once it closes."""
        from jeweldesk.ui.ticket.view import open_ticket

        try:
            dialog = open_ticket(self.ctx, number, self)
        except NotFound as exc:
            self.scan_failed(str(exc).capitalize() + ".")
            return None
        self.scan_failed(None)
        dialog.finished.connect(lambda _result: self.focus_search())
        self.last_dialog = dialog
        return dialog

    def open_intake(self) -> QWidget:
        from jeweldesk.ui.counter.intake import IntakeDialog

        return self._open(IntakeDialog(self.ctx, self))

    def open_pickup(self, numbers: list[str] | None = None) -> QWidget:
        from jeweldesk.ui.counter.pickup import PickupDialog

        return self._open(PickupDialog(self.ctx, numbers, self))

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.focus_search())
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def focus_search(self) -> None:
        self.activateWindow()
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def scan_failed(self, message: str | None) -> None:
        """Beside the search box (and in the status bar): why the last scan opened nothing."""
        # Cut to fit beside the box (whole on hover and in the status bar): a long paste
        # never pushes the toolbar's buttons off the window.
        shown = self.scan_problem.fontMetrics().elidedText(
            message or "", Qt.TextElideMode.ElideRight, SCAN_PROBLEM_WIDTH)
        self.scan_problem.setText(shown)
        self.scan_problem.setToolTip(message or "")
        self._scan_problem_shown.setVisible(bool(message))
        if message:
            self.say(message)

    def say(self, message: str, ms: int = 6000) -> None:
        self.statusBar().showMessage(message, ms)

    # --- who is at the keyboard -------------------------------------------

    def switch_person(self) -> SignInDialog:
        current = self.ctx.user.code if self.ctx.has_user else None
        dialog = SignInDialog(self.ctx.db, self.store_label.text(), current, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._signed_in(dialog.chosen))
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _signed_in(self, member: Any) -> None:
        if member is not None:
            self.ctx.set_user(member)
            self.say(f"{member.name} is at the keyboard.")
        self.focus_search()

    def _if_may(self, act: Act, action: Any) -> None:
        """A shortcut for something the person may not do says so instead of opening it."""
        if self.ctx.may(act):
            action()
        elif self.ctx.has_user:
            user = self.ctx.user
            self.say(refusal(user.name, user.role, act))

    def _user_changed(self) -> None:
        """The window offers what the person at the keyboard may do, by the one table."""
        if not self.ctx.has_user:
            self.who.setText("Nobody signed in")
            return
        user = self.ctx.user
        self.who.setText(f"{user.name}  ·  {user.role.value.capitalize()}")
        self.new_intake.setVisible(self.ctx.may(Act.TAKE_IN))
        self.pickup.setVisible(self.ctx.may(Act.HAND_BACK))
        managing = self.ctx.may(Act.SETTINGS)
        if managing and "settings" not in self._screens:
            self.add_screen("settings", "Settings", self._make_settings, "Ctrl+,")
        if managing and "numbers" not in self._screens:
            self.add_screen("numbers", "Numbers", self._make_numbers, "Ctrl+7")
        for key in ("settings", "numbers"):
            if key in self._screens:
                self.nav.item(self._screens[key]).setHidden(not managing)
                if not managing and self.current_screen() == key:
                    self.show_screen("today")
        self.arm_idle_lock()

    def _show_store(self) -> None:
        settings = store_settings(self.ctx.db)
        self.store_label.setText(settings.name)
        self._idle_minutes = settings.idle_lock_minutes
        self.arm_idle_lock()

    # --- the idle lock ----------------------------------------------------------

    def arm_idle_lock(self) -> None:
        """Start the idle clock afresh: the store's minutes, or the context's test interval;
        0 minutes is never."""
        ms = self.ctx.idle_lock_ms
        if ms is None:
            ms = self._idle_minutes * 60_000
        if ms <= 0 or not self.ctx.has_user or self.locked is not None:
            self.idle.stop()
            return
        self.idle.setInterval(ms)
        self.idle.start()

    def lock(self) -> SignInDialog | None:
        """Nobody touched the window for the set time: cover it and ask for a PIN. Open
        dialogs stay as they are, behind the sign-in, with everything typed in them."""
        if self.locked is not None or not self.ctx.has_user:
            return self.locked
        self.idle.stop()
        self.search.results.hide()
        self.cover.setGeometry(self.rect())
        self.cover.raise_()
        self.cover.show()
        user = self.ctx.user
        minutes = self._idle_minutes if self.ctx.idle_lock_ms is None else 0
        after = f" after {minutes} minute{'s' if minutes != 1 else ''} idle" if minutes else ""
        dialog = SignInDialog(self.ctx.db, self.store_label.text(), user.code, self,
                              locked=f"Locked{after}. {user.name}, or anyone else, sign in to "
                                     "go on; what was typed is kept.")
        # Above every open dialog, and the only window that takes keys until a PIN is right.
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._unlocked(dialog.chosen))
        self.locked = dialog
        dialog.show()  # open() would make it modal to the main window only
        return dialog

    def _unlocked(self, member: Any) -> None:
        self.locked = None
        self.cover.hide()
        if member is not None and member.code != self.ctx.user.code:
            self.ctx.set_user(member)  # someone else is at the keyboard now
            self.say(f"{member.name} is at the keyboard.")
        self.arm_idle_lock()

    # --- focus ----------------------------------------------------------------

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self.focus_search)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.search.results.isVisible():
            self.search._place_results()
        if event.type() == QEvent.Type.Resize and self.cover.isVisible():
            self.cover.setGeometry(self.rect())
        return super().eventFilter(watched, event)

    def closeEvent(self, event: Any) -> None:
        if not _may_leave(self.stack.currentWidget()):
            event.ignore()
            return
        # A dialog with typing in it asks first, as its own Cancel would; kept, nothing closes.
        for dialog in [w for w in QApplication.topLevelWidgets()
                       if isinstance(w, CounterDialog) and w.isVisible()]:
            dialog.reject()
            if dialog.isVisible():
                event.ignore()
                return
        self.ctx.stop_watching()
        self.idle.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._idle_watch)
        super().closeEvent(event)


def _may_leave(screen: QWidget | None) -> bool:
    """A screen holding edits not saved (Settings) asks before it is left."""
    ask = getattr(screen, "may_leave", None)
    return ask() if callable(ask) else True
