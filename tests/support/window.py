"""The window's way in for a test: a person signed in at a workstation."""

from __future__ import annotations

from jeweldesk.services.store import list_staff
from jeweldesk.storage.engine import Database
from jeweldesk.ui.common.context import AppContext


def signed_in(db: Database, code: str) -> AppContext:
    user = next(s for s in list_staff(db) if s.code == code)
    return AppContext(db, user)
