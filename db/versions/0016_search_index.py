"""the search box at index speed: customers' names, phones and notes, and pieces'
numbers, descriptions, stones and the bench's notes, indexed by their three-letter pieces

On SQLite, two FTS5 tables with the trigram tokenizer, kept by triggers; on PostgreSQL,
pg_trgm's GIN indexes on the same columns. Both are derived: never exported, made again
from the records (jeweldesk.storage.search_index). A database without FTS5 or pg_trgm
upgrades all the same and its search reads the tables themselves, as before.

Revision ID: 0016
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

SQLITE_TABLES = (
    "CREATE VIRTUAL TABLE customer_words USING fts5(name, phone_digits, notes, "
    "tokenize = 'trigram')",
    "CREATE VIRTUAL TABLE ticket_words USING fts5(number, description, stones, notes, "
    "tokenize = 'trigram')",
)
SQLITE_TRIGGERS = (
    "CREATE TRIGGER customer_words_insert AFTER INSERT ON customer BEGIN "
    "INSERT INTO customer_words (rowid, name, phone_digits, notes) "
    "VALUES (new.id, new.name, new.phone_digits, new.notes); END",
    "CREATE TRIGGER customer_words_update AFTER UPDATE OF name, phone_digits, notes "
    "ON customer BEGIN UPDATE customer_words SET name = new.name, "
    "phone_digits = new.phone_digits, notes = new.notes WHERE rowid = new.id; END",
    "CREATE TRIGGER customer_words_delete AFTER DELETE ON customer BEGIN "
    "DELETE FROM customer_words WHERE rowid = old.id; END",
    "CREATE TRIGGER ticket_words_insert AFTER INSERT ON ticket BEGIN "
    "INSERT INTO ticket_words (rowid, number, description, stones, notes) "
    "VALUES (new.id, new.number, new.item_description, new.item_stones, NULL); END",
    "CREATE TRIGGER ticket_words_update AFTER UPDATE OF number, item_description, "
    "item_stones ON ticket BEGIN UPDATE ticket_words SET number = new.number, "
    "description = new.item_description, stones = new.item_stones WHERE rowid = new.id; END",
    "CREATE TRIGGER ticket_words_delete AFTER DELETE ON ticket BEGIN "
    "DELETE FROM ticket_words WHERE rowid = old.id; END",
    # A status move's note (what the bench found) joins its ticket's notes; moves are
    # never changed or deleted, so adding is all there is to keep.
    "CREATE TRIGGER ticket_words_note AFTER INSERT ON ticket_event "
    "WHEN new.note IS NOT NULL BEGIN UPDATE ticket_words SET notes = "
    "coalesce(notes || char(10), '') || new.note WHERE rowid = new.ticket_id; END",
)
SQLITE_FILL = (
    "INSERT INTO customer_words (rowid, name, phone_digits, notes) "
    "SELECT id, name, phone_digits, notes FROM customer",
    "INSERT INTO ticket_words (rowid, number, description, stones, notes) "
    "SELECT t.id, t.number, t.item_description, t.item_stones, "
    "(SELECT group_concat(e.note, char(10)) FROM ticket_event e "
    "WHERE e.ticket_id = t.id AND e.note IS NOT NULL) FROM ticket t",
)
POSTGRESQL_INDEXES = {
    "ix_customer_name_trgm": ("customer", "name"),
    "ix_customer_phone_digits_trgm": ("customer", "phone_digits"),
    "ix_customer_notes_trgm": ("customer", "notes"),
    "ix_ticket_number_trgm": ("ticket", "number"),
    "ix_ticket_item_description_trgm": ("ticket", "item_description"),
    "ix_ticket_item_stones_trgm": ("ticket", "item_stones"),
    "ix_ticket_event_note_trgm": ("ticket_event", "note"),
}


def _has_fts5(bind: sa.Connection) -> bool:
    return bool(bind.exec_driver_sql(
        "SELECT 1 FROM pragma_compile_options WHERE compile_options = 'ENABLE_FTS5'").first())


def _pg_trgm(bind: sa.Connection) -> bool:
    """pg_trgm made available here if the server has it (a trusted extension since
    PostgreSQL 13: the database's owner may add it); False when it cannot be."""
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except sa.exc.DBAPIError:
        return False
    return True


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        if not _has_fts5(bind):
            return
        for statement in (*SQLITE_TABLES, *SQLITE_TRIGGERS, *SQLITE_FILL):
            op.execute(statement)
    elif bind.dialect.name == "postgresql" and _pg_trgm(bind):
        for name, (table, column) in POSTGRESQL_INDEXES.items():
            op.execute(f"CREATE INDEX {name} ON {table} USING gin ({column} gin_trgm_ops)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for table in ("customer_words", "ticket_words"):
            op.execute(f"DROP TABLE IF EXISTS {table}")
        for statement in SQLITE_TRIGGERS:
            name = statement.split()[2]
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for name in POSTGRESQL_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
