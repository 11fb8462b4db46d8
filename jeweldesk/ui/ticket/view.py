"""A ticket's whole story on one screen, and the few things the counter does to it."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain import writing
from jeweldesk.domain.errors import Invalid
from jeweldesk.domain.status import thank_you_refusal
from jeweldesk.services.photos import add_photo, photo_data
from jeweldesk.services.story import TicketStory, ticket_story, visit_numbers
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.documents import (
    show_payment_receipt,
    show_receipt,
    show_tags,
    show_thank_you,
)
from jeweldesk.ui.common.fields import (
    BANNER_STYLE,
    GOOD_BANNER_STYLE,
    NOTE_STYLE,
    CounterDialog,
    banner,
)
from jeweldesk.ui.common.widgets import ElidedLabel
from jeweldesk.ui.ticket.actions import ContactForm, MovePanel, PromiseForm
from jeweldesk.ui.ticket.approval import ApprovalForm
from jeweldesk.ui.ticket.edit import EditTicketDialog
from jeweldesk.ui.ticket.money import MoneyPanel, bill_lines
from jeweldesk.ui.ticket.risk import RiskBanner
from jeweldesk.ui.ticket.tables import edits_table, history_table, parcels_table, set_rows, when

THUMB = 120
EDIT_TIP = ("Correct the piece, the services and prices, the jeweler or the occasion; "
            "every change is kept on record")


def field_grid(rows: list[tuple[str, QLabel]]) -> QGridLayout:
    grid = QGridLayout()
    grid.setHorizontalSpacing(12)
    grid.setVerticalSpacing(4)
    grid.setColumnStretch(1, 1)
    for n, (caption, value) in enumerate(rows):
        label = QLabel(caption)
        label.setStyleSheet(NOTE_STYLE)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(label, n, 0)
        grid.addWidget(value, n, 1)
    return grid


class TicketDialog(CounterDialog):
    def __init__(self, ctx: AppContext, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.number = number
        self.story: TicketStory = ticket_story(ctx.db, number)
        self.number = self.story.number
        self._thumbs: dict[int, QPixmap] = {}
        self.setWindowTitle(f"Ticket {self.number}")
        self.resize(1240, 860)

        # A long description is cut short here (whole on hover, and in full under The piece):
        # the window stays as wide as the screen whatever was typed at intake.
        self.title = ElidedLabel()
        self.title.setStyleSheet("font-size: 20px; font-weight: 600;")
        self.status = QLabel()
        self.status.setStyleSheet("font-size: 15px;")
        self.message = banner()
        self.risk = RiskBanner(ctx, self.number, self)

        self.customer = {k: QLabel() for k in ("name", "reach", "address", "prefers", "notes")}
        self.piece = {k: QLabel() for k in ("what", "metal", "stones", "condition", "value",
                                            "taken_in", "jeweler")}
        self.photos = QHBoxLayout()
        self.photos.setSpacing(8)
        self.money = {k: QLabel() for k in ("services", "paid", "total", "balance")}
        self.promise = {k: QLabel() for k in ("promised", "earlier", "occasion")}
        self.history = history_table()
        self.edits = edits_table()
        self.parcels = parcels_table()
        self.moves = MovePanel(self)
        self.change_promise = PromiseForm(self)
        self.contact = ContactForm(self)
        self.approval = ApprovalForm(self)

        left = QVBoxLayout()
        left.addWidget(self._group("Customer", field_grid([
            ("Name", self.customer["name"]), ("Reach", self.customer["reach"]),
            ("Address", self.customer["address"]), ("Prefers", self.customer["prefers"]),
            ("Notes", self.customer["notes"])])))
        piece = field_grid([
            ("Piece", self.piece["what"]), ("Metal", self.piece["metal"]),
            ("Stones", self.piece["stones"]), ("Condition", self.piece["condition"]),
            ("Declared value", self.piece["value"]), ("Taken in", self.piece["taken_in"]),
            ("Jeweler", self.piece["jeweler"])])
        piece.addLayout(self.photos, 7, 1)
        left.addWidget(self._group("The piece", piece))
        self.money_panel = MoneyPanel(self)
        money_box = field_grid([
            ("Services", self.money["services"]), ("Bill", self.money["paid"]),
            ("Total", self.money["total"]), ("Balance", self.money["balance"])])
        money_box.addWidget(self.money_panel, 4, 0, 1, 2)
        left.addWidget(self._group("Work and money", money_box))
        promise_box = field_grid([
            ("Promised for", self.promise["promised"]), ("Earlier", self.promise["earlier"]),
            ("Occasion", self.promise["occasion"])])
        promise_box.addWidget(self.change_promise, 3, 0, 1, 2)
        left.addWidget(self._group("The promise", promise_box))
        left.addWidget(self._group("The customer's yes", self.approval))
        left.addStretch(1)

        right = QVBoxLayout()
        right.addWidget(self._group("Move it on", self.moves))
        right.addWidget(self._group("Who had it, and when (chain of custody)", self.history), 3)
        self.edits_box = self._group("Changed after intake", self.edits)
        right.addWidget(self.edits_box, 2)
        self.parcels_box = self._group("Parcels it travelled in", self.parcels)
        right.addWidget(self.parcels_box)
        right.addWidget(self._group("Calls and messages", self.contact), 2)

        body = QWidget()
        columns = QHBoxLayout(body)
        columns.addLayout(left, 5)
        columns.addLayout(right, 6)
        self.story_area = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.status)
        layout.addLayout(header)
        layout.addLayout(self._buttons())
        layout.addWidget(self.message)
        layout.addWidget(self.risk)
        layout.addWidget(scroll, 1)

        ctx.changed.connect(self.reload)
        self.show_story()
        self.risk.refresh()
        # The keyboard starts on the custody list, where Enter does nothing: on a button, a
        # scanner's Enter opened Edit details and its next lines overwrote the piece's words.
        self.history.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """A ticket waiting for the customer's yes opens on the question, at the foot of the
        left column, below the fold on a counter's screen."""
        super().showEvent(event)
        if self.story.waiting_for is not None:
            QTimer.singleShot(0, self, lambda: self.story_area.ensureWidgetVisible(self.approval))

    def _buttons(self) -> QHBoxLayout:
        """Correcting the ticket on the left; its paper on the right, previewed before printing."""
        row = QHBoxLayout()
        self.edit_button = QPushButton("Edit details…")
        self.edit_button.clicked.connect(self.edit_details)
        self.photos_button = QPushButton("Add photos…")
        self.photos_button.clicked.connect(self._choose_photos)
        for button in (self.edit_button, self.photos_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        self.receipt_button = QPushButton("Claim receipt")
        self.receipt_button.setToolTip("The claim receipt for the whole visit")
        self.receipt_button.clicked.connect(
            lambda: show_receipt(self.ctx, visit_numbers(self.ctx.db, self.number), self))
        self.payment_button = QPushButton("Payment receipt")
        self.payment_button.setToolTip("What was paid, how, and what is left to pay")
        self.payment_button.clicked.connect(
            lambda: show_payment_receipt(self.ctx, [self.number], self))
        self.tag_button = QPushButton("Envelope tag")
        self.tag_button.clicked.connect(lambda: show_tags(self.ctx, [self.number], self))
        self.thanks_button = QPushButton("Thank-you note")
        self.thanks_button.clicked.connect(
            lambda: show_thank_you(self.ctx, [self.number], self))
        for button in (self.receipt_button, self.payment_button, self.tag_button,
                       self.thanks_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        return row

    @staticmethod
    def _group(title: str, content: QWidget | QGridLayout | QVBoxLayout) -> QGroupBox:
        box = QGroupBox(title)
        if isinstance(content, QWidget):
            layout = QVBoxLayout(box)
            layout.addWidget(content)
        else:
            box.setLayout(content)
        return box

    # Changing -----------------------------------------------------------------------------

    def edit_details(self) -> EditTicketDialog:
        dialog = EditTicketDialog(self.ctx, self.story, self)
        dialog.accepted.connect(lambda: self.say(
            "Saved. What changed is listed under the chain of custody.", good=True))
        dialog.open()
        return dialog

    def _choose_photos(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, f"Add photos to {self.number}", "",
            "Pictures (*.jpg *.jpeg *.png *.heic *.webp)")
        self.add_photos([Path(p) for p in paths])

    def add_photos(self, paths: list[Path]) -> None:
        refused = []
        for path in paths:
            try:
                add_photo(self.ctx.db, self.number, path.read_bytes(), self.ctx.user.code)
            except (Invalid, OSError):
                refused.append(path.name)
        added = len(paths) - len(refused)
        if refused:
            self.say(f"{', '.join(refused)}: not a picture JewelDesk can read"
                     + ("; the others were added." if added else "."))
        elif added:
            self.say(f"Added {added} photo{'s' if added > 1 else ''}.", good=True)

    question = "Throw away what was typed?"

    def unsaved(self) -> str | None:
        """A call's note or the work to ask about, typed and not yet logged: Escape, the close
        button or Cancel asks before it goes, as the intake does."""
        note = self.contact.note.text().strip()
        outcome = self.contact.outcome.currentText().strip()
        if note or outcome:
            said = f" (“{note[:60]}”)" if note else ""
            return (f"The call you were logging{said} is not saved yet. Keep typing to log "
                    "it, or throw it away.")
        asked = self.approval.what.text().strip()
        if asked and self.approval.ask_row.isVisible():
            return (f"The work to ask the customer about (“{asked[:60]}”) is not asked yet. "
                    "Keep typing to ask it, or throw it away.")
        return None

    # Showing ----------------------------------------------------------------------------

    def reload(self) -> None:
        self.story = ticket_story(self.ctx.db, self.number)
        self.show_story()
        self.risk.refresh()

    def say(self, message: str | None, good: bool = False) -> None:
        """A refusal or a conflict, in plain words at the top; it stays until the next action."""
        self.message.setStyleSheet(GOOD_BANNER_STYLE if good else BANNER_STYLE)
        self.message.setText(message or "")
        self.message.setVisible(bool(message))

    def show_story(self) -> None:
        s = self.story
        self.title.setText(f"{s.number} · {s.item_kind.value.capitalize()} — {s.item_description}")
        self.status.setText(f"<b>{s.status.label}</b> since {when(s.status_at)}")
        self.customer["name"].setText(s.customer_name)
        self.customer["reach"].setText(
            " · ".join(x for x in (s.customer_phone, s.customer_email) if x) or "no phone or email")
        self.customer["address"].setText(
            escape(s.customer_address).replace("\n", "<br>") if s.customer_address
            else "none on record (Customers, for letters)")
        self.customer["prefers"].setText(
            s.preferred_channel.value.replace("_", " ") if s.preferred_channel else "—")
        self.customer["notes"].setText(s.customer_notes or "—")
        self.piece["what"].setText(f"{s.item_kind.value.capitalize()}: {s.item_description}")
        self.piece["metal"].setText(s.item_metal or "—")
        self.piece["stones"].setText(s.item_stones or "—")
        self.piece["condition"].setText(s.item_condition or "nothing noted")
        self.piece["value"].setText(writing.money(s.declared_value) or "not declared")
        self.piece["taken_in"].setText(f"{when(s.received_at)} by {s.taken_in_by}")
        self.piece["jeweler"].setText(s.assigned_to_name or "not assigned")
        self._show_photos()
        self.money["services"].setText("<br>".join(
            f"{v.description} — {writing.money(v.price)}"
            + (f" <i>(at {v.vendor_name})</i>" if v.vendor_name else "")
            for v in s.services))
        self.money["paid"].setText("<br>".join(
            f"{escape(words)} <b>{amount}</b>" for words, amount in bill_lines(s)))
        self.money["total"].setText(writing.money(s.total))
        self.money["balance"].setText(f"<b>{writing.money(s.balance)}</b>")
        self.promise["promised"].setText(f"<b>{writing.day(s.promised_for)}</b>")
        self.promise["earlier"].setText("<br>".join(
            f"{writing.day(p.old_date)} → {writing.day(p.new_date)}, "
            f"changed {when(p.at)} by {p.by_name}"
            + (f": {p.reason}" if p.reason else "") for p in s.promises) or "none; the first "
            "promise stands")
        self.promise["occasion"].setText(
            f"{s.occasion_what or 'an occasion'} on {writing.day(s.occasion_date)}"
            if s.occasion_date else (s.occasion_what or "—"))
        set_rows(self.history, [
            (when(e.at), e.status.label, e.by_name, e.note or "") for e in s.events])
        set_rows(self.parcels, [
            # Days are enough here; the chain of custody above has the times.
            (p.ref, p.vendor_name, writing.day(p.sent_at.date()), writing.day(p.expected_back),
             writing.day(p.returned_at.date()) if p.returned_at else
             f"missing: the box came back {writing.day(p.checked_in_without.date())} "
             "without it" if p.checked_in_without else "not back yet",
             " ".join(x for x in (p.carrier, p.tracking) if x)) for p in s.parcels])
        self.parcels_box.setVisible(bool(s.parcels))
        set_rows(self.edits, [
            (when(e.at), e.by_name, e.label, f"{e.old_value or '—'} → {e.new_value or '—'}")
            for e in s.edits])
        self.edits_box.setVisible(bool(s.edits))
        self.edit_button.setEnabled(bool(s.allowed_moves))
        self.edit_button.setToolTip(
            EDIT_TIP if s.allowed_moves
            else f"{s.status.label}: a closed ticket's record stays as it was")
        not_yet = thank_you_refusal(s.number, s.status)
        self.thanks_button.setEnabled(not_yet is None)
        self.thanks_button.setToolTip(not_yet or "The thank-you note handed over with the piece")
        self.moves.show_moves(s)
        self.change_promise.show_story(s)
        self.money_panel.show_story(s)
        self.contact.show_contacts(s)
        self.approval.show_story(s)

    def _show_photos(self) -> None:
        while self.photos.count():
            item = self.photos.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for view in self.story.photos:
            if view.id not in self._thumbs:
                pixmap = QPixmap()
                pixmap.loadFromData(photo_data(self.ctx.db, view.id))
                self._thumbs[view.id] = pixmap.scaled(
                    THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation)
            label = QLabel()
            label.setPixmap(self._thumbs[view.id])
            label.setToolTip(f"{view.stage} photo, {view.width}×{view.height}")
            self.photos.addWidget(label)
        if not self.story.photos:
            none = QLabel("No photos")
            none.setStyleSheet(NOTE_STYLE)
            self.photos.addWidget(none)
        self.photos.addStretch(1)


def open_ticket(ctx: AppContext, number: str, over: QWidget) -> TicketDialog:
    """The one way anything in the window opens a ticket's story: over ``over``, which waits
    while it is open, and gone once closed. Raises NotFound for a number no ticket has."""
    dialog = TicketDialog(ctx, number, over)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
