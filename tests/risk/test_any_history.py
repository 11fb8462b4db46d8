"""Any valid store history another system sends: the morning list copes and keeps its word."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jeweldesk.domain.levels import Level
from jeweldesk.interchange.validate import validate
from jeweldesk.risk.away import away_now
from jeweldesk.risk.engine import Flag, assess, urgency
from jeweldesk.risk.from_interchange import history_from_interchange
from jeweldesk.risk.history import Service
from jeweldesk.risk.proposal import expected_ready_for_intake
from tests.support.any_history import (
    SERVICES,
    Document,
    all_moments,
    as_of_document,
    status_as_of,
    store_histories,
)

ANY_HISTORY = settings(
    max_examples=60, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Not on the morning list: a ready piece waits only for its customer (status.WORK_DONE_STATUSES).
OFF_THE_LIST = frozenset({"ready", "picked_up", "cancelled"})

Moment = date | datetime


def start_of(moment: Moment) -> datetime:
    return moment if isinstance(moment, datetime) else datetime.combine(moment, time())


class Case(NamedTuple):
    """A valid document, and moments to read it at."""

    document: Document
    before: datetime  # before its first piece came in
    at_a_stamp: datetime  # the very moment something on record happened
    during: datetime  # somewhere between its first record and its last
    after: datetime  # once everything on record has happened
    morning: date  # a morning report's date: the start of that day

    @property
    def moments(self) -> tuple[Moment, ...]:
        return (self.before, self.at_a_stamp, self.during, self.after, self.morning)

    @property
    def while_it_happens(self) -> tuple[Moment, ...]:
        return (self.at_a_stamp, self.during, self.morning)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    document = draw(store_histories())
    assert validate(document) == []
    stamps = all_moments(document)
    first, last = stamps[0], stamps[-1]
    return Case(
        document,
        before=first - timedelta(minutes=draw(st.integers(1, 10 * 24 * 60))),
        at_a_stamp=draw(st.sampled_from(stamps)),
        during=(first + (last - first) * draw(st.floats(0, 1))).replace(microsecond=0),
        after=last + timedelta(minutes=draw(st.integers(0, 40 * 24 * 60))),
        morning=draw(st.dates(first.date() - timedelta(days=2),
                              last.date() + timedelta(days=10))),
    )


def on_the_list(document: Document, moment: Moment) -> dict[str, Document]:
    """The pieces the morning list is for: taken in by then, not ready nor closed."""
    at = start_of(moment)
    return {t["number"]: t for t in document["tickets"]
            if status_as_of(t, at) not in (None, *OFF_THE_LIST)}


def customer_name(document: Document, ref: str) -> str:
    return next(str(c["name"]) for c in document["customers"] if c["ref"] == ref)


def check_flag(flag: Flag, ticket: Document, document: Document, moment: Moment) -> None:
    today = start_of(moment).date()
    promised = date.fromisoformat(ticket["promised_for"])
    occasion = ticket["occasion"]
    assert flag.customer == customer_name(document, ticket["customer"])
    assert flag.status == status_as_of(ticket, start_of(moment))
    assert flag.promised_for == promised
    assert flag.occasion_date == (date.fromisoformat(occasion["date"]) if occasion else None)
    assert isinstance(flag.level, Level)
    assert (flag.level == "late") == (today > promised)
    assert type(flag.expected_ready) is date and flag.expected_ready >= today
    if flag.expected_ready > promised:
        assert flag.listed
    if flag.occasion_threatened:
        assert flag.occasion_date is not None and flag.occasion_date >= today
        assert flag.level != "on_track"
    assert isinstance(flag.reasons, tuple) and flag.reasons
    assert all(isinstance(r, str) and r.strip() for r in flag.reasons)


def said(flags: list[Flag]) -> dict[str, tuple[Any, ...]]:
    return {f.ticket: (f.level, f.expected_ready, f.reasons, f.status, f.occasion_threatened)
            for f in flags}


@ANY_HISTORY
@given(cases())
def test_any_valid_history_gets_one_plain_flag_for_every_open_piece(case: Case) -> None:
    """Each piece on the bench, waiting or out gets exactly one flag, in the store's words;
    a piece not yet taken in, ready, picked up or cancelled gets none. So too for the list
    that takes every vendor at its quote."""
    document = case.document
    history = history_from_interchange(document)
    for moment in case.moments:
        expected = on_the_list(document, moment)
        for flags in (assess(history, moment), assess(history, moment, trust_quotes=True)):
            assert sorted(f.ticket for f in flags) == sorted(expected)
            for flag in flags:
                check_flag(flag, expected[flag.ticket], document, moment)
            assert flags == sorted(flags, key=urgency)


@settings(ANY_HISTORY, max_examples=40)  # each example reads the history six times over
@given(cases())
def test_any_history_read_at_a_moment_says_what_the_store_knew_then(case: Case) -> None:
    """The whole history read as of a moment gives the same list as the history as it stood
    then: nothing that happened later leaks into an earlier morning."""
    document = case.document
    history = history_from_interchange(document)
    for moment in case.while_it_happens:
        then = as_of_document(document, start_of(moment))
        assert validate(then) == []
        assert said(assess(history, moment)) == said(
            assess(history_from_interchange(then), moment)
        )


@settings(ANY_HISTORY, max_examples=40)
@given(cases())
def test_any_history_says_who_is_away_from_what_the_store_knew_then(case: Case) -> None:
    """Whoever Today says is away has missed usual workdays before the moment, from a day
    before it, with pieces waiting; and the history as it stood then says the same."""
    document = case.document
    history = history_from_interchange(document)
    staff = {s["code"] for s in document["staff"]}
    for moment in case.while_it_happens:
        away = away_now(history, moment)
        for one in away:
            assert one.staff in staff and one.missed >= 2 and one.waiting >= 1
            assert one.since < start_of(moment).date()
        then = history_from_interchange(as_of_document(document, start_of(moment)))
        assert away_now(then, moment) == away


class Intake(NamedTuple):
    """A new piece at the counter: what it needs, where it may go out, who would do it."""

    document: Document
    moment: Moment
    services: tuple[Service, ...]
    vendor: str | None
    jeweler: str | None


@st.composite
def intakes(draw: st.DrawFn) -> Intake:
    case = draw(cases())
    vendors = [v["code"] for v in case.document["vendors"]]
    jewelers = [s["code"] for s in case.document["staff"] if s["role"] != "counter"]
    maybe_vendor = st.none() | st.sampled_from(vendors) if vendors else st.none()
    return Intake(
        case.document,
        moment=draw(st.sampled_from(case.moments)),
        services=tuple(draw(st.lists(
            st.builds(Service, st.sampled_from(SERVICES), maybe_vendor), max_size=3))),
        vendor=draw(maybe_vendor),
        jeweler=draw(st.sampled_from([None, *jewelers])),
    )


@ANY_HISTORY
@given(intakes())
def test_intake_proposes_a_date_from_any_history_no_earlier_than_today(new: Intake) -> None:
    """Whatever the store's record, a new piece gets a promise on or after the day it comes
    in, with a reason, and the same one the record as it stood then would give."""
    asked = (new.moment, new.services, new.vendor, new.jeweler)
    proposed, why = expected_ready_for_intake(history_from_interchange(new.document), *asked)
    assert type(proposed) is date and proposed >= start_of(new.moment).date()
    assert why.strip()
    then = history_from_interchange(as_of_document(new.document, start_of(new.moment)))
    assert expected_ready_for_intake(then, *asked) == (proposed, why)


FAR_OFF = "9999-12-31"  # what some systems write for "no date yet"


def one_ring(year: int = 2026, far_off: str = "") -> Document:
    """The smallest store: one ring taken in for sizing on Nov 2, promised Nov 14, with
    ``FAR_OFF`` written as its promise, in its parts note or as its parcel's due date."""
    events = [{"at": f"{year}-11-02T10:00:00", "status": "received", "by": "KP"}]
    shipments: list[Document] = []
    if far_off == "parts note":
        events.append({"at": f"{year}-11-03T10:00:00", "status": "waiting_parts", "by": "KP",
                       "note": f"Parts expected {FAR_OFF}."})
    if far_off == "parcel due back":
        events.append({"at": f"{year}-11-03T16:00:00", "status": "at_vendor", "by": "KP"})
        shipments.append({"ref": "S-1", "vendor": "PLAT", "tickets": ["R-1"],
                          "sent_at": f"{year}-11-03T16:00:00", "expected_back": FAR_OFF,
                          "received_at": None})
    return {
        "format": "jeweldesk-interchange", "version": 1,
        "store": {"name": "Harbor Lane Jewelers", "timezone": "UTC",
                  "open_weekdays": [1, 2, 3, 4, 5, 6], "closed_dates": []},
        "staff": [{"code": "KP", "name": "Kate Pruitt", "role": "counter"}],
        "vendors": [{"code": "PLAT", "name": "Riverbend Plating", "quoted_turnaround_days": 6}],
        "customers": [{"ref": "C-1", "name": "Dana Whitfield"}],
        "tickets": [{
            "number": "R-1", "customer": "C-1", "received_at": f"{year}-11-02T10:00:00",
            "taken_in_by": "KP", "item": {"kind": "ring", "description": "Solitaire"},
            "services": [{"code": "ring_sizing", "description": "", "price": "40.00",
                          "vendor": None}],
            "deposit": "0.00",
            "promised_for": FAR_OFF if far_off == "promise" else f"{year}-11-14",
            "occasion": None, "assigned_to": None, "events": events,
        }],
        "shipments": shipments,
        "contacts": [],
    }


@pytest.mark.parametrize("far_off", ["promise", "parts note", "parcel due back"])
def test_a_placeholder_date_far_in_the_future_does_not_stop_the_morning_list(
    far_off: str,
) -> None:
    """A placeholder 9999-12-31 is refused at the door (no store means it), but a history
    carrying one — a parts note says what it likes — still gets its one flag."""
    document = one_ring(far_off=far_off)
    problems = validate(document)
    if far_off == "parts note":
        assert problems == []
    else:
        assert [p.message for p in problems] == [
            "9999-12-31 is not a date the store's records hold"]
    [flag] = assess(history_from_interchange(document), date(2026, 11, 5))
    assert flag.ticket == "R-1"


def test_a_history_from_before_2000_is_read_in_its_own_years() -> None:
    """An old archive replays as the store lived it: a ring taken in for sizing in
    November 1999 is expected before its promise, as the same ring would be today."""
    document = one_ring(1999)
    assert validate(document) == []
    [flag] = assess(history_from_interchange(document), date(1999, 11, 5))
    assert flag.expected_ready <= date(1999, 11, 14) and flag.level == "on_track"
