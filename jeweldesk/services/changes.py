"""The change marker open screens watch, so a move at the bench shows at the counter."""

from __future__ import annotations

from sqlalchemy import select

from jeweldesk.domain.models import Store
from jeweldesk.services.common import STORE_ID
from jeweldesk.storage.engine import Database


def change_marker(db: Database) -> int:
    """One primary-key read; it moves whenever any workstation changes anything."""
    with db.session(write=False) as session:
        return session.scalar(select(Store.change_count).where(Store.id == STORE_ID)) or 0
