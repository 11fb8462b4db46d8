"""The paper a jewelry store hands over: claim receipts, envelope tags, thank-you notes,
parcel manifests and the morning list. Plain data in (see model.py), a PDF out.

No Qt and no database here: jeweldesk.services.paper turns rows into these dataclasses.
"""

from jeweldesk.printing.manifest import render_manifest
from jeweldesk.printing.model import (
    MorningRow,
    Occasion,
    PaperParcel,
    PaperTicket,
    ParcelLine,
    ServiceLine,
    StoreHeader,
)
from jeweldesk.printing.morning import render_morning_list
from jeweldesk.printing.receipt import LAYOUTS, Layout, render_receipt
from jeweldesk.printing.resources import (
    default_note_wording,
    default_terms,
    load_note_wording,
    note_wording_problem,
)
from jeweldesk.printing.tag import render_tags
from jeweldesk.printing.thank_you import render_thank_you

__all__ = [
    "LAYOUTS",
    "Layout",
    "MorningRow",
    "Occasion",
    "PaperParcel",
    "PaperTicket",
    "ParcelLine",
    "ServiceLine",
    "StoreHeader",
    "default_note_wording",
    "default_terms",
    "load_note_wording",
    "note_wording_problem",
    "render_manifest",
    "render_morning_list",
    "render_receipt",
    "render_tags",
    "render_thank_you",
]
