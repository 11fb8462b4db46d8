"""The notices due, worked out from the records as they stood at several moments."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from jeweldesk.cli import main
from jeweldesk.domain.kinds import Channel
from jeweldesk.domain.notice_words import Wording
from jeweldesk.domain.status import Status
from jeweldesk.services.customers import CustomerDetails
from jeweldesk.services.intake import Visit, take_in
from jeweldesk.services.moves import change_promise, move
from jeweldesk.services.notices import notices_due
from jeweldesk.services.pickup import hand_back
from jeweldesk.services.sending import mark_done
from jeweldesk.services.telling import save_notice_wording, save_reminders
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import calendar, store_now, ticket_by_number
from tests.support.store import BENCH, COUNTER, MANAGER, ring

DANA = CustomerDetails("Dana Whitfield", "601 555 0142", "dana@example.com",
                       preferred_channel=Channel.EMAIL)


def _now(db: Database) -> datetime:
    with db.session(write=False) as session:
        return store_now(session)


def _ready(db: Database, pieces: int = 1, customer: CustomerDetails = DANA,
           days_ago: int = 0) -> list[str]:
    """A visit taken in 10 days before it was ready, made ready ``days_ago``."""
    ready_at = _now(db) - timedelta(days=days_ago)
    visit = Visit(pieces=tuple(ring(description=d) for d in
                               ("Solitaire ring", "Tennis bracelet", "Pearl strand")[:pieces]),
                  new_customer=customer)
    numbers = take_in(db, visit, by=COUNTER, at=ready_at - timedelta(days=10))
    for number in numbers:
        move(db, number, Status.AT_BENCH, BENCH, at=ready_at - timedelta(days=9))
        move(db, number, Status.READY, BENCH, at=ready_at)
    return numbers


def _kinds(db: Database, moment: datetime) -> list[tuple[str, str, str]]:
    return [(n.ticket, n.kind.value, n.step) for n in notices_due(db, moment)[1]]


def test_a_visit_ready_is_told_once_all_its_pieces_together(store_db: Database) -> None:
    first, second = _ready(store_db, pieces=2)
    now = _now(store_db)
    assert _kinds(store_db, now - timedelta(days=1)) == []  # not ready yet then
    (notice,) = notices_due(store_db, now)[1]
    assert notice.tickets == (first, second)
    assert (notice.channel, notice.to) == (Channel.EMAIL, "dana@example.com")
    assert notice.subject == "Your solitaire ring and tennis bracelet are ready"
    assert notice.text.startswith("Dear Dana Whitfield,")
    assert f"({first}, {second})" in notice.text and "$" not in notice.text
    mark_done(store_db, notice, COUNTER)
    assert _kinds(store_db, now + timedelta(hours=1)) == []


def test_a_piece_left_uncollected_is_reminded_on_the_set_days_and_last_by_letter(
        store_db: Database) -> None:
    (number,) = _ready(store_db)
    now = _now(store_db)
    ready = notices_due(store_db, now)[1][0]
    mark_done(store_db, ready, COUNTER)
    assert _kinds(store_db, now + timedelta(days=29)) == []
    day_30 = notices_due(store_db, now + timedelta(days=30))[1]
    assert [(n.kind.value, n.step, n.channel) for n in day_30] == [
        ("unclaimed", "30", Channel.EMAIL)]
    assert "waiting for you" in day_30[0].subject
    # Not told at 30 days: at 60 only the 60-day reminder is due, never both.
    assert _kinds(store_db, now + timedelta(days=61)) == [(number, "unclaimed", "60")]
    mark_done(store_db, day_30[0], COUNTER)
    assert _kinds(store_db, now + timedelta(days=59)) == []
    final = notices_due(store_db, now + timedelta(days=90))[1]
    assert [(n.step, n.channel) for n in final] == [("90", Channel.LETTER)]
    letter_day = (now + timedelta(days=90)).date()
    with store_db.session(write=False) as session:
        dispose = calendar(session).next_open(letter_day + timedelta(days=30))
    assert f"{dispose:%B} {dispose.day}, {dispose.year}" in final[0].text
    assert "90 days" in final[0].text
    mark_done(store_db, final[0], COUNTER)
    assert _kinds(store_db, now + timedelta(days=200)) == []


def test_the_store_sets_the_reminder_days(store_db: Database) -> None:
    (number,) = _ready(store_db)
    save_reminders(store_db, (14,), None, MANAGER)
    now = _now(store_db)
    assert _kinds(store_db, now + timedelta(days=13)) == [(number, "ready", "")]
    assert _kinds(store_db, now + timedelta(days=14)) == [(number, "unclaimed", "14")]


def test_a_new_promise_agreed_on_the_phone_is_not_written_again(store_db: Database) -> None:
    written = take_in(store_db, Visit(pieces=(ring(),), new_customer=DANA), by=COUNTER)[0]
    called = take_in(store_db, Visit(pieces=(ring(),), new_customer=CustomerDetails(
        "Ana Ruiz", "601 555 0199")), by=COUNTER)[0]
    with store_db.session(write=False) as session:
        promised = ticket_by_number(session, written).promised_for
    later = promised + timedelta(days=6)
    change_promise(store_db, written, later, MANAGER, "the plater is a week behind")
    change_promise(store_db, called, later, MANAGER, "parts are late")
    from jeweldesk.services.contacts import record_contact
    record_contact(store_db, called, "phone", COUNTER, "Told her the new date")
    (notice,) = notices_due(store_db)[1]
    assert (notice.ticket, notice.kind.value) == (written, "delayed")
    assert notice.subject == "A new date for your solitaire engagement ring" or \
        notice.subject.startswith("A new date for your")
    assert "The plater is a week behind." in notice.text
    assert f"{later:%A}, {later:%B} {later.day}" in notice.text


def test_a_cleaning_is_due_in_the_month_the_note_named(store_db: Database) -> None:
    (number,) = _ready(store_db)
    with store_db.session(write=False) as session:
        balance = ticket_by_number(session, number).balance
    hand_back(store_db, [number], "Dana", COUNTER, "cash", balance)
    now = _now(store_db)
    # Prong retipping and a cleaning: the note invites the piece back in six months.
    due_month = (now.replace(day=1) + timedelta(days=32 * 6)).replace(day=1)
    assert _kinds(store_db, datetime.combine(due_month - timedelta(days=1), now.time())) == []
    (notice,) = notices_due(store_db, due_month)[1]
    assert notice.kind.value == "cleaning_due"
    assert f"{due_month:%B} {due_month.year}" in notice.text
    assert _kinds(store_db, due_month + timedelta(days=100)) == []  # too late to say now


def test_customers_not_heard_from_are_listed_only_when_the_store_asks(
        store_db: Database) -> None:
    (number,) = _ready(store_db, customer=CustomerDetails("Ana Ruiz", "601 555 0199"))
    with store_db.session(write=False) as session:
        balance = ticket_by_number(session, number).balance
    hand_back(store_db, [number], "Ana", COUNTER, "cash", balance)
    a_year_on = _now(store_db) + timedelta(days=400)
    assert "not_heard_from" not in [k for _, k, _ in _kinds(store_db, a_year_on)]
    save_reminders(store_db, (30, 60), 365, MANAGER)
    found = [n for n in notices_due(store_db, a_year_on)[1] if n.kind.value == "not_heard_from"]
    assert [(n.ticket, n.channel) for n in found] == [(number, Channel.PHONE)]
    assert _kinds(store_db, a_year_on - timedelta(days=100)) == []


def test_the_store_words_its_own_notices(store_db: Database) -> None:
    _ready(store_db)
    save_notice_wording(store_db, "ready", Wording("All done, $customer!",
                                                   "Your $piece is ready. Love, $store"),
                        MANAGER)
    (notice,) = notices_due(store_db)[1]
    assert notice.subject == "All done, Dana Whitfield!"
    assert notice.text.startswith("Your solitaire ring is ready. Love, ")


def test_a_wording_with_an_unknown_placeholder_is_refused(store_db: Database) -> None:
    from jeweldesk.domain.errors import Invalid

    with pytest.raises(Invalid, match=r"\$pice is not a placeholder"):
        save_notice_wording(store_db, "ready", Wording("Hi", "Your $pice"), MANAGER)


def test_the_command_line_lists_the_notices_in_the_agreed_shape(
        store_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    (number,) = _ready(store_db)
    moment = (_now(store_db) + timedelta(days=31)).replace(microsecond=0)
    capsys.readouterr()
    assert main(["--db", store_db.url, "notices", "--as-of", moment.isoformat(), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["as_of"] == moment.isoformat()
    (notice,) = document["notices"]
    assert {k: notice[k] for k in ("ticket", "customer", "kind", "channel", "to")} == {
        "ticket": number, "customer": "Dana Whitfield", "kind": "unclaimed",
        "channel": "email", "to": "dana@example.com"}
    assert notice["subject"] and notice["text"].startswith("Dear Dana Whitfield")
    assert main(["--db", store_db.url, "notices", "--as-of", moment.date().isoformat()]) == 0
    assert f"{number}  Dana Whitfield  unclaimed  email to dana@example.com" in \
        capsys.readouterr().out


def test_the_command_line_names_the_same_settings_as_the_services() -> None:
    from jeweldesk.cli import telling as cli
    from jeweldesk.services import telling

    assert (cli.ENV_MAIL_PASSWORD, cli.ENV_SMS_TOKEN, cli.SECURITIES) == (
        telling.ENV_MAIL_PASSWORD, telling.ENV_SMS_TOKEN, telling.SECURITIES)


def test_the_final_letter_gives_a_day_the_store_is_open() -> None:
    from datetime import date

    from jeweldesk.domain.calendar import StoreCalendar
    from jeweldesk.domain.notices import dispose_after

    saturday = date(2027, 3, 6)
    open_days = StoreCalendar.of((1, 2, 3, 4, 5, 6), (date(2027, 4, 5),))
    assert dispose_after(saturday - timedelta(days=30), open_days) == saturday
    sunday = saturday + timedelta(days=1)
    assert dispose_after(sunday - timedelta(days=30), open_days) == date(2027, 3, 8)
    easter_monday = date(2027, 4, 5)  # closed, and the Sunday before it too
    assert dispose_after(easter_monday - timedelta(days=31), open_days) == date(2027, 4, 6)
    assert dispose_after(sunday - timedelta(days=30), None) == sunday


def test_now_reads_only_the_tickets_a_notice_could_be_due_for_and_tells_the_same(
        sqlite_db: Database) -> None:
    """A store of fifteen months, most of it picked up long ago: the notices due now, read
    from the few tickets that could be due, are the ones the whole history gives."""
    from sqlalchemy import func, select

    from jeweldesk.interchange.common import drain
    from jeweldesk.services.demo import fill_demo_store
    from jeweldesk.services.notices import could_be_due, telling_terms
    from jeweldesk.storage.tables import Ticket

    drain(fill_demo_store(sqlite_db, 10_000, seed=7))
    for not_heard_from in (None, 120):
        save_reminders(sqlite_db, (30, 60), not_heard_from, MANAGER)
        moment, due = notices_due(sqlite_db)
        assert due == notices_due(sqlite_db, moment)[1]  # the same moment, every ticket read
        kinds = {n.kind.value for n in due}
        assert {"ready", "unclaimed", "cleaning_due"} <= kinds
        assert ("not_heard_from" in kinds) == (not_heard_from is not None)
        with sqlite_db.session(write=False) as session:
            among = could_be_due(session, moment, telling_terms(session))
            read = session.scalar(select(func.count()).select_from(among.subquery()))
            every = session.scalar(select(func.count()).select_from(Ticket))
        assert read is not None and every is not None
        # The not-heard-from list reads every ticket of the customers it could list.
        assert read < (every if not_heard_from else every // 4), (read, every)
