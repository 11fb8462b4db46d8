"""phones, e-mails, carriers and tracking numbers as long as the interchange format allows

Revision ID: 0004
Revises: 0003

The interchange schema lets these run to 4,000 characters; a store moving in with a
longer one than the first tables held was refused. SQLite never enforced the width,
so only PostgreSQL's columns change. The indexes on a customer's phone go: the search
box finds a phone by any part of it, which no such index serves, and PostgreSQL
cannot index a value that long.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

WIDE = 4000
COLUMNS = (
    ("store", "phone", 64),
    ("vendor", "phone", 64),
    ("vendor", "email", 200),
    ("customer", "phone", 64),
    ("customer", "phone_digits", 64),
    ("customer", "email", 200),
    ("parcel", "carrier", 64),
    ("parcel", "tracking", 64),
)


def upgrade() -> None:
    op.drop_index("ix_customer_phone_digits", table_name="customer")
    op.drop_index("ix_customer_phone", table_name="customer")
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, narrow in COLUMNS:
        op.alter_column(table, column, type_=sa.String(WIDE),
                        existing_type=sa.String(narrow), existing_nullable=True)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, column, narrow in COLUMNS:
            op.alter_column(table, column, type_=sa.String(narrow),
                            existing_type=sa.String(WIDE), existing_nullable=True)
    op.create_index("ix_customer_phone", "customer", ["phone"], unique=False)
    op.create_index("ix_customer_phone_digits", "customer", ["phone_digits"], unique=False)
