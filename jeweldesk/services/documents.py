"""Each printed document as PDF bytes, for the command line and the window alike.

What only one document needs is imported in its function: a command prints one document,
and the whole command's time is mostly imports."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO

from jeweldesk.domain.errors import Invalid, NotReady
from jeweldesk.domain.status import thank_you_refusal
from jeweldesk.printing import (
    Layout,
    note_wording_problem,
    render_manifest,
    render_morning_list,
    render_receipt,
    render_tags,
    render_thank_you,
)
from jeweldesk.services.paper import (
    morning_rows,
    parcel_for_paper,
    payments_for_paper,
    tickets_for_paper,
)
from jeweldesk.storage.engine import Database


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


def payment_pdf(db: Database, numbers: Sequence[str], layout: Layout = "letter") -> bytes:
    """What was paid on the tickets, how, and what is left to pay."""
    from jeweldesk.printing.payment_receipt import render_payment_receipt

    store, tickets, payments, now = payments_for_paper(db, numbers)
    return _pdf(lambda out: render_payment_receipt(store, tickets, payments, now, layout, out))


def tags_pdf(db: Database, numbers: Sequence[str]) -> bytes:
    _store, tickets = tickets_for_paper(db, numbers)
    return _pdf(lambda out: render_tags(tickets, out))


def thank_you_pdf(db: Database, numbers: Sequence[str], signed_by: str | None = None,
                  wording: Path | None = None) -> bytes:
    """The note for pieces ready or picked up, in the store's wording from its database
    (``wording``, a TOML file, overrides it for this printing); any other is refused."""
    from jeweldesk.services.note_wording import note_wording
    from jeweldesk.services.store import store_today

    store, tickets = tickets_for_paper(db, numbers)
    for ticket in tickets:
        refused = thank_you_refusal(ticket.number, ticket.status)
        if refused:
            raise NotReady(refused)
    text = _wording_file(wording) if wording is not None else note_wording(db)
    today = store_today(db)
    return _pdf(lambda out: render_thank_you(store, tickets, out, picked_up_on=today,
                                             signed_by=signed_by, wording_text=text))


def _wording_file(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise Invalid({"wording": f"{path} cannot be read: {exc}"}) from None
    problem = note_wording_problem(text)
    if problem:
        raise Invalid({"wording": f"{path}: {problem}"})
    return text


def manifest_pdf(db: Database, ref: str) -> bytes:
    store, parcel = parcel_for_paper(db, ref)
    return _pdf(lambda out: render_manifest(store, parcel, out))


def morning_pdf(db: Database, as_of: date | None = None) -> bytes:
    store, day, rows, away, track = morning_rows(db, as_of)
    return _pdf(lambda out: render_morning_list(store, rows, day, out, notes=away, track=track))


def letter_pdf(db: Database, number: str, layout: str | None = None) -> bytes:
    """The final unclaimed letter, on the sheet the store's country posts unless said."""
    from jeweldesk.printing.letter import render_unclaimed_letter
    from jeweldesk.services.letters import unclaimed_letter

    store, letter, sheet = unclaimed_letter(db, number)
    return _pdf(lambda out: render_unclaimed_letter(store, letter, layout or sheet, out))
