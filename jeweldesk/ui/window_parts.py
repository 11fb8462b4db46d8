"""The main window's search-and-scan box, its idle watch and the cover it locks under."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from jeweldesk.domain import writing
from jeweldesk.services.lookup import Found, search

if TYPE_CHECKING:
    from jeweldesk.ui.main_window import MainWindow

NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1
TYPING_PAUSE_MS = 150
RESULTS_SHOWN = 12


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
        self.setPlaceholderText(
            "Scan an envelope, or type a number, a name, a phone or a word about the piece   ( / )")
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
