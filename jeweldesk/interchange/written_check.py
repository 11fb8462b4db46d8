"""The yes/no schema check of one kind of record, written out as one Python function.

fastcheck's closures call one another once per value: a ticket is some eighty calls. Here
the record's whole shape is one function, its keys read in place and its lists looped
over inline, which takes about half the time. Only the shapes schema_v2.json is mostly
made of are written out (objects, strings, integers, flags, word lists, lists, "X or
null"); any other part of a schema is left to its fastcheck closure, called from the
written code, so the answer is always fastcheck's own.
"""

from __future__ import annotations

import re
from typing import Any

from jeweldesk.interchange.fastcheck import Check, compile_schema

_IGNORED = {"$schema", "title", "description", "$comment"}
_OBJECT = {"type", "additionalProperties", "required", "properties"}
_STRING = {"type", "pattern", "minLength", "maxLength"}
_ARRAY = {"type", "items", "minItems", "uniqueItems"}
_NUMBER = {"type", "minimum", "maximum"}
# Keywords that say nothing about a value of another type: "T or null" with only these
# is "null, or else T".
_OF_ONE_TYPE = _OBJECT | _STRING | _ARRAY | _NUMBER


class _Writer:
    def __init__(self) -> None:
        self.bound: dict[str, Any] = {}
        self.values = 0

    def bind(self, value: Any) -> str:
        name = f"B{len(self.bound)}"
        self.bound[name] = value
        return name

    def fresh(self) -> str:
        self.values += 1
        return f"v{self.values}"

    def lines(self, schema: dict[str, Any], v: str, depth: int) -> list[str]:
        """Statements that return False when the value named ``v`` breaks ``schema``."""
        pad = "    " * depth
        keywords = set(schema) - _IGNORED
        shape = schema.get("type")
        if not keywords:
            return []
        if isinstance(shape, list) and len(shape) == 2 and "null" in shape \
                and keywords <= _OF_ONE_TYPE:
            other = next(t for t in shape if t != "null")
            inner = self.lines(schema | {"type": other}, v, depth + 1)
            return [f"{pad}if {v} is not None:", *inner] if inner else []
        if keywords == {"oneOf"} and len(schema["oneOf"]) == 2 \
                and {"type": "null"} in schema["oneOf"]:
            other = next(o for o in schema["oneOf"] if o != {"type": "null"})
            if not compile_schema(other)(None):  # then exactly one holds iff either does
                inner = self.lines(other, v, depth + 1)
                return [f"{pad}if {v} is not None:", *inner] if inner else []
        if shape == "object" and keywords <= _OBJECT \
                and schema.get("additionalProperties", True) in (True, False):
            return self.object(schema, v, depth)
        if shape == "string" and keywords <= _STRING:
            tests = [f"not isinstance({v}, str)"]
            low, high = schema.get("minLength", 0), schema.get("maxLength")
            if high is not None:
                tests.append(f"not {low} <= len({v}) <= {high}" if low else f"len({v}) > {high}")
            elif low:
                tests.append(f"len({v}) < {low}")
            if "pattern" in schema:
                tests.append(f"{self.bind(re.compile(schema['pattern']).search)}({v}) is None")
            return [f"{pad}if {' or '.join(tests)}:", f"{pad}    return False"]
        if shape == "integer" and keywords <= _NUMBER:
            # A plain int is told here; anything else (2.0, true, a string) by fastcheck.
            low, high = schema.get("minimum"), schema.get("maximum")
            bounds = [f"{v} < {low!r}"] if low is not None else []
            bounds += [f"{v} > {high!r}"] if high is not None else []
            fallback = self.bind(compile_schema(schema))
            return [f"{pad}if type({v}) is int:",
                    f"{pad}    if {' or '.join(bounds) or 'False'}:",
                    f"{pad}        return False",
                    f"{pad}elif not {fallback}({v}):", f"{pad}    return False"]
        if shape == "boolean" and keywords == {"type"}:
            return [f"{pad}if type({v}) is not bool:", f"{pad}    return False"]
        if shape == "null" and keywords == {"type"}:
            return [f"{pad}if {v} is not None:", f"{pad}    return False"]
        if keywords == {"enum"} and all(type(option) is str for option in schema["enum"]):
            words = self.bind(frozenset(schema["enum"]))
            return [f"{pad}if type({v}) is not str or {v} not in {words}:",
                    f"{pad}    return False"]
        if shape == "array" and keywords <= _ARRAY:
            return self.array(schema, v, depth)
        return [f"{pad}if not {self.bind(compile_schema(schema))}({v}):", f"{pad}    return False"]

    def object(self, schema: dict[str, Any], v: str, depth: int) -> list[str]:
        pad = "    " * depth
        out = [f"{pad}if not isinstance({v}, dict):", f"{pad}    return False"]
        properties: dict[str, Any] = schema.get("properties", {})
        if schema.get("additionalProperties", True) is False:
            out += [f"{pad}if not {self.bind(frozenset(properties))}.issuperset({v}):",
                    f"{pad}    return False"]
        required = set(schema.get("required", ()))
        if required:
            out += [f"{pad}if not {v}.keys() >= {self.bind(frozenset(required))}:",
                    f"{pad}    return False"]
        for key, inner_schema in properties.items():
            value = self.fresh()
            if key in required:
                inner = self.lines(inner_schema, value, depth)
                if inner:
                    out += [f"{pad}{value} = {v}[{key!r}]", *inner]
            elif compile_schema(inner_schema)(None):
                # Left out or null, it is kept all the same: one look-up tells both.
                inner = self.lines(inner_schema, value, depth)
                if inner:
                    out += [f"{pad}{value} = {v}.get({key!r})", *inner]
            else:
                inner = self.lines(inner_schema, value, depth + 1)
                if inner:
                    out += [f"{pad}{value} = {v}.get({key!r}, ABSENT)",
                            f"{pad}if {value} is not ABSENT:", *inner]
        return out

    def array(self, schema: dict[str, Any], v: str, depth: int) -> list[str]:
        pad = "    " * depth
        tests = [f"not isinstance({v}, list)"]
        if schema.get("minItems", 0):
            tests.append(f"len({v}) < {int(schema['minItems'])}")
        if schema.get("uniqueItems", False):
            tests.append(f"not {self.bind(compile_schema(schema | {'items': {}}))}({v})")
        out = [f"{pad}if {' or '.join(tests)}:", f"{pad}    return False"]
        if "items" in schema:
            item = self.fresh()
            inner = self.lines(schema["items"], item, depth + 1)
            if inner:
                out += [f"{pad}for {item} in {v}:", *inner]
        return out


def compile_written(schema: dict[str, Any]) -> Check:
    """One function answering whether a value keeps ``schema`` (with its $refs inlined).
    (Made from source, as dataclasses are: the source holds names, literals and keys;
    every pattern, set and fallback is bound by name.)"""
    writer = _Writer()
    body = writer.lines(schema, "v0", 1)
    source = "\n".join(["def check(v0):", *body, "    return True"])
    names: dict[str, Any] = {"ABSENT": object(), **writer.bound}
    exec(source, names)  # noqa: S102
    made: Check = names["check"]
    return made
