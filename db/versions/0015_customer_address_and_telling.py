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
down_revision = "0014"
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
    _guard_again()


def _guard_again() -> None:
    """SQLite rebuilds a table to alter it, and its triggers go with the old one: the
    promises stay append-only (0006), so they are put back."""
    if op.get_bind().dialect.name != "sqlite":
        return
    for action in ("UPDATE", "DELETE"):
        op.execute(f"DROP TRIGGER IF EXISTS promise_change_append_only_{action.lower()}")
        op.execute(
            f"CREATE TRIGGER promise_change_append_only_{action.lower()} BEFORE {action} ON "
            "promise_change BEGIN SELECT RAISE(ABORT, 'the store''s history is append-only: "
            "promise_change rows are never changed or deleted'); END"
        )


def downgrade() -> None:
    with op.batch_alter_table("promise_change") as batch:
        batch.drop_column("tell_by")
    _guard_again()
    with op.batch_alter_table("customer") as batch:
        batch.drop_column("postal_address")
