"""The parcel manifest: what went to a vendor in one parcel, and what it is insured for."""

from __future__ import annotations

import unicodedata

from reportlab.lib.pagesizes import letter
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from jeweldesk.domain import writing
from jeweldesk.printing.barcode import code128
from jeweldesk.printing.fonts import SANS_BOLD, markup
from jeweldesk.printing.model import PaperParcel, StoreHeader
from jeweldesk.printing.parts import GUTTER, PLAIN, letterhead, signature_lines
from jeweldesk.printing.styles import (
    RULE,
    SHADE,
    Styles,
    labelled,
    make_styles,
    para,
    rich,
)
from jeweldesk.printing.templates import Out, build_on_sheets, frame_width


def render_manifest(
    store: StoreHeader, parcel: PaperParcel, out: Out, pagesize: tuple[float, float] = letter
) -> None:
    width = frame_width(pagesize)
    styles = make_styles(9.5)
    story: list[Flowable] = letterhead(store, styles, width, "PARCEL MANIFEST")
    story += _parcel_head(parcel, styles, width)
    story.append(Spacer(1, 10))
    story.append(_lines(store, parcel, styles, width))
    story.append(Spacer(1, 24))
    story.append(
        KeepTogether(
            [
                # Said again where the vendor signs, so the page signed says what it is for.
                para(
                    f"Received {_envelopes(len(parcel.lines))} as listed above, in sealed "
                    f"condition. {insured_said(parcel)}.",
                    styles.body,
                ),
                Spacer(1, 6),
                signature_lines(
                    [f"Signature for {parcel.vendor_name}", "Printed name", "Date"], styles, width
                ),
                Spacer(1, 14),
                signature_lines([f"Packed and sent for {store.name}", "Date"], styles, width),
            ]
        )
    )
    footer = f"{store.name} · Parcel {parcel.ref} to {parcel.vendor_name}"
    build_on_sheets(out, pagesize, f"Parcel manifest {parcel.ref}", footer, story,
                    running_head=(store.name, f"PARCEL MANIFEST {parcel.ref}"))


# A row says the piece in a few lines; the whole description is on the claim receipt. The
# width counts a Chinese, Japanese or Korean character as two, as wide as it prints.
DESCRIPTION_WIDTH = 130


def _width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cut_short(text: str, room: int = DESCRIPTION_WIDTH) -> str:
    """The text, or as much of it as fits ``room`` cut at a word and marked "…"."""
    said = " ".join(text.split())
    if sum(_width(c) for c in said) <= room:
        return said
    used, end = 0, 0
    for end, char in enumerate(said):  # noqa: B007 - end is where the room ran out
        used += _width(char)
        if used > room - 1:
            break
    head = said[:end]
    if " " in head[end // 2:]:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:.-，、。") + "…"


def insured_said(parcel: PaperParcel) -> str:
    """ "Insured value: $2,400.00 for 2 pieces; 1 piece has no declared value"."""
    declared = len(parcel.lines) - parcel.undeclared
    said = (f"Insured value: {writing.money(parcel.insured_value)} for "
            f"{_pieces(declared)}" if declared else "Insured value: none declared")
    if parcel.undeclared and declared:
        has = "has" if parcel.undeclared == 1 else "have"
        said += f"; {_pieces(parcel.undeclared)} {has} no declared value"
    elif parcel.undeclared:
        said += f" for any of the {_pieces(parcel.undeclared)}"
    return said


def _envelopes(count: int) -> str:
    return "1 envelope" if count == 1 else f"{count} envelopes"


def _pieces(count: int) -> str:
    return "1 piece" if count == 1 else f"{count} pieces"


def _parcel_head(parcel: PaperParcel, styles: Styles, width: float) -> list[Flowable]:
    column = width / 3
    vendor = labelled(
        "Send to", parcel.vendor_name, styles, styles.heading.clone("v", spaceBefore=0)
    )
    vendor += [para(line, styles.body) for line in parcel.vendor_address.splitlines()
               if line.strip()]
    reach = " · ".join(x for x in (parcel.vendor_contact, parcel.vendor_phone) if x)
    if reach:
        vendor.append(para(reach, styles.body))
    ref = [
        para(f"Parcel {parcel.ref}", styles.number.clone("ref", fontSize=18, leading=22)),
        code128(parcel.ref, column - GUTTER, bar_height=0.4 * inch),
    ]
    back = parcel.expected_back
    shipping = [
        *labelled("Carrier and tracking", f"{parcel.carrier} {parcel.tracking}".strip(), styles),
        *labelled("Sent", writing.moment(parcel.sent_at, year=True), styles),
        *labelled("Expected back", writing.day(back, year=True) if back else "—", styles),
    ]
    return [Table([[vendor, ref, shipping]], colWidths=[column] * 3, style=PLAIN)]


def _lines(store: StoreHeader, parcel: PaperParcel, styles: Styles, width: float) -> Table:
    widths = [0.9 * inch, 0, 0, 1.15 * inch]
    widths[1] = widths[2] = (width - widths[0] - widths[3]) / 2
    right_label = styles.label.clone("rl", alignment=2)
    rows: list[list] = [
        [
            para("ENVELOPE", styles.label),
            para("DESCRIPTION", styles.label),
            para("WORK REQUESTED", styles.label),
            para("DECLARED VALUE", right_label),
        ]
    ]
    for line in parcel.lines:
        value = (writing.money(line.declared_value)
                 if line.declared_value is not None else "none declared")
        rows.append(
            [
                rich(f"<b>{markup(line.ticket_number)}</b>", styles.body),
                para(cut_short(line.description), styles.body),
                para(line.work_requested, styles.body),
                para(value, styles.right),
            ]
        )
    rows.append(
        [
            "",
            rich(f"<b>{_envelopes(len(parcel.lines))}. "
                 f"{markup(insured_said(parcel), SANS_BOLD)}</b>", styles.body),
            "",
            rich(f"<b>{writing.money(parcel.insured_value)}</b>", styles.right),
        ]
    )
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -2), 0.5, RULE),
                ("BACKGROUND", (0, -1), (-1, -1), SHADE),
                ("SPAN", (1, -1), (2, -1)),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table
