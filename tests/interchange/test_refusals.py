"""A document with anything wrong is refused whole, each problem named by its JSON path."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator

from jeweldesk.interchange.common import InvalidDocument, drain
from jeweldesk.interchange.importer import import_document
from jeweldesk.interchange.schema_check import schema, schema_problems
from jeweldesk.interchange.validate import parse_document, validate
from jeweldesk.storage.engine import Database
from tests.support.broken_document import EXPECTED, broken
from tests.support.interchange import example, row_counts


def test_every_problem_is_named_by_its_path() -> None:
    problems = validate(broken())
    assert {p.path for p in problems} == EXPECTED
    messages = {p.path: p.message for p in problems}
    assert "C-404" in messages["$.tickets[1].customer"]
    assert "ready" in messages["$.tickets[1].events[4].status"]
    assert "12.5" in messages["$.tickets[1].services[0].price"]


@pytest.mark.parametrize(("change", "path", "words"), [
    (lambda d: d["tickets"][0]["events"].pop(0), "$.tickets[0].events[0].status",
     "first event must be received"),
    (lambda d: d["tickets"][1]["events"][2].update(at="2026-11-04T12:10:00"),
     "$.tickets[1].events[2].at", "before the event before it"),
    (lambda d: d["tickets"][0]["events"][2].update(at="2026-11-03T16:05:00"),
     "$.shipments[0].tickets[0]", "no at_vendor event"),
    (lambda d: (d["shipments"][0].update(received_at="2026-11-10T11:00:00"),
                d["tickets"][0]["events"].append(
                    {"at": "2026-11-09T11:00:00", "status": "at_bench", "by": "JR"})),
     "$.tickets[0].events[3].at", "before R-10001 came back"),
    (lambda d: d["shipments"][0].update(tickets=["R-9"]), "$.shipments[0].tickets[0]",
     "no ticket"),
    (lambda d: d["contacts"][0].update(by="ZZ"), "$.contacts[0].by", "no staff member"),
    (lambda d: d["tickets"][0].update(deposit="-5.00"), "$.tickets[0].deposit", "negative"),
    (lambda d: d["tickets"][0].update(promised_for="2026-02-30"), "$.tickets[0].promised_for",
     "not a real date"),
    (lambda d: d["tickets"][0]["services"][0].update(price="12.50\n"),
     "$.tickets[0].services[0].price", "not money"),
    (lambda d: d["store"].update(timezone="Mars/Olympus"), "$.store.timezone", "time zone"),
    (lambda d: d["staff"].append(dict(d["staff"][0])), "$.staff[3].code", "appears twice"),
    (lambda d: d["tickets"][0].pop("deposit"), "$.tickets[0].deposit", "is required"),
])
def test_each_kind_of_problem(change: Any, path: str, words: str) -> None:
    document = example()
    change(document)
    problems = validate(document)
    assert any(p.path == path and words in p.message for p in problems), problems


def test_not_json_is_a_problem_too() -> None:
    with pytest.raises(InvalidDocument) as refused:
        parse_document('{"format": ')
    assert refused.value.problems[0].path == "$"
    with pytest.raises(InvalidDocument):
        parse_document('{"version": NaN}')


def test_the_fast_check_agrees_with_jsonschema() -> None:
    validator = Draft202012Validator(schema())
    valid = example()
    assert validator.is_valid(valid) and schema_problems(valid) == []
    for document in (broken(), {"format": 1}, [], example() | {"version": True}):
        assert not validator.is_valid(document)
        assert schema_problems(document)


@pytest.mark.parametrize("text", ["a\x00b", "\ud800"])
def test_text_no_database_can_keep_is_refused(db: Database, text: str) -> None:
    document = example()
    document["customers"][1]["notes"] = text
    with pytest.raises(InvalidDocument) as refused:
        drain(import_document(db, document))
    assert [p.path for p in refused.value.problems] == ["$.customers[1].notes"]
    assert row_counts(db)["customer"] == 0
