"""A damaged, missing or foreign file is refused by every command in one line that says
what is wrong and what to do: no traceback, nothing written, the file as it was."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from jeweldesk.cli import main
from jeweldesk.storage.backup import backup_sqlite
from jeweldesk.storage.engine import Database
from jeweldesk.storage.health import DamagedDatabase, check_file
from tests.support.damaged_files import (
    damaged_copies,
    integrity_fails,
    listing,
    make_store_file,
    scrub_env,
)

EXAMPLE = Path(__file__).parents[2] / "jeweldesk" / "interchange" / "example.json"
KINDS = ["truncated", "truncated mid-page", "zeroed pages in the middle",
         "random pages in the middle", "random bytes", "random header", "0 bytes",
         "a text file", "another SQLite app"]
COMMANDS = {
    "db status": ["db", "status"],
    "db upgrade": ["db", "upgrade"],
    "export -": ["export", "-"],
    "export FILE": ["export", "{out}/store.json"],
    "at-risk": ["at-risk"],
    "backup": ["backup"],
    "backup DEST": ["backup", "{out}/copy.sqlite3"],
    "demo": ["demo", "--tickets", "3"],
    "import": ["import", str(EXAMPLE)],
    "print morning": ["print", "morning", "--out", "{out}/morning.pdf"],
}


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store_file(tmp_path_factory.mktemp("store") / "jeweldesk.sqlite3")


@pytest.fixture(scope="module")
def copies(store_file: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    made = damaged_copies(store_file, tmp_path_factory.mktemp("damaged"))
    for kind in KINDS[:6]:
        assert integrity_fails(made[kind]), f"{kind} is not damaged enough to test"
    return made


def _one_file(copies: dict[str, Path], kind: str, tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    folder.mkdir()
    return Path(shutil.copy(copies[kind], folder / "jeweldesk.sqlite3"))


def _refused_in_one_line(capsys: pytest.CaptureFixture[str], status: int) -> str:
    err = capsys.readouterr().err
    assert status != 0
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("jeweldesk: ")
    return err


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_command_refuses_a_damaged_or_foreign_file_in_one_line(
        copies, kind, command, tmp_path, capsys):
    path = _one_file(copies, kind, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    before = listing(path.parent)
    argv = [a.format(out=out) for a in COMMANDS[command]]

    err = _refused_in_one_line(capsys, main(["--db", str(path), *argv]))

    assert listing(path.parent) == before  # the file unchanged, nothing beside it
    assert listing(out) == {}
    if kind in KINDS[:4]:
        assert "is damaged" in err and "nothing was written" in err
    else:
        assert "is not a JewelDesk database" in err


@pytest.mark.parametrize("kind", KINDS)
def test_a_damaged_file_is_one_line_from_a_real_process(copies, kind, tmp_path):
    path = _one_file(copies, kind, tmp_path)
    before = listing(path.parent)
    done = subprocess.run([sys.executable, "-m", "jeweldesk", "--db", str(path), "export", "-"],
                          capture_output=True, text=True, env=scrub_env(), timeout=60)
    assert done.returncode == 1 and done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
    assert listing(path.parent) == before


def test_the_damage_message_names_the_newest_backup_and_restoring_it_works(
        store_file, copies, tmp_path, capsys):
    path = _one_file(copies, "zeroed pages in the middle", tmp_path)
    older = backup_sqlite(store_file, tmp_path / "store" / "backups" / "jeweldesk-older.sqlite3")
    newest = backup_sqlite(store_file, tmp_path / "store" / "backups" / "jeweldesk-new.sqlite3")
    broken = tmp_path / "store" / "backups" / "jeweldesk-newer-but-broken.sqlite3"
    broken.write_bytes(copies["truncated"].read_bytes())
    assert older.exists()

    err = _refused_in_one_line(capsys, main(["--db", str(path), "export", "-"]))
    assert f"restore {newest}" in err  # the newest backup that itself checks out

    assert main(["--db", str(path), "restore", str(newest)]) == 0
    capsys.readouterr()
    assert main(["--db", str(path), "export", "-"]) == 0
    assert '"tickets"' in capsys.readouterr().out


def test_a_missing_file_is_refused_and_not_made(tmp_path, capsys):
    path = tmp_path / "mistyped.sqlite3"
    for argv in (["db", "status"], ["export", "-"], ["at-risk"], ["backup"],
                 ["print", "morning", "--out", str(tmp_path / "m.pdf")]):
        err = _refused_in_one_line(capsys, main(["--db", str(path), *argv]))
        assert "there is no JewelDesk database" in err and "nothing was created" in err
        assert list(tmp_path.iterdir()) == []


def test_a_new_store_is_made_only_on_purpose(tmp_path, capsys):
    path = tmp_path / "new-store.sqlite3"
    assert main(["--db", str(path), "demo", "--tickets", "5"]) == 0
    assert main(["--db", str(path), "db", "status"]) == 0
    assert main(["--db", str(tmp_path / "nowhere" / "new.sqlite3"), "demo"]) == 1
    assert "there is no folder" in capsys.readouterr().err
    assert not (tmp_path / "nowhere").exists()


def test_a_0_byte_file_is_not_taken_for_a_new_store(tmp_path, capsys):
    path = tmp_path / "jeweldesk.sqlite3"
    path.touch()
    for argv in (["db", "status"], ["db", "upgrade"], ["demo", "--tickets", "2"]):
        err = _refused_in_one_line(capsys, main(["--db", str(path), *argv]))
        assert "empty (0 bytes)" in err
    assert path.stat().st_size == 0


def test_opening_refuses_to_write_to_a_damaged_file(copies, tmp_path):
    path = _one_file(copies, "random pages in the middle", tmp_path)
    before = path.read_bytes()
    with pytest.raises(DamagedDatabase, match="is damaged"):
        Database.open(f"sqlite:///{path}")
    with pytest.raises(DamagedDatabase):
        check_file(path, may_create=True)
    assert path.read_bytes() == before


def test_damage_met_after_opening_is_the_same_one_line(copies, tmp_path):
    """Damage that appears once the store is open (a disk failing under it) reaches the
    screen or the command line as the same worded refusal, not SQLite's raw error."""
    path = _one_file(copies, "zeroed pages in the middle", tmp_path)
    db = Database(f"sqlite:///{path}")  # past the opening check, as if it had been sound
    try:
        with pytest.raises(DamagedDatabase, match="is damaged"), db.session(write=False) as s:
            for table in s.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))\
                    .scalars().all():
                s.execute(text(f'SELECT * FROM "{table}"')).all()
    finally:
        db.dispose()
