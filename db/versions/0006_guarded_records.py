"""the records guarded: PIN lockout, the PIN length a store requires, the idle lock, and
history that the database itself refuses to rewrite

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Rows that are the store's history, beside the status moves and edits guarded since 0001
# and 0003: a correction is a new row, never an edit.
APPEND_ONLY = ("payment", "promise_change", "contact")


def upgrade() -> None:
    with op.batch_alter_table("staff") as batch:
        batch.add_column(sa.Column("failed_pins", sa.Integer(), nullable=False,
                                   server_default="0"))
        batch.add_column(sa.Column("last_failed_pin_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("pin_locked", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
    with op.batch_alter_table("store") as batch:
        batch.add_column(sa.Column("pin_digits", sa.Integer(), nullable=False,
                                   server_default="4"))
        batch.add_column(sa.Column("idle_lock_minutes", sa.Integer(), nullable=False,
                                   server_default="10"))
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_triggers()
    else:
        _postgresql_triggers()


def _sqlite_triggers() -> None:
    for table in APPEND_ONLY:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_append_only_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'the store''s history is append-only: "
                f"{table} rows are never changed or deleted'); END"
            )
    op.execute(
        "CREATE TRIGGER ticket_deposit_stays BEFORE UPDATE OF deposit ON ticket "
        "WHEN NEW.deposit IS NOT OLD.deposit "
        "BEGIN SELECT RAISE(ABORT, 'a deposit taken stays on record; take a payment or a "
        "refund instead'); END"
    )


def _postgresql_triggers() -> None:
    op.execute(
        "CREATE FUNCTION jeweldesk_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION 'the store''s history is append-only: % rows are never "
        "changed or deleted', TG_TABLE_NAME; END $$"
    )
    for table in APPEND_ONLY:
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION jeweldesk_append_only()"
        )
    op.execute(
        "CREATE FUNCTION jeweldesk_deposit_stays() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN IF NEW.deposit IS DISTINCT FROM OLD.deposit THEN RAISE EXCEPTION "
        "'a deposit taken stays on record; take a payment or a refund instead'; END IF; "
        "RETURN NEW; END $$"
    )
    op.execute(
        "CREATE TRIGGER ticket_deposit_stays BEFORE UPDATE OF deposit ON ticket "
        "FOR EACH ROW EXECUTE FUNCTION jeweldesk_deposit_stays()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in APPEND_ONLY:
            for action in ("update", "delete"):
                op.execute(f"DROP TRIGGER {table}_append_only_{action}")
        op.execute("DROP TRIGGER ticket_deposit_stays")
    else:
        for table in APPEND_ONLY:
            op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
        op.execute("DROP TRIGGER ticket_deposit_stays ON ticket")
        op.execute("DROP FUNCTION jeweldesk_append_only()")
        op.execute("DROP FUNCTION jeweldesk_deposit_stays()")
    with op.batch_alter_table("store") as batch:
        batch.drop_column("idle_lock_minutes")
        batch.drop_column("pin_digits")
    with op.batch_alter_table("staff") as batch:
        batch.drop_column("pin_locked")
        batch.drop_column("last_failed_pin_at")
        batch.drop_column("failed_pins")
