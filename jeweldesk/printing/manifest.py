"""The parcel manifest: what went to a vendor in one parcel, and what it is insured for."""

from __future__ import annotations

from reportlab.lib.pagesizes import letter
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from jeweldesk.domain import writing
from jeweldesk.printing.barcode import code128
from jeweldesk.printing.fonts import markup
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
                para(
                    f"Received {len(parcel.lines)} envelope(s) as listed above, "
                    "in sealed condition.",
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
    build_on_sheets(out, pagesize, f"Parcel manifest {parcel.ref}", footer, story)


def _parcel_head(parcel: PaperParcel, styles: Styles, width: float) -> list[Flowable]:
    column = width / 3
    vendor = labelled(
        "Vendor", parcel.vendor_name, styles, styles.heading.clone("v", spaceBefore=0)
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
        value = (writing.money(line.declared_value, store.currency)
                 if line.declared_value is not None else "none declared")
        rows.append(
            [
                rich(f"<b>{markup(line.ticket_number)}</b>", styles.body),
                para(line.description, styles.body),
                para(line.work_requested, styles.body),
                para(value, styles.right),
            ]
        )
    rows.append(
        [
            "",
            rich(f"<b>{len(parcel.lines)} envelope(s)</b>", styles.body),
            rich("<b>Total insured value</b>"
                 + (f"<br/>({parcel.undeclared} with no declared value)"
                    if parcel.undeclared else ""), styles.right),
            rich(f"<b>{writing.money(parcel.insured_value, store.currency)}</b>", styles.right),
        ]
    )
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -2), 0.5, RULE),
                ("BACKGROUND", (0, -1), (-1, -1), SHADE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table
