"""Which store files passed SQLite's full check, in exactly the state they are in now.

The full check reads every page, seconds at a big store, on every opening. A file that
has not changed since it last passed needs no second reading: "not changed" is the file's
identity and its change times as the operating system keeps them (and its write-ahead
log's, when that holds anything), recorded per workstation beside nothing of the store's.
The change time (ctime) cannot be set back by any program, so a file rewritten and given
its old modification time back is still seen as changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from contextlib import suppress
from pathlib import Path

from platformdirs import user_cache_path

from jeweldesk.config import APP

# A file changed this close to the moment it was looked at may be changed again within
# the same tick of the file system's clock (two seconds on FAT, about one on some
# shares) without its times moving: such a state is checked, never recorded.
RACY_SECONDS = 2.0
KEEP = 64  # records kept per workstation: one per store file it has opened, in practice

FileState = tuple[tuple[int, ...], ...]


def _stat(path: Path) -> tuple[int, ...] | None:
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)


def state_of(path: Path) -> FileState | None:
    """The file and its write-ahead log as they stand; None when the file is not there.

    An empty log adds nothing to the store (SQLite leaves one while a connection is open,
    and removes it when the last one closes), so it counts as no log at all."""
    main = _stat(path)
    if main is None:
        return None
    wal = _stat(Path(f"{path}-wal"))
    return (main,) if wal is None or wal[2] == 0 else (main, wal)


def _racy(state: FileState) -> bool:
    newest = max(max(part[3], part[4]) for part in state)
    return time.time_ns() - newest < RACY_SECONDS * 1e9


def _folder() -> Path:
    return user_cache_path(APP, appauthor=False) / "clean-checks"


def _record_of(path: Path) -> Path:
    key = hashlib.sha256(str(path.absolute()).encode("utf-8")).hexdigest()[:32]
    return _folder() / f"{key}.json"


def seen_sound(path: Path) -> bool:
    """True when the file is, to the byte, the state that last passed the full check here."""
    state = state_of(path)
    if state is None:
        return False
    try:
        kept = json.loads(_record_of(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(kept, dict) and kept.get("state") == [list(p) for p in state]


def record_sound(path: Path, state: FileState) -> None:
    """Record that ``state`` of the file passed the full check; a racy state is not kept.
    Nothing is said when the record cannot be written: the next opening checks again."""
    if _racy(state):
        return
    record = _record_of(path)
    with suppress(OSError):
        record.parent.mkdir(parents=True, exist_ok=True)
        partial = record.with_name(f".{record.name}.{os.getpid()}")
        partial.write_text(json.dumps({"path": str(path.absolute()),
                                       "state": [list(p) for p in state]}), encoding="utf-8")
        os.replace(partial, record)
        _prune(record.parent)


def forget(path: Path) -> None:
    """The file is in doubt (a copy of it did not check out): the next opening checks it."""
    with suppress(OSError):
        _record_of(path).unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    records = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in records[KEEP:]:
        old.unlink(missing_ok=True)
