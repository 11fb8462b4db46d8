"""A real store file and the ways a copy of it goes bad on a disk, a stick or a share."""

from __future__ import annotations

import os
import random
import sqlite3
from pathlib import Path

PAGE = 4096


def make_store_file(path: Path, tickets: int = 150) -> Path:
    """A demo store made by the command line, checkpointed into the one file."""
    from jeweldesk.cli import main

    assert main(["--db", str(path), "demo", "--tickets", str(tickets), "--seed", "7"]) == 0
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for leftover in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    return path


def _pages(data: bytes, first: int, count: int, filler: bytes) -> bytes:
    return data[:first * PAGE] + filler[:count * PAGE] + data[(first + count) * PAGE:]


def damaged_copies(store: Path, folder: Path) -> dict[str, Path]:
    """Every way of damage the store is tested against, each a file in ``folder``."""
    data = store.read_bytes()
    middle = len(data) // PAGE // 2
    noise = random.Random(11).randbytes(len(data))
    other_app = folder / "another-app.sqlite3"
    conn = sqlite3.connect(other_app)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.com')")
    conn.commit()
    conn.close()
    made = {
        "truncated": data[:len(data) // 2],
        "truncated mid-page": data[:len(data) // 2 + 1000],
        "zeroed pages in the middle": _pages(data, middle, 3, bytes(3 * PAGE)),
        "random pages in the middle": _pages(data, middle, 2, noise),
        "random bytes": noise[:200_000],
        "random header": noise[:100] + data[100:],
        "0 bytes": b"",
        "a text file": b"Ticket R-10001: Dana Whitfield, ring sizing, ready Friday\n" * 40,
    }
    files = {"another SQLite app": other_app}
    for name, content in made.items():
        path = folder / (name.replace(" ", "-") + ".sqlite3")
        path.write_bytes(content)
        files[name] = path
    return files


def integrity_fails(path: Path) -> bool:
    """What SQLite's full check says of a file, for the tests' own preconditions."""
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return True


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def scrub_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("JEWELDESK_DB", None)
    return env
