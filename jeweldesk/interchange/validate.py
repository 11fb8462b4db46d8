"""Is this document one the store can take in whole? Every problem, each by its JSON path."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from jeweldesk.domain.money import shown
from jeweldesk.interchange.against_db import database_problems
from jeweldesk.interchange.common import InvalidDocument, Problem
from jeweldesk.interchange.schema_check import schema_problems
from jeweldesk.interchange.semantic import semantic_problems


def validate(document: Any, session: Session | None = None) -> list[Problem]:
    """Schema first, then what the schema cannot say, then (given a session) the store itself.

    All three always run, so a document comes back with every problem at once.
    """
    problems = schema_problems(document)
    problems += semantic_problems(document)
    if session is not None:
        problems += database_problems(document, session)
    return sorted(dict.fromkeys(problems), key=_document_order)


_SECTIONS = ("format", "version", "store", "staff", "vendors", "customers", "tickets",
             "shipments", "contacts")
_STEP = re.compile(r"\.([^.\[]+)|\[([0-9]+)\]")


def _document_order(problem: Problem) -> tuple[Any, ...]:
    """The order a person reads the file in: by section, then record, then key."""
    steps = [(1, int(index), "") if index else (0, 0, key)
             for key, index in _STEP.findall(problem.path)]
    section = _SECTIONS.index(steps[0][2]) if steps and steps[0][2] in _SECTIONS else -1
    return (section, steps)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


class _TwiceSaid(ValueError):
    pass


def _one_value_per_key(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json keeps the last of two equal keys without a word; which one was meant is unknowable.
    record: dict[str, Any] = {}
    for key, value in pairs:
        if key in record:
            raise _TwiceSaid(f"the key {shown(key)} appears twice in one object, so which "
                             "value is meant cannot be known")
        record[key] = value
    return record


def parse_document(text: str | bytes) -> Any:
    """The JSON itself; a file that is not JSON is refused like any other problem."""
    try:
        return json.loads(text, parse_constant=_refuse_constant,
                          object_pairs_hook=_one_value_per_key)
    except _TwiceSaid as exc:
        raise InvalidDocument([Problem("$", str(exc))]) from None
    except UnicodeDecodeError as exc:
        raise InvalidDocument([Problem("$", f"not UTF-8 text: {exc.reason}")]) from None
    except json.JSONDecodeError as exc:
        raise InvalidDocument(
            [Problem("$", f"not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")]
        ) from None
    except (ValueError, RecursionError) as exc:
        raise InvalidDocument([Problem("$", f"not JSON: {exc}")]) from None


def read_document(path: Path) -> Any:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidDocument([Problem("$", f"cannot read {path}: {exc.strerror}")]) from None
    return parse_document(data)
