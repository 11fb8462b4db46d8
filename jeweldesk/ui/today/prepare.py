"""Prepare the customer: one screen to read from during the call, then the call on record."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain import writing
from jeweldesk.domain.errors import Invalid, ServiceError
from jeweldesk.domain.kinds import Channel
from jeweldesk.domain.levels import Level
from jeweldesk.services.prepare import (
    AGREED_NEW_DATE,
    NEW_DATE,
    OUTCOMES,
    WayOut,
    briefing,
    log_preparation,
    write_instead,
)
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.fields import as_the_store_writes, from_qdate, may_throw_away
from jeweldesk.ui.common.widgets import (
    MUTED_COLOUR,
    ProblemLabel,
    as_label,
    heading,
    muted,
)
from jeweldesk.ui.today.at_risk_model import (
    OCCASION_MARK,
    level_colours,
    level_label,
)
from jeweldesk.ui.today.write_instead import WriteInstead

CHANNELS = {Channel.PHONE: "Phone call", Channel.SMS: "Text message", Channel.EMAIL: "Email",
            Channel.IN_PERSON: "In person"}
PREFERRED_STYLE = ("background: #e1efe4; color: #1e4d2b; border: 1px solid #a9cfb2;"
                   " border-radius: 3px; padding: 2px 8px; font-weight: 600;")
WORDS_STYLE = f"color: {MUTED_COLOUR}; font-style: italic; margin-left: 24px;"
TIP = "Offer a way out, then stop and listen: let them choose what suits them."


def badge(level: Level | None) -> QLabel:
    """The flag's level as a small coloured tag."""
    label = QLabel(level_label(level))
    back, fore = level_colours(level)
    label.setStyleSheet(f"background: {back}; color: {fore}; border-radius: 3px;"
                        " padding: 2px 8px; font-weight: 600;")
    label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return label


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class PrepareDialog(QDialog):
    """The briefing laid out for a phone call, and the form to log how the call went."""

    def __init__(self, ctx: AppContext, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.brief = briefing(ctx.db, number)
        self.number = self.brief.number
        self.setWindowTitle(f"Prepare the customer · {self.number}")
        self.offers: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addWidget(self._who())
        layout.addWidget(_rule())
        middle = QHBoxLayout()
        middle.setSpacing(24)
        middle.addWidget(self._what_to_tell(), 1)
        middle.addWidget(self._ways_out(), 1)
        layout.addLayout(middle, 1)
        layout.addWidget(_rule())
        layout.addWidget(self._log_the_call())
        self.resize(980, 720)
        self.note.setFocus()

    # The briefing -------------------------------------------------------------------------

    def _who(self) -> QWidget:
        b = self.brief
        box = QWidget()
        grid = QVBoxLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        top = QHBoxLayout()
        top.addWidget(heading(b.customer_name, 5))
        top.addSpacing(8)
        top.addWidget(badge(b.level), 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        top.addWidget(muted(f"Ticket {b.number}"), 0, Qt.AlignmentFlag.AlignVCenter)
        grid.addLayout(top)
        grid.addLayout(self._reach())
        if b.occasion_date is not None:
            what = b.occasion_what or "An occasion"
            needs = "Needs it for" if b.occasion_date >= b.today else "Needed it for"
            occasion = QLabel(f"{OCCASION_MARK} <b>{needs} {escape(what)} on "
                              f"{escape(writing.long_day(b.occasion_date))}</b>")
            if b.occasion_threatened:
                occasion.setStyleSheet(f"color: {level_colours(Level.LATE)[1]};")
            occasion.setObjectName("occasion")
            occasion.setWordWrap(True)
            grid.addWidget(occasion)
        piece = QLabel(f"<b>{escape(sentence(b.piece))}</b> — {escape(', '.join(b.work))}")
        piece.setWordWrap(True)
        grid.addWidget(piece)
        if b.customer_notes:
            grid.addWidget(muted(f"Notes: {b.customer_notes}"))
        if b.handled is not None and b.handled.handling is not None:
            h = b.handled.handling
            state = "already handled" if b.handled.handled else "handled before, since changed"
            on = writing.long_day(h.at.date())
            grid.addWidget(muted(f"{sentence(state)}: {h.by_name}, {on}"))
        return box

    def _reach(self) -> QHBoxLayout:
        b = self.brief
        row = QHBoxLayout()
        row.setSpacing(10)
        ways = [(Channel.PHONE, b.phone), (Channel.SMS, b.phone), (Channel.EMAIL, b.email)]
        shown = False
        for channel, value in ways:
            if not value or (channel == Channel.SMS and b.preferred_channel != Channel.SMS):
                continue
            text = f"{CHANNELS[channel]}: {value}"
            label = QLabel(text)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if channel == b.preferred_channel:
                label.setText(f"{text}  · preferred")
                label.setStyleSheet(PREFERRED_STYLE)
                label.setObjectName("preferred")
            row.addWidget(label)
            shown = True
        if b.preferred_channel == Channel.IN_PERSON:
            row.addWidget(QLabel("Prefers to talk in person"))
        elif not shown:
            row.addWidget(muted("No phone or email on record"))
        row.addStretch(1)
        return row

    def _what_to_tell(self) -> QWidget:
        b = self.brief
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(8)
        col.addWidget(heading("What to tell them", 1))
        opening = QLabel(f"“{b.opening}”")
        opening.setWordWrap(True)
        opening.setStyleSheet("background: #fbfaf6; border-left: 3px solid #c9b98f;"
                              " padding: 6px 10px; font-style: italic;")
        col.addWidget(opening)
        dates = QGridLayout()
        dates.setHorizontalSpacing(14)
        dates.setVerticalSpacing(4)
        facts = [("Promised for", writing.long_day(b.promised_for))]
        if b.original_promised_for != b.promised_for:
            facts.append(("First promised", writing.long_day(b.original_promised_for)))
        if b.expected_ready is not None:
            facts.append(("Expected ready", writing.long_day(b.expected_ready)))
        if b.occasion_date is not None:
            passed = " (passed)" if b.occasion_date < b.today else ""
            facts.append(("Occasion", writing.long_day(b.occasion_date) + passed))
        facts.append(("Where it is", sentence(b.where_now)))
        for row, (name, value) in enumerate(facts):
            dates.addWidget(_label(name), row, 0, Qt.AlignmentFlag.AlignTop)
            value_label = QLabel(value)
            value_label.setWordWrap(True)
            dates.addWidget(value_label, row, 1)
        dates.setColumnStretch(1, 1)
        col.addLayout(dates)
        if b.reasons:
            col.addWidget(_label("Why"))
            reasons = QLabel("".join(f"<li>{escape(sentence(r))}</li>" for r in b.reasons))
            reasons.setText(f"<ul style='margin-left:-24px'>{reasons.text()}</ul>")
            reasons.setWordWrap(True)
            reasons.setObjectName("reasons")
            col.addWidget(reasons)
        col.addStretch(1)
        return box

    def _ways_out(self) -> QWidget:
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(4)
        col.addWidget(heading("Ways out to offer", 1))
        col.addWidget(muted(TIP))
        for way in self.brief.ways_out:
            col.addSpacing(6)
            col.addWidget(self._offer(way))
        col.addStretch(1)
        return box

    def _offer(self, way: WayOut) -> QWidget:
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        check = QCheckBox(as_label(way.title))
        check.setObjectName(f"offer_{way.key}")
        self.offers[way.key] = check
        words = QLabel(f"“{way.words}”")
        words.setWordWrap(True)
        words.setStyleSheet(WORDS_STYLE)
        col.addWidget(check)
        col.addWidget(words)
        return box

    # Logging the call ---------------------------------------------------------------------

    def _log_the_call(self) -> QWidget:
        b = self.brief
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(6)
        col.addWidget(heading("Log the call", 1))
        self.channel = QComboBox()
        for channel, label in CHANNELS.items():
            self.channel.addItem(label, channel)
        self.channel.setCurrentIndex(max(0, self.channel.findData(b.preferred_channel)))
        self.outcome = QComboBox()
        self.outcome.addItems(list(OUTCOMES))
        self.outcome.setEditable(True)  # the list covers most calls; anything else is typed
        self.outcome.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.outcome.setMinimumContentsLength(16)
        self.new_date = QDateEdit(qdate(b.suggested_date))
        self.new_date.setCalendarPopup(True)
        as_the_store_writes(self.new_date)
        self.new_date.setMinimumDate(qdate(b.today))
        self.original = muted(
            f"{writing.long_day(b.suggested_date)} is a date it is ready by 9 times in 10. "
            f"The first promise, {writing.long_day(b.original_promised_for)}, stays on record.")
        self.note = QLineEdit()
        self.note.setPlaceholderText("What the customer said, what you agreed")
        self.problem = ProblemLabel()

        form = QGridLayout()
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(6)
        form.addWidget(_label("Channel"), 0, 0)
        form.addWidget(self.channel, 0, 1)
        form.addWidget(_label("Outcome"), 0, 2)
        form.addWidget(self.outcome, 0, 3)
        form.addWidget(_label("New promise"), 0, 4)
        form.addWidget(self.new_date, 0, 5)
        form.addWidget(self.original, 1, 4, 1, 3)
        form.addWidget(_label("Note"), 2, 0)
        form.addWidget(self.note, 2, 1, 1, 6)
        self.write = WriteInstead(b)
        self.write.on.toggled.connect(self._writing)
        form.addWidget(self.write, 3, 1, 1, 6)
        form.setColumnStretch(6, 1)
        col.addLayout(form)
        col.addWidget(self.problem)

        buttons = QDialogButtonBox()
        self.save = QPushButton("Save the call")
        self.save.setObjectName("primary")
        self.save.setDefault(True)
        buttons.addButton(self.save, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save_call)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        self.outcome.currentTextChanged.connect(self._outcome_changed)
        self._outcome_changed(self.outcome.currentText())
        return box

    def _outcome_changed(self, outcome: str) -> None:
        agreed = outcome == AGREED_NEW_DATE or self.write.chosen
        self.new_date.setEnabled(agreed)
        self.original.setEnabled(agreed)

    def _writing(self, on: bool) -> None:
        """Writing, not calling: no call to log, a new date to give."""
        self.channel.setEnabled(not on)
        self.outcome.setEnabled(not on)
        self.note.setEnabled(not on)  # nothing is said on a call: the reason is the words
        self.save.setText("Save, and write to them" if on else "Save the call")
        self._outcome_changed(self.outcome.currentText())

    def new_promise(self) -> date | None:
        if self.outcome.currentText() != AGREED_NEW_DATE and not self.write.chosen:
            return None
        return from_qdate(self.new_date.date())

    def unsaved(self) -> str | None:
        """What Escape, Cancel or the close button would throw away."""
        typed = self.note.text().strip()
        if typed:
            return (f"The note you typed (“{typed[:60]}”) is not saved yet. Keep typing to "
                    "save the call, or throw it away.")
        if self.write.edited():
            return ("The reason you wrote for the customer is not saved yet. Keep typing to "
                    "save it, or throw it away.")
        return None

    def reject(self) -> None:
        lost = self.unsaved()
        if lost and not may_throw_away(self, "Throw away what was typed?", lost):
            return
        super().reject()

    def courtesy_accepted(self) -> bool:
        """The new date was agreed, offered with its courtesy: the courtesy is on the bill."""
        offer = self.offers.get(NEW_DATE)
        return self.new_promise() is not None and offer is not None and offer.isChecked()

    def offered(self) -> list[str]:
        return [c.text() for c in self.offers.values() if c.isChecked()]

    def save_call(self) -> None:
        if self.write.chosen:
            self._save_writing()
            return
        try:
            log_preparation(
                self.ctx.db, self.number, by=self.ctx.user.code,
                channel=self.channel.currentData(), outcome=self.outcome.currentText(),
                note=self.note.text(), new_promise=self.new_promise(),
                reason=self._reason(), offered=self.offered(),
                courtesy=self.courtesy_accepted(),
            )
        except Invalid as exc:
            self.problem.show_problem(" ".join(sentence(p) + "." for p in exc.problems.values()))
            return
        except ServiceError as exc:
            self.problem.show_problem(str(exc))
            return
        self.accept()

    def _save_writing(self) -> None:
        try:
            write_instead(self.ctx.db, self.number, self.ctx.user.code,
                          self.write.way.currentData(), self.new_promise(),
                          self.write.reason.text())
        except Invalid as exc:
            self.problem.show_problem(" ".join(sentence(p) + "." for p in exc.problems.values()))
            return
        except ServiceError as exc:
            self.problem.show_problem(str(exc))
            return
        self.accept()

    def _reason(self) -> str:
        return f"Agreed with the customer ({self.channel.currentText().lower()})"


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(f"color: {MUTED_COLOUR};")
    return label


def _rule() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setStyleSheet("color: #dcd9d3;")
    return line
