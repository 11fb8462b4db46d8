from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel
from sqlalchemy import update

from jeweldesk.domain import writing
from jeweldesk.domain.kinds import Channel
from jeweldesk.domain.levels import Level
from jeweldesk.services.at_risk import at_risk
from jeweldesk.services.prepare import AGREED_NEW_DATE
from jeweldesk.services.story import ticket_story
from jeweldesk.storage.tables import Vendor
from jeweldesk.ui.today.at_risk_list import AtRiskList
from jeweldesk.ui.today.at_risk_model import HANDLED, HANDLED_ROLE
from jeweldesk.ui.today.prepare import PrepareDialog
from tests.support.late_vendor import late_at_vendor


@pytest.fixture
def late(ctx):
    number = late_at_vendor(ctx.db)
    _, flags = at_risk(ctx.db)
    assert (flags[0].ticket, flags[0].level) == (number, Level.AT_RISK)
    assert flags[0].occasion_threatened
    return number


def test_the_dialog_puts_why_they_came_and_how_to_reach_them_on_top(qtbot, ctx, late):
    dialog = PrepareDialog(ctx, late)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {w.objectName(): w.text() for w in dialog.findChildren(QLabel) if w.objectName()}
    assert "Phone call" in labels["preferred"] and "preferred" in labels["preferred"]
    assert "<b>Needs it for their 25th anniversary dinner" in labels["occasion"]
    assert "Riverbend Plating" in labels["reasons"]
    assert {"rush", "comparable", "loaner", "new_date"} <= set(dialog.offers)
    assert dialog.channel.currentData() == Channel.PHONE
    assert dialog.new_date.isEnabled()


def test_a_call_logged_from_the_at_risk_list_lands_and_shows_as_handled(qtbot, ctx, late):
    original = ticket_story(ctx.db, late).promised_for
    listing = AtRiskList(ctx)
    qtbot.addWidget(listing)
    listing.show()
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1)
    assert listing.model.index(0, 0).data(HANDLED_ROLE) is False

    listing.table.setFocus()
    qtbot.keyClick(listing.table, Qt.Key.Key_Return)
    dialog = listing.dialog
    assert dialog is not None and dialog.isVisible() and dialog.number == late

    loaner = dialog.offers["loaner"]
    # On the box itself: a stretched check box only answers to clicks on its box and words.
    qtbot.mouseClick(loaner, Qt.MouseButton.LeftButton, pos=QPoint(6, loaner.height() // 2))
    assert loaner.isChecked()
    dialog.channel.setFocus()
    qtbot.keyClicks(dialog.channel, "Text")
    assert dialog.channel.currentData() == Channel.SMS
    qtbot.keyClick(dialog.outcome, Qt.Key.Key_Down)
    assert not dialog.new_date.isEnabled()
    qtbot.keyClick(dialog.outcome, Qt.Key.Key_Up)
    assert dialog.outcome.currentText() == AGREED_NEW_DATE and dialog.new_date.isEnabled()
    suggested = dialog.brief.suggested_date
    assert dialog.original.text().startswith(
        f"{writing.long_day(suggested)} is a date it is ready by 9 times in 10.")
    dialog.new_date.setFocus()
    qtbot.keyClick(dialog.new_date, Qt.Key.Key_Up)
    agreed = suggested + timedelta(days=1)
    assert dialog.new_promise() == agreed
    qtbot.keyClicks(dialog.note, "Will wear the loaner; call her when it is back")
    with qtbot.waitSignal(listing.prepared, timeout=2000):
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert not dialog.isVisible()

    story = ticket_story(ctx.db, late)
    [contact] = story.contacts
    assert (contact.channel, contact.outcome, contact.by_name) == (
        Channel.SMS, AGREED_NEW_DATE, "Kate Pruitt")
    assert contact.note == "Will wear the loaner; call her when it is back\nOffered: A loaner."
    assert story.promised_for == agreed
    assert story.original_promised_for == original
    assert [(p.old_date, p.new_date) for p in story.promises] == [(original, agreed)]

    # The occasion still comes before the new date: the flag stays, dimmed as handled.
    qtbot.waitUntil(lambda: listing.model.index(0, 0).data(HANDLED_ROLE) is True)
    assert listing.model.rowCount() == 1
    assert "Kate Pruitt" in listing.model.index(0, HANDLED).data()
    assert "handled" in listing.summary.text()


def test_the_list_reads_out_every_reason_of_the_piece_chosen(qtbot, ctx, late):
    listing = AtRiskList(ctx, compact=True)
    qtbot.addWidget(listing)
    listing.show()
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1)
    flag = listing.model.row(0).flag
    assert len(flag.reasons) > 1  # the column shows only the first of them
    said = listing.why.text()
    assert listing.why.isVisible() and said.startswith(f"{late}: ")
    for reason in flag.reasons:
        assert reason[1:] in said
    assert "Riverbend Plating" in said and "expected back" in said


def test_the_dialog_says_what_is_wrong_and_stays_open(qtbot, ctx, late):
    dialog = PrepareDialog(ctx, late)
    qtbot.addWidget(dialog)
    dialog.show()
    typed = dialog.outcome.lineEdit()
    typed.setFocus()
    qtbot.keyClick(typed, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(typed, Qt.Key.Key_Delete)
    assert dialog.outcome.currentText() == "" and not dialog.new_date.isEnabled()
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.problem.isVisible()
    assert "how the call ended" in dialog.problem.text()
    assert ticket_story(ctx.db, late).contacts == ()


def test_the_at_risk_model_passes_the_model_tester(qtbot, qtmodeltester, ctx, late):
    listing = AtRiskList(ctx)
    qtbot.addWidget(listing)
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1)
    qtmodeltester.check(listing.model)
    listing.deleteLater()


def test_a_promise_to_watch_is_not_yet_a_call_to_make():
    from jeweldesk.risk.engine import Flag
    from jeweldesk.services.prepare import FlagWithHandling
    from jeweldesk.ui.today.at_risk_list import summary

    def row(level, handled=False):
        flag = Flag("R-1", "Ann", "at_bench", level, None, None, None, ())
        return FlagWithHandling(flag, None, handled)

    assert summary([]) == "No promise is at risk."
    assert summary([row(Level.AT_RISK), row(Level.WATCH), row(Level.AT_RISK, handled=True)]) == (
        "1 to call; 1 to watch; 1 handled")


def test_a_vendor_name_with_an_ampersand_keeps_it_on_the_rush_offer(qtbot, ctx, late):
    with ctx.db.session() as session:
        session.execute(update(Vendor).where(Vendor.code == "PLAT")
                        .values(name="Riverbend Plating & Polish"))
    dialog = PrepareDialog(ctx, late)
    qtbot.addWidget(dialog)
    rush = dialog.offers["rush"]
    # Qt reads a lone "&" on a check box as a shortcut marker and drops it from the words.
    assert QKeySequence.mnemonic(rush.text()).isEmpty()
    assert "Riverbend Plating && Polish" in rush.text()
