"""The Today view: the counter's first look at the day."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from jeweldesk.domain.status import Status
from jeweldesk.services.moves import move
from jeweldesk.services.parcels import send_parcel
from jeweldesk.storage.lookups import store_now
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.paper import PaperPreview
from jeweldesk.ui.today.today import TodayView
from tests.support.late_vendor import late_at_vendor
from tests.support.store import BENCH, COUNTER, MANAGER, store_today, take_in_ring


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
    assert view.ready.model.index(0, 4).data() == "ready today"
    assert view.parcels.model.index(0, 0).data() == ref
    assert view.parcels.model.index(0, 4).data() == "due today"
    assert view.due_today.counter.text() == "1"
    assert view.past_promise.stack.currentWidget() is view.past_promise.empty


def test_enter_on_a_row_opens_the_ticket(ctx: AppContext, qtbot):
    due = take_in_ring(ctx.db, promised_in_days=0)
    opened: list[str] = []
    view = _view(ctx, qtbot, opened)
    table = view.due_today.table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 1))
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
        d for d in range(1, 8) if d != tomorrow)), by=MANAGER)
    view = _view(ctx, qtbot, [])
    assert "next open day" in view.due_next.title.text()


def test_a_promise_at_risk_is_a_click_from_preparing_the_customer(ctx: AppContext, qtbot):
    number = late_at_vendor(ctx.db)
    view = _view(ctx, qtbot, [])
    listing = view.at_risk.list
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1)
    listing.select(number)
    assert listing.selected_number() == number
    qtbot.mouseClick(listing.prepare, Qt.MouseButton.LeftButton)
    assert listing.dialog is not None and listing.dialog.number == number
    listing.dialog.close()


def test_the_morning_list_prints_from_today(ctx: AppContext, qtbot):
    import pypdfium2 as pdfium

    number = late_at_vendor(ctx.db)
    view = _view(ctx, qtbot, [])
    qtbot.mouseClick(view.at_risk.print_morning, Qt.MouseButton.LeftButton)
    preview = view.at_risk.findChild(PaperPreview)
    assert preview is not None
    assert number in pdfium.PdfDocument(preview.pdf)[0].get_textpage().get_text_range()
    preview.close()
