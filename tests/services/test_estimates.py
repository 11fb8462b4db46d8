"""Work waiting for the customer's yes: the notice, the stopped clock, the answer."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from jeweldesk.cli import main
from jeweldesk.domain.errors import Invalid
from jeweldesk.domain.kinds import Channel
from jeweldesk.domain.status import Status
from jeweldesk.services.estimates import answer_approval, ask_approval, waiting_for_approval
from jeweldesk.services.moves import move
from jeweldesk.services.notices import notices_due
from jeweldesk.services.sending import mark_done
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import store_now, ticket_by_number
from tests.support.store import BENCH, COUNTER, NAMES, take_in_ring


def _now(db: Database) -> datetime:
    with db.session(write=False) as session:
        return store_now(session)


def _ticket(db: Database, number: str) -> tuple[Status, list[str], object, list[str]]:
    with db.session(write=False) as session:
        t = ticket_by_number(session, number)
        return (t.status, [s.description for s in t.services], t.promised_for,
                [c.reason or "" for c in t.promise_changes])


def _at_bench(db: Database) -> str:
    number = take_in_ring(db)
    move(db, number, Status.AT_BENCH, BENCH)
    return number


def test_work_found_at_the_bench_asks_the_customer_with_the_price(store_db: Database) -> None:
    number = _at_bench(store_db)
    before = _now(store_db)
    ask_approval(store_db, number, "The shank is thin: re-shank the ring", BENCH, "180.00")
    assert [n.kind.value for n in notices_due(store_db, before - timedelta(seconds=1))[1]] == []
    (notice,) = notices_due(store_db)[1]
    assert (notice.kind.value, notice.ticket) == ("estimate", number)
    assert "re-shank the ring, for $180.00. May we go ahead?" in notice.text
    (waiting,) = waiting_for_approval(store_db)
    assert (waiting.ticket, waiting.price) == (number, Decimal("180.00"))
    mark_done(store_db, notice, COUNTER, "emailed by hand")
    assert notices_due(store_db)[1] == []
    assert len(waiting_for_approval(store_db)) == 1  # told, and still waiting for the yes


def test_a_yes_adds_the_line_and_moves_the_promise_by_the_days_it_waited(
        store_db: Database) -> None:
    number = _at_bench(store_db)
    promised = _ticket(store_db, number)[2]
    ask_approval(store_db, number, "Re-shank the ring", BENCH, "180.00")
    with store_db.session() as session:  # asked three days ago
        ticket = ticket_by_number(session, number)
        ticket.approvals[0].asked_at -= timedelta(days=3)
    answer_approval(store_db, number, True, Channel.PHONE, COUNTER)
    status, lines, new_promise, reasons = _ticket(store_db, number)
    assert lines[-1] == "Re-shank the ring"
    assert new_promise == promised + timedelta(days=3)  # type: ignore[operator]
    assert reasons == ["waited 3 days for the customer's yes"]
    assert waiting_for_approval(store_db) == []
    with store_db.session(write=False) as session:
        approval = ticket_by_number(session, number).approvals[0]
        assert (approval.answer, approval.how, approval.answered_by.name) == (
            "yes", Channel.PHONE, NAMES[COUNTER])


def test_a_no_ends_the_line_or_the_whole_ticket(store_db: Database) -> None:
    line = _at_bench(store_db)
    ask_approval(store_db, line, "Re-shank the ring", BENCH, "180.00")
    answer_approval(store_db, line, False, "phone", COUNTER, ends="line")
    status, lines, _, _ = _ticket(store_db, line)
    assert status == Status.AT_BENCH and "Re-shank the ring" not in lines

    whole = _at_bench(store_db)
    ask_approval(store_db, whole, "Re-shank the ring", BENCH, "180.00")
    answer_approval(store_db, whole, False, "in_person", COUNTER, ends="ticket")
    assert _ticket(store_db, whole)[0] == Status.READY  # back to the customer as it is


def test_asking_twice_or_answering_nothing_is_refused(store_db: Database) -> None:
    number = _at_bench(store_db)
    with pytest.raises(Invalid, match="not waiting for the customer's yes"):
        answer_approval(store_db, number, True, "phone", COUNTER)
    ask_approval(store_db, number, "Re-shank", BENCH)
    with pytest.raises(Invalid, match="already waits"):
        ask_approval(store_db, number, "Re-shank again", BENCH)
    with pytest.raises(Invalid, match="not an amount of money"):
        ask_approval(store_db, take_in_ring(store_db), "Re-shank", BENCH, "lots")


def test_the_command_line_asks_and_answers(store_db: Database,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    number = _at_bench(store_db)
    assert main(["--db", store_db.url, "estimate", "ask", number, "--what", "Re-shank",
                 "--price", "180", "--by", BENCH]) == 0
    assert main(["--db", store_db.url, "estimate", "list"]) == 0
    assert f"{number}  Dana Whitfield  Re-shank $180.00" in capsys.readouterr().out
    assert main(["--db", store_db.url, "estimate", "answer", number, "yes", "--how", "phone",
                 "--by", COUNTER]) == 0
    assert waiting_for_approval(store_db) == []


def test_a_piece_waiting_for_a_yes_is_not_made_ready_before_the_answer(
        store_db: Database) -> None:
    from jeweldesk.domain.errors import MoveRefused
    from jeweldesk.services.story import ticket_story

    number = take_in_ring(store_db)
    move(store_db, number, Status.AT_BENCH, by=BENCH)
    ask_approval(store_db, number, "Re-shank", BENCH, price="180")
    with pytest.raises(MoveRefused, match="waits for the customer's yes to “Re-shank”"):
        move(store_db, number, Status.READY, by=BENCH)
    assert ticket_story(store_db, number).status == Status.AT_BENCH
    move(store_db, number, Status.QUALITY_CHECK, by=BENCH)  # the work may still be checked
    answer_approval(store_db, number, False, Channel.PHONE, COUNTER)
    move(store_db, number, Status.READY, by=BENCH)
    assert ticket_story(store_db, number).status == Status.READY
