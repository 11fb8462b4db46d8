"""The morning's kept answer as ``at-risk --json`` prints it, read without loading the engine
or the warnings: a command asked about now, on the same day and change count the answer was
judged for, prints what was kept (``morning`` keeps the listed flags ready to print)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from jeweldesk.storage.quick_read import kept_morning

# Bumped whenever what is kept changes shape: an answer kept by another version is judged anew.
KEPT_SHAPE = 3  # 2: with the track record; 3: with the listed flags as at-risk prints them


def listed_now(url: str) -> tuple[datetime, list[dict[str, Any]]] | None:
    """The store's now and the listed flags kept for it; None when nothing is kept for this
    day and change count (or the store is to be opened the usual way)."""
    read = kept_morning(url)
    if read is None or read.answer is None or read.kept_day != read.now.date() \
            or read.kept_count != read.change_count:
        return None
    try:
        kept = json.loads(read.answer)
    except ValueError:
        return None
    if not isinstance(kept, dict) or kept.get("shape") != KEPT_SHAPE \
            or not isinstance(kept.get("listed"), list):
        return None
    return read.now, kept["listed"]


def at_risk_document(moment: datetime, listed: list[dict[str, Any]]) -> dict[str, Any]:
    """What ``risk.engine.flags_to_json`` makes of the same flags at the same moment."""
    return {"as_of": moment.isoformat(timespec="seconds"), "flags": listed}
