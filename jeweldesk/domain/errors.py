"""What a service says when it will not do what was asked. Nothing is written then."""

from __future__ import annotations


class ServiceError(Exception):
    """A refusal with a message a person at the counter can act on."""

    @property
    def said(self) -> str:
        """The refusal in one line for a screen: the problems, without the field names."""
        return str(self)


class NotFound(ServiceError):
    pass


class Invalid(ServiceError):
    """Bad input, with the problem for each field: {"customer.phone": "…"}."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("; ".join(f"{field}: {msg}" for field, msg in self.problems.items()))

    @property
    def said(self) -> str:
        return "; ".join(self.problems.values())


class MoveRefused(ServiceError):
    """A status move the path does not allow."""


class Conflict(ServiceError):
    """Someone else changed the ticket first; nothing of ours was written."""


class NotAllowed(ServiceError):
    """The person acting may not do this; nothing was written."""
