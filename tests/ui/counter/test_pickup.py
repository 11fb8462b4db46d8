"""Handing back: scan, the customer's other ready pieces, the balance, who collected them."""

from __future__ import annotations

from decimal import Decimal

import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from jeweldesk.domain.status import Status
from jeweldesk.services.customers import CustomerDetails
from jeweldesk.services.intake import Visit, take_in
from jeweldesk.services.moves import move
from jeweldesk.services.story import ticket_story
from jeweldesk.storage.engine import Database
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.paper import PaperPreview
from jeweldesk.ui.counter.pickup import PickupDialog
from tests.support.store import BENCH, COUNTER, ring

ENTER = Qt.Key.Key_Return


def two_ready_pieces(db: Database) -> list[str]:
    visit = Visit(pieces=(ring(), ring(description="Gold wedding band", deposit="0")),
                  new_customer=CustomerDetails("Dana Whitfield", "601 555 0142"))
    numbers = take_in(db, visit, by=COUNTER)
    for number in numbers:
        move(db, number, Status.AT_BENCH, by=BENCH)
        move(db, number, Status.READY, by=BENCH)
    return numbers


def open_pickup(ctx: AppContext, qtbot: QtBot) -> PickupDialog:
    dialog = PickupDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_two_pieces_handed_back_with_one_payment(ctx: AppContext, qtbot: QtBot) -> None:
    first, second = two_ready_pieces(ctx.db)
    dialog = open_pickup(ctx, qtbot)
    qtbot.keyClicks(dialog.scan, first.lower())  # a hurried hand types lower case
    qtbot.keyClick(dialog.scan, ENTER)
    assert [p.number for p in dialog.pieces] == [first]
    assert dialog.also.isVisible() and dialog.also_list.count() == 1
    qtbot.mouseClick(dialog.add_also, Qt.MouseButton.LeftButton)
    assert [p.number for p in dialog.pieces] == [first, second]
    assert dialog.due.text() == "$160.00" and dialog.amount.text() == "160.00"
    assert dialog.collected_by.text() == "Dana Whitfield"
    qtbot.keyClicks(dialog.method, "Card")

    dialog.hand_back_button.setFocus()
    qtbot.keyClick(dialog.hand_back_button, ENTER)

    for number in (first, second):
        story = ticket_story(ctx.db, number)
        assert story.status is Status.PICKED_UP and story.balance == Decimal("0.00")
        assert story.collected_by == "Dana Whitfield"
        assert [p.method for p in story.payments] == ["card"]
        assert story.events[-1].by_code == "KP"
    assert sum(p.amount for n in (first, second)
               for p in ticket_story(ctx.db, n).payments) == Decimal("160.00")
    assert dialog.stack.currentIndex() == 1 and first in dialog.done_title.text()
    assert dialog.thank_you.isEnabled()

    # The customer asks for a receipt for what she paid: it is on the same last page.
    before = set(QApplication.topLevelWidgets())
    qtbot.mouseClick(dialog.paid_receipt, Qt.MouseButton.LeftButton)
    [preview] = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, PaperPreview) and w not in before and w.isVisible()]
    said = " ".join(page.get_textpage().get_text_range()
                    for page in pdfium.PdfDocument(preview.pdf))
    assert "Paid by card, Kate Pruitt" in said and "Left to pay $0.00" in said
    assert first in said and second in said
    preview.close()


def test_a_piece_not_ready_is_refused_beside_the_scan_box(ctx: AppContext,
                                                          qtbot: QtBot) -> None:
    visit = Visit(pieces=(ring(),), new_customer=CustomerDetails("Lee Park", "601 555 0199"))
    [number] = take_in(ctx.db, visit, by=COUNTER)
    dialog = open_pickup(ctx, qtbot)
    qtbot.keyClicks(dialog.scan, number)
    qtbot.keyClick(dialog.scan, ENTER)
    assert "not ready" in dialog.scan_problem.text() and dialog.pieces == []
    assert dialog.scan.text() == number
    dialog.scan.setText("T99999")
    qtbot.keyClick(dialog.scan, ENTER)
    assert "no ticket" in dialog.scan_problem.text().lower()


def test_a_wrong_amount_is_refused_and_nothing_is_handed_back(ctx: AppContext,
                                                              qtbot: QtBot) -> None:
    first, _second = two_ready_pieces(ctx.db)
    dialog = PickupDialog(ctx, [first])
    qtbot.addWidget(dialog)
    dialog.amount.setText("20")
    qtbot.mouseClick(dialog.hand_back_button, Qt.MouseButton.LeftButton)
    assert "balance due is $55.00" in dialog.amount_problem.text()
    assert ticket_story(ctx.db, first).status is Status.READY
    assert dialog.stack.currentIndex() == 0


def test_cash_and_a_card_and_the_rest_owing_with_a_manager_s_pin(ctx: AppContext,
                                                                 qtbot: QtBot) -> None:
    first, _second = two_ready_pieces(ctx.db)
    dialog = PickupDialog(ctx, [first])
    qtbot.addWidget(dialog)
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "20")
    qtbot.keyClicks(dialog.rest_amount, "15")
    assert dialog.owing.isVisibleTo(dialog)
    assert "$20.00 will be left owing" in dialog.owing_note.text()
    qtbot.mouseClick(dialog.hand_back_button, Qt.MouseButton.LeftButton)
    assert "a manager can agree" in dialog.amount_problem.text()
    assert ticket_story(ctx.db, first).status is Status.READY
    qtbot.keyClicks(dialog.approver_pin, "2468")
    qtbot.mouseClick(dialog.hand_back_button, Qt.MouseButton.LeftButton)
    story = ticket_story(ctx.db, first)
    assert story.status is Status.PICKED_UP and story.balance == Decimal("20.00")
    assert [(p.method, p.amount) for p in story.payments] == [("cash", Decimal("20.00")),
                                                              ("card", Decimal("15.00"))]
    assert "left owing, agreed by Sandra Cole" in story.events[-1].note
    assert "$20.00 left owing" in dialog.done_title.text()
