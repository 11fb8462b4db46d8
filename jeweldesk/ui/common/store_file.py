"""File › Export the whole store… and Import…: the work off the window's thread with a
progress dialog, and a plain summary afterwards."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from jeweldesk.domain.kinds import Role
from jeweldesk.services.store import store_settings, store_today
from jeweldesk.services.store_file import Summary, export_whole_store, import_store_file
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.work import LongJob

Chooser = Callable[[bool], Path | None]  # saving? -> the file, or None when cancelled
FILTER = "JewelDesk store (*.json);;All files (*)"


def suggested_file(ctx: AppContext) -> Path:
    """Where an export is offered: the PC's Documents folder, named for the store and the day,
    so it is found again (and not put among the program's own files)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
    name = "".join(c for c in store_settings(ctx.db).name if c.isalnum() or c in " &-'").strip()
    return folder / f"{name or 'Store'} {store_today(ctx.db).isoformat()}.json"


class StoreFileMenu:
    """The window's File menu. ``choose`` asks for a file; tests give their own."""

    def __init__(self, window: QMainWindow, ctx: AppContext) -> None:
        self.window = window
        self.ctx = ctx
        self.choose: Chooser = self._ask
        self.job: LongJob | None = None
        self.summary: QMessageBox | None = None
        self.menu = QMenu("&File", window)
        self.export_action = self.menu.addAction("Export the whole store…", self.export)
        self.import_action = self.menu.addAction("Import…", self.import_)
        window.menuBar().addMenu(self.menu)
        ctx.user_changed.connect(self._user_changed)
        self._user_changed()

    def _user_changed(self) -> None:
        manager = self.ctx.has_user and self.ctx.user.role == Role.MANAGER
        self.import_action.setEnabled(manager)
        self.import_action.setToolTip("" if manager else "Only a manager imports a store file")

    def _ask(self, saving: bool) -> Path | None:
        if saving:
            name, _ = QFileDialog.getSaveFileName(self.window, "Export the whole store",
                                                  str(suggested_file(self.ctx)), FILTER)
        else:
            name, _ = QFileDialog.getOpenFileName(self.window, "Import a store file", "",
                                                  FILTER)
        return Path(name) if name else None

    def export(self) -> None:
        target = self.choose(True)
        if target is not None:
            db = self.ctx.db
            self._run("Exporting the whole store", lambda: export_whole_store(db, target),
                      "Exported", target)

    def import_(self) -> None:
        source = self.choose(False)
        if source is not None:
            db, by = self.ctx.db, self.ctx.user.code
            self._run("Importing", lambda: import_store_file(db, source, by), "Imported",
                      source)

    def _run(self, title: str, steps: Callable[[], object], done: str, where: Path) -> None:
        self.job = LongJob(title, steps, self.window)  # type: ignore[arg-type]
        self.job.done.connect(lambda summary: self._finished(summary, done, where))
        self.job.failed.connect(lambda message: self._say(f"{title} stopped", message))
        self.job.start()

    def _finished(self, summary: Summary, done: str, where: Path) -> None:
        said = summary.words(done, where)
        if done == "Exported":
            said += f"\n\nThe file is in {where.parent}."
        self._say(f"{done} {where.name}", said)
        self.ctx.check_for_changes()

    def _say(self, title: str, text: str) -> None:
        self.summary = QMessageBox(QMessageBox.Icon.Information, title, text,
                                   QMessageBox.StandardButton.Ok, self.window)
        self.summary.open()

