"""The final notice of a piece left uncollected, as a letter for a window envelope.

The customer's address sits where the window of the envelope the store's country uses
shows it once the sheet is folded in three (a US #10 on Letter, a DL/C5 with the window on
the left, DIN 5008 form B, on A4), with fold marks on the edge; the date after which the
store may dispose of the piece stands out in a box of its own.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.units import inch, mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    KeepInFrame,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from jeweldesk.domain import writing
from jeweldesk.printing.fonts import bold, register_fonts
from jeweldesk.printing.model import PaperLetter, StoreHeader
from jeweldesk.printing.parts import letterhead
from jeweldesk.printing.styles import ACCENT, RULE, SHADE, Styles, make_styles, para, rich
from jeweldesk.printing.templates import Out, target

LETTER_LAYOUTS = ("letter", "a4")
SIDE = 0.85 * inch


class _Window:
    """Where the envelope's window is on the sheet: from the left and from the top."""

    def __init__(self, left: float, top: float, width: float, height: float,
                 folds: tuple[float, ...]) -> None:
        self.left, self.top, self.width, self.height, self.folds = left, top, width, height, folds


WINDOWS = {
    # A #10 window is 4.5 x 1.125 in, 7/8 in from the left; folded in three, a Letter sheet
    # shows it from about 2 in down.
    "letter": _Window(1.0 * inch, 2.0 * inch, 3.6 * inch, 1.05 * inch,
                      (11 * inch / 3, 22 * inch / 3)),
    # DIN 5008 form B: the address field 20 mm in, 45 mm down, 85 x 45 mm, with the sender's
    # line in its first 5 mm; folds at 105 and 210 mm.
    "a4": _Window(20 * mm, 45 * mm, 85 * mm, 45 * mm, (105 * mm, 210 * mm)),
}


def render_unclaimed_letter(store: StoreHeader, paper: PaperLetter, layout: str,
                            out: Out) -> None:
    if layout not in WINDOWS:
        raise ValueError(f"unknown layout {layout!r}; one of {', '.join(LETTER_LAYOUTS)}")
    register_fonts()
    pagesize = letter if layout == "letter" else A4
    page_width, page_height = pagesize
    window = WINDOWS[layout]
    styles = make_styles(10)
    head_height = window.top - 0.45 * inch - 4
    body_top = window.top + window.height + 0.35 * inch
    width = page_width - 2 * SIDE
    frames = [
        Frame(SIDE, page_height - 0.45 * inch - head_height, width, head_height, id="head",
              leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0),
        Frame(window.left, page_height - window.top - window.height, window.width,
              window.height, id="address", leftPadding=0, rightPadding=0, topPadding=0,
              bottomPadding=0),
        Frame(page_width - SIDE - 2.2 * inch, page_height - window.top - window.height,
              2.2 * inch, window.height, id="date", leftPadding=0, rightPadding=0,
              topPadding=0, bottomPadding=0),
        Frame(SIDE, 0.7 * inch, width, page_height - body_top - 0.7 * inch, id="body",
              leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0),
    ]
    document = BaseDocTemplate(
        target(out), pagesize=pagesize, title=f"{paper.subject} ({', '.join(paper.tickets)})",
        author="JewelDesk", leftMargin=SIDE, rightMargin=SIDE)

    def marks(canvas: Canvas, _document: object) -> None:
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        for fold in window.folds:
            y = page_height - fold
            canvas.line(0.2 * inch, y, 0.38 * inch, y)
        canvas.restoreState()

    document.addPageTemplates([PageTemplate(id="letter", frames=frames, onPage=marks)])
    story: list[Flowable] = []
    story += letterhead(store, styles, width, "")
    story.append(FrameBreak())
    sender = " · ".join(x for x in (store.name, *store.address.splitlines()) if x.strip())
    story.append(para(sender, styles.label))
    story.append(Spacer(1, 3))
    for line in (paper.customer_name, *paper.address):
        story.append(para(line, styles.body))
    story.append(FrameBreak())
    story.append(para(writing.long_day(paper.dated, year=True), styles.right))
    story.append(para("Claim " + ", ".join(paper.tickets), styles.right))
    story.append(FrameBreak())
    story.append(KeepInFrame(width, page_height - body_top - 0.7 * inch,
                             _body(paper, styles, width), mode="shrink"))
    document.build(story)


def _body(paper: PaperLetter, styles: Styles, width: float) -> list[Flowable]:
    body: list[Flowable] = [rich(bold(paper.subject), styles.heading),
                            Spacer(1, 4)]
    day = bold(writing.long_day(paper.dispose_after, year=True))
    deadline = Table(
        [[rich(f"Please collect it by {day}.<br/>After that date the store may "
               "dispose of it as the law allows.", styles.body)]],
        colWidths=[width],
        style=TableStyle([
            ("BACKGROUND", (0, 0), (-1, -1), SHADE),
            ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
            ("LEFTPADDING", (0, 0), (-1, -1), 10), ("RIGHTPADDING", (0, 0), (-1, -1), 10),
            ("TOPPADDING", (0, 0), (-1, -1), 7), ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ]))
    paragraphs = [p for p in paper.text.split("\n\n") if p.strip()]
    for n, text in enumerate(paragraphs):
        # The box comes before the sign-off, the last paragraph ("With warm wishes, …").
        if n == len(paragraphs) - 1 and n > 0:
            body += [deadline, Spacer(1, 10)]
        body += [para(line, styles.body) for line in text.split("\n")]
        body.append(Spacer(1, 8))
    if len(paragraphs) <= 1:
        body.append(deadline)
    return body
