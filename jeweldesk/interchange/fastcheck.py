"""A yes/no check of a record against the schema, compiled once into plain closures.

jsonschema takes ~40 s over 100,000 tickets; this takes a second or two. It only
answers "valid or not": a record it refuses goes to jsonschema, which names every
problem. It understands exactly the keywords schema.json uses and refuses to
compile any other, so it can never wave through what jsonschema would refuse.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

_IGNORED = {"$schema", "title", "description", "$comment", "$defs"}


def _is_type(name: str) -> Check:
    if name == "string":
        return lambda v: isinstance(v, str)
    if name == "null":
        return lambda v: v is None
    if name == "object":
        return lambda v: isinstance(v, dict)
    if name == "array":
        return lambda v: isinstance(v, list)
    if name == "boolean":
        return lambda v: isinstance(v, bool)
    if name == "integer":
        # JSON Schema counts 2.0 as an integer, and true as no number at all.
        return lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (
            isinstance(v, float) and v.is_integer()
        )
    if name == "number":
        return lambda v: isinstance(v, int | float) and not isinstance(v, bool)
    raise ValueError(f"unknown JSON type {name!r}")


def _same(a: Any, b: Any) -> bool:
    """JSON equality: true is not 1, but 1.0 is 1. (Nested values may compare too loosely;
    that only sends a record to jsonschema, never lets one through.)"""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return bool(a == b)


def _unique(items: list[Any]) -> bool:
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            if _same(a, b):
                return False
    return True


def compile_schema(schema: dict[str, Any], root: dict[str, Any] | None = None) -> Check:
    root = root if root is not None else schema
    keywords = set(schema) - _IGNORED
    shape = schema.get("type")
    if isinstance(shape, list) and keywords <= _STRING and set(shape) == {"string", "null"}:
        return _string_or_null(schema)
    if isinstance(shape, list) and keywords == {"type"} and set(shape) <= set(_PLAIN):
        types = tuple(_PLAIN[name] for name in shape)
        return lambda v: isinstance(v, types)
    if keywords == {"oneOf"} and len(schema["oneOf"]) == 2 and {"type": "null"} in schema["oneOf"]:
        # "X or null": when X itself refuses null, exactly one of the two holds iff either does
        other = compile_schema(next(o for o in schema["oneOf"] if o != {"type": "null"}), root)
        if not other(None):
            return lambda v: v is None or other(v)
    if shape == "object" and keywords <= _OBJECT:
        return _object(schema, root)
    if shape == "string" and keywords <= _STRING:
        return _string(schema)
    if shape == "array" and keywords <= _ARRAY:
        return _array(schema, root)
    checks = [_keyword(k, schema[k], schema, root) for k in schema if k in keywords]
    if not checks:
        return lambda _v: True
    if len(checks) == 1:
        return checks[0]
    return lambda v: all(check(v) for check in checks)


# The shapes schema.json is made of, each checked by one closure: the general path
# below (a closure per keyword) is three times slower.
_OBJECT = {"type", "additionalProperties", "required", "properties"}
_STRING = {"type", "pattern", "minLength", "maxLength"}
_ARRAY = {"type", "items", "minItems", "uniqueItems"}


def _object(schema: dict[str, Any], root: dict[str, Any]) -> Check:
    props = [(k, compile_schema(s, root)) for k, s in schema.get("properties", {}).items()]
    required = tuple(schema.get("required", ()))
    closed = schema.get("additionalProperties", True)
    if closed not in (True, False):
        raise ValueError("only additionalProperties: false is understood")
    known = frozenset(schema.get("properties", {}))

    checks = dict(props)
    needed = frozenset(required)

    def check(v: Any) -> bool:
        if not isinstance(v, dict):
            return False
        if closed is False and not known.issuperset(v):
            return False
        if not v.keys() >= needed:
            return False
        # The record's own keys, each looked up once (a plain loop beats all() here).
        for key, value in v.items():
            each = checks.get(key)
            if each is not None and not each(value):
                return False
        return True
    return check


_PLAIN: dict[str, type] = {"string": str, "null": type(None), "object": dict, "array": list}


def _string_or_null(schema: dict[str, Any]) -> Check:
    return _string(schema | {"type": "string"}, null=True)


def _string(schema: dict[str, Any], null: bool = False) -> Check:
    """One closure for each shape of string field: a few million values go through these."""
    low, high = schema.get("minLength", 0), schema.get("maxLength")
    high = high if high is not None else float("inf")
    if "pattern" in schema:
        search = re.compile(schema["pattern"]).search

        def patterned(v: Any) -> bool:
            if v is None:
                return null
            return isinstance(v, str) and low <= len(v) <= high and search(v) is not None
        return patterned

    def check(v: Any) -> bool:
        if v is None:
            return null
        return isinstance(v, str) and low <= len(v) <= high
    return check


def _array(schema: dict[str, Any], root: dict[str, Any]) -> Check:
    each = compile_schema(schema["items"], root) if "items" in schema else None
    low, unique = schema.get("minItems", 0), schema.get("uniqueItems", False)

    def check(v: Any) -> bool:
        if not isinstance(v, list) or len(v) < low or (unique and not _unique(v)):
            return False
        if each is not None:
            for x in v:
                if not each(x):
                    return False
        return True
    return check


def _resolve(ref: str, root: dict[str, Any]) -> dict[str, Any]:
    if not ref.startswith("#/"):
        raise ValueError(f"only local references are understood: {ref!r}")
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part]
    return node  # type: ignore[no-any-return]


def _keyword(keyword: str, value: Any, schema: dict[str, Any], root: dict[str, Any]) -> Check:
    if keyword == "$ref":
        return compile_schema(_resolve(value, root), root)
    if keyword == "type":
        names = value if isinstance(value, list) else [value]
        tests = [_is_type(n) for n in names]
        return lambda v: any(t(v) for t in tests)
    if keyword == "enum":
        if all(type(option) is str for option in value):
            words = frozenset(value)
            return lambda v: type(v) is str and v in words
        return lambda v: any(_same(v, option) for option in value)
    if keyword == "const":
        return lambda v: _same(v, value)
    if keyword == "pattern":
        search = re.compile(value).search
        return lambda v: not isinstance(v, str) or search(v) is not None
    if keyword == "minLength":
        return lambda v: not isinstance(v, str) or len(v) >= value
    if keyword == "maxLength":
        return lambda v: not isinstance(v, str) or len(v) <= value
    if keyword in ("minimum", "maximum"):
        below = keyword == "minimum"

        def bound(v: Any) -> bool:
            if isinstance(v, bool) or not isinstance(v, int | float):
                return True
            return bool(v >= value) if below else bool(v <= value)
        return bound
    if keyword == "required":
        return lambda v: not isinstance(v, dict) or all(k in v for k in value)
    if keyword == "properties":
        props = {k: compile_schema(s, root) for k, s in value.items()}

        def properties(v: Any) -> bool:
            if not isinstance(v, dict):
                return True
            return all(check(v[k]) for k, check in props.items() if k in v)
        return properties
    if keyword == "additionalProperties":
        if value is not False or "patternProperties" in schema:
            raise ValueError("only additionalProperties: false is understood")
        known = frozenset(schema.get("properties", {}))
        return lambda v: not isinstance(v, dict) or known.issuperset(v)
    if keyword == "items":
        each = compile_schema(value, root)
        return lambda v: not isinstance(v, list) or all(each(x) for x in v)
    if keyword == "minItems":
        return lambda v: not isinstance(v, list) or len(v) >= value
    if keyword == "uniqueItems":
        return lambda v: not value or not isinstance(v, list) or _unique(v)
    if keyword == "oneOf":
        options = [compile_schema(s, root) for s in value]
        return lambda v: sum(1 for option in options if option(v)) == 1
    raise ValueError(f"the fast check does not understand {keyword!r}")
