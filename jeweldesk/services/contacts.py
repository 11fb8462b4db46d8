"""Recording calls and messages with a customer about a ticket."""

from __future__ import annotations

from datetime import datetime

from jeweldesk.domain.errors import Invalid
from jeweldesk.domain.kinds import Channel
from jeweldesk.domain.permissions import Act
from jeweldesk.domain.rules import NAME, TEXT, refuse_bad_texts
from jeweldesk.storage.door import Actor, write
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import ticket_by_number
from jeweldesk.storage.tables import Contact


def record_contact(db: Database, number: str, channel: Channel | str, by: Actor,
                   note: str | None = None, outcome: str | None = None,
                   at: datetime | None = None) -> None:
    refuse_bad_texts(("note", note, TEXT), ("outcome", outcome, NAME))
    try:
        chosen = Channel(channel)
    except ValueError:
        options = ", ".join(c.value for c in Channel)
        raise Invalid({"channel": f"{channel!r} is not one of {options}"}) from None
    with write(db, by, Act.CONTACT, number) as w:
        ticket = ticket_by_number(w.session, number)
        w.session.add(Contact(ticket_id=ticket.id, at=at or w.now, by_id=w.person_id,
                              channel=chosen, note=(note or "").strip() or None,
                              outcome=(outcome or "").strip() or None))
