"""Each printed document as PDF bytes, for the command line and the window alike."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO

from jeweldesk.config import data_dir
from jeweldesk.domain.errors import Invalid
from jeweldesk.printing import (
    Layout,
    render_manifest,
    render_morning_list,
    render_receipt,
    render_tags,
    render_thank_you,
)
from jeweldesk.services.paper import morning_rows, parcel_for_paper, tickets_for_paper
from jeweldesk.services.store import store_today
from jeweldesk.storage.engine import Database

EDITED_NOTE_WORDING = "notes/thank_you.toml"


def _pdf(render: Callable[[BinaryIO], None]) -> bytes:
    out = io.BytesIO()
    render(out)
    return out.getvalue()


def receipt_pdf(db: Database, numbers: Sequence[str], layout: Layout = "letter") -> bytes:
    """One claim receipt is one customer's visit: tickets of another customer are refused."""
    store, tickets = tickets_for_paper(db, numbers)
    first = tickets[0]
    for other in tickets[1:]:
        if (other.customer_name, other.customer_phone) != (first.customer_name,
                                                           first.customer_phone):
            raise Invalid({"tickets": (
                f"{other.number} is {other.customer_name}'s and {first.number} is "
                f"{first.customer_name}'s: a claim receipt is for one customer's visit")})
    return _pdf(lambda out: render_receipt(store, tickets, layout, out))


def tags_pdf(db: Database, numbers: Sequence[str]) -> bytes:
    _store, tickets = tickets_for_paper(db, numbers)
    return _pdf(lambda out: render_tags(tickets, out))


def note_wording(chosen: Path | None = None) -> Path | None:
    """The store's own wording when it has edited one, else the wording that ships."""
    if chosen is not None:
        return chosen
    edited = data_dir() / EDITED_NOTE_WORDING
    return edited if edited.is_file() else None


def thank_you_pdf(db: Database, numbers: Sequence[str], signed_by: str | None = None,
                  wording: Path | None = None) -> bytes:
    store, tickets = tickets_for_paper(db, numbers)
    today = store_today(db)
    return _pdf(lambda out: render_thank_you(store, tickets, out, picked_up_on=today,
                                             signed_by=signed_by,
                                             wording_path=note_wording(wording)))


def manifest_pdf(db: Database, ref: str) -> bytes:
    store, parcel = parcel_for_paper(db, ref)
    return _pdf(lambda out: render_manifest(store, parcel, out))


def morning_pdf(db: Database, as_of: date | None = None) -> bytes:
    store, day, rows, away, track = morning_rows(db, as_of)
    return _pdf(lambda out: render_morning_list(store, rows, day, out, notes=away, track=track))
