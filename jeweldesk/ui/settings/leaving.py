"""Leaving Settings with edits not saved: asked first, as a desktop program asks before
closing a document; keeping them is the default."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox, QTabWidget, QWidget

from jeweldesk.ui.common.unsaved import form_state


class LeaveGuard:
    """Knows each saving tab's form as last loaded or saved (a tab with a Save button, a
    message line and ``load``/``save``: the others save as they go)."""

    def __init__(self, tabs: QTabWidget) -> None:
        self.tabs = tabs
        self.kept: dict[QWidget, tuple[Any, ...]] = {}
        for tab in self.saving_tabs():
            self.keep(tab)
            # Connected after the tab's own save, so it runs once the save has answered.
            tab.save_button.clicked.connect(  # type: ignore[attr-defined]
                lambda _checked=False, t=tab: self._saved(t))

    def saving_tabs(self) -> list[QWidget]:
        found = (self.tabs.widget(i) for i in range(self.tabs.count()))
        return [t for t in found if t is not None and all(
            hasattr(t, name) for name in ("save_button", "message", "load", "save"))]

    def keep(self, tab: QWidget) -> None:
        self.kept[tab] = form_state(tab)

    def _saved(self, tab: QWidget) -> None:
        if tab.message.property("saved"):  # type: ignore[attr-defined]
            self.keep(tab)

    def unsaved(self) -> list[QWidget]:
        return [t for t in self.saving_tabs() if form_state(t) != self.kept.get(t)]

    def may_leave(self, parent: QWidget) -> bool:
        """True when nothing typed would be lost: saved, thrown away, or nothing changed."""
        changed = self.unsaved()
        if not changed:
            return True
        names = ", ".join(f"“{self.tabs.tabText(self.tabs.indexOf(t))}”" for t in changed)
        box = QMessageBox(parent)
        box.setObjectName("settingsNotSaved")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Settings not saved")
        box.setText("<b>Save the changes to Settings?</b>")
        box.setInformativeText(f"{names} {'has' if len(changed) == 1 else 'have'} changes "
                               "not saved yet.")
        save = box.addButton("&Save", QMessageBox.ButtonRole.AcceptRole)
        gone = box.addButton("&Throw away", QMessageBox.ButtonRole.DestructiveRole)
        kept = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(kept)
        box.setEscapeButton(kept)
        box.exec()
        if box.clickedButton() is gone:
            for tab in changed:
                tab.load()  # type: ignore[attr-defined]
                self.keep(tab)
            return True
        if box.clickedButton() is save:
            for tab in changed:
                tab.save()  # type: ignore[attr-defined]
                self._saved(tab)
            refused = self.unsaved()
            if refused:  # the tab says why, in its own message line
                self.tabs.setCurrentWidget(refused[0])
                return False
            return True
        return False
