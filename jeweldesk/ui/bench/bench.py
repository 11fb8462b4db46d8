"""The Bench: a jeweler's queue, and the scan box that moves an envelope on.

Scan an envelope (or type its number) and press Enter; then a move's letter and
Enter (S start, P waiting for parts, Q quality check, R ready; V sends it to a
vendor in a parcel; A asks the customer's yes for work found, "A re-shank 180").
Letters alone never move anything: a scanner typing
"R-10002" must not mark the last envelope ready.

After every move the keyboard is back in the scan box, because the next thing a
jeweler does is scan. A note is its own step: typed after the letter ("P clasp
from Stuller", saved at once), or in its own field whose Enter hands the keyboard
back. A scan that lands in a note opens that envelope and is never saved as words.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain.errors import Conflict, ServiceError
from jeweldesk.domain.kinds import Role
from jeweldesk.domain.levels import Level
from jeweldesk.domain.permissions import Act
from jeweldesk.services.bench import (
    BenchMove,
    BenchQueue,
    Scanned,
    add_finished_photo,
    bench_move_for,
    bench_queue,
    jewelers,
    move_on,
    scan,
    scanned_number_in,
    wait_for_parts,
)
from jeweldesk.services.prepare import FlagWithHandling
from jeweldesk.ui.bench.asking import ASK_KEY, AskRow
from jeweldesk.ui.bench.card import SEND_KEY, card_text, card_tip
from jeweldesk.ui.bench.models import queue_model, waiting_model
from jeweldesk.ui.bench.parts import PartsRow
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.widgets import (
    PROBLEM_COLOUR,
    days_text,
    heading,
    muted,
    table_view,
)
from jeweldesk.ui.parcels.send import SendParcelDialog
from jeweldesk.ui.settings.days_off import JewelerDaysOffDialog

WORK_COLUMN = 5  # the queue's "Work" column
DONE_COLOUR = "#1e6b34"


class BenchScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.scanned: Scanned | None = None

        self.jeweler = QComboBox()
        self.jeweler.setMinimumWidth(200)
        self.days_off_button = QPushButton("Days off…")
        self.days_off_button.setAutoDefault(False)
        self.days_off_button.clicked.connect(lambda: self.open_days_off())
        self.days_off_dialog: JewelerDaysOffDialog | None = None
        self.scan_box = QLineEdit()
        self.scan_box.setPlaceholderText("Scan an envelope or type its number, then Enter")
        self.scan_box.setClearButtonEnabled(True)
        self.scan_box.returnPressed.connect(self._entered)

        self.card = QLabel()
        self.card.setWordWrap(True)
        self.card.setTextFormat(Qt.TextFormat.RichText)
        self.move_buttons: dict[str, QPushButton] = {}
        for key in "SPQR":
            found = bench_move_for(key)
            assert found is not None
            button = QPushButton(f"{key}  {found.label}")
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            self.move_buttons[key] = button
        self.send_button = QPushButton(f"{SEND_KEY}  Send in a parcel…")
        self.send_button.setToolTip("A piece goes to a vendor in a parcel, so its custody "
                                    "names the vendor and the parcel")
        self.send_button.clicked.connect(lambda: self.press(SEND_KEY))
        self.send_dialog: SendParcelDialog | None = None
        self.ask_button = QPushButton(f"{ASK_KEY}  Ask the customer…")
        self.ask_button.setToolTip("Work found beyond the estimate waits for the customer's "
                                   "yes, and the promise waits with it")
        self.ask_button.clicked.connect(lambda: self.ask_customer())
        self.photos_button = QPushButton("Photos of finished work…")
        self.photos_button.clicked.connect(self._choose_photos)

        self.note = QLineEdit()
        self.note.setPlaceholderText("Note for the next move (optional): what you found, "
                                     "what you did — Enter keeps it and goes back to the scan "
                                     "box")
        self.note.returnPressed.connect(self._note_entered)
        self.parts_row = PartsRow(ctx, self._say, self.scan_box.setFocus, self._scan_in_note,
                                  self._put_aside)
        self.ask_row = AskRow(ctx, self._say, self.scan_box.setFocus, self._scan_in_note)
        self.message = QLabel()
        self.message.setWordWrap(True)

        self.queue = queue_model(self)
        ctx.risk.updated.connect(lambda rows: self.queue.set_risk(_risk_marks(rows)))
        self.waiting = waiting_model(self)
        self.queue_view = table_view(self.queue)
        self.queue_view.doubleClicked.connect(
            lambda index: self.load(self.queue.row_at(index.row()).number))
        self.waiting_view = table_view(self.waiting)
        self.waiting_view.doubleClicked.connect(
            lambda index: self.load(self.waiting.row_at(index.row()).number))
        self.queue_title = heading("Queue", 1)
        self.waiting_title = heading("Waiting for parts", 1)

        self._lay_out()
        self._fill_jewelers()
        self.jeweler.currentIndexChanged.connect(lambda _i: self.reload())
        ctx.changed.connect(self._changed_elsewhere)
        ctx.user_changed.connect(self._pick_signed_in)
        ctx.user_changed.connect(self._may_plan_days_off)
        ctx.user_changed.connect(self._scan_after_signing_in)
        self.show_scanned(None)
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Coming to the Bench, the keyboard is in its scan box: a scan there moves the
        envelope on, where the window's search box would open the ticket instead."""
        super().showEvent(event)
        self.scan_box.setFocus(Qt.FocusReason.OtherFocusReason)

    def _scan_after_signing_in(self) -> None:
        """Signing in hands the keyboard to the window's search box; at the Bench it comes
        back here once the sign-in is done, for the jeweler's first scan."""
        if self.isVisible():
            QTimer.singleShot(0, self, lambda: self.scan_box.setFocus(
                Qt.FocusReason.OtherFocusReason))

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("Jeweler"))
        top.addWidget(self.jeweler)
        top.addWidget(self.days_off_button)
        top.addSpacing(16)
        top.addWidget(self.scan_box, 1)

        panel = QFrame()
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel_layout = QVBoxLayout(panel)
        panel_layout.addWidget(self.card)
        panel_layout.addLayout(self._moves_row())
        panel_layout.addWidget(self.note)
        panel_layout.addWidget(self.parts_row)
        panel_layout.addWidget(self.ask_row)
        panel_layout.addWidget(self.message)

        lists = QSplitter(Qt.Orientation.Vertical)
        lists.setChildrenCollapsible(False)
        for title, view, hint in (
            (self.queue_title, self.queue_view, "Earliest promise first. Double-click to load."),
            (self.waiting_title, self.waiting_view, None),
        ):
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 6, 0, 0)
            box_layout.addWidget(title)
            if hint:
                box_layout.addWidget(muted(hint))
            box_layout.addWidget(view, 1)
            lists.addWidget(box)
        lists.setSizes([420, 180])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(panel)
        layout.addWidget(lists, 1)

    def _moves_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for button in self.move_buttons.values():
            row.addWidget(button)
        row.addWidget(self.send_button)
        row.addWidget(self.ask_button)
        row.addStretch(1)
        row.addWidget(self.photos_button)
        return row

    # --- the jeweler and the lists --------------------------------------------

    def _fill_jewelers(self) -> None:
        """Everyone who works the bench, kept up as people are added or retire; the one
        chosen stays chosen while they are still here."""
        people = [(person.name, person.code) for person in jewelers(self.ctx.db)]
        shown = [(self.jeweler.itemText(i), self.jeweler.itemData(i))
                 for i in range(self.jeweler.count())]
        if people == shown:
            return
        chosen = self.jeweler_code()
        self.jeweler.blockSignals(True)
        self.jeweler.clear()
        for name, code in people:
            self.jeweler.addItem(name, code)
        self.jeweler.blockSignals(False)
        if chosen is not None and self.jeweler.findData(chosen) >= 0:
            self.jeweler.setCurrentIndex(self.jeweler.findData(chosen))
        else:
            self._pick_signed_in()

    def _pick_signed_in(self) -> None:
        if self.ctx.has_user and self.ctx.user.role == Role.BENCH:
            index = self.jeweler.findData(self.ctx.user.code)
            if index >= 0:
                self.jeweler.setCurrentIndex(index)

    def open_days_off(self) -> JewelerDaysOffDialog | None:
        """The chosen jeweler's days off ahead, for them or a manager to add to."""
        code = self.jeweler_code()
        if code is None:
            return None
        self.days_off_dialog = JewelerDaysOffDialog(self.ctx, code, self.jeweler.currentText(),
                                                    self)
        self.days_off_dialog.open()
        return self.days_off_dialog

    def _may_plan_days_off(self) -> None:
        own = self.ctx.has_user and self.ctx.user.code == self.jeweler_code()
        self.days_off_button.setEnabled(self.jeweler_code() is not None and self.ctx.may(
            Act.OWN_DAYS_OFF if own else Act.DAYS_OFF))

    def jeweler_code(self) -> str | None:
        code = self.jeweler.currentData()
        return str(code) if code else None

    def set_jeweler(self, code: str) -> None:
        self.jeweler.setCurrentIndex(self.jeweler.findData(code))

    def _fit_queue(self) -> None:
        """The work gives way (whole on hover) so status and occasion always show; set after
        each reset, which forgets per-column sizing."""
        header = self.queue_view.horizontalHeader()
        header.setSectionResizeMode(WORK_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(WORK_COLUMN, 230)
        self.queue_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def reload(self) -> None:
        code = self.jeweler_code()
        self._may_plan_days_off()
        if code is None:
            return
        found: BenchQueue = bench_queue(self.ctx.db, code)
        self.queue.set_rows(found.queue, today=found.today)
        self._fit_queue()
        self.ctx.risk.ensure()
        self.waiting.set_rows(found.waiting, found.today)
        asked = sum(1 for line in found.queue if line.asked)
        self.queue_title.setText(f"{found.jeweler.name}'s queue — "
                                 f"{days_text(len(found.queue), 'piece')}"
                                 + (f" · {asked} waiting for a yes" if asked else ""))
        self.waiting_title.setText(f"Waiting for parts — {len(found.waiting)}")

    def _changed_elsewhere(self) -> None:
        self._fill_jewelers()
        self.reload()
        if self.scanned is not None:
            self._rescan(self.scanned.number)

    # --- the scan box -------------------------------------------------------

    def _entered(self) -> None:
        text = self.scan_box.text().strip()
        self.scan_box.clear()
        if not text:
            return
        key, _, note = text.partition(" ")
        if self.scanned is not None and key.upper() == ASK_KEY:
            self.ask_customer(note)
            return
        if self.scanned is not None and len(key) == 1 and key.isalpha():
            if note.strip():
                self.note.setText(note.strip())
            self.press(key, noted=bool(note.strip()))
            return
        self.load(text)

    def load(self, number: str) -> None:
        self.parts_row.close_row()
        self.ask_row.close_row()
        if self.scanned is not None and self.scanned.number != number.strip().upper():
            self.note.clear()  # a note is for the piece it was typed for
        try:
            self.show_scanned(scan(self.ctx.db, number))
        except ServiceError as exc:
            self.show_scanned(None)
            self._say(str(exc), problem=True)
            return
        self._say("")
        self.scan_box.setFocus()

    def _rescan(self, number: str) -> None:
        try:
            self.show_scanned(scan(self.ctx.db, number))
        except ServiceError:
            self.show_scanned(None)

    def show_scanned(self, scanned: Scanned | None) -> None:
        self.scanned = scanned
        allowed = {m.key for m in scanned.moves} if scanned else set()
        for key, button in self.move_buttons.items():
            button.setVisible(key in allowed)
        self.send_button.setVisible(scanned is not None and scanned.may_go_out)
        may_ask = scanned is not None and bool(scanned.moves) and scanned.asked is None
        self.ask_button.setVisible(may_ask)
        self.photos_button.setEnabled(scanned is not None)
        self.note.setEnabled(scanned is not None)
        self.card.setText(card_text(scanned, may_ask))
        self.card.setToolTip(card_tip(scanned))

    def press(self, key: str, noted: bool = False) -> None:
        """A move's letter, from the scan box or a button; ``noted``: the note came with it
        ("P clasp from Stuller"), so nothing more is asked."""
        if self.scanned is None:
            return
        if key.upper() == SEND_KEY and self.scanned.may_go_out:
            self.send_in_parcel()
            return
        found: BenchMove | None = bench_move_for(key)
        if found is None or found not in self.scanned.moves:
            offered = ", ".join([f"{m.key} ({m.label.lower()})" for m in self.scanned.moves]
                                + ([f"{SEND_KEY} (send in a parcel)"]
                                   if self.scanned.may_go_out else []))
            self._say(f"{key.upper()} is not a move for {self.scanned.number} while it is "
                      f"{self.scanned.status.said}. "
                      + (f"Offered: {offered}." if offered else ""), problem=True)
            return
        if found.key == "P":
            if noted:  # the note is given: put it aside now, the keyboard stays for the scan
                self._run(lambda s: wait_for_parts(self.ctx.db, s.number, self.ctx.user.code,
                                                   None, self.note.text(), s.version))
                return
            self.parts_row.open_for(self.scanned.today, self.note.text())
            return
        self._move(found)

    def ask_customer(self, typed: str = "") -> None:
        """Work found beyond the estimate: it waits for the customer's yes (see asking)."""
        if self.scanned is None:
            return
        self.parts_row.hide()
        self.ask_row.open_for(self.scanned.number, typed)

    def send_in_parcel(self) -> SendParcelDialog | None:
        """To a vendor only in a parcel: a new parcel with this piece in it."""
        if self.scanned is None:
            return None
        self.send_dialog = SendParcelDialog(self.ctx, [self.scanned.number], self)
        self.send_dialog.finished.connect(lambda _r: self._back_from_parcel())
        self.send_dialog.open()
        return self.send_dialog

    def _back_from_parcel(self) -> None:
        if self.scanned is not None:
            self._rescan(self.scanned.number)
        self.scan_box.setFocus()

    def _note_entered(self) -> None:
        """The note's own Enter: kept for the next move, and the keyboard back to the scan."""
        if self._scan_in_note(self.note):
            return
        if self.scanned is not None and self.note.text().strip():
            self._say(f"Note kept for {self.scanned.number}'s next move.")
        self.scan_box.setFocus()

    def _scan_in_note(self, field: QLineEdit) -> bool:
        """A scan that landed in a note opens its envelope; nothing of the note is saved."""
        found = scanned_number_in(self.ctx.db, field.text())
        if found is None:
            return False
        _words, number = found
        left = self.scanned.number if self.scanned else None
        field.clear()
        self.load(number)
        if left is not None and left != number:
            self._say(f"{number} was scanned into the note, so it is open now; nothing was "
                      f"saved for {left}.", problem=True)
        return True

    def _put_aside(self, expected: date, note: str) -> None:
        if self.scanned is None:
            return
        self._run(lambda s: wait_for_parts(self.ctx.db, s.number, self.ctx.user.code, expected,
                                           note, s.version))

    def _move(self, found: BenchMove) -> None:
        self._run(lambda s: move_on(self.ctx.db, s.number, found.to, self.ctx.user.code,
                                    self.note.text(), s.version))

    def _run(self, action: Callable[[Scanned], Scanned]) -> None:
        scanned = self.scanned
        assert scanned is not None
        try:
            state = action(scanned)
        except Conflict as exc:
            self._say(str(exc), problem=True)
            self._rescan(scanned.number)
            self.reload()
            self.scan_box.setFocus()
            return
        except ServiceError as exc:
            self._say(str(exc), problem=True)
            self.scan_box.setFocus()
            return
        self.note.clear()
        self.parts_row.close_row()
        self._say(f"{state.number} is now {state.status.said}.")
        self.show_scanned(state)  # the envelope as the move left it, read in its own session
        self.scan_box.setFocus()

    # --- photos of finished work ----------------------------------------------

    def _choose_photos(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Photos of the finished work", "",
                                                "Pictures (*.jpg *.jpeg *.png *.heic *.webp)")
        self.add_photos([Path(f) for f in files])

    def add_photos(self, paths: list[Path]) -> None:
        if self.scanned is None or not paths:
            return
        try:
            for path in paths:
                add_finished_photo(self.ctx.db, self.scanned.number, path.read_bytes(),
                                   self.ctx.user.code)
        except (ServiceError, OSError) as exc:
            self._say(str(exc), problem=True)
            return
        self._say(f"{days_text(len(paths), 'photo')} of the finished work kept with "
                  f"{self.scanned.number}.")

    def _say(self, text: str, problem: bool = False) -> None:
        colour = PROBLEM_COLOUR if problem else DONE_COLOUR
        self.message.setStyleSheet(f"color: {colour};")
        self.message.setText(text)


def _risk_marks(rows: list[FlagWithHandling]) -> dict[str, tuple[Level, str]]:
    """Each listed piece's level and reasons, from the early-warning engine."""
    flags = [r.flag for r in rows]
    return {f.ticket: (f.level, "; ".join(f.reasons)) for f in flags if f.listed}
