"""The paper a jewelry store hands over: claim receipts, envelope tags, thank-you notes,
parcel manifests and the morning list. Plain data in (see model.py), a PDF out.

No Qt and no database here: jeweldesk.services.paper turns rows into these dataclasses.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Where each name lives: a module is imported when one of its names is first asked for, so
# reading the shipped terms or the paper's dataclasses does not load ReportLab.
_HOME = {
    "render_manifest": "manifest",
    "MorningRow": "model", "Occasion": "model", "PaperParcel": "model", "PaperTicket": "model",
    "ParcelLine": "model", "ServiceLine": "model", "StoreHeader": "model",
    "render_morning_list": "morning",
    "LAYOUTS": "receipt", "Layout": "receipt", "render_receipt": "receipt",
    "default_note_wording": "resources", "default_terms": "resources",
    "load_note_wording": "resources", "note_wording_problem": "resources",
    "render_tags": "tag",
    "render_thank_you": "thank_you",
}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
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
