"""Asking the customer's yes from the ticket window, and what a no ends."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from jeweldesk.domain.kinds import Channel
from jeweldesk.domain.status import Status
from jeweldesk.services.estimates import ask_approval
from jeweldesk.services.moves import move
from jeweldesk.services.story import ticket_story
from jeweldesk.ui.common.context import AppContext
from tests.support.store import BENCH, take_in_ring
from tests.support.window import OpenTicket, signed_in


def test_one_line_asked_and_refused_drops_only_that_work(ctx: AppContext, qtbot: QtBot,
                                                         open_ticket: OpenTicket) -> None:
    number = take_in_ring(ctx.db)
    move(ctx.db, number, Status.AT_BENCH, BENCH)
    before = [s.description for s in ticket_story(ctx.db, number).services]
    dialog = open_ticket(ctx, number)
    form = dialog.approval
    assert form.ask_row.isVisible() and not form.answer_row.isVisible()
    qtbot.keyClicks(form.what, "The shank is thin: re-shank")
    qtbot.keyClicks(form.price, "180")
    qtbot.mouseClick(form.ask_button, Qt.MouseButton.LeftButton)
    assert f"{number} waits for the customer's yes" in dialog.message.text()
    assert form.answer_row.isVisible() and form.ends.isVisible()

    form.how.setCurrentIndex(form.how.findData(Channel.IN_PERSON))
    form.ends.setCurrentIndex(form.ends.findData("line"))
    qtbot.mouseClick(form.no_button, Qt.MouseButton.LeftButton)
    story = ticket_story(ctx.db, number)
    assert [s.description for s in story.services] == before
    assert story.status == Status.AT_BENCH
    assert (story.approvals[0].answer, story.approvals[0].ends) == ("no", "line")
    assert "that work is dropped, and the rest goes on" in dialog.message.text()
    assert "no in person" in form.history.text() and "that work was dropped" in \
        form.history.text()
    assert form.ask_row.isVisible()  # something else may be found


def test_a_no_to_the_whole_estimate_sends_the_piece_back_as_it_is(
        ctx: AppContext, qtbot: QtBot, open_ticket: OpenTicket) -> None:
    number = take_in_ring(ctx.db)
    move(ctx.db, number, Status.AT_BENCH, BENCH)
    dialog = open_ticket(ctx, number)
    form = dialog.approval
    qtbot.keyClicks(form.what, "Rebuild the head and re-set the stone")
    qtbot.keyClicks(form.price, "420")
    form.whole.setChecked(True)
    qtbot.mouseClick(form.ask_button, Qt.MouseButton.LeftButton)
    assert not form.ends.isVisible()  # a no to the whole estimate ends the ticket
    qtbot.mouseClick(form.no_button, Qt.MouseButton.LeftButton)
    story = ticket_story(ctx.db, number)
    assert story.status == Status.READY
    assert story.events[-1].note == "The customer said no to the estimate: to hand back as it is"
    assert "the piece goes back as it is" in dialog.message.text()
    assert not form.ask_row.isVisible() and not form.answer_row.isVisible()


def test_a_bench_jeweler_asks_but_the_counter_takes_the_answer(sqlite_store, qtbot,
                                                               open_ticket: OpenTicket) -> None:
    number = take_in_ring(sqlite_store)
    bench = signed_in(sqlite_store, BENCH)
    dialog = open_ticket(bench, number)
    form = dialog.approval
    qtbot.keyClicks(form.what, "Re-tip two prongs")
    qtbot.keyClick(form.what, Qt.Key.Key_Return)
    assert ticket_story(sqlite_store, number).waiting_for is not None
    assert not form.yes_button.isEnabled() and not form.no_button.isEnabled()


def test_a_price_that_is_not_money_is_said_and_nothing_is_asked(
        ctx: AppContext, qtbot: QtBot, open_ticket: OpenTicket) -> None:
    number = take_in_ring(ctx.db)
    dialog = open_ticket(ctx, number)
    form = dialog.approval
    qtbot.keyClicks(form.what, "Re-shank")
    form.price.setText("a lot")
    qtbot.mouseClick(form.ask_button, Qt.MouseButton.LeftButton)
    assert "is not an amount of money" in form.problem.text()
    assert ticket_story(ctx.db, number).waiting_for is None
    assert form.what.text() == "Re-shank"


def test_a_ticket_waiting_for_a_yes_opens_on_the_question(
        ctx: AppContext, qtbot: QtBot, open_ticket: OpenTicket) -> None:
    """The answer's buttons are at the foot of the window's left column: a counter person
    who opens the ticket to take the answer sees them without scrolling to look for them."""
    number = take_in_ring(ctx.db)
    move(ctx.db, number, Status.AT_BENCH, BENCH)
    ask_approval(ctx.db, number, "Re-tip the other two prongs", BENCH, "40")
    dialog = open_ticket(ctx, number)
    dialog.resize(1240, 700)
    qtbot.waitUntil(lambda: not dialog.approval.yes_button.visibleRegion().isEmpty())
    assert dialog.story_area.verticalScrollBar().value() > 0  # it scrolled to get there
