"""What a customer at the counter can take home today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from jeweldesk.domain.status import Status
from jeweldesk.storage.engine import Database
from jeweldesk.storage.tables import Ticket


@dataclass(frozen=True)
class ReadyPiece:
    number: str
    item: str
    balance: Decimal
    ready_since: datetime


def ready_for_customer(db: Database, customer_id: int) -> list[ReadyPiece]:
    """The customer's pieces that are ready, longest waiting first."""
    with db.session(write=False) as session:
        tickets = session.scalars(
            select(Ticket)
            .where(Ticket.customer_id == customer_id, Ticket.status == Status.READY)
            .order_by(Ticket.status_at, Ticket.id)
        )
        return [ReadyPiece(t.number, t.item_description, t.balance, t.status_at)
                for t in tickets]
