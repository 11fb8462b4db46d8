"""Where the store's data lives and which database to open."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path, user_log_path

APP = "JewelDesk"
ENV_DB = "JEWELDESK_DB"


def data_dir() -> Path:
    return user_data_path(APP, appauthor=False, ensure_exists=True)


def log_dir() -> Path:
    return user_log_path(APP, appauthor=False, ensure_exists=True)


def default_db_path() -> Path:
    return data_dir() / "jeweldesk.sqlite3"


def database_url(db: str | None = None) -> str:
    """``--db`` wins, then ``JEWELDESK_DB``, then the file in the user's data folder.

    A value with ``://`` is a SQLAlchemy URL; anything else is a path to an SQLite file.
    """
    chosen = db or os.environ.get(ENV_DB) or str(default_db_path())
    if "://" in chosen:
        return chosen
    return "sqlite:///" + str(Path(chosen).expanduser().resolve())
