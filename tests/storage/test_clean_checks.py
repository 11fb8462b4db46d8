"""A store file that passed the full check is not read whole again until it changes; any
change, by this program, another one or a disk going bad, has it checked again, and a
damaged file is still refused in one line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jeweldesk.cli import main
from jeweldesk.storage import clean_checks
from jeweldesk.storage.clean_checks import seen_sound
from jeweldesk.storage.health import DamagedDatabase, check_ahead, check_file
from tests.support.damaged_files import PAGE, integrity_fails, listing, make_store_file

ZERO_PAGES = """
import sys
with open(sys.argv[1], "r+b") as f:
    size = f.seek(0, 2)
    f.seek(size // 4096 // 2 * 4096)
    f.write(bytes(3 * 4096))
"""


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store_file(tmp_path_factory.mktemp("store") / "jeweldesk.sqlite3", tickets=40)


def _settled(path: Path) -> Path:
    """Wait until the file's last change is older than a file-system clock tick can hide."""
    newest = max(path.stat().st_mtime_ns, path.stat().st_ctime_ns)
    while time.time_ns() - newest < clean_checks.RACY_SECONDS * 1e9:
        time.sleep(0.1)
    return path


@pytest.fixture
def checked_clean(store_file: Path, tmp_path: Path) -> Path:
    """A sound store file opened once: its clean check recorded."""
    path = _settled(Path(shutil.copy(store_file, tmp_path / "jeweldesk.sqlite3")))
    assert not seen_sound(path)
    assert check_file(path) is False
    assert seen_sound(path)
    return path


def _one_line_refusal(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    status = main(argv)
    err = capsys.readouterr().err
    assert status == 1 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    return err


def test_a_sound_file_unchanged_is_not_read_again_and_commands_work(checked_clean, capsys):
    for argv in (["db", "status"], ["export", "-"]):
        assert main(["--db", str(checked_clean), *argv]) == 0
    assert '"tickets"' in capsys.readouterr().out
    assert seen_sound(checked_clean)  # reading the store leaves it as it was checked


def test_damage_done_by_another_process_after_a_clean_check_is_refused(
        checked_clean, capsys):
    before_size = checked_clean.stat().st_size
    subprocess.run([sys.executable, "-c", ZERO_PAGES, str(checked_clean)], check=True)
    assert checked_clean.stat().st_size == before_size
    assert not seen_sound(checked_clean)
    before = listing(checked_clean.parent)

    err = _one_line_refusal(capsys, ["--db", str(checked_clean), "export", "-"])

    assert "is damaged" in err and "nothing was written" in err
    assert listing(checked_clean.parent) == before
    assert integrity_fails(checked_clean)  # damaged indeed, not refused for another reason


def test_damage_given_the_files_old_times_back_is_still_refused(checked_clean, capsys):
    """A copy tool may set the modification time back; the change time cannot be."""
    times = checked_clean.stat()
    data = bytearray(checked_clean.read_bytes())
    middle = len(data) // PAGE // 2 * PAGE
    data[middle:middle + 2 * PAGE] = bytes(2 * PAGE)
    checked_clean.write_bytes(bytes(data))
    os.utime(checked_clean, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert checked_clean.stat().st_mtime_ns == times.st_mtime_ns

    assert not seen_sound(checked_clean)
    with pytest.raises(DamagedDatabase, match="is damaged"):
        check_file(checked_clean)  # refused at the opening, before any command reads
    err = _one_line_refusal(capsys, ["--db", str(checked_clean), "db", "status"])
    assert "is damaged" in err


def test_a_file_written_by_another_program_is_checked_again(checked_clean):
    subprocess.run([sys.executable, "-c",
                    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
                    "c.execute(\"UPDATE store SET name = 'Harris & Daughters'\"); "
                    "c.commit(); c.close()", str(checked_clean)], check=True)
    assert not seen_sound(checked_clean)
    check_file(_settled(checked_clean))  # the full check again, and it passes
    assert seen_sound(checked_clean)


def test_a_write_still_in_the_log_counts_as_a_change(checked_clean):
    """While another workstation has the store open, its writes sit in the -wal file."""
    import sqlite3

    other = sqlite3.connect(checked_clean)
    try:
        other.execute("PRAGMA journal_mode=WAL")
        other.execute("PRAGMA wal_autocheckpoint=0")
        other.execute("UPDATE store SET name = 'Harris & Daughters'")
        other.commit()
        assert Path(f"{checked_clean}-wal").stat().st_size > 0
        assert not seen_sound(checked_clean)
    finally:
        other.close()


def test_a_file_just_changed_is_checked_but_not_recorded(store_file, tmp_path):
    """Changed within a tick of the file system's clock, a later change could keep the same
    times: such a file is checked on every opening until it has settled."""
    path = Path(shutil.copy(store_file, tmp_path / "jeweldesk.sqlite3"))
    assert check_file(path) is False
    assert not seen_sound(path)


def test_the_check_begun_ahead_is_taken_up_and_damage_it_found_refused(store_file, tmp_path):
    sound = _settled(Path(shutil.copy(store_file, tmp_path / "sound.sqlite3")))
    check_ahead(sound)
    assert check_file(sound) is False and seen_sound(sound)

    damaged = tmp_path / "damaged" / "jeweldesk.sqlite3"
    damaged.parent.mkdir()
    shutil.copy(store_file, damaged)
    subprocess.run([sys.executable, "-c", ZERO_PAGES, str(damaged)], check=True)
    check_ahead(damaged)
    with pytest.raises(DamagedDatabase, match="is damaged"):
        check_file(damaged)
    assert sorted(damaged.parent.iterdir()) == [damaged]


def test_a_changed_file_after_the_check_ahead_began_is_checked_again(store_file, tmp_path):
    path = Path(shutil.copy(store_file, tmp_path / "jeweldesk.sqlite3"))
    check_ahead(path)
    subprocess.run([sys.executable, "-c", ZERO_PAGES, str(path)], check=True)
    with pytest.raises(DamagedDatabase, match="is damaged"):
        check_file(path)
