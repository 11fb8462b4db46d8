"""The chain of custody is append-only: refuse any update or delete of a history row."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from jeweldesk.domain.models import TicketEvent


class HistoryIsAppendOnly(RuntimeError):
    pass


def _refuse(_mapper: Any, _connection: Any, target: TicketEvent) -> None:
    raise HistoryIsAppendOnly(
        f"status history is append-only; refused to change event {target.id}"
    )


event.listen(TicketEvent, "before_update", _refuse)
event.listen(TicketEvent, "before_delete", _refuse)
