"""Is this document one the store can take in whole? Every problem, each by its JSON path."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from jeweldesk.interchange.against_db import database_problems
from jeweldesk.interchange.common import InvalidDocument, Problem
from jeweldesk.interchange.reader import TwiceSaid, one_value_per_key, refuse_constant
from jeweldesk.interchange.schema_check import schema_problems
from jeweldesk.interchange.semantic import semantic_problems
from jeweldesk.interchange.semantic_v2 import check_document


def validate(document: Any, session: Session | None = None) -> list[Problem]:
    """Schema first, then what the schema cannot say, then (given a session) the store itself.

    All three always run, so a document comes back with every problem at once. A version 2
    document is checked as its import reads it (semantic_v2), without the store.
    """
    if isinstance(document, dict) and document.get("version") == 2:
        return check_document(document)
    problems = schema_problems(document)
    problems += semantic_problems(document)
    if session is not None:
        problems += database_problems(document, session)
    return in_document_order(problems)


def in_document_order(problems: list[Problem]) -> list[Problem]:
    return sorted(dict.fromkeys(problems), key=_document_order)


_SECTIONS = ("format", "version", "backup", "store", "staff", "catalog", "vendors",
             "customers", "tickets", "shipments", "parcels", "contacts")
_STEP = re.compile(r"\.([^.\[]+)|\[([0-9]+)\]")


def _document_order(problem: Problem) -> tuple[Any, ...]:
    """The order a person reads the file in: by section, then record, then key."""
    steps = [(1, int(index), "") if index else (0, 0, key)
             for key, index in _STEP.findall(problem.path)]
    section = _SECTIONS.index(steps[0][2]) if steps and steps[0][2] in _SECTIONS else -1
    return (section, steps)


_refuse_constant = refuse_constant
_TwiceSaid = TwiceSaid
_one_value_per_key = one_value_per_key


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
