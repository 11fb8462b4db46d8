"""The one door every write goes through.

A write is a block inside ``write(db, by, act, about)``: the door opens the transaction,
finds the person acting and checks they may do it, marks the change the other
workstations watch, and turns a clash with another workstation into the one Conflict
wording. The services, the importer and the demo maker all write through it, so nobody
writes that try/except twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy import update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.orm.util import identity_key

from jeweldesk.domain.errors import Conflict, NotAllowed
from jeweldesk.domain.permissions import Act, may, refusal
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import STORE_ID, staff_by_code, store_now
from jeweldesk.storage.tables import Staff, Store, Ticket


class StoreAccount:
    """The store's own tools (import, demo, upgrade) writing with nobody at the keyboard."""

    def __repr__(self) -> str:
        return "THE_STORE"


THE_STORE: Final = StoreAccount()

Actor = str | StoreAccount  # a staff code, or the store's own tools


@dataclass(frozen=True)
class Writing:
    """What a write block is given: its session, who is acting, and the store's time."""

    session: Session
    person: Staff | None  # None for the store's own tools
    now: datetime

    @property
    def person_id(self) -> int:
        if self.person is None:
            raise NotAllowed("this needs a person at the keyboard, not the store's own tools")
        return self.person.id

    def require(self, act: Act, what: str = "") -> None:
        """A second check inside a write, for what only the values show (a price cut)."""
        if self.person is not None and not may(self.person.role, act):
            raise NotAllowed(refusal(self.person.name, self.person.role, act, what))


# Straight to the table on the write's own connection: the records' way would first look
# for the store among the loaded records to update it there too, on every write.
_STORE = Store.metadata.tables["store"]
_MARK = (update(_STORE).where(_STORE.c.id == STORE_ID)
         .values(change_count=_STORE.c.change_count + 1))


def mark_changed(session: Session) -> None:
    """Bump the change marker other workstations watch."""
    session.flush()  # a store being set up is written first, then counted
    session.connection().execute(_MARK)
    store = session.identity_map.get(identity_key(Store, STORE_ID))
    if store is not None:
        set_committed_value(store, "change_count", store.change_count + 1)


def changed_meanwhile(what: str, now: str = "") -> Conflict:
    """The one wording for a clash with another workstation."""
    return Conflict(
        f"{what} was changed at another workstation while you had it open"
        + (f" (it is now {now})" if now else "")
        + "; nothing was saved. Look at it again and retry."
    )


def check_version(ticket: Ticket, expected_version: int | None) -> None:
    """The screen saw ``expected_version``; if someone changed it since, say so."""
    if expected_version is not None and ticket.version != expected_version:
        raise changed_meanwhile(ticket.number, ticket.status.said)


@contextmanager
def write(db: Database, by: Actor, act: Act, about: str = "") -> Iterator[Writing]:
    """One write: all of it lands, or none of it and a refusal says why.

    ``about`` names what is written (a ticket number, a parcel) for the refusals.
    """
    try:
        with db.session() as session:
            person = None if isinstance(by, StoreAccount) else staff_by_code(session, by)
            writing = Writing(session, person, store_now(session))
            writing.require(act, about)
            yield writing
            mark_changed(session)
            session.flush()
    except StaleDataError:
        raise changed_meanwhile(about or "this") from None
    db.wrote()


@contextmanager
def keep_derived(db: Database) -> Iterator[Session]:
    """A write of derived data only (the kept morning answer): nobody's act, so no permission,
    and not a change to the store, so no change mark and no screen refreshes for it."""
    with db.session() as session:
        yield session
