"""Settings › Notices: the store words its own notices, previewed on a real ticket."""

from __future__ import annotations

from PySide6.QtCore import Qt

from jeweldesk.services.telling import notice_wording
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.settings.wording import WordingTab
from tests.support.store import take_in_ring


def _tab(ctx: AppContext, qtbot) -> WordingTab:
    tab = WordingTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    return tab


def test_the_ready_notice_reworded_is_previewed_on_a_ticket_and_kept(
        manager_ctx: AppContext, qtbot) -> None:
    number = take_in_ring(manager_ctx.db)
    tab = _tab(manager_ctx, qtbot)
    assert tab.kinds.currentItem().text() == "Ready for pickup"
    assert tab.subject.text() == "Your $piece $is ready"
    assert f"({number})" in tab.preview_title.text()
    assert "Dear Dana Whitfield," in tab.preview.text()

    tab.subject.selectAll()
    qtbot.keyClicks(tab.subject, "All set, $customer: your $piece is ready")
    assert "All set, Dana Whitfield: your lady's solitaire engagement ring is ready" in \
        tab.preview.text()
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.message.text() == "Saved."
    assert notice_wording(manager_ctx.db)["ready"].subject == \
        "All set, $customer: your $piece is ready"



def test_an_unknown_placeholder_is_shown_and_refused(manager_ctx: AppContext, qtbot) -> None:
    take_in_ring(manager_ctx.db)
    tab = _tab(manager_ctx, qtbot)
    tab.kinds.setCurrentRow(2)
    tab.text.setFocus()
    qtbot.keyClick(tab.text, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(tab.text, " See you, $custmer")
    assert "$custmer is not a placeholder" in tab.preview.text()
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.message.text().startswith("Nothing was saved: $custmer is not a placeholder")
    assert notice_wording(manager_ctx.db)["unclaimed"].text.endswith("$store_phone")


def test_a_new_store_previews_once_it_has_a_ticket(manager_ctx: AppContext, qtbot) -> None:
    tab = _tab(manager_ctx, qtbot)
    assert "once the store has one" in tab.preview.text()
