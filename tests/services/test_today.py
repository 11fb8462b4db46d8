from dataclasses import replace
from datetime import datetime, timedelta

from jeweldesk.domain.status import Status
from jeweldesk.services import today as today_module
from jeweldesk.services.customers import CustomerDetails
from jeweldesk.services.intake import Visit, take_in
from jeweldesk.services.moves import move
from jeweldesk.services.parcels import send_parcel
from jeweldesk.services.store import store_settings, update_store
from jeweldesk.services.today import today_lists
from jeweldesk.storage.lookups import store_now
from tests.support.store import BENCH, COUNTER, MANAGER, ring, store_today, take_in_ring


def _now(db) -> datetime:
    with db.session(write=False) as session:
        return store_now(session)


def test_promises_due_today_and_on_the_next_open_day(store_db):
    today = store_today()
    due_today = take_in_ring(store_db, promised_in_days=0)
    tomorrow = take_in_ring(store_db, promised_in_days=1)
    take_in_ring(store_db, promised_in_days=5)
    lists = today_lists(store_db)
    assert [t.number for t in lists.due_today] == [due_today]
    assert lists.due_today[0].customer_name == "Dana Whitfield"
    if lists.next_open_day == today + timedelta(days=1):
        assert [t.number for t in lists.due_next] == [tomorrow]


def test_the_next_open_day_skips_the_days_the_store_is_closed(store_db):
    today = store_today()
    settings = store_settings(store_db)
    closed = today.isoweekday() % 7 + 1  # tomorrow's weekday
    update_store(store_db, replace(
        settings, open_weekdays=tuple(d for d in range(1, 8) if d != closed)), by=MANAGER)
    day_after = take_in_ring(store_db, promised_in_days=2)
    lists = today_lists(store_db)
    assert lists.next_open_day == today + timedelta(days=2)
    assert [t.number for t in lists.due_next] == [day_after]


def test_a_ready_piece_says_how_long_it_has_waited(store_db):
    now = _now(store_db)
    visit = Visit(pieces=(ring(promised_in_days=0),), new_customer=CustomerDetails("Ana Ruiz"))
    (number,) = take_in(store_db, visit, by=COUNTER, at=now - timedelta(days=10))
    for days, step in ((8, Status.AT_BENCH), (7, Status.QUALITY_CHECK), (6, Status.READY)):
        move(store_db, number, step, by=BENCH, at=now - timedelta(days=days))
    lists = today_lists(store_db)
    assert [(p.number, p.days_waiting) for p in lists.ready_waiting] == [(number, 6)]
    assert lists.due_today == []  # a ready piece is not a promise still to keep


def test_a_promise_already_missed_is_listed_with_the_past_ones(store_db, monkeypatch):
    number = take_in_ring(store_db, promised_in_days=0)
    real = today_module.store_now
    monkeypatch.setattr(today_module, "store_now", lambda s: real(s) + timedelta(days=3))
    lists = today_lists(store_db)
    assert [t.number for t in lists.past_promise] == [number]


def test_parcels_due_back_and_late(store_db):
    today = store_today()
    a, b = take_in_ring(store_db), take_in_ring(store_db)
    late = send_parcel(store_db, "PLAT", [a], by=COUNTER, expected_back=today,
                       at=_now(store_db))
    later = send_parcel(store_db, "PLAT", [b], by=COUNTER,
                        expected_back=today + timedelta(days=30))
    lists = today_lists(store_db)
    assert [(p.ref, p.vendor_name, p.pieces_out, p.days_late) for p in lists.parcels_due] == [
        (late, "Riverbend Plating", 1, 0)]
    assert later not in [p.ref for p in lists.parcels_due]
