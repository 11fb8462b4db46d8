"""The change marker open screens watch, so a move at the bench shows at the counter."""

from __future__ import annotations

from sqlalchemy import select

from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import STORE_ID
from jeweldesk.storage.tables import Store


def change_marker(db: Database) -> int:
    """One primary-key read; it moves whenever any workstation changes anything."""
    with db.session(write=False) as session:
        return session.scalar(select(Store.change_count).where(Store.id == STORE_ID)) or 0
