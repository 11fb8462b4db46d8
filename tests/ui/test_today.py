"""The Today view: the counter's first look at the day."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from jeweldesk.domain.status import Status
from jeweldesk.services.common import store_now
from jeweldesk.services.moves import move
from jeweldesk.services.parcels import send_parcel
from jeweldesk.ui import today as today_ui
from jeweldesk.ui.context import AppContext
from jeweldesk.ui.today import WAITING_NOTE, TodayView
from tests.support.store import BENCH, COUNTER, store_today, take_in_ring


def _view(ctx: AppContext, qtbot, opened: list[str]) -> TodayView:
    view = TodayView(ctx, opened.append)
    qtbot.addWidget(view)
    view.show()
    return view


def test_today_lists_what_is_due_ready_and_coming_back(ctx: AppContext, qtbot):
    due = take_in_ring(ctx.db, promised_in_days=0)
    ready = take_in_ring(ctx.db, promised_in_days=3)
    for step in (Status.AT_BENCH, Status.QUALITY_CHECK, Status.READY):
        move(ctx.db, ready, step, by=BENCH)
    out = take_in_ring(ctx.db, promised_in_days=9)
    with ctx.db.session(write=False) as session:
        now = store_now(session)
    ref = send_parcel(ctx.db, "PLAT", [out], by=COUNTER, expected_back=store_today(), at=now)

    view = _view(ctx, qtbot, [])
    assert view.due_today.numbers() == [due]
    assert view.ready.numbers() == [ready]
    assert view.ready.table.item(0, 4).text() == "ready today"
    assert view.parcels.table.item(0, 0).text() == ref
    assert view.parcels.table.item(0, 4).text() == "due today"
    assert view.due_today.counter.text() == "1"
    assert view.past_promise.stack.currentWidget() is view.past_promise.empty


def test_enter_on_a_row_opens_the_ticket(ctx: AppContext, qtbot):
    due = take_in_ring(ctx.db, promised_in_days=0)
    opened: list[str] = []
    view = _view(ctx, qtbot, opened)
    table = view.due_today.table
    table.setFocus()
    table.setCurrentCell(0, 1)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened == [due]


def test_the_view_follows_changes(ctx: AppContext, qtbot):
    view = _view(ctx, qtbot, [])
    assert view.due_today.numbers() == []
    due = take_in_ring(ctx.db, promised_in_days=0)
    ctx.check_for_changes()
    assert view.due_today.numbers() == [due]


def test_the_next_open_day_is_named_when_it_is_not_tomorrow(ctx: AppContext, qtbot,
                                                            monkeypatch):
    from dataclasses import replace

    from jeweldesk.services.store import store_settings, update_store

    tomorrow = (store_today() + timedelta(days=1)).isoweekday()
    settings = store_settings(ctx.db)
    update_store(ctx.db, replace(settings, open_weekdays=tuple(
        d for d in range(1, 8) if d != tomorrow)))
    view = _view(ctx, qtbot, [])
    assert "next open day" in view.due_next.title.text()


def test_promises_at_risk_are_listed_when_the_early_warning_engine_is_there(
        ctx: AppContext, qtbot, monkeypatch):
    monkeypatch.setattr(today_ui, "find_warnings", lambda: None)
    view = _view(ctx, qtbot, [])
    assert view.at_risk.empty.text() == WAITING_NOTE
    assert view.at_risk.stack.currentWidget() is view.at_risk.empty


def test_a_flag_from_the_engine_shows_with_its_reasons(ctx: AppContext, qtbot, monkeypatch):
    from jeweldesk.risk.engine import Flag

    number = take_in_ring(ctx.db, promised_in_days=1)
    today = store_today()
    flag = Flag(number, "Dana Whitfield", "received", "at_risk", today + timedelta(days=1),
                None, today + timedelta(days=4), ("Riverbend Plating runs 3 days late",))
    monkeypatch.setattr(today_ui, "find_warnings", lambda: lambda db: [flag])
    opened: list[str] = []
    view = _view(ctx, qtbot, opened)
    assert view.at_risk.numbers() == [number]
    assert view.at_risk.table.item(0, 2).text() == "Tomorrow"
    assert "runs 3 days late" in view.at_risk.table.item(0, 4).text()
