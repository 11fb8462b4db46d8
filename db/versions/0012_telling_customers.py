"""telling customers: the notices given (the outbox), the store's wording of them, the
unclaimed reminders' days, the mail server and text gateway, and letters as a contact

Revision ID: 0012
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

OLD_CHANNELS = "'phone', 'sms', 'email', 'in_person'"
NEW_CHANNELS = OLD_CHANNELS + ", 'letter'"


def _channel(name: str) -> sa.Enum:
    return sa.Enum("phone", "sms", "email", "in_person", "letter", name=name,
                   native_enum=False, create_constraint=True, length=20)


def upgrade() -> None:
    with op.batch_alter_table("store") as batch:
        batch.add_column(sa.Column("reminder_days", sa.String(40), nullable=False,
                                   server_default="30,60"))
        batch.add_column(sa.Column("not_heard_from_days", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("mail_host", sa.String(255), nullable=True))
        batch.add_column(sa.Column("mail_port", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("mail_security", sa.String(10), nullable=False,
                                   server_default="starttls"))
        batch.add_column(sa.Column("mail_user", sa.String(255), nullable=True))
        batch.add_column(sa.Column("mail_from", sa.String(255), nullable=True))
        batch.add_column(sa.Column("sms_url", sa.String(4000), nullable=True))
        batch.add_column(sa.Column("sms_account", sa.String(255), nullable=True))
        batch.add_column(sa.Column("sms_from", sa.String(64), nullable=True))
    op.create_table(
        "notice_wording",
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("kind", name=op.f("pk_notice_wording")),
    )
    op.create_table(
        "notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("step", sa.String(40), nullable=False),
        sa.Column("channel", _channel("notice_channel"), nullable=False),
        sa.Column("recipient", sa.String(4000), nullable=True),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("queued_at", sa.DateTime(), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("outcome", sa.String(200), nullable=True),
        sa.ForeignKeyConstraint(["ticket_id"], ["ticket.id"],
                                name=op.f("fk_notice_ticket_id_ticket")),
        sa.ForeignKeyConstraint(["by_id"], ["staff.id"], name=op.f("fk_notice_by_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice")),
        sa.UniqueConstraint("ticket_id", "kind", "step", name=op.f("uq_notice_ticket_id")),
    )
    op.create_index(op.f("ix_notice_ticket_id"), "notice", ["ticket_id"])
    op.create_table(
        "approval",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("asked_at", sa.DateTime(), nullable=False),
        sa.Column("asked_by_id", sa.Integer(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("price", sa.Numeric(12, 2), nullable=True),
        sa.Column("whole_ticket", sa.Boolean(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.Column("answer", sa.String(10), nullable=True),
        sa.Column("how", _channel("approval_channel"), nullable=True),
        sa.Column("ends", sa.String(10), nullable=True),
        sa.ForeignKeyConstraint(["ticket_id"], ["ticket.id"],
                                name=op.f("fk_approval_ticket_id_ticket")),
        sa.ForeignKeyConstraint(["asked_by_id"], ["staff.id"],
                                name=op.f("fk_approval_asked_by_id_staff")),
        sa.ForeignKeyConstraint(["answered_by_id"], ["staff.id"],
                                name=op.f("fk_approval_answered_by_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approval")),
    )
    op.create_index(op.f("ix_approval_ticket_id"), "approval", ["ticket_id"])
    _contact_channels(NEW_CHANNELS)


def _contact_channels(allowed: str) -> None:
    """A letter is a contact too. SQLite cannot change a CHECK in place: the table is made
    again, and with it the triggers that keep it append-only (0006)."""
    if op.get_bind().dialect.name != "sqlite":
        op.execute("ALTER TABLE contact DROP CONSTRAINT ck_contact_channel")
        op.execute(f"ALTER TABLE contact ADD CONSTRAINT ck_contact_channel "
                   f"CHECK (channel IN ({allowed}))")
        return
    for action in ("update", "delete"):
        op.execute(f"DROP TRIGGER contact_append_only_{action}")
    op.execute(
        "CREATE TABLE contact_new (id INTEGER NOT NULL, ticket_id INTEGER NOT NULL, "
        "at DATETIME NOT NULL, by_id INTEGER NOT NULL, channel VARCHAR(20) NOT NULL, "
        "note TEXT, outcome VARCHAR(200), CONSTRAINT pk_contact PRIMARY KEY (id), "
        "CONSTRAINT fk_contact_by_id_staff FOREIGN KEY(by_id) REFERENCES staff (id), "
        "CONSTRAINT fk_contact_ticket_id_ticket FOREIGN KEY(ticket_id) REFERENCES ticket (id), "
        f"CONSTRAINT ck_contact_channel CHECK (channel IN ({allowed})))"
    )
    op.execute("INSERT INTO contact_new SELECT id, ticket_id, at, by_id, channel, note, outcome "
               "FROM contact")
    op.execute("DROP TABLE contact")
    op.execute("ALTER TABLE contact_new RENAME TO contact")
    op.execute("CREATE INDEX ix_contact_ticket_id ON contact (ticket_id)")
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER contact_append_only_{action.lower()} BEFORE {action} ON contact "
            "BEGIN SELECT RAISE(ABORT, 'the store''s history is append-only: "
            "contact rows are never changed or deleted'); END"
        )


def downgrade() -> None:
    _contact_channels(OLD_CHANNELS)
    op.drop_index(op.f("ix_approval_ticket_id"), table_name="approval")
    op.drop_table("approval")
    op.drop_index(op.f("ix_notice_ticket_id"), table_name="notice")
    op.drop_table("notice")
    op.drop_table("notice_wording")
    with op.batch_alter_table("store") as batch:
        for column in ("sms_from", "sms_account", "sms_url", "mail_from", "mail_user",
                       "mail_security", "mail_port", "mail_host", "not_heard_from_days",
                       "reminder_days"):
            batch.drop_column(column)
