"""the store's thank-you wording in the database, and how the paper addresses a customer

Revision ID: 0010
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
# Made beside other branches' revisions; the chain is put in a line when they meet.
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("store") as batch:
        # NULL: the wording that ships. Every PC of the store prints the same note.
        batch.add_column(sa.Column("note_wording", sa.Text(), nullable=True))
    with op.batch_alter_table("customer") as batch:
        # NULL: by first name; else the title said with the surname ("Mrs").
        batch.add_column(sa.Column("addressed_as", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("customer") as batch:
        batch.drop_column("addressed_as")
    with op.batch_alter_table("store") as batch:
        batch.drop_column("note_wording")
