"""the store's country, for reading and writing phone numbers, and whether it is the demo

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
# 0007 is made beside this one; the chain is put in a line when the two meet.
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("store") as batch:
        # An ISO region ("US", "CA", "GB"): a phone typed without +country is read as its.
        batch.add_column(sa.Column("country", sa.String(length=2), nullable=False,
                                   server_default="US"))
        batch.add_column(sa.Column("is_demo", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("store") as batch:
        batch.drop_column("is_demo")
        batch.drop_column("country")
