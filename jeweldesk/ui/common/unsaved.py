"""What a form holds as typed, to tell edits not yet saved from what was loaded."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def form_state(root: QWidget) -> tuple[Any, ...]:
    """Every value a person can change in ``root``, in the order the widgets were made:
    equal before and after only when nothing was typed, ticked, chosen or listed."""
    values: list[Any] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit):
            values.append(None if widget.isReadOnly() else widget.text())
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            values.append(None if widget.isReadOnly() else widget.toPlainText())
        elif isinstance(widget, QComboBox):
            values.append(widget.currentText())
        elif isinstance(widget, QAbstractSpinBox):
            values.append(widget.text())
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            values.append(widget.isChecked())
        elif isinstance(widget, QListWidget):
            values.append(tuple(widget.item(i).text() for i in range(widget.count())))
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            values.append(tuple(
                (model.index(r, c).data(), model.index(r, c).data(Qt.ItemDataRole.CheckStateRole))
                for r in range(model.rowCount()) for c in range(model.columnCount())))
    return tuple(values)
