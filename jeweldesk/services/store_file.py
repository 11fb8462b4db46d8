"""The whole store to a file and back, for the window (the command line has its own)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jeweldesk.domain.errors import ServiceError
from jeweldesk.interchange.common import InvalidDocument, Steps
from jeweldesk.storage.door import Actor
from jeweldesk.storage.engine import Database

if TYPE_CHECKING:
    from jeweldesk.interchange.export_v2 import Exported
    from jeweldesk.interchange.importer import Imported

SHOWN = 10  # problems named in the window; the command line names them all


@dataclass(frozen=True)
class Summary:
    """What went out or came in, in the words the window shows."""

    customers: int
    tickets: int
    payments: int
    photos: int

    def words(self, done: str, where: Path) -> str:
        def plural(n: int, word: str) -> str:
            return f"{n:,} {word}{'' if n == 1 else 's'}"
        return (f"{done} {plural(self.customers, 'customer')}, {plural(self.tickets, 'ticket')}, "
                f"{plural(self.payments, 'payment')} and {plural(self.photos, 'photo')} "
                f"{'to' if done == 'Exported' else 'from'} {where.name}.")


def export_whole_store(db: Database, target: Path, backup: bool = False) -> Steps[Summary]:
    """Write the store to ``target``, beside it first, so a failed export leaves no half file."""
    from jeweldesk.interchange.exporter import export_store  # the File menu's, not start-up's

    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            done: Exported = yield from export_store(db, out, backup=backup)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Summary(done.customers, done.tickets, done.payments, done.photos)


def import_store_file(db: Database, source: Path, by: Actor) -> Steps[Summary]:
    """Bring a store file in (version 1 or 2), all of it or none; ``by`` must be a manager."""
    from jeweldesk.interchange.importer import import_file

    try:
        done: Imported = yield from import_file(db, source, by)
    except InvalidDocument as refused:
        shown = "\n".join(str(p) for p in refused.problems[:SHOWN])
        more = len(refused.problems) - SHOWN
        raise ServiceError(f"{source.name} was not imported: {refused}.\n{shown}"
                           + (f"\n… and {more:,} more" if more > 0 else "")) from None
    return Summary(done.customers, done.tickets, done.payments, done.photos)
