"""A flag handled by writing rather than calling: the new date and the reason, in the words
of Prepare the customer, go out as the delayed notice; Escape asks before typing is lost."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from jeweldesk.domain import writing
from jeweldesk.domain.kinds import Channel
from jeweldesk.domain.notice_words import NoticeKind
from jeweldesk.services.notices import notices_due
from jeweldesk.services.story import ticket_story
from jeweldesk.ui.today.prepare import PrepareDialog
from tests.support.late_vendor import late_at_vendor
from tests.support.questions import answer_next_question, click


@pytest.fixture
def late(ctx):
    return late_at_vendor(ctx.db)


def test_writing_instead_of_calling_gives_the_delayed_notice_with_the_date_and_reason(
        qtbot, ctx, late):
    dialog = PrepareDialog(ctx, late)
    qtbot.addWidget(dialog)
    dialog.show()
    write = dialog.write
    assert not write.reason.isEnabled()
    qtbot.mouseClick(write.on, Qt.MouseButton.LeftButton)
    assert write.chosen and dialog.new_date.isEnabled() and not dialog.outcome.isEnabled()
    assert dialog.save.text() == "Save, and write to them"
    assert write.reason.text() == ("It is with Riverbend Plating, the specialist workshop we "
                                   "trust with this work, and they need more time to finish "
                                   "it properly.")
    write.way.setCurrentIndex(write.way.findData(Channel.EMAIL))
    new_date = dialog.brief.suggested_date
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    story = ticket_story(ctx.db, late)
    assert story.promised_for == new_date
    assert story.contacts == ()  # nobody was called: the notice, once sent, is the contact
    (delayed,) = [n for n in notices_due(ctx.db)[1] if n.kind == NoticeKind.DELAYED]
    assert (delayed.ticket, delayed.channel, delayed.to) == (late, Channel.EMAIL,
                                                             "dana@example.com")
    assert delayed.step == new_date.isoformat()
    assert f"We now expect to have it ready by {writing.long_day(new_date)}" in delayed.text
    assert ("It is with Riverbend Plating, the specialist workshop we trust with this work"
            in delayed.text)
    assert f"not be ready on {writing.long_day(story.original_promised_for)}" in delayed.text


def test_a_letter_is_a_way_to_write_and_the_customer_s_phone_is_never_dialled(
        qtbot, ctx, late):
    dialog = PrepareDialog(ctx, late)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.write.on.setChecked(True)
    dialog.write.way.setCurrentIndex(dialog.write.way.findData(Channel.LETTER))
    dialog.write.reason.setText("The plater needs a few more days to match the finish")
    dialog.new_date.setDate(dialog.new_date.date().addDays(3))
    dialog.save.click()
    (delayed,) = [n for n in notices_due(ctx.db)[1] if n.kind == NoticeKind.DELAYED]
    assert delayed.channel == Channel.LETTER  # she prefers the phone, but the store wrote
    assert "The plater needs a few more days to match the finish." in delayed.text


def test_no_reason_is_refused_in_one_line_and_nothing_changes(qtbot, ctx, late):
    before = ticket_story(ctx.db, late).promised_for
    dialog = PrepareDialog(ctx, late)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.write.on.setChecked(True)
    dialog.write.reason.clear()
    dialog.save.click()
    assert dialog.isVisible()
    assert dialog.problem.text() == "Say why, in the words the customer will read."
    assert ticket_story(ctx.db, late).promised_for == before


def test_escape_in_prepare_asks_before_the_note_is_thrown_away(qtbot, ctx, late):
    dialog = PrepareDialog(ctx, late)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.note, "She is away until Friday")
    asked = answer_next_question(click("Keep typing"))
    qtbot.keyClick(dialog.note, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: asked.asked)
    assert dialog.isVisible() and dialog.note.text() == "She is away until Friday"
    assert "She is away until Friday" in asked.texts[0]
    asked = answer_next_question(click("Throw away"))
    qtbot.keyClick(dialog.note, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert asked.asked


def test_escape_with_nothing_typed_closes_at_once(qtbot, ctx, late):
    dialog = PrepareDialog(ctx, late)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.note, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
