"""What Today's *To tell* panel shows, read in one go off the window's thread."""

from __future__ import annotations

from dataclasses import dataclass

from jeweldesk.domain.notices import Notice
from jeweldesk.services.estimates import Waiting, waiting_for_approval
from jeweldesk.services.notices import notices_due
from jeweldesk.storage.engine import Database


@dataclass(frozen=True)
class ToTell:
    due: list[Notice]
    waiting: list[Waiting]


def to_tell_now(db: Database) -> ToTell:
    """The notices due now and what waits for a customer's yes: plain data, so a worker
    thread (with sessions of its own) can hand it to the window."""
    _moment, due = notices_due(db)
    return ToTell(due, waiting_for_approval(db))
