"""Correcting a ticket after intake from its screen: by keyboard, kept on record, and never
over someone else's change."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from jeweldesk.domain.status import Status
from jeweldesk.services.edit import edit_ticket
from jeweldesk.services.moves import cancel
from jeweldesk.services.story import ticket_story
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.counter.intake_services import PRICE
from jeweldesk.ui.ticket.edit import EditTicketDialog
from jeweldesk.ui.ticket.view import TicketDialog
from tests.support.store import MANAGER, take_in_ring
from tests.support.window import OpenEditor

CTRL = Qt.KeyboardModifier.ControlModifier



def retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(edit, text)


def retype_price(qtbot: QtBot, editor: EditTicketDialog, row: int, price: str) -> None:
    table = editor.services.table
    table.setFocus()
    table.setCurrentIndex(table.model().index(row, PRICE))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: table.isAncestorOf(QApplication.focusWidget()))
    cell = QApplication.focusWidget()
    qtbot.keyClick(cell, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(cell, price)
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    # The table takes what was typed once the event loop turns, as it would for a person.
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def save(qtbot: QtBot, editor: EditTicketDialog) -> None:
    qtbot.keyClick(editor.windowHandle(), Qt.Key.Key_S, CTRL)


def test_a_description_and_a_price_edited_by_keyboard_are_saved_and_shown(
        ctx: AppContext, qtbot: QtBot, open_editor: OpenEditor) -> None:
    number = take_in_ring(ctx.db)
    ticket, editor = open_editor(ctx, number)
    assert editor.description.hasFocus()

    retype(qtbot, editor.description, "Lady's solitaire ring, cathedral setting")
    retype_price(qtbot, editor, 0, "110")
    assert editor.total.text() == "$125.00" and editor.balance.text() == "$75.00"
    save(qtbot, editor)

    assert not editor.isVisible()
    story = ticket_story(ctx.db, number)
    assert story.item_description == "Lady's solitaire ring, cathedral setting"
    assert [s.price for s in story.services] == [Decimal("110.00"), Decimal("15.00")]
    assert {(e.field, e.by_name) for e in story.edits} == {
        ("description", "Kate Pruitt"), ("services", "Kate Pruitt")}
    assert "cathedral setting" in ticket.title.text()
    assert "$110.00" in ticket.money["services"].text()
    edits = ticket.edits.model()
    assert ticket.edits_box.isVisible() and edits.rowCount() == 2
    changes = {edits.index(r, 2).data(): edits.index(r, 3).data() for r in range(2)}
    assert changes["Services"] == ("Retip four prongs $90.00; Clean and polish $15.00 → "
                                   "Retip four prongs $110.00; Clean and polish $15.00")
    assert "Saved" in ticket.message.text()


def test_an_edit_made_meanwhile_at_another_workstation_is_not_overwritten(
        ctx: AppContext, qtbot: QtBot, open_editor: OpenEditor) -> None:
    number = take_in_ring(ctx.db)
    _ticket, editor = open_editor(ctx, number)
    # The bench corrects the stones while the counter has the ticket open.
    edit_ticket(ctx.db, number, MANAGER, ticket_story(ctx.db, number).version,
                stones="1 round diamond, 0.62 ct")

    retype(qtbot, editor.stones, "1 round diamond, about half a carat")
    retype_price(qtbot, editor, 1, "20.00")
    save(qtbot, editor)

    story = ticket_story(ctx.db, number)
    assert story.item_stones == "1 round diamond, 0.62 ct"
    assert [e.by_name for e in story.edits] == ["Sandra Cole"]
    assert [s.price for s in story.services] == [Decimal("90.00"), Decimal("15.00")]
    assert editor.isVisible() and editor.message.isVisible()
    said = editor.message.text()
    assert "another workstation" in said and "Nothing of yours was saved" in said
    assert "Sandra Cole changed stones" in said and "0.62 ct" in said
    assert editor.stones.text() == "1 round diamond, about half a carat"  # typing kept
    assert editor.services.rows()[1][2] == "20.00"

    qtbot.mouseClick(editor.reload_button, Qt.MouseButton.LeftButton)
    assert editor.stones.text() == "1 round diamond, 0.62 ct"
    assert not editor.message.isVisible() and not editor.reload_button.isVisible()
    retype_price(qtbot, editor, 1, "20.00")
    save(qtbot, editor)
    story = ticket_story(ctx.db, number)
    assert story.item_stones == "1 round diamond, 0.62 ct"
    assert [s.price for s in story.services] == [Decimal("90.00"), Decimal("20.00")]


def test_bad_input_is_named_beside_its_field_and_nothing_typed_is_lost(
        ctx: AppContext, qtbot: QtBot, open_editor: OpenEditor) -> None:
    number = take_in_ring(ctx.db)
    before = ticket_story(ctx.db, number)
    _ticket, editor = open_editor(ctx, number)
    retype(qtbot, editor.description, " ")
    retype(qtbot, editor.declared_value, "about two grand")
    retype_price(qtbot, editor, 0, "20")  # the total would fall below the $50.00 deposit
    save(qtbot, editor)

    assert ticket_story(ctx.db, number) == before
    assert editor.problems["description"].text() == "describe the piece"
    assert "not an amount of money" in editor.problems["declared_value"].text()
    assert "more than the total" in editor.problems["deposit"].text()
    assert editor.declared_value.text() == "about two grand"
    assert editor.services.rows()[0][2] == "20"


def test_a_closed_ticket_offers_no_edit(ctx: AppContext, qtbot: QtBot) -> None:
    number = take_in_ring(ctx.db)
    cancel(ctx.db, number, MANAGER, "customer took it elsewhere")
    ticket = TicketDialog(ctx, number)
    qtbot.addWidget(ticket)
    assert ticket_story(ctx.db, number).status is Status.CANCELLED
    assert not ticket.edit_button.isEnabled()


def test_photos_are_added_from_the_ticket(ctx: AppContext, qtbot: QtBot,
                                          tmp_path: Path) -> None:
    number = take_in_ring(ctx.db)
    ticket = TicketDialog(ctx, number)
    qtbot.addWidget(ticket)
    picture = tmp_path / "prongs.png"
    Image.new("RGB", (320, 240), "#d4af37").save(picture)
    not_a_picture = tmp_path / "notes.jpg"
    not_a_picture.write_text("not a picture")

    ticket.add_photos([picture, not_a_picture])

    assert len(ticket_story(ctx.db, number).photos) == 1
    assert "notes.jpg" in ticket.message.text() and "others were added" in ticket.message.text()
    assert ticket.photos.count() == 2  # the thumbnail and the stretch after it
