"""What a service says when it will not do what was asked. Nothing is written then."""

from __future__ import annotations

import re

# A refusal repeats a bad value so the person sees which one; a few dozen characters
# of it are enough, and a pasted 200 MB string must not become a 200 MB message.
SHOWN_CHARS = 40
LINE_CHARS = 240
LONG_LINE_CHARS = 1000  # a line naming files: their paths are ours, and said whole
_LONG_WORD = re.compile(rf"\S{{{SHOWN_CHARS + 1},}}")


def capped(message: object, line: int = LINE_CHARS) -> str:
    """``message`` in one line a person can read: runs of more than a few dozen characters
    without a space are cut with an ellipsis once the line is long, and so is the line."""
    text = " ".join(str(message).split())
    if len(text) <= line:
        return text
    text = _LONG_WORD.sub(_shorten, text)
    return text if len(text) <= line else text[:line].rstrip() + "…"


def _shorten(match: re.Match[str]) -> str:
    word = match.group()
    quote = word[0] if word[0] in "'\"" else ""
    return word[:SHOWN_CHARS] + "…" + quote


class ServiceError(Exception):
    """A refusal with a message a person at the counter can act on."""

    line = LINE_CHARS  # how long the message may grow before long values in it are cut

    def __init__(self, *args: object) -> None:
        super().__init__(*(capped(a, self.line) if isinstance(a, str) else a for a in args))

    @property
    def said(self) -> str:
        """The refusal in one line for a screen: the problems, without the field names."""
        return str(self)


class NotFound(ServiceError):
    pass


class Invalid(ServiceError):
    """Bad input, with the problem for each field: {"customer.phone": "…"}."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = {capped(field, SHOWN_CHARS): capped(problem)
                         for field, problem in problems.items()}
        super().__init__("; ".join(f"{field}: {msg}" for field, msg in self.problems.items()))

    @property
    def said(self) -> str:
        return "; ".join(self.problems.values())


class MoveRefused(ServiceError):
    """A status move the path does not allow."""


class NotReady(ServiceError):
    """Paper asked for before its time: a thank-you note for a piece still in work."""


class Conflict(ServiceError):
    """Someone else changed the ticket first; nothing of ours was written."""


class NotAllowed(ServiceError):
    """The person acting may not do this; nothing was written."""
