"""What import, export and the demo share: problems by JSON path, progress, the format's name."""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

FORMAT_NAME = "jeweldesk-interchange"
FORMAT_VERSION = 1
HERE = Path(__file__).resolve().parent
SCHEMA_PATH = HERE / "schema.json"
SCHEMA_V2_PATH = HERE / "schema_v2.json"

# Wider than what json will ever give us, so checks never crash on a bad shape.
Document = dict[str, Any]
R = TypeVar("R")

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}")
_MONEY = re.compile(r"-?[0-9]+\.[0-9]{2}")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a document, at its JSON path (``$.tickets[3].services[0].price``)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InvalidDocument(Exception):
    """The document was refused whole; nothing was written."""

    exit_status = 2

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        super().__init__(f"{count} problem{'' if count == 1 else 's'} in the document; "
                         "nothing was written")


@dataclass(frozen=True)
class Progress:
    """How far a long job is: ``done`` of ``total`` tickets, and what it is doing."""

    done: int
    total: int
    stage: str


Steps = Generator[Progress, None, R]


def drain(steps: Generator[Progress, None, R],
          on_progress: Callable[[Progress], None] | None = None) -> R:
    """Run a long job to the end and return its result; the CLI and the window both use this."""
    while True:
        try:
            step = next(steps)
        except StopIteration as finished:
            return finished.value  # type: ignore[no-any-return]
        if on_progress is not None:
            on_progress(step)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector held off for a big read: a document is a million small dicts
    and lists that die young, and each pass of the collector looks at every one still
    alive: a tenth of an import's time. Nothing a record makes holds a cycle; what does is
    collected when the block ends. (Another thread's block running at once may end first
    and start it again: that only costs speed.)"""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def path_of(*parts: str | int) -> str:
    text = "$"
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


# The schema's patterns use re.search with "$", which lets a trailing newline through;
# these strict readers are what the importer relies on.

def read_date(value: object) -> date | None:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def read_timestamp(value: object) -> datetime | None:
    if not isinstance(value, str) or not _TIMESTAMP.fullmatch(value):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def read_money(value: object) -> Decimal | None:
    if not isinstance(value, str) or not _MONEY.fullmatch(value):
        return None
    return Decimal(value)


def timestamp_text(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
