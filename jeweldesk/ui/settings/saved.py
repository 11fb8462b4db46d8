"""What the settings tabs share: the Save line and its word, and the country chooser."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton

from jeweldesk.domain.contact_details import DEFAULT_COUNTRY, countries
from jeweldesk.ui.common.widgets import ProblemLabel


def saved_line() -> tuple[QPushButton, ProblemLabel, QHBoxLayout]:
    button = QPushButton("Save")
    message = ProblemLabel()
    row = QHBoxLayout()
    row.addWidget(message, 1)
    row.addWidget(button)
    return button, message, row


def say(label: ProblemLabel, text: str, good: bool = False) -> None:
    label.setStyleSheet("color: #1e6b35;" if good else "color: #b3261e;")
    label.setProperty("saved", good)  # what Settings reads to know the tab's edits went in
    label.show_problem(text)


def country_box() -> QComboBox:
    """The store's country, by name, holding its code ("US")."""
    box = QComboBox()
    for code, name in countries():
        box.addItem(f"{name} ({code})", code)
    box.setCurrentIndex(box.findData(DEFAULT_COUNTRY))
    return box
