"""money as a store takes it: payment methods and refunds, discounts and courtesies, sales
tax rates

Revision ID: 0011
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
# Made beside other branches' revisions; the chain is put in a line when they meet.
down_revision = "0010"
branch_labels = None
depends_on = None

METHODS = "cash,card,check,gift card,store credit"
MONEY = sa.Numeric(12, 2, asdecimal=True)
PERCENT = sa.Numeric(6, 3, asdecimal=True)


def upgrade() -> None:
    with op.batch_alter_table("store") as batch:
        batch.add_column(sa.Column("payment_methods", sa.Text(), nullable=False,
                                   server_default=METHODS))
        batch.add_column(sa.Column("charges_tax", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
    with op.batch_alter_table("payment") as batch:
        batch.add_column(sa.Column("reason", sa.Text(), nullable=True))
    with op.batch_alter_table("catalog_service") as batch:
        batch.add_column(sa.Column("tax_rate", sa.String(64), nullable=True))
    with op.batch_alter_table("ticket_service") as batch:
        batch.add_column(sa.Column("tax_name", sa.String(200), nullable=True))
        batch.add_column(sa.Column("tax_percent", PERCENT, nullable=True))
    op.create_table(
        "tax_rate",
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("percent", PERCENT, nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_tax_rate"),
    )
    op.create_table(
        "ticket_discount",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=False),
        sa.Column("amount", MONEY, nullable=True),
        sa.Column("percent", PERCENT, nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("courtesy", sa.Boolean(), nullable=False),
        sa.CheckConstraint("(amount IS NULL) <> (percent IS NULL)",
                           name="ck_ticket_discount_amount_or_percent"),
        sa.ForeignKeyConstraint(["ticket_id"], ["ticket.id"],
                                name="fk_ticket_discount_ticket_id_ticket"),
        sa.ForeignKeyConstraint(["by_id"], ["staff.id"], name="fk_ticket_discount_by_id_staff"),
        sa.PrimaryKeyConstraint("id", name="pk_ticket_discount"),
    )
    op.create_index("ix_ticket_discount_ticket_id", "ticket_discount", ["ticket_id"])
    # A discount given is history like a payment: a correction is a new row.
    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER ticket_discount_append_only_{action.lower()} BEFORE {action} "
                "ON ticket_discount BEGIN SELECT RAISE(ABORT, 'the store''s history is "
                "append-only: ticket_discount rows are never changed or deleted'); END"
            )
    else:
        op.execute(
            "CREATE TRIGGER ticket_discount_append_only BEFORE UPDATE OR DELETE ON "
            "ticket_discount FOR EACH ROW EXECUTE FUNCTION jeweldesk_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER ticket_discount_append_only_{action}")
    else:
        op.execute("DROP TRIGGER ticket_discount_append_only ON ticket_discount")
    op.drop_index("ix_ticket_discount_ticket_id", "ticket_discount")
    op.drop_table("ticket_discount")
    op.drop_table("tax_rate")
    with op.batch_alter_table("ticket_service") as batch:
        batch.drop_column("tax_percent")
        batch.drop_column("tax_name")
    with op.batch_alter_table("catalog_service") as batch:
        batch.drop_column("tax_rate")
    with op.batch_alter_table("payment") as batch:
        batch.drop_column("reason")
    with op.batch_alter_table("store") as batch:
        batch.drop_column("charges_tax")
        batch.drop_column("payment_methods")
