"""The chain of custody and the record of edits are append-only: refuse any update or
delete of their rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from jeweldesk.storage.tables import TicketEdit, TicketEvent


class HistoryIsAppendOnly(RuntimeError):
    pass


def _refuse_event(_mapper: Any, _connection: Any, target: TicketEvent) -> None:
    raise HistoryIsAppendOnly(
        f"status history is append-only; refused to change event {target.id}"
    )


def _refuse_edit(_mapper: Any, _connection: Any, target: TicketEdit) -> None:
    raise HistoryIsAppendOnly(
        f"the record of edits is append-only; refused to change edit {target.id}"
    )


def guard_history() -> None:
    """Refuse, in the session, what the database's triggers refuse too: a clear error before
    any SQL is sent. Called by every Database; listening twice is once."""
    for model, refuse in ((TicketEvent, _refuse_event), (TicketEdit, _refuse_edit)):
        for hook in ("before_update", "before_delete"):
            if not event.contains(model, hook, refuse):
                event.listen(model, hook, refuse)
