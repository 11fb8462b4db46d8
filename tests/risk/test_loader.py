"""The loader reads only what the engine can use as of the moment, and the answer is the same."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import event

from jeweldesk.risk.engine import assess, flags_to_json
from jeweldesk.services.at_risk import load_history
from jeweldesk.storage.engine import Database


def test_a_moment_reads_less_but_answers_the_same(example_store: Database) -> None:
    for moment in (datetime(2026, 11, 12), datetime(2026, 12, 1), datetime(2027, 9, 1)):
        with example_store.session(write=False) as session:
            whole = load_history(session)
            recent = load_history(session, moment)
        assert len(recent.tickets) <= len(whole.tickets)
        assert flags_to_json(moment, assess(recent, moment)) == flags_to_json(
            moment, assess(whole, moment)
        )
    with example_store.session(write=False) as session:
        whole = load_history(session)
        late = load_history(session, datetime(2028, 1, 1))
    # Long after, only the pieces still open are read; the ones closed long ago are not.
    assert late.tickets and all(t.is_open for t in late.tickets)
    assert len(late.tickets) < len(whole.tickets)


def test_loading_takes_a_few_queries_however_many_tickets(example_store: Database) -> None:
    statements: list[str] = []
    engine = example_store.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        with example_store.session(write=False) as session:
            load_history(session, datetime(2026, 11, 12))
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len(statements) <= 13  # one per table the engine reads, approvals the last
