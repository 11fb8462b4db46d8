"""The everyday start: the sign-in comes up from a first look at the store's file while the
store opens behind it; a PIN lets the person in once it is open, and a file that cannot be
opened closes the sign-in and says why."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from jeweldesk import app
from jeweldesk.storage.quick_read import first_look
from jeweldesk.ui.main_window import MainWindow
from jeweldesk.ui.start.sign_in import SignInDialog
from tests.support.damaged_files import damaged_copies, make_store_file


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store_file(tmp_path_factory.mktemp("store") / "jeweldesk.sqlite3", tickets=30)


@pytest.fixture
def said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(app, "log_dir", lambda: tmp_path)
    monkeypatch.setattr(app, "apply_theme", lambda _app: None)
    monkeypatch.setattr(app.QMessageBox, "critical", lambda _p, title, text: shown.append(text))
    return shown


def _when_shown(kind: type[QWidget], then: Callable[[Any], None]) -> None:
    """``then(widget)`` once a window of ``kind`` is up (the start runs its own loop)."""

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible():
                then(widget)
                return
        QTimer.singleShot(10, look)

    QTimer.singleShot(0, look)


def test_the_sign_in_comes_up_while_the_store_opens_and_the_pin_lets_the_person_in(
        store_file: Path, tmp_path: Path, said: list[str], qtbot: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = Path(shutil.copy(store_file, tmp_path / "jeweldesk.sqlite3"))
    opened: list[Future[Any]] = []
    real_opening = app._opening

    def opening(url: str) -> Future[Any]:
        opened.append(real_opening(url))
        return opened[-1]

    monkeypatch.setattr(app, "_opening", opening)
    seen: dict[str, Any] = {}

    def at_the_sign_in(dialog: SignInDialog) -> None:
        seen["store"] = dialog.windowTitle()
        seen["people"] = [dialog.people.item(n).text() for n in range(dialog.people.count())]
        seen["hint"] = dialog.demo_hint.isVisible()
        dialog.choose("SC")
        qtbot.keyClicks(dialog.pin, "1234")
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)

    def at_the_window(window: MainWindow) -> None:
        seen["who"] = window.who.text()
        window.close()

    _when_shown(SignInDialog, at_the_sign_in)
    _when_shown(MainWindow, at_the_window)
    assert app.open_window(str(path)) == 0

    assert said == []
    assert len(opened) == 1, "the store was opened behind the sign-in"
    assert seen["people"] and all("   ·   " in name for name in seen["people"])
    assert "Sandra Cole   ·   Manager" in seen["people"] and seen["hint"]
    assert seen["who"] == "Sandra Cole  ·  Manager"


def test_a_wrong_pin_is_refused_as_ever_while_the_store_opens(
        store_file: Path, tmp_path: Path, said: list[str], qtbot: Any) -> None:
    path = Path(shutil.copy(store_file, tmp_path / "jeweldesk.sqlite3"))
    seen: dict[str, str] = {}

    def at_the_sign_in(dialog: SignInDialog) -> None:
        dialog.choose("KP")
        qtbot.keyClicks(dialog.pin, "9999")
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
        seen["problem"] = dialog.problem.text()
        dialog.reject()  # and nobody signs in

    _when_shown(SignInDialog, at_the_sign_in)
    assert app.open_window(str(path)) == 0
    assert said == [] and "PIN" in seen["problem"]


def test_a_file_found_damaged_behind_the_sign_in_closes_it_and_says_so(
        store_file: Path, tmp_path: Path, said: list[str], qtbot: Any) -> None:
    folder = tmp_path / "store"
    folder.mkdir()
    path = Path(shutil.copy(damaged_copies(store_file, tmp_path)["zeroed pages in the middle"],
                            folder / "jeweldesk.sqlite3"))
    before = path.read_bytes()
    assert first_look(f"sqlite:///{path}") is not None, "its first pages still read"

    assert app.open_window(str(path)) == 2  # nobody touched the sign-in: it closed itself

    assert len(said) == 1 and "is damaged" in said[0]
    assert path.read_bytes() == before and sorted(folder.iterdir()) == [path]


def test_a_store_at_another_schema_is_opened_first_the_usual_way(
        store_file: Path, tmp_path: Path) -> None:
    import sqlite3

    path = Path(shutil.copy(store_file, tmp_path / "jeweldesk.sqlite3"))
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0015'")
    conn.close()
    assert first_look(f"sqlite:///{path}") is None
    assert first_look("postgresql+psycopg://jeweldesk@localhost/store") is None
