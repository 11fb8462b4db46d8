"""the store's currency and locale, the deposit's method at intake, and cash rounding

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("store") as batch:
        # Every store before this one wrote dollars the US way.
        batch.add_column(sa.Column("currency", sa.String(length=3), nullable=False,
                                   server_default="USD"))
        batch.add_column(sa.Column("locale", sa.String(length=35), nullable=False,
                                   server_default="en_US"))
    with op.batch_alter_table("ticket") as batch:
        batch.add_column(sa.Column("deposit_method", sa.String(length=20), nullable=True))
    with op.batch_alter_table("payment") as batch:
        batch.add_column(sa.Column("cash_rounding", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("payment") as batch:
        batch.drop_column("cash_rounding")
    with op.batch_alter_table("ticket") as batch:
        batch.drop_column("deposit_method")
    with op.batch_alter_table("store") as batch:
        batch.drop_column("locale")
        batch.drop_column("currency")
