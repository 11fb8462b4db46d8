"""planned days off for the jewelers, for the early warnings

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_day_off",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("planned_at", sa.DateTime(), nullable=False),
        sa.Column("planned_by_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("last_day >= first_day",
                           name=op.f("ck_staff_day_off_ends_after_it_starts")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"],
                                name=op.f("fk_staff_day_off_staff_id_staff")),
        sa.ForeignKeyConstraint(["planned_by_id"], ["staff.id"],
                                name=op.f("fk_staff_day_off_planned_by_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_day_off")),
    )
    op.create_index(op.f("ix_staff_day_off_staff_id"), "staff_day_off", ["staff_id"],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_staff_day_off_staff_id"), table_name="staff_day_off")
    op.drop_table("staff_day_off")
