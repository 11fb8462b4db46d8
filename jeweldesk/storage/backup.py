"""Copies of the store's database, made safely while it is open."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path


def backup_path(db_file: Path, label: str = "") -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    suffix = f"-{label}" if label else ""
    folder = db_file.parent / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    candidate = folder / f"{db_file.stem}-{stamp}{suffix}.sqlite3"
    n = 1
    while candidate.exists():
        candidate = folder / f"{db_file.stem}-{stamp}{suffix}-{n}.sqlite3"
        n += 1
    return candidate


def backup_sqlite(db_file: Path, dest: Path | None = None, label: str = "") -> Path:
    """SQLite's online backup: a consistent copy even while others write (WAL included)."""
    target = dest or backup_path(db_file, label)
    if target.is_dir():
        target = target / backup_path(db_file, label).name
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(str(db_file))
    try:
        copy = sqlite3.connect(str(target))
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    return target
