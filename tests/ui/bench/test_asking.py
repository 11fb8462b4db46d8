"""Work found at the bench waits for the customer's yes: raised by key or click without the
keyboard leaving the scan box's habits, answered at the counter, shown on Today and the bench."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from jeweldesk.domain.kinds import Channel
from jeweldesk.domain.status import Status
from jeweldesk.services.estimates import waiting_for_approval
from jeweldesk.services.story import ticket_story
from jeweldesk.ui.ticket.view import TicketDialog
from jeweldesk.ui.today.today import TodayView
from tests.support.store import COUNTER, NAMES, take_in_ring
from tests.support.window import scan_into, signed_in


def test_work_found_is_raised_from_the_scan_box_in_one_line(qtbot, bench_ctx, screen):
    number = take_in_ring(bench_ctx.db)
    screen.reload()
    scan_into(qtbot, screen.scan_box, number)
    scan_into(qtbot, screen.scan_box, "s")
    assert screen.ask_button.isVisible()
    assert "<b>A</b> ask the customer's yes" in screen.card.text()

    scan_into(qtbot, screen.scan_box, "A The shank is thin: re-shank 180")
    (waiting,) = waiting_for_approval(bench_ctx.db)
    assert (waiting.ticket, waiting.what, waiting.price) == (
        number, "The shank is thin: re-shank", Decimal("180.00"))
    assert screen.scan_box.hasFocus()  # the next thing a jeweler does is scan
    assert screen.message.text().endswith(
        "waits for the customer's yes on: The shank is thin: re-shank, $180.00. Its promise "
        "waits with it.")
    assert "Waits for the customer's yes</b>: The shank is thin: re-shank, $180.00" in \
        screen.card.text()
    assert not screen.ask_button.isVisible()  # one question at a time
    assert [k for k, b in screen.move_buttons.items() if b.isVisible()] == ["P", "Q"]
    scan_into(qtbot, screen.scan_box, "R")  # ready only once the customer has answered
    assert "R is not a move for" in screen.message.text()
    assert screen.queue.index(0, 6).data() == "At the bench · waits for a yes"
    assert screen.queue_title.text().endswith("· 1 waiting for a yes")
    assert ticket_story(bench_ctx.db, number).status == Status.AT_BENCH  # nothing moved

    # Asked already: said plainly, nothing kept.
    scan_into(qtbot, screen.scan_box, "A re-tip the prongs")
    assert "already waits for the customer's yes" in screen.message.text()
    assert len(waiting_for_approval(bench_ctx.db)) == 1
    assert screen.scan_box.hasFocus()


def test_a_alone_or_the_button_opens_the_row_and_enter_hands_back_the_keyboard(
        qtbot, bench_ctx, screen):
    number = take_in_ring(bench_ctx.db)
    scan_into(qtbot, screen.scan_box, number)
    scan_into(qtbot, screen.scan_box, "A")
    assert screen.ask_row.isVisible() and screen.ask_row.what.hasFocus()
    qtbot.keyClick(screen.ask_row.what, Qt.Key.Key_Return)  # nothing said yet
    assert "say what the customer is asked to agree to" in screen.message.text().lower()
    assert screen.ask_row.isVisible() and screen.ask_row.what.hasFocus()
    qtbot.keyClicks(screen.ask_row.what, "A second stone is loose: tighten it")
    qtbot.keyClick(screen.ask_row.what, Qt.Key.Key_Return)
    assert not screen.ask_row.isVisible() and screen.scan_box.hasFocus()
    (waiting,) = waiting_for_approval(bench_ctx.db)
    assert (waiting.what, waiting.price) == ("A second stone is loose: tighten it", None)


def test_a_scan_into_the_row_opens_that_envelope_and_asks_nothing(qtbot, bench_ctx, screen):
    first, second = take_in_ring(bench_ctx.db), take_in_ring(bench_ctx.db)
    scan_into(qtbot, screen.scan_box, first)
    qtbot.mouseClick(screen.ask_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(screen.ask_row.what, second)
    qtbot.keyClick(screen.ask_row.what, Qt.Key.Key_Return)
    assert screen.scanned.number == second
    assert waiting_for_approval(bench_ctx.db) == []


def test_the_counter_takes_the_yes_and_today_and_the_bench_let_it_go(qtbot, bench_ctx, screen):
    number = take_in_ring(bench_ctx.db)
    scan_into(qtbot, screen.scan_box, number)
    scan_into(qtbot, screen.scan_box, "s")
    scan_into(qtbot, screen.scan_box, "A The shank is thin: re-shank 180")
    promised = ticket_story(bench_ctx.db, number).promised_for

    counter = signed_in(bench_ctx.db, COUNTER)
    today = TodayView(counter, [].append)
    qtbot.addWidget(today)
    qtbot.waitUntil(lambda: today.to_tell.up_to_date)
    assert today.to_tell.waiting.text() == f"Waiting for a yes: {number} (Dana Whitfield)"
    dialog = TicketDialog(counter, number)
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.approval
    assert form.answer_row.isVisible() and not form.ask_row.isVisible()
    assert "The shank is thin: re-shank, $180.00" in form.waiting.text()
    form.how.setCurrentIndex(form.how.findData(Channel.PHONE))
    qtbot.mouseClick(form.yes_button, Qt.MouseButton.LeftButton)

    story = ticket_story(counter.db, number)
    assert story.services[-1].description == "The shank is thin: re-shank"
    assert story.services[-1].price == Decimal("180.00")
    (answered,) = story.approvals
    assert (answered.answer, answered.how, answered.answered_by) == (
        "yes", Channel.PHONE, NAMES[COUNTER])
    assert story.promised_for == promised  # asked and answered the same day: no days lost
    assert "The customer said yes" in dialog.message.text()
    assert "yes on the phone, taken by" in form.history.text()
    counter.did_change()
    qtbot.waitUntil(lambda: today.to_tell.waiting.text() == "" and today.to_tell.up_to_date)
    bench_ctx.did_change()
    assert screen.queue.index(0, 6).data() == "At the bench"
    assert screen.ask_button.isVisible()
