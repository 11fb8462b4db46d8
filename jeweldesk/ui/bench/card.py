"""The Bench's card for the envelope scanned: the piece, where it is, its promise and the
letters that move it on, a few lines whatever was typed at intake."""

from __future__ import annotations

from html import escape

from jeweldesk.services.bench import Scanned
from jeweldesk.ui.bench.asking import ASK_KEY
from jeweldesk.ui.common.widgets import day_text, elided

SEND_KEY = "V"  # to a vendor, in a parcel
NOTHING_SCANNED = ("<span style='color:#6b6f76'>Scan an envelope to see the piece and move it "
                   "on.</span>")


def card_text(scanned: Scanned | None, may_ask: bool) -> str:
    if scanned is None:
        return NOTHING_SCANNED
    today = scanned.today
    occasion = ""
    if scanned.occasion_what and scanned.occasion_date:
        occasion = (f" · <b>{scanned.occasion_what}</b> on "
                    f"{day_text(scanned.occasion_date, today)}")
    keys = " · ".join([f"<b>{m.key}</b> {m.label.lower()}" for m in scanned.moves]
                      + ([f"<b>{SEND_KEY}</b> send in a parcel"] if scanned.may_go_out else [])
                      + ([f"<b>{ASK_KEY}</b> ask the customer's yes"] if may_ask else []))
    asked = (f"<br><b>Waits for the customer's yes</b>: {escape(elided(scanned.asked))} "
             "— the promise's clock is stopped" if scanned.asked else "")
    return (
        f"<span style='font-size:15pt'><b>{scanned.number}</b> — {elided(scanned.item)}"
        f"</span><br>{scanned.customer_name} · {elided(scanned.work, 160)}<br>"
        f"<b>{scanned.status.label}</b> · promised "
        f"{day_text(scanned.promised_for, today)}{occasion}{asked}<br>"
        + (f"Type a letter and Enter: {keys}" if keys else
           f"{scanned.out}." if scanned.out else "No bench move from here.")
    )


def card_tip(scanned: Scanned | None) -> str:
    """Long words are cut short on the card; whole on hover."""
    if scanned is None:
        return ""
    cut = elided(scanned.item) != scanned.item or elided(scanned.work, 160) != scanned.work
    return f"{scanned.item}\n{scanned.work}" if cut else ""
