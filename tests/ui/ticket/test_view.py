"""A ticket's story: moves the path allows, a conflicting edit, the promise, a logged call."""

from __future__ import annotations

from datetime import timedelta

import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from jeweldesk.domain.status import ALLOWED_MOVES, Status
from jeweldesk.services.customers import CustomerDetails
from jeweldesk.services.intake import Visit, take_in
from jeweldesk.services.moves import move
from jeweldesk.services.story import ticket_story
from jeweldesk.storage.engine import Database
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.fields import to_qdate
from jeweldesk.ui.common.paper import PaperPreview
from tests.support.store import BENCH, COUNTER, ring, store_today, take_in_ring
from tests.support.window import OpenTicket


def test_the_story_is_on_one_screen(ctx: AppContext, qtbot: QtBot, open_ticket: OpenTicket) -> None:
    number = take_in_ring(ctx.db, occasion_what="anniversary",
                          occasion_date=store_today() + timedelta(days=20))
    dialog = open_ticket(ctx, number)
    assert number in dialog.title.text() and "solitaire" in dialog.title.text()
    assert dialog.customer["name"].text() == "Dana Whitfield"
    assert "(601) 555-0142" in dialog.customer["reach"].text()
    assert dialog.customer["address"].text() == "none on record (Customers, for letters)"
    assert "Worn prongs" in dialog.piece["condition"].text()
    assert "Retip four prongs" in dialog.money["services"].text()
    assert dialog.money["balance"].text() == "<b>$55.00</b>"
    assert "anniversary" in dialog.promise["occasion"].text()
    history = dialog.history.model()
    assert history.rowCount() == 1 and history.index(0, 2).data() == "Kate Pruitt"


def test_only_the_moves_the_path_allows_are_offered_and_a_move_is_kept(
        ctx: AppContext, qtbot: QtBot, open_ticket: OpenTicket) -> None:
    number = take_in_ring(ctx.db)
    dialog = open_ticket(ctx, number)
    assert tuple(dialog.moves.buttons) == _offered_to_the_counter(Status.RECEIVED)

    qtbot.keyClicks(dialog.moves.note, "Starting on the prongs")
    qtbot.mouseClick(dialog.moves.buttons[Status.AT_BENCH], Qt.MouseButton.LeftButton)

    story = ticket_story(ctx.db, number)
    assert story.status is Status.AT_BENCH
    assert (story.events[-1].by_code, story.events[-1].note) == ("KP", "Starting on the prongs")
    assert "At the bench" in dialog.status.text()
    assert tuple(dialog.moves.buttons) == _offered_to_the_counter(Status.AT_BENCH)
    assert dialog.history.model().rowCount() == 2 and dialog.moves.note.text() == ""


def _offered_to_the_counter(status: Status) -> tuple[Status, ...]:
    """The path's moves less a cancellation, which only a manager is offered."""
    return tuple(s for s in ALLOWED_MOVES[status] if s is not Status.CANCELLED)


def test_a_cancellation_needs_a_reason_beside_the_note(manager_ctx: AppContext,
                                                       qtbot: QtBot,
                                                       open_ticket: OpenTicket) -> None:
    ctx = manager_ctx
    number = take_in_ring(ctx.db)
    dialog = open_ticket(ctx, number)
    qtbot.mouseClick(dialog.moves.buttons[Status.CANCELLED], Qt.MouseButton.LeftButton)
    assert "cancelled" in dialog.moves.problem.text()
    assert ticket_story(ctx.db, number).status is Status.RECEIVED


def test_a_change_made_at_another_workstation_is_never_overwritten(
        ctx: AppContext, qtbot: QtBot, other_pc: Database, open_ticket: OpenTicket) -> None:
    number = take_in_ring(ctx.db)
    dialog = open_ticket(ctx, number)
    # The bench moves it while the counter still has the old state on screen.
    move(other_pc, number, Status.AT_BENCH, by=BENCH, note="on my bench")

    qtbot.keyClicks(dialog.moves.note, "sending it out")
    qtbot.mouseClick(dialog.moves.buttons[Status.WAITING_PARTS], Qt.MouseButton.LeftButton)

    story = ticket_story(ctx.db, number)
    assert story.status is Status.AT_BENCH
    assert [e.note for e in story.events] == [None, "on my bench"]
    assert "changed at another workstation" in dialog.message.text()
    assert dialog.message.isVisible()
    assert "At the bench" in dialog.status.text()
    assert tuple(dialog.moves.buttons) == _offered_to_the_counter(Status.AT_BENCH)
    assert dialog.moves.note.text() == "sending it out"  # what was typed stays


def test_changing_the_promise_keeps_the_earlier_one(ctx: AppContext, qtbot: QtBot,
                                                    open_ticket: OpenTicket) -> None:
    number = take_in_ring(ctx.db)
    first = ticket_story(ctx.db, number).promised_for
    dialog = open_ticket(ctx, number)
    later = first + timedelta(days=3)
    dialog.change_promise.new_date.setDate(to_qdate(later))
    qtbot.keyClicks(dialog.change_promise.reason, "parts are late; customer agreed")
    qtbot.mouseClick(dialog.change_promise.button, Qt.MouseButton.LeftButton)

    story = ticket_story(ctx.db, number)
    assert story.promised_for == later and story.original_promised_for == first
    assert story.promises[0].reason == "parts are late; customer agreed"
    assert "parts are late" in dialog.promise["earlier"].text()


def test_a_call_is_logged(ctx: AppContext, qtbot: QtBot, open_ticket: OpenTicket) -> None:
    number = take_in_ring(ctx.db)
    dialog = open_ticket(ctx, number)
    qtbot.keyClicks(dialog.contact.note, "told her it is on track")
    qtbot.keyClick(dialog.contact.note, Qt.Key.Key_Return)
    story = ticket_story(ctx.db, number)
    assert [(c.channel.value, c.note, c.by_name) for c in story.contacts] == [
        ("phone", "told her it is on track", "Kate Pruitt")]
    assert dialog.contact.table.model().rowCount() == 1


def test_a_move_elsewhere_shows_when_the_change_marker_moves(
        ctx: AppContext, qtbot: QtBot, other_pc: Database, open_ticket: OpenTicket) -> None:
    number = take_in_ring(ctx.db)
    dialog = open_ticket(ctx, number)
    move(other_pc, number, Status.AT_BENCH, by=BENCH)
    assert "Received" in dialog.status.text()  # not yet: another PC's change is polled for
    assert ctx.check_for_changes()
    assert "At the bench" in dialog.status.text()



def test_the_thank_you_note_waits_until_the_piece_is_ready_and_says_why(
        ctx: AppContext, qtbot: QtBot, open_ticket: OpenTicket) -> None:
    number = take_in_ring(ctx.db)
    dialog = open_ticket(ctx, number)
    assert not dialog.thanks_button.isEnabled()
    assert dialog.thanks_button.toolTip() == (
        f"{number} is only just received: a thank-you note is only for a piece that is "
        "ready or picked up")

    move(ctx.db, number, Status.AT_BENCH, by=BENCH)
    assert "still at the bench" in dialog.thanks_button.toolTip()
    move(ctx.db, number, Status.READY, by=BENCH)
    assert dialog.thanks_button.isEnabled()
    qtbot.mouseClick(dialog.thanks_button, Qt.MouseButton.LeftButton)
    preview = dialog.findChild(PaperPreview)
    assert preview is not None
    assert "Thank you" in pdfium.PdfDocument(preview.pdf)[0].get_textpage().get_text_range()
    preview.close()


def test_the_visit_receipt_is_one_button_away(ctx: AppContext, qtbot: QtBot,
                                              open_ticket: OpenTicket) -> None:
    visit = Visit(pieces=(ring(), ring(description="Gold hoop earrings", kind="earrings")),
                  new_customer=CustomerDetails("Marcus Okafor", "601 555 0177"))
    first, second = take_in(ctx.db, visit, by=COUNTER)
    dialog = open_ticket(ctx, second)
    assert not dialog.thanks_button.isEnabled()  # nothing to thank for until it is ready
    qtbot.mouseClick(dialog.receipt_button, Qt.MouseButton.LeftButton)
    preview = dialog.findChild(PaperPreview)
    assert preview is not None
    pages = pdfium.PdfDocument(preview.pdf)
    text = "".join(pages[i].get_textpage().get_text_range() for i in range(len(pages)))
    assert first in text and second in text and "Marcus Okafor" in text
    preview.close()


def test_a_ticket_at_risk_says_so_and_leads_to_preparing_the_customer(
        ctx: AppContext, qtbot: QtBot, open_ticket: OpenTicket) -> None:
    from tests.support.late_vendor import late_at_vendor

    late = late_at_vendor(ctx.db)
    dialog = open_ticket(ctx, late)
    qtbot.waitUntil(dialog.risk.isVisible)
    assert "At risk" in dialog.risk.words.text()
    assert "Riverbend Plating" in dialog.risk.words.text()
    qtbot.mouseClick(dialog.risk.prepare, Qt.MouseButton.LeftButton)
    assert dialog.risk.dialog is not None and dialog.risk.dialog.number == late
    dialog.risk.dialog.close()


def test_a_ticket_on_track_shows_no_warning(ctx: AppContext, qtbot: QtBot,
                                            open_ticket: OpenTicket) -> None:
    number = take_in_ring(ctx.db, promised_in_days=30)
    dialog = open_ticket(ctx, number)
    qtbot.waitUntil(lambda: ctx.risk.rows is not None and not ctx.risk.busy)
    assert not dialog.risk.isVisible()


def test_escape_in_the_contact_note_asks_before_the_typing_is_thrown_away(
        ctx: AppContext, qtbot: QtBot, open_ticket: OpenTicket) -> None:
    from tests.support.questions import answer_next_question, click, press_key

    number = take_in_ring(ctx.db)
    dialog = open_ticket(ctx, number)
    qtbot.keyClicks(dialog.contact.note, "left a message about the clasp")
    asked = answer_next_question(press_key(Qt.Key.Key_Escape))  # a hurried second Escape
    qtbot.keyClick(dialog.contact.note, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: asked.asked)
    assert dialog.isVisible() and dialog.contact.note.text() == "left a message about the clasp"
    assert "left a message about the clasp" in asked.texts[0]
    qtbot.keyClick(dialog.contact.note, Qt.Key.Key_Return)  # logged: nothing left to lose
    assert dialog.unsaved() is None
    qtbot.keyClick(dialog.contact.note, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert [c.note for c in ticket_story(ctx.db, number).contacts] == [
        "left a message about the clasp"]
    dialog = open_ticket(ctx, number)
    qtbot.keyClicks(dialog.contact.note, "no answer")
    asked = answer_next_question(click("Throw away"))
    qtbot.keyClick(dialog.contact.note, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert len(ticket_story(ctx.db, number).contacts) == 1


def test_the_customer_s_postal_address_shows_line_by_line(ctx: AppContext, qtbot: QtBot,
                                                          open_ticket: OpenTicket) -> None:
    (number,) = take_in(ctx.db, Visit(pieces=(ring(),), new_customer=CustomerDetails(
        "Barbara Harris", "601 555 0101", postal_address="12 Oak Street\nJackson, MS 39201")),
        by=COUNTER)
    dialog = open_ticket(ctx, number)
    assert dialog.customer["address"].text() == "12 Oak Street<br>Jackson, MS 39201"


def test_a_scan_and_enter_in_a_ticket_just_opened_change_nothing(
        ctx: AppContext, qtbot: QtBot, open_ticket: OpenTicket) -> None:
    """A scanner's lines land where the keyboard is: on a button, Enter opened Edit details
    and the next lines overwrote the piece's description and metal."""
    from PySide6.QtWidgets import QApplication

    from jeweldesk.ui.ticket.edit import EditTicketDialog

    number = take_in_ring(ctx.db)
    before = ticket_story(ctx.db, number)
    dialog = open_ticket(ctx, number)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    for line in ("S", "A second stone is loose", "R-10099"):
        where = QApplication.focusWidget()
        qtbot.keyClicks(where, line)
        qtbot.keyClick(where, Qt.Key.Key_Return)
    assert dialog.findChild(EditTicketDialog) is None
    after = ticket_story(ctx.db, number)
    assert (after.item_description, after.item_metal, after.status, after.events) == (
        before.item_description, before.item_metal, before.status, before.events)
