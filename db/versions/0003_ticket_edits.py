"""ticket edits: who changed what on a ticket after intake

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ticket_edit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["by_id"], ["staff.id"], name=op.f("fk_ticket_edit_by_id_staff")),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_ticket_edit_ticket_id_ticket")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_edit")),
    )
    with op.batch_alter_table("ticket_edit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ticket_edit_ticket_id"), ["ticket_id"], unique=False)
    _edits_append_only()


def downgrade() -> None:
    _drop_edits_guard()
    with op.batch_alter_table("ticket_edit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ticket_edit_ticket_id"))
    op.drop_table("ticket_edit")


# Like the status history (0001): the database itself refuses to rewrite or
# delete the record of who changed what, even from a hand-written statement.
def _edits_append_only() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER ticket_edit_no_{action.lower()} BEFORE {action} ON ticket_edit "
                "BEGIN SELECT RAISE(ABORT, 'the record of edits is append-only'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION ticket_edit_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'the record of edits is append-only'; END $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER ticket_edit_append_only BEFORE UPDATE OR DELETE ON ticket_edit "
            "FOR EACH ROW EXECUTE FUNCTION ticket_edit_append_only()"
        )


def _drop_edits_guard() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS ticket_edit_no_update")
        op.execute("DROP TRIGGER IF EXISTS ticket_edit_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS ticket_edit_append_only ON ticket_edit")
        op.execute("DROP FUNCTION IF EXISTS ticket_edit_append_only()")
