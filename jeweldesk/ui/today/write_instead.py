"""In Prepare the customer: handling the flag by writing rather than calling. The new date
and the reason, in the words the customer will read, go out as the delayed notice (To tell)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from jeweldesk.domain.kinds import Channel
from jeweldesk.services.prepare import Briefing

WAYS = {Channel.EMAIL: "By email", Channel.SMS: "By text", Channel.LETTER: "By letter"}


class WriteInstead(QWidget):
    """Watch ``on.toggled`` (Qt's own signal): a Python signal carrying True loses a
    reference to it on every emit under PySide6 6.12, and the interpreter dies at exit."""

    def __init__(self, brief: Briefing) -> None:
        super().__init__()
        self.brief = brief
        self.on = QCheckBox("Write to them instead of calling")
        self.on.setToolTip("The new date and the reason go out as the delayed notice, from "
                           "To tell; nobody is called")
        self.way = QComboBox()
        for channel, said in WAYS.items():
            reachable = {Channel.EMAIL: brief.email, Channel.SMS: brief.phone}.get(channel, True)
            if reachable:
                self.way.addItem(said, channel)
        preferred = self.way.findData(brief.preferred_channel)
        self.way.setCurrentIndex(preferred if preferred >= 0 else 0)
        self.reason = QLineEdit(brief.written_reason)
        self.reason.setPlaceholderText("why, in the words the customer will read")
        self.reason.setToolTip("Said in the delayed notice after “your piece will not be ready "
                               "on the day we promised.”")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.on)
        row.addWidget(self.way)
        row.addWidget(self.reason, 1)
        self.on.toggled.connect(self._toggled)
        self._toggled(False)

    @property
    def chosen(self) -> bool:
        return self.on.isChecked()

    def _toggled(self, on: bool) -> None:
        self.way.setEnabled(on)
        self.reason.setEnabled(on)

    def edited(self) -> bool:
        return self.chosen and self.reason.text().strip() != self.brief.written_reason
