"""The document against schema.json (JSON Schema draft 2020-12), every problem by its path."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from jeweldesk.interchange import carried
from jeweldesk.interchange.common import SCHEMA_PATH, SCHEMA_V2_PATH, Problem, path_of
from jeweldesk.interchange.fastcheck import Check
from jeweldesk.interchange.written_check import compile_written

LISTS = ("staff", "vendors", "customers", "tickets", "shipments", "contacts")
_LISTS = {1: LISTS, 2: carried.LISTS}


@cache
def schema(version: int = 1) -> dict[str, Any]:
    path = SCHEMA_V2_PATH if version == 2 else SCHEMA_PATH
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with every local $ref replaced by its target: jsonschema runs twice as fast."""
    if isinstance(node, dict):
        if "$ref" in node:
            return _inline(defs[node["$ref"].rsplit("/", 1)[1]], defs)
        return {k: _inline(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline(x, defs) for x in node]
    return node


@cache
def _validators(version: int = 1) -> tuple[Draft202012Validator,
                                          dict[str, tuple[Draft202012Validator, Check]]]:
    """One validator for the document's frame, and one per kind of record in its lists."""
    full = _inline(schema(version), schema(version)["$defs"])
    Draft202012Validator.check_schema(schema(version))
    frame = json.loads(json.dumps(full))
    records = {}
    for name in _LISTS[version]:
        item = full["properties"][name]["items"]
        frame["properties"][name] = {"type": "array"}
        records[name] = (Draft202012Validator(item), compile_written(item))
    return Draft202012Validator(frame), records


def frame_problems(document: Any, version: int) -> list[Problem]:
    """The document with its lists' records left out (a reader taking them one by one)."""
    frame, _ = _validators(version)
    return [_problem(e, ()) for e in frame.iter_errors(document)]


def record_problems(version: int, name: str, i: int, record: Any) -> list[Problem]:
    """One record of a list, at its place in the document."""
    validator, fast_check = _validators(version)[1][name]
    if fast_check(record):
        return []
    return [_problem(e, (name, i)) for e in validator.iter_errors(record)]


def record_check(version: int, name: str) -> Check:
    return _validators(version)[1][name][1]


def schema_problems(document: Any) -> list[Problem]:
    """The whole document, version 1 (version 2 is read a record at a time: import_v2)."""
    frame, records = _validators()
    problems = [_problem(e, ()) for e in frame.iter_errors(document)]
    if not isinstance(document, dict):
        return problems
    for name, (validator, fast_check) in records.items():
        items = document.get(name)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            if not fast_check(item):
                problems.extend(_problem(e, (name, i)) for e in validator.iter_errors(item))
    return problems


def _problem(error: ValidationError, prefix: tuple[str | int, ...]) -> Problem:
    where = (*prefix, *error.absolute_path)
    if error.validator == "required":
        missing = _quoted_name(error.message)
        return Problem(path_of(*where, missing), "is required")
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = set(error.schema.get("properties", {}))
        extra = sorted(str(k) for k in error.instance if k not in known)
        if len(extra) == 1:
            return Problem(path_of(*where, extra[0]), "is not a key of the format (a typo?)")
    return Problem(path_of(*where), _message(error))


def _quoted_name(message: str) -> str:
    # jsonschema says "'number' is a required property"
    return message.split("'")[1] if message.count("'") >= 2 else message


def _message(error: ValidationError) -> str:
    value = error.instance
    pattern = error.schema.get("pattern") if isinstance(error.schema, dict) else None
    if error.validator == "pattern" and pattern:
        return f"{_shown(value)} {_pattern_meaning(pattern)}"
    if error.validator == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        return f"{_shown(value)} is not one of: {options}"
    if error.validator == "oneOf":
        return _one_of_message(error)
    if error.validator == "type":
        return f"{_shown(value)} is the wrong type; expected {_types(error.validator_value)}"
    if error.validator == "const":
        return f"must be {json.dumps(error.validator_value)}"
    if error.validator == "additionalProperties":
        return error.message.replace("Additional properties are not allowed", "unknown keys")
    return error.message


def _one_of_message(error: ValidationError) -> str:
    """"X or null" fields: say what the X is, not "not valid under any of the given schemas"."""
    reasons = [e for e in error.context or () if not _is_null_branch(e)]
    if len(reasons) == 1 and error.instance is not None:
        return _message(reasons[0])
    return f"{_shown(error.instance)} is not {_described_options(error.validator_value)}"


def _is_null_branch(error: ValidationError) -> bool:
    return error.validator == "type" and error.validator_value == "null"


def _described_options(options: list[Any]) -> str:
    words = []
    for option in options:
        if option.get("type") == "null":
            words.append("null")
        elif "pattern" in option:
            words.append(_pattern_meaning(option["pattern"]).removeprefix("is not "))
        else:
            words.append(_types(option.get("type", "a value")))
    return " or ".join(words)


def _pattern_meaning(pattern: str) -> str:
    if "\\.[0-9]{2}" in pattern:
        return 'is not money with two decimals (like "45.00")'
    if "T[0-9]{2}" in pattern:
        return "is not a timestamp YYYY-MM-DDTHH:MM:SS"
    if "[0-9]{4}-" in pattern:
        return "is not a date YYYY-MM-DD"
    return f"does not match {pattern}"


def _types(names: Any) -> str:
    if isinstance(names, list):
        return " or ".join(str(n) for n in names)
    return f"{'an' if str(names)[:1] in 'aeio' else 'a'} {names}"


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."

