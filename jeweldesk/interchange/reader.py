"""Reading a document a record at a time, so a 100,000-ticket file never sits in memory whole.

The top-level object is walked by hand; each value in it, and each record of its lists,
is parsed by the json module's own scanner from a buffer refilled as the file is read.
A record that runs past the end of the buffer is parsed again once more has been read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from jeweldesk.domain.money import shown
from jeweldesk.interchange.common import InvalidDocument, Problem

READ = 1 << 20  # characters read at a time
_SPACE = " \t\n\r"


class TwiceSaid(ValueError):
    pass


def one_value_per_key(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json keeps the last of two equal keys without a word; which one was meant is unknowable.
    record = dict(pairs)
    if len(record) != len(pairs):
        seen: set[str] = set()
        key = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise TwiceSaid(f"the key {shown(key)} appears twice in one object, so which "
                        "value is meant cannot be known")
    return record


def refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


_DECODER = json.JSONDecoder(object_pairs_hook=one_value_per_key, parse_constant=refuse_constant)
# For a writer whose file a checker beside it reads with _DECODER: a key said twice or a NaN
# is refused there, and nothing this one wrote is kept. It builds each object straight
# from the text, a fifth faster.
_TRUSTING = json.JSONDecoder()


class StreamReader:
    """The top-level object of a JSON text as (key, value) pairs, in the file's order.

    For a key in ``lists`` whose value is an array, the value is an iterator over its
    items instead, which must be read to its end before the next pair is asked for.
    ``checked_elsewhere``: the text is also read by a checker that refuses what JSON
    itself lets through (a key said twice, NaN); this reader then lets it through.
    """

    def __init__(self, handle: TextIO, lists: tuple[str, ...], read: int = READ,
                 checked_elsewhere: bool = False) -> None:
        self.decoder = _TRUSTING if checked_elsewhere else _DECODER
        self.handle = handle
        self.lists = frozenset(lists)
        self.read_size = read
        self.buffer = ""
        self.pos = 0
        self.eof = False
        self.dropped_lines = 0
        self.dropped_chars = 0
        self.last_line_start = 0  # chars dropped before the current line began
        # Whether the last value read had a \u escape: NUL and a lone half of a surrogate
        # pair can only come in that way (JSON refuses them raw), so without one the
        # check for them can be skipped.
        self.escaped = True

    @property
    def consumed(self) -> int:
        """Characters read past so far (for progress)."""
        return self.dropped_chars + self.pos

    def _fill(self, at_least: int = 0) -> bool:
        if self.eof:
            return False
        try:
            more = self.handle.read(max(self.read_size, at_least))
        except UnicodeDecodeError as exc:
            raise InvalidDocument([Problem("$", f"not UTF-8 text: {exc.reason}")]) from None
        if not more:
            self.eof = True
            return False
        gone = self.buffer[:self.pos]
        newlines = gone.count("\n")
        if newlines:
            self.last_line_start = self.dropped_chars + gone.rindex("\n") + 1
        self.dropped_lines += newlines
        self.dropped_chars += self.pos
        self.buffer = self.buffer[self.pos:] + more
        self.pos = 0
        return True

    def _fail(self, message: str, pos: int | None = None) -> InvalidDocument:
        at = self.pos if pos is None else pos
        head = self.buffer[:at]
        line = self.dropped_lines + head.count("\n") + 1
        start = (self.dropped_chars + head.rindex("\n") + 1) if "\n" in head \
            else self.last_line_start
        column = self.dropped_chars + at - start + 1
        return InvalidDocument([Problem("$", f"not JSON: {message} (line {line}, "
                                             f"column {column})")])

    def _next_char(self) -> str | None:
        while True:
            buffer, pos, end = self.buffer, self.pos, len(self.buffer)
            while pos < end and buffer[pos] in _SPACE:
                pos += 1
            self.pos = pos
            if pos < end:
                return buffer[pos]
            if not self._fill():
                return None

    def _expect(self, options: str, what: str) -> str:
        char = self._next_char()
        if char is None or char not in options:
            raise self._fail(f"Expecting {what}")
        self.pos += 1
        return char

    def _value(self) -> Any:
        if self._next_char() is None:
            raise self._fail("Expecting value")
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.pos)
            except TwiceSaid as exc:
                raise InvalidDocument([Problem("$", str(exc))]) from None
            except RecursionError:
                raise InvalidDocument([Problem("$", "not JSON: nested too deeply")]) from None
            except json.JSONDecodeError as exc:
                if self._fill(len(self.buffer) - self.pos):
                    continue
                raise self._fail(exc.msg, exc.pos) from None
            except ValueError as exc:
                raise InvalidDocument([Problem("$", f"not JSON: {exc}")]) from None
            # A number that ends where the buffer does may go on in what is not read yet.
            if end == len(self.buffer) and self._fill(len(self.buffer) - self.pos):
                continue
            self.escaped = self.buffer.find("\\u", self.pos, end) != -1
            self.pos = end
            return value

    def _items(self) -> Iterator[Any]:
        if self._next_char() == "]":
            self.pos += 1
            return
        while True:
            yield self._value()
            if self._expect(",]", "',' delimiter") == "]":
                return

    def pairs(self) -> Iterator[tuple[str, Any]]:
        self._expect("{", "'{': a document is one JSON object")
        if self._next_char() == "}":
            self.pos += 1
        else:
            while True:
                if self._next_char() != '"':
                    raise self._fail("Expecting property name enclosed in double quotes")
                key = self._value()
                self._expect(":", "':' delimiter")
                if key in self.lists and self._next_char() == "[":
                    self.pos += 1
                    items = self._items()
                    yield key, items
                    for _ in items:  # what the reader left unread
                        pass
                else:
                    yield key, self._value()
                if self._expect(",}", "',' delimiter") == "}":
                    break
        if self._next_char() is not None:
            raise self._fail("Extra data")


def first_pairs(path: Path, lists: tuple[str, ...], keys: int = 3) -> dict[str, Any]:
    """The first few top-level values that are not lists (to tell the version)."""
    found: dict[str, Any] = {}
    try:
        with path.open(encoding="utf-8-sig") as handle:
            for key, value in StreamReader(handle, lists, read=1 << 14).pairs():
                if key in lists or len(found) >= keys:
                    break
                found[key] = value
    except (InvalidDocument, OSError):
        pass
    return found
