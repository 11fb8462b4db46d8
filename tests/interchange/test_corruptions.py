"""Random corruptions of a valid document: refused whole, never a crash, nothing written."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from jeweldesk.interchange.common import InvalidDocument, drain
from jeweldesk.interchange.importer import import_document
from jeweldesk.interchange.schema_check import schema, schema_problems
from jeweldesk.interchange.validate import parse_document, validate
from jeweldesk.storage.engine import Database
from tests.support.interchange import example, row_counts

_numbers = itertools.count()

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2, 2**40) | st.floats(allow_nan=False)
    | st.text(max_size=12) | st.sampled_from(["", "R-10001", "C-1", "KP", "PLAT", "12.5",
                                              "45.00", "-1.00", "2026-11-31", "2026-11-03T16:00:00",
                                              "at_vendor", "picked_up", "received"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                max_size=3),
    max_leaves=6,
)


def _places(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _places(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _places(value, (*path, i))


PLACES = list(_places(example()))[1:]


@st.composite
def corrupted(draw: st.DrawFn) -> Any:
    document = example()
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PLACES))
        parent = document
        try:
            for step in path[:-1]:
                parent = parent[step]
            last = path[-1]
            action = draw(st.sampled_from(["replace", "delete", "add"]))
            if action == "delete" and isinstance(parent, dict):
                parent.pop(last, None)
            elif action == "delete" and isinstance(parent, list) and last < len(parent):
                parent.pop(last)
            elif action == "add" and isinstance(parent, dict):
                parent[draw(st.text(min_size=1, max_size=8))] = draw(JSON)
            else:
                parent[last] = draw(JSON)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier corruption removed this place
    return document


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(document=corrupted())
def test_a_corrupted_document_is_refused_or_imported_whole(
        document: Any, tmp_path: Path, sqlite_template: Path) -> None:
    path = tmp_path / f"store-{next(_numbers)}.sqlite3"
    shutil.copy(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    try:
        problems = validate(document)
        assert bool(schema_problems(document)) != _jsonschema().is_valid(document)
        before = row_counts(db)
        try:
            drain(import_document(db, document))
        except InvalidDocument as refused:
            assert refused.problems
            assert all(p.path.startswith("$") and p.message for p in refused.problems)
            assert row_counts(db) == before
        else:
            assert problems == []
    finally:
        db.dispose()


_VALIDATOR: list[Draft202012Validator] = []


def _jsonschema() -> Draft202012Validator:
    if not _VALIDATOR:
        _VALIDATOR.append(Draft202012Validator(schema()))
    return _VALIDATOR[0]


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=40) | st.binary(max_size=40).map(lambda b: b.decode("latin-1")))
def test_text_that_is_not_a_document_is_refused_not_crashed(text: str) -> None:
    try:
        document = parse_document(text)
    except InvalidDocument as refused:
        assert refused.problems[0].path == "$"
        return
    assert validate(document)  # whatever JSON it was, it is no store
