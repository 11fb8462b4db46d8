"""File › Export the whole store… and Import…, driven through the window's menu."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from jeweldesk.interchange.common import drain
from jeweldesk.interchange.exporter import export_store
from jeweldesk.services.pickup import take_payment
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.main_window import MainWindow
from tests.support.interchange import new_sqlite, row_counts
from tests.support.store import COUNTER, set_up, take_in_ring
from tests.support.window import signed_in


def _window(ctx: AppContext, qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _summary(window: MainWindow, qtbot) -> QMessageBox:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.store_file.summary is not None, timeout=20000)
    box = window.store_file.summary
    assert box is not None
    return box


def _menu_item(window: MainWindow, words: str):  # type: ignore[no-untyped-def]
    menu = window.store_file.menu
    assert window.menuBar().actions()[0].menu() is menu
    return next(a for a in menu.actions() if a.text().startswith(words))


def test_export_the_whole_store_from_the_file_menu(ctx: AppContext, qtbot,  # type: ignore[no-untyped-def]
                                                   tmp_path: Path) -> None:
    number = take_in_ring(ctx.db)
    take_payment(ctx.db, number, "card", "10.00", COUNTER)
    window = _window(ctx, qtbot)
    target = tmp_path / "whole-store.json"
    window.store_file.choose = lambda saving: target if saving else None
    _menu_item(window, "Export the whole store").trigger()
    box = _summary(window, qtbot)
    assert box.text() == ("Exported 1 customer, 1 ticket, 1 payment and 0 photos to "
                          f"whole-store.json.\n\nThe file is in {tmp_path}.")
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["version"] == 2
    assert document["tickets"][0]["payments"][0]["amount"] == "10.00"


def test_a_manager_imports_a_store_file_and_reads_what_came_in(
        manager_ctx: AppContext, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = new_sqlite(tmp_path / "other.sqlite3")
    set_up(other)
    number = take_in_ring(other)
    take_payment(other, number, "cash", "5.00", COUNTER)
    source = tmp_path / "other-store.json"
    with source.open("w", encoding="utf-8") as out:
        drain(export_store(other, out))
    other.dispose()
    window = _window(manager_ctx, qtbot)
    assert _menu_item(window, "Import").isEnabled()
    window.store_file.choose = lambda saving: None if saving else source
    _menu_item(window, "Import").trigger()
    box = _summary(window, qtbot)
    assert box.text() == ("Imported 1 customer, 1 ticket, 1 payment and 0 photos from "
                          "other-store.json.")
    assert row_counts(manager_ctx.db)["payment"] == 1


def test_only_a_manager_may_import(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = _window(ctx, qtbot)
    assert not _menu_item(window, "Import").isEnabled()
    window.ctx.set_user(signed_in(ctx.db, "SC").user)
    assert _menu_item(window, "Import").isEnabled()


def test_an_export_is_offered_in_documents_named_for_the_store_and_the_day(
        ctx: AppContext, qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Not among the program's own folders, where nobody finds it again."""
    from PySide6.QtCore import QStandardPaths

    from jeweldesk.services.store import store_today
    from jeweldesk.ui.common.store_file import suggested_file

    named = f"Harbor Lane Jewelers {store_today(ctx.db).isoformat()}.json"
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    documents = Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    assert suggested_file(ctx) == tmp_path / named  # no Documents folder yet: the home folder
    assert documents.is_relative_to(tmp_path)
    documents.mkdir(parents=True)
    assert suggested_file(ctx) == documents / named
