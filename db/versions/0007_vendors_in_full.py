"""vendors in full: the address the manifest prints, the work they do, the carriers and
weekdays parcels go out, when a vendor was retired, and a version so that two managers
editing one vendor never overwrite each other

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

WIDE_TEXT = 4000


def upgrade() -> None:
    with op.batch_alter_table("vendor") as batch:
        batch.add_column(sa.Column("address", sa.Text(), nullable=True))
        batch.add_column(sa.Column("work", sa.Text(), nullable=True))
        batch.add_column(sa.Column("carriers", sa.String(length=WIDE_TEXT), nullable=True))
        batch.add_column(sa.Column("ship_weekdays", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("retired_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False,
                                   server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("vendor") as batch:
        batch.drop_column("version")
        batch.drop_column("retired_at")
        batch.drop_column("ship_weekdays")
        batch.drop_column("carriers")
        batch.drop_column("work")
        batch.drop_column("address")
