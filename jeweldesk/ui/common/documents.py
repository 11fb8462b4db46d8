"""Every printed document one button away: made by the services, previewed here."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QMessageBox, QWidget

from jeweldesk.printing import Layout
from jeweldesk.services import ServiceError
from jeweldesk.services.documents import (
    letter_pdf,
    manifest_pdf,
    morning_pdf,
    payment_pdf,
    receipt_pdf,
    tags_pdf,
    thank_you_pdf,
)
from jeweldesk.services.letters import letter_sheet
from jeweldesk.services.store import store_settings
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.paper import PaperPreview

RECEIPT_LAYOUTS: dict[str, Layout] = {"Letter": "letter", "A4": "a4", "80 mm roll": "roll80"}


def _preview(parent: QWidget | None, title: str, file_name: str, make: Callable[[], bytes],
             layouts: dict[str, Callable[[], bytes]] | None = None) -> PaperPreview | None:
    try:
        pdf = make()
    except ServiceError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return None
    preview = PaperPreview(title, pdf, file_name, parent, layouts)
    preview.show()
    return preview


def _numbers(numbers: Sequence[str]) -> str:
    return ", ".join(numbers)


def show_receipt(ctx: AppContext, numbers: Sequence[str],
                 parent: QWidget | None = None) -> PaperPreview | None:
    def layout(name: Layout) -> Callable[[], bytes]:
        return lambda: receipt_pdf(ctx.db, numbers, name)

    layouts = {label: layout(name) for label, name in RECEIPT_LAYOUTS.items()}
    return _preview(parent, f"Claim receipt {_numbers(numbers)}", f"receipt-{numbers[0]}.pdf",
                    layouts["Letter"], layouts)


def show_payment_receipt(ctx: AppContext, numbers: Sequence[str],
                         parent: QWidget | None = None) -> PaperPreview | None:
    def layout(name: Layout) -> Callable[[], bytes]:
        return lambda: payment_pdf(ctx.db, numbers, name)

    layouts = {label: layout(name) for label, name in RECEIPT_LAYOUTS.items()}
    return _preview(parent, f"Payment receipt {_numbers(numbers)}",
                    f"payment-{numbers[0]}.pdf", layouts["Letter"], layouts)


def show_tags(ctx: AppContext, numbers: Sequence[str],
              parent: QWidget | None = None) -> PaperPreview | None:
    return _preview(parent, f"Envelope tags {_numbers(numbers)}", f"tags-{numbers[0]}.pdf",
                    lambda: tags_pdf(ctx.db, numbers))


def show_thank_you(ctx: AppContext, numbers: Sequence[str],
                   parent: QWidget | None = None) -> PaperPreview | None:
    signer = ctx.user.name if ctx.has_user else None
    return _preview(parent, f"Thank-you note {_numbers(numbers)}",
                    f"thank-you-{numbers[0]}.pdf",
                    lambda: thank_you_pdf(ctx.db, numbers, signed_by=signer))


def show_letter(ctx: AppContext, number: str,
                parent: QWidget | None = None) -> PaperPreview | None:
    """The final unclaimed letter, the sheet the store's country posts offered first."""
    def layout(name: str) -> Callable[[], bytes]:
        return lambda: letter_pdf(ctx.db, number, name)

    sheets = {"Letter": layout("letter"), "A4": layout("a4")}
    if letter_sheet(store_settings(ctx.db).country) == "a4":
        sheets = {"A4": sheets["A4"], "Letter": sheets["Letter"]}
    first = next(iter(sheets.values()))
    return _preview(parent, f"Final letter {number}", f"letter-{number}.pdf", first, sheets)


def show_manifest(ctx: AppContext, ref: str,
                  parent: QWidget | None = None) -> PaperPreview | None:
    return _preview(parent, f"Parcel manifest {ref}", f"manifest-{ref}.pdf",
                    lambda: manifest_pdf(ctx.db, ref))


def show_morning_list(ctx: AppContext, parent: QWidget | None = None) -> PaperPreview | None:
    return _preview(parent, "Morning list", "morning-list.pdf", lambda: morning_pdf(ctx.db))
