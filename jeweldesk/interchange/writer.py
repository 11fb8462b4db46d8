"""Writes a document's top-level object by hand, one record a line, so 100,000 tickets
never sit in memory at once and a diff of two exports reads like a list of what changed."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class JsonWriter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.first_key = True
        self.first_item = True

    def _key(self, key: str) -> None:
        self.out.write(("{\n" if self.first_key else ",\n") + f"  {json.dumps(key)}: ")
        self.first_key = False

    def value(self, key: str, value: Any) -> None:
        self._key(key)
        self.out.write(dumps(value))

    def open_list(self, key: str) -> None:
        self._key(key)
        self.out.write("[")
        self.first_item = True

    def item(self, record: Any) -> None:
        self.out.write(("\n    " if self.first_item else ",\n    ") + dumps(record))
        self.first_item = False

    def close_list(self) -> None:
        self.out.write("]" if self.first_item else "\n  ]")

    def records(self, key: str, records: Iterable[Any]) -> None:
        self.open_list(key)
        for record in records:
            self.item(record)
        self.close_list()

    def finish(self) -> None:
        self.out.write("\n}\n")
