"""Today says when a jeweler has gone quiet; a manager says until when."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel

from jeweldesk.services.days_off import days_off
from jeweldesk.services.store import list_staff
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.widgets import day_text
from jeweldesk.ui.today.today import TodayView
from tests.support.away_jeweler import jeweler_gone_quiet
from tests.support.store import MANAGER, store_today


def _today(ctx: AppContext, qtbot) -> TodayView:
    view = TodayView(ctx, lambda _number: None)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: ctx.risk.rows is not None, timeout=10000)
    return view


def _said(view: TodayView) -> str:
    return " ".join(label.text() for label in view.away.findChildren(QLabel))


def test_a_manager_says_until_when_a_jeweler_gone_quiet_is_away(manager_ctx, qtbot):
    waiting, since = jeweler_gone_quiet(manager_ctx.db, quiet=3)
    view = _today(manager_ctx, qtbot)
    assert view.away.isVisible()
    assert (f"Jonah Reyes has not moved a piece on their last 3 workdays, from "
            f"{day_text(since)}; 3 pieces wait for them.") in _said(view)

    qtbot.mouseClick(view.away.buttons["JR"], Qt.MouseButton.LeftButton)
    dialog = view.away.dialog
    assert dialog is not None and dialog.isVisible()
    back = store_today() + timedelta(days=3)
    dialog.back_on.setDate(QDate(back.year, back.month, back.day))
    qtbot.keyClicks(dialog.note, "Flu")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    [entry] = days_off(manager_ctx.db)
    assert (entry.staff_code, entry.first_day, entry.last_day, entry.note) == (
        "JR", since, back - timedelta(days=1), "Flu")
    # The warnings now hold his queue until he is back, and say so.
    qtbot.waitUntil(lambda: not view.away.isVisible(), timeout=10000)
    reasons = [r for row in manager_ctx.risk.rows or [] for r in row.flag.reasons
               if row.flag.ticket in waiting]
    assert any(r.startswith("Jonah Reyes is off ") for r in reasons)
    assert not any("has not moved" in r for r in reasons)


def test_the_counter_is_told_and_sent_to_a_manager(ctx, qtbot):
    jeweler_gone_quiet(ctx.db, quiet=2)
    view = _today(ctx, qtbot)
    assert view.away.isVisible() and view.away.buttons == {}
    assert "A manager can enter until when." in _said(view)
    ctx.set_user(next(s for s in list_staff(ctx.db) if s.code == MANAGER))  # the manager comes
    assert list(view.away.buttons) == ["JR"]


def test_one_workday_missed_is_not_yet_worth_saying(manager_ctx, qtbot):
    jeweler_gone_quiet(manager_ctx.db, quiet=1)
    view = _today(manager_ctx, qtbot)
    assert not view.away.isVisible()
