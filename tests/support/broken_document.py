"""The example document broken five ways at once, the problems each way must be named by,
and a database file's bytes, to show a refused import wrote nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jeweldesk.storage.engine import Database
from tests.support.interchange import example


def broken() -> dict[str, Any]:
    document = example()
    document["tickets"][0]["item"]["colour"] = "gold"            # not a key of the format
    document["tickets"][1]["customer"] = "C-404"                 # no such customer
    document["tickets"][1]["number"] = "R-10001"                 # a duplicate number
    document["tickets"][1]["events"][4]["status"] = "received"   # ready -> received
    document["tickets"][1]["services"][0]["price"] = "12.5"      # not money
    document["contacts"][0]["ticket"] = "R-10001"
    return document


EXPECTED = {
    "$.tickets[0].item.colour",
    "$.tickets[1].customer",
    "$.tickets[1].number",
    "$.tickets[1].events[4].status",
    "$.tickets[1].services[0].price",
}


def file_bytes(db: Database) -> bytes | None:
    if not db.is_sqlite:
        return None
    db.dispose()  # checkpoints the WAL into the file, so the file is the whole database
    return Path(str(db.engine.url.database)).read_bytes()
