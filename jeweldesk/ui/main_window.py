"""The main window: the search-and-scan box, the screens, and who is at the keyboard."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain import writing
from jeweldesk.domain.errors import NotFound
from jeweldesk.domain.permissions import Act, refusal
from jeweldesk.services.lookup import Found, search
from jeweldesk.services.store import store_settings
from jeweldesk.ui.bench.bench import BenchScreen
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.store_file import StoreFileMenu
from jeweldesk.ui.common.widgets import PROBLEM_COLOUR
from jeweldesk.ui.counter.board import TicketBoard
from jeweldesk.ui.counter.customers import CustomersScreen
from jeweldesk.ui.counter.intake import IntakeDialog
from jeweldesk.ui.counter.pickup import PickupDialog
from jeweldesk.ui.numbers.numbers import NumbersScreen
from jeweldesk.ui.parcels.parcels import ParcelsScreen
from jeweldesk.ui.parcels.vendors import VendorsScreen
from jeweldesk.ui.settings.settings import SettingsScreen
from jeweldesk.ui.start.sign_in import SignInDialog
from jeweldesk.ui.ticket.view import open_ticket
from jeweldesk.ui.today.today import TodayView

NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2
TYPING_PAUSE_MS = 150
RESULTS_SHOWN = 12
SCAN_PROBLEM_WIDTH = 340


# What counts as someone at the keyboard, for the idle lock.
TOUCHES = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                     QEvent.Type.MouseMove, QEvent.Type.Wheel})


class IdleWatch(QObject):
    """Restarts the idle clock on any key, click, move or scroll anywhere in the app."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in TOUCHES and self.window_.locked is None:
            self.window_.idle.start()
        return False


class LockCover(QWidget):
    """Over the window while it is locked, so the lists behind the sign-in stay unread."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#lockCover { background: #2b2f36; } QLabel { color: #f6f5f2; }")
        layout = QVBoxLayout(self)
        self.words = QLabel("Locked: sign in to go on.")
        self.words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.words.setStyleSheet("font-size: 20px;")
        layout.addWidget(self.words)
        self.hide()


class SearchBox(QLineEdit):
    """Ticket number, scanned envelope, part of a name or phone: results as you type."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setPlaceholderText("Scan an envelope, or type a number, name or phone   ( / )")
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(420)
        self.results = QListWidget(window)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setObjectName("searchResults")
        self.results.hide()
        self.results.itemClicked.connect(self._clicked)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.look_up)
        self.textChanged.connect(self._typing.start)
        self.returnPressed.connect(self.open_chosen)
        # Let a click on a result land before the list goes away.
        self._hide_later = QTimer(self)
        self._hide_later.setSingleShot(True)
        self._hide_later.setInterval(150)
        self._hide_later.timeout.connect(self._hide_unless_focused)

    def _hide_unless_focused(self) -> None:
        if not self.hasFocus():
            self.results.hide()

    def look_up(self) -> list[Found]:
        self._typing.stop()
        found = search(self.window_.ctx.db, self.text(), limit=RESULTS_SHOWN)
        self.results.clear()
        for hit in found:
            phone = f"  ·  {hit.customer_phone}" if hit.customer_phone else ""
            promised = writing.short_day(hit.promised_for, year=True)
            item = QListWidgetItem(
                f"{hit.number}   {hit.customer_name}{phone}\n"
                f"      {hit.item}  ·  {hit.status.label}  ·  promised {promised}"
            )
            item.setData(NUMBER_ROLE, hit.number)
            self.results.addItem(item)
        if found:
            self.results.setCurrentRow(0)
            self._place_results()
        else:
            self.results.hide()
        return found

    def _place_results(self) -> None:
        below = self.mapTo(self.window_, QPoint(0, self.height() + 2))
        rows = min(self.results.count(), 8)
        height = rows * (self.results.sizeHintForRow(0) or 40) + 6
        self.results.setGeometry(below.x(), below.y(), max(self.width(), 560), height)
        self.results.raise_()
        self.results.show()

    def open_chosen(self) -> None:
        """Enter: the highlighted result; an exact number (a scan) comes first anyway."""
        text = self.text().strip()
        if not text:
            return
        if self._typing.isActive() or not self.results.isVisible():
            self.look_up()
        item = self.results.currentItem()
        if item is None:
            # The box is emptied so the next scan is read alone, not run on after this one
            # ("R-99999R-10002"); what failed is said beside the box, where the eye is.
            self.finish()
            self.window_.scan_failed(f"No ticket or customer matches “{text}”: scan it again")
            return
        self.finish()
        self.window_.open_ticket(item.data(NUMBER_ROLE))

    def finish(self) -> None:
        self._typing.stop()
        self.blockSignals(True)
        self.clear()
        self.blockSignals(False)
        self.results.hide()

    def _clicked(self, item: QListWidgetItem) -> None:
        self.finish()
        self.window_.open_ticket(item.data(NUMBER_ROLE))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.isVisible():
            step = 1 if key == Qt.Key.Key_Down else -1
            row = (self.results.currentRow() + step) % self.results.count()
            self.results.setCurrentRow(row)
            return
        if key == Qt.Key.Key_Escape:
            self.finish()
            self.window_.scan_failed(None)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        self._hide_later.start()


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.last_dialog: QWidget | None = None
        self._screens: dict[str, int] = {}
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
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

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
        self.board = TicketBoard(ctx, self.open_ticket)
        self.customers = CustomersScreen(ctx, self.open_ticket)
        self.add_screen("today", "Today", self.today, "Ctrl+1")
        self.add_screen("tickets", "Tickets", self.board, "Ctrl+2")
        self.add_screen("customers", "Customers", self.customers, "Ctrl+3")
        self.add_screen("bench", "Bench", BenchScreen(ctx), "Ctrl+4")
        self.add_screen("parcels", "Parcels", ParcelsScreen(ctx), "Ctrl+5")
        self.add_screen("vendors", "Vendors", VendorsScreen(ctx), "Ctrl+6")
        self.settings: SettingsScreen | None = None
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

    def add_screen(self, key: str, title: str, widget: QWidget,
                   shortcut: str | None = None) -> None:
        """A screen in the navigation; other parts of the app add theirs (Bench, Vendors…)."""
        index = self.stack.addWidget(widget)
        self._screens[key] = index
        item = QListWidgetItem(title)
        item.setData(KEY_ROLE, key)
        item.setToolTip(f"{title} ({shortcut})" if shortcut else title)
        self.nav.addItem(item)
        if shortcut:
            QShortcut(QKeySequence(shortcut), self, lambda: self.show_screen(key))

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
        index = self._screens.get(key)
        return None if index is None else self.stack.widget(index)

    # --- tickets and intake -------------------------------------------------

    def open_ticket(self, number: str) -> QWidget | None:
        """What every screen is handed to open a ticket: the story over the window, and the
        search box ready again once it closes."""
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
        return self._open(IntakeDialog(self.ctx, self))

    def open_pickup(self, numbers: list[str] | None = None) -> QWidget:
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
        if managing and self.settings is None:
            self.settings = SettingsScreen(self.ctx)
            self.add_screen("settings", "Settings", self.settings, "Ctrl+,")
        if managing and "numbers" not in self._screens:
            self.add_screen("numbers", "Numbers", NumbersScreen(self.ctx), "Ctrl+7")
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
        self.ctx.stop_watching()
        self.idle.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._idle_watch)
        super().closeEvent(event)


def sign_in_first(ctx: AppContext, parent: QWidget | None = None) -> bool:
    """At start-up: nobody works the counter until they say who they are."""
    dialog = SignInDialog(ctx.db, store_settings(ctx.db).name, None, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
        return False
    ctx.set_user(dialog.chosen)
    return True
