"""The money a store takes beyond the lines' prices: its tax rates and the discounts and
courtesies given on a ticket."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jeweldesk.storage.base import MONEY, PERCENT, Base

if TYPE_CHECKING:
    from jeweldesk.storage.tables import Staff, Ticket


class TaxRate(Base):
    """A sales tax the store charges on the services that name it."""

    __tablename__ = "tax_rate"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    percent: Mapped[Decimal] = mapped_column(PERCENT)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class TicketDiscount(Base):
    """Money off a ticket's work, or a courtesy for letting the customer down: who gave it
    and why. Never changed; a correction is a new row."""

    __tablename__ = "ticket_discount"
    __table_args__ = (
        CheckConstraint("(amount IS NULL) <> (percent IS NULL)", name="amount_or_percent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    amount: Mapped[Decimal | None] = mapped_column(MONEY)
    percent: Mapped[Decimal | None] = mapped_column(PERCENT)
    reason: Mapped[str] = mapped_column(Text)
    courtesy: Mapped[bool] = mapped_column(Boolean, default=False)

    ticket: Mapped[Ticket] = relationship(back_populates="discounts")
    by: Mapped[Staff] = relationship()
