"""The window says what is wrong with the store's file in a dialog instead of crashing,
makes the day's backup as it opens, and leaves nothing behind a cancelled set-up."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from jeweldesk import app
from jeweldesk.storage.health import DatabaseBusy
from tests.support.damaged_files import damaged_copies, make_store_file


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store_file(tmp_path_factory.mktemp("store") / "jeweldesk.sqlite3", tickets=30)


@pytest.fixture
def said(tmp_path, monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(app, "log_dir", lambda: tmp_path)
    monkeypatch.setattr(app, "apply_theme", lambda _app: None)
    monkeypatch.setattr(app.QMessageBox, "critical", lambda _p, title, text: shown.append(text))
    return shown


@pytest.mark.parametrize("kind", ["zeroed pages in the middle", "random bytes", "0 bytes",
                                  "another SQLite app"])
def test_a_damaged_file_is_a_dialog_not_a_crash(store_file, tmp_path, kind, said, qtbot):
    folder = tmp_path / "store"
    folder.mkdir()
    path = Path(shutil.copy(damaged_copies(store_file, tmp_path)[kind],
                            folder / "jeweldesk.sqlite3"))
    before = path.read_bytes()

    assert app.open_window(str(path)) == 2

    assert len(said) == 1 and "\n" not in said[0]
    assert "is damaged" in said[0] or "is not a JewelDesk database" in said[0]
    assert path.read_bytes() == before and sorted(folder.iterdir()) == [path]


def test_a_cancelled_set_up_leaves_no_file(tmp_path, said, monkeypatch, qtbot):
    class Cancelled:
        def __init__(self, _db: object) -> None:
            pass

        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Rejected

    from jeweldesk.ui.start import first_start

    monkeypatch.setattr(first_start, "FirstStartDialog", Cancelled)
    path = tmp_path / "mistyped" / "store.sqlite3"
    path.parent.mkdir()
    assert app.open_window(str(path)) == 0
    assert list(path.parent.iterdir()) == [] and said == []


def test_opening_makes_the_days_backup_once(store_file, tmp_path, said, qtbot):
    path = Path(shutil.copy(store_file, tmp_path / "jeweldesk.sqlite3"))
    for _ in range(2):
        db = app._open_database(f"sqlite:///{path}")
        assert db is not None
        app._back_up_for_the_day(db)  # what the window starts once it is up
        db.dispose()
    made = list((tmp_path / "backups").iterdir())
    assert len(made) == 1 and made[0].name.startswith("jeweldesk-daily-")


def test_a_lock_met_while_working_is_the_one_line(tmp_path, said, monkeypatch, qtbot):
    monkeypatch.setattr(app.sys, "stderr", open(tmp_path / "stderr.txt", "w"))  # noqa: SIM115
    error = DatabaseBusy("another program holds the database /x (waited 10 s); nothing was "
                         "written: close the other program, or try again in a moment")
    app._exception_hook(DatabaseBusy, error, None)
    app.sys.stderr.close()
    assert said == [str(error)]
    assert "Traceback" not in (tmp_path / "stderr.txt").read_text()
