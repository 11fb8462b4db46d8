"""Recording calls and messages with a customer about a ticket."""

from __future__ import annotations

from datetime import datetime

from jeweldesk.domain.errors import Invalid
from jeweldesk.domain.kinds import Channel
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import mark_changed, staff_by_code, store_now, ticket_by_number
from jeweldesk.storage.tables import Contact


def record_contact(db: Database, number: str, channel: Channel | str, by: str,
                   note: str | None = None, outcome: str | None = None,
                   at: datetime | None = None) -> None:
    try:
        chosen = Channel(channel)
    except ValueError:
        options = ", ".join(c.value for c in Channel)
        raise Invalid({"channel": f"{channel!r} is not one of {options}"}) from None
    with db.session() as session:
        ticket = ticket_by_number(session, number)
        staff = staff_by_code(session, by)
        session.add(Contact(ticket_id=ticket.id, at=at or store_now(session), by_id=staff.id,
                            channel=chosen, note=(note or "").strip() or None,
                            outcome=(outcome or "").strip() or None))
        mark_changed(session)
