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
    # Each column is added in place, never through a batch: SQLite would make the table
    # again and lose the triggers that keep the history append-only (0006).
    # Every store before this one wrote dollars the US way.
    op.add_column("store", sa.Column("currency", sa.String(length=3), nullable=False,
                                     server_default="USD"))
    op.add_column("store", sa.Column("locale", sa.String(length=35), nullable=False,
                                     server_default="en_US"))
    op.add_column("ticket", sa.Column("deposit_method", sa.String(length=20), nullable=True))
    op.add_column("payment", sa.Column("cash_rounding", sa.Boolean(), nullable=False,
                                       server_default=sa.false()))


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table("payment") as batch:
        batch.drop_column("cash_rounding")
    if sqlite:  # the table was made again without its triggers
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"DROP TRIGGER IF EXISTS payment_append_only_{action.lower()}")
            op.execute(
                f"CREATE TRIGGER payment_append_only_{action.lower()} BEFORE {action} ON "
                "payment BEGIN SELECT RAISE(ABORT, 'the store''s history is append-only: "
                "payment rows are never changed or deleted'); END")
    with op.batch_alter_table("ticket") as batch:
        batch.drop_column("deposit_method")
    with op.batch_alter_table("store") as batch:
        batch.drop_column("locale")
        batch.drop_column("currency")
