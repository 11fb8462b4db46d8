"""Answering the window's questions the way a person does: by a key, or a click on a button."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget


class Asked:
    """What a question said, and that it was asked at all."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    @property
    def asked(self) -> bool:
        return bool(self.texts)


def answer_next_question(answer: Callable[[QMessageBox], None]) -> Asked:
    """The next question box that opens is answered by ``answer`` once it shows."""
    asked = Asked()

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, look)
            return
        asked.texts.append(f"{box.text()} {box.informativeText()}")
        answer(box)

    QTimer.singleShot(0, look)
    return asked


def press_key(key: Qt.Key) -> Callable[[QMessageBox], None]:
    """A key pressed on the question: Enter, Space and Escape as a hurried hand would."""
    def answer(box: QMessageBox) -> None:
        focused = box.focusWidget() or box
        QTest.keyClick(focused, key)
    return answer


def click(text: str) -> Callable[[QMessageBox], None]:
    """A click on the button that says ``text``."""
    def answer(box: QMessageBox) -> None:
        button = next(b for b in box.buttons() if b.text().replace("&", "") == text)
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    return answer


def mnemonics(widget: QWidget) -> dict[str, list[str]]:
    """Every Alt+letter the widget's labels, buttons and group titles offer, with who offers it."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel

    found: dict[str, list[str]] = {}
    # A label in rich text offers no Alt+letter ("&nbsp;" is a space, not an N).
    texts = [w.text() for w in widget.findChildren(QLabel)
             if w.textFormat() == Qt.TextFormat.PlainText or "<" not in w.text()]
    texts += [w.text() for w in widget.findChildren(QAbstractButton)]
    texts += [w.title() for w in widget.findChildren(QGroupBox)]
    for text in texts:
        plain = re.sub(r"&[a-z]+;|&#\d+;", "", text.replace("&&", ""))
        at = plain.find("&")
        if at >= 0 and at + 1 < len(plain):
            found.setdefault(plain[at + 1].lower(), []).append(text)
    return found


def duplicates(widget: QWidget) -> dict[str, list[str]]:
    return {key: said for key, said in mnemonics(widget).items() if len(said) > 1}
