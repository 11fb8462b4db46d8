"""The schema check written out as one function per kind of record says yes to exactly the
records jsonschema says yes to: the whole store's own, and every corruption of them."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from jeweldesk.interchange import carried
from jeweldesk.interchange.exporter import export_document
from jeweldesk.interchange.schema_check import LISTS, record_check, schema
from jeweldesk.interchange.written_check import compile_written
from jeweldesk.storage.engine import Database
from tests.support.interchange import example
from tests.support.whole_store import make_whole_store

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2, 2**40) | st.floats(allow_nan=False)
    | st.sampled_from(["", "x", "R-10001", "KP", "45.00", "45.00\n", "2026-11-03",
                       "2026-11-03T16:00:00", "at_vendor", "card", "a" * 65, "b" * 4001,
                       0, 1, 2.0, -1, 1000, 10**9]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                max_size=3),
    max_leaves=5,
)


@pytest.fixture(scope="module")
def whole_document(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
                   ) -> Iterator[dict[str, Any]]:
    path = tmp_path_factory.mktemp("written") / "store.sqlite3"
    shutil.copy(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    make_whole_store(db)
    yield export_document(db, backup=True)
    db.dispose()


def _item_schema(version: int, name: str) -> dict[str, Any]:
    return schema(version)["properties"][name]["items"] | {"$defs": schema(version)["$defs"]}


def _places(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _places(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _places(value, (*path, i))


def _corrupted(draw: st.DrawFn, record: Any) -> Any:
    record = copy.deepcopy(record)
    places = list(_places(record))
    for _ in range(draw(st.integers(1, 2))):
        path = draw(st.sampled_from(places))
        if not path:
            return draw(JSON)
        parent = record
        try:
            for step in path[:-1]:
                parent = parent[step]
            action = draw(st.sampled_from(["replace", "delete", "add"]))
            if action == "delete" and isinstance(parent, dict):
                parent.pop(path[-1], None)
            elif action == "delete" and isinstance(parent, list) and path[-1] < len(parent):
                parent.pop(path[-1])
            elif action == "add" and isinstance(parent, dict):
                parent[draw(st.sampled_from(["extra", "note", "at"]))] = draw(JSON)
            else:
                parent[path[-1]] = draw(JSON)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier corruption moved this place
    return record


def test_every_record_of_the_whole_store_passes_both_ways(whole_document) -> None:
    for name in carried.LISTS:
        validator = Draft202012Validator(_item_schema(2, name))
        for record in whole_document[name]:
            assert validator.is_valid(record)
            assert record_check(2, name)(record), (name, record)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_a_corrupted_record_is_refused_exactly_when_jsonschema_refuses_it(
        whole_document, data: st.DataObject) -> None:
    version = data.draw(st.sampled_from([1, 2]))
    names = carried.LISTS if version == 2 else LISTS
    document = whole_document if version == 2 else example()
    name = data.draw(st.sampled_from([n for n in names if document.get(n)]))
    record = _corrupted(data.draw, data.draw(st.sampled_from(document[name])))
    valid = Draft202012Validator(_item_schema(version, name)).is_valid(record)
    assert record_check(version, name)(record) is valid


@pytest.mark.parametrize(("part", "value", "valid"), [
    ({"type": "integer", "minimum": 0, "maximum": 9}, 2.0, True),
    ({"type": "integer", "minimum": 0, "maximum": 9}, True, False),
    ({"type": "integer", "minimum": 0, "maximum": 9}, 10, False),
    ({"type": "integer", "minimum": 0, "maximum": 9}, 9, True),
    ({"type": "integer", "minimum": 0, "maximum": 9}, 0, True),
    ({"type": "integer", "minimum": 0, "maximum": 9}, -1, False),
    ({"type": ["string", "null"], "maxLength": 2}, None, True),
    ({"type": ["string", "null"], "maxLength": 2}, "abc", False),
    ({"type": "string", "minLength": 1, "maxLength": 2}, "ab", True),
    ({"type": "string", "minLength": 1, "maxLength": 2}, "", False),
    ({"type": "string", "pattern": "^[0-9]{2}$"}, "12\n", True),  # as jsonschema: "$" is re's
    ({"type": "array", "items": {"type": "boolean"}, "uniqueItems": True}, [True, 1], False),
    ({"type": "array", "items": {"type": "boolean"}, "uniqueItems": True}, [True, True], False),
    ({"enum": ["a", "b"]}, "c", False),
    ({"oneOf": [{"type": "string"}, {"type": "null"}]}, None, True),
    ({"type": "number", "minimum": 1}, 0.5, False),  # not written out: fastcheck's answer
])
def test_each_shape_answers_as_jsonschema_does(part: dict[str, Any], value: Any,
                                               valid: bool) -> None:
    assert Draft202012Validator(part).is_valid(value) is valid
    assert compile_written(part)(value) is valid
