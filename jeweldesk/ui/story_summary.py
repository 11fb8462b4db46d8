"""A read-only page of one ticket's story, for when the full ticket screen is not installed."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from jeweldesk.domain.money import display
from jeweldesk.services.story import TicketStory, ticket_story
from jeweldesk.ui.context import AppContext


def story_html(story: TicketStory) -> str:
    def row(label: str, value: object) -> str:
        return f"<tr><td style='color:#6b6f76;padding-right:12px'>{label}</td>" \
               f"<td>{escape(str(value))}</td></tr>" if value not in (None, "") else ""

    services = "".join(
        f"<tr><td>{escape(s.description or s.code)}</td>"
        f"<td align='right'>{display(s.price)}</td></tr>" for s in story.services
    )
    events = "".join(
        f"<tr><td>{e.at:%d %b %Y %H:%M}</td><td>{e.status.label}</td>"
        f"<td>{escape(e.by_name)}</td><td>{escape(e.note or '')}</td></tr>"
        for e in story.events
    )
    occasion = (f"{story.occasion_what} on {story.occasion_date:%a %d %b %Y}"
                if story.occasion_what and story.occasion_date else None)
    return (
        f"<h2>{story.number} · {story.status.label}</h2>"
        "<table>"
        + row("Customer", story.customer_name) + row("Phone", story.customer_phone)
        + row("Piece", f"{story.item_kind.value}: {story.item_description}")
        + row("Metal", story.item_metal) + row("Stones", story.item_stones)
        + row("Condition", story.item_condition)
        + row("Declared value", display(story.declared_value))
        + row("Promised for", f"{story.promised_for:%A %d %B %Y}")
        + row("Occasion", occasion) + row("Jeweler", story.assigned_to_name)
        + "</table><h3>Work</h3><table width='100%'>" + services
        + f"<tr><td><b>Total</b></td><td align='right'><b>{display(story.total)}</b></td></tr>"
        + f"<tr><td>Balance</td><td align='right'>{display(story.balance)}</td></tr>"
        + "</table><h3>History</h3><table cellspacing='4'>" + events + "</table>"
    )


class StorySummaryDialog(QDialog):
    def __init__(self, ctx: AppContext, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.story = ticket_story(ctx.db, number)
        self.number = self.story.number
        self.setWindowTitle(f"Ticket {self.story.number}")
        self.resize(620, 640)
        self.page = QTextBrowser()
        self.page.setHtml(story_html(self.story))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        layout.addWidget(buttons)
