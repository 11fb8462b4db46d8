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


event.listen(TicketEvent, "before_update", _refuse_event)
event.listen(TicketEvent, "before_delete", _refuse_event)
event.listen(TicketEdit, "before_update", _refuse_edit)
event.listen(TicketEdit, "before_delete", _refuse_edit)
