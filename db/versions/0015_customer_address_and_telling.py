"""the customer's postal address, for the letters the store posts; and a new promise the
customer is to be told of in writing (a flag handled by writing rather than calling)

Revision ID: 0015
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
# Made beside other branches' revisions; the chain is put in a line when they meet.
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customer") as batch:
        # NULL: no address on record; the final unclaimed letter then asks for one.
        batch.add_column(sa.Column("postal_address", sa.Text(), nullable=True))
    with op.batch_alter_table("promise_change") as batch:
        # NULL: the customer heard the new date when it was agreed (or is told as they
        # prefer); else the way they are written to: email, sms or letter.
        batch.add_column(sa.Column(
            "tell_by", sa.Enum("phone", "sms", "email", "in_person", "letter",
                               name="promise_tell_by", native_enum=False,
                               create_constraint=True, length=20),
            nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("promise_change") as batch:
        batch.drop_column("tell_by")
    with op.batch_alter_table("customer") as batch:
        batch.drop_column("postal_address")
