"""Telling customers: the store's wording, the notices given and the work waiting for a
customer's yes."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jeweldesk.domain.kinds import Channel
from jeweldesk.storage.base import MONEY, WIDE_TEXT, Base, enum_column

if TYPE_CHECKING:
    from jeweldesk.storage.tables import Staff, Ticket


class NoticeWording(Base):
    """The store's own wording of one kind of notice; a kind with no row uses the built-in."""

    __tablename__ = "notice_wording"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    subject: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)


class Notice(Base):
    """One notice given about a ticket: the outbox and its record at once.

    The row is written before the message leaves and marked sent after, so a run cut
    short between the two leaves a row with no ``sent_at``: never sent again on its own,
    shown for a person to check instead. ``step`` tells apart the notices of one kind on
    one ticket (the 30- and the 60-day reminder, the promise each delay notice gave).
    """

    __tablename__ = "notice"
    __table_args__ = (UniqueConstraint("ticket_id", "kind", "step"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    step: Mapped[str] = mapped_column(String(40), default="")
    channel: Mapped[Channel] = mapped_column(enum_column(Channel, "notice_channel"))
    recipient: Mapped[str | None] = mapped_column(String(WIDE_TEXT))
    subject: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    queued_at: Mapped[datetime] = mapped_column(DateTime)
    by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    outcome: Mapped[str | None] = mapped_column(String(200))

    ticket: Mapped[Ticket] = relationship(back_populates="notices")
    by: Mapped[Staff] = relationship()


class Approval(Base):
    """Work waiting for the customer's yes: found at the bench ("the shank is thin:
    re-shank, $180"), or the whole ticket's estimate. While it waits the promise's clock
    stops; a yes moves the promise on by the days it waited and adds the line."""

    __tablename__ = "approval"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    asked_at: Mapped[datetime] = mapped_column(DateTime)
    asked_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    what: Mapped[str] = mapped_column(Text)
    price: Mapped[Decimal | None] = mapped_column(MONEY)
    whole_ticket: Mapped[bool] = mapped_column(Boolean, default=False)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    answer: Mapped[str | None] = mapped_column(String(10))  # "yes", "no"
    how: Mapped[Channel | None] = mapped_column(enum_column(Channel, "approval_channel"))
    # After a no: "line" (the rest of the work goes on) or "ticket" (the piece goes back
    # as it is).
    ends: Mapped[str | None] = mapped_column(String(10))

    ticket: Mapped[Ticket] = relationship(back_populates="approvals")
    asked_by: Mapped[Staff] = relationship(foreign_keys=[asked_by_id])
    answered_by: Mapped[Staff | None] = relationship(foreign_keys=[answered_by_id])
