"""What every table of the store's records is built on: one metadata with one naming
convention, and the column kinds money and enums are kept in."""

from __future__ import annotations

import enum

from sqlalchemy import Enum, MetaData, Numeric
from sqlalchemy.orm import DeclarativeBase

MONEY = Numeric(12, 2, asdecimal=True)
PERCENT = Numeric(6, 3, asdecimal=True)
WIDE_TEXT = 4000  # phones, e-mails, carriers, tracking: as long as the interchange allows

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def enum_column(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda members: [m.value for m in members],
    )
