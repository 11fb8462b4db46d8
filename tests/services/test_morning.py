"""The morning's answer: kept for the change count and day, the same as judging afresh."""

from sqlalchemy import select, update

from jeweldesk.domain.levels import Level
from jeweldesk.services.changes import change_marker
from jeweldesk.services.morning import judge_store, morning
from jeweldesk.services.prepare import flags_with_handling, log_preparation
from jeweldesk.storage.engine import Database
from jeweldesk.storage.tables import KeptMorning
from tests.support.late_vendor import late_at_vendor
from tests.support.store import COUNTER


def test_the_kept_answer_is_the_judged_one_until_something_changes(store_db: Database):
    number = late_at_vendor(store_db)
    first = morning(store_db)
    assert not first.reused
    assert [r.ticket for r in first.rows] == [r.ticket for r in flags_with_handling(store_db)]
    assert next(r for r in first.rows if r.ticket == number).flag.level == Level.AT_RISK

    marker = change_marker(store_db)
    again = morning(store_db)
    assert again.reused and again.rows == first.rows and again.away == first.away
    assert change_marker(store_db) == marker  # keeping the answer is not a change to the store

    log_preparation(store_db, number, by=COUNTER, channel="phone", outcome="Wants a rush")
    after_call = morning(store_db)
    assert not after_call.reused
    assert next(r for r in after_call.rows if r.ticket == number).handled
    assert after_call.rows == flags_with_handling(store_db)


def test_an_answer_kept_for_another_day_is_judged_again(store_db: Database):
    late_at_vendor(store_db)
    first = morning(store_db)
    with store_db.session() as session:
        kept = session.scalar(select(KeptMorning))
        assert kept is not None
        session.execute(update(KeptMorning).values(day=kept.day.replace(year=kept.day.year - 1)))
    later = morning(store_db)
    assert not later.reused and later.rows == first.rows


def test_another_workstation_reads_the_kept_answer(sqlite_store: Database):
    late_at_vendor(sqlite_store)
    here = morning(sqlite_store)
    there = judge_store(sqlite_store.url)  # another handle on the same file, as another PC's
    assert there.reused and there.rows == here.rows


def test_the_morning_judged_in_a_process_of_its_own_writes_the_stores_way(
        sqlite_store: Database):
    import multiprocessing
    import re
    from concurrent.futures import ProcessPoolExecutor
    from dataclasses import replace

    from jeweldesk.domain import way as ways
    from jeweldesk.services.store import store_settings, update_store
    from tests.support.store import MANAGER

    late_at_vendor(sqlite_store)
    update_store(sqlite_store, replace(store_settings(sqlite_store), currency="GBP",
                                       locale="en_GB"), by=MANAGER)
    ways.use(ways.US)  # this process's way says nothing of the one the judge starts in
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as apart:
        judged = apart.submit(judge_store, sqlite_store.url).result(timeout=300)
    reasons = " ".join(r for row in judged.rows for r in row.flag.reasons)
    months = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
    assert re.search(rf"\b\d{{1,2}} ({months})\b", reasons)  # "promised 7 Dec"
    assert not re.search(rf"\b({months}) \d{{1,2}}\b", reasons)  # never "Dec 7"
