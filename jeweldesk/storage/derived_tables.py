"""Derived records: worked out from the others, kept to save the work, never exported."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from jeweldesk.storage.base import Base


class KeptMorning(Base):
    """The morning's early-warning answer, kept for the store's change count and day it was
    worked out for: a restart, another workstation or the morning list reuse it instead of
    judging the whole store again. Derived data: never exported, any row may be thrown away."""

    __tablename__ = "kept_morning"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    change_count: Mapped[int] = mapped_column(Integer)
    day: Mapped[date] = mapped_column(Date)
    answer: Mapped[str] = mapped_column(Text)
