"""A big file is checked in a second process while this one writes: the store that comes in,
and every refusal, are exactly those of the one-process import."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jeweldesk.interchange.common import InvalidDocument, drain
from jeweldesk.interchange.exporter import export_document
from jeweldesk.interchange.importer import import_file
from jeweldesk.storage.engine import Database
from tests.support.interchange import row_counts
from tests.support.whole_store import export_text, make_whole_store, table_rows


@pytest.fixture
def exported(db: Database, tmp_path: Path) -> tuple[Database, dict[str, Any]]:
    make_whole_store(db)
    return db, export_document(db)


def _file(tmp_path: Path, document: dict[str, Any], name: str = "store.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_checked_beside_the_store_comes_in_the_same(exported, empty_db_like, tmp_path):
    source, document = exported
    file = _file(tmp_path, document)
    alone, beside = empty_db_like(source), empty_db_like(source)
    by_one = drain(import_file(alone, file, beside=False))
    by_two = drain(import_file(beside, file, beside=True))
    assert by_two == by_one and by_two.tickets == len(document["tickets"])
    assert export_text(beside) == export_text(alone) == export_text(source)
    assert table_rows(beside) == table_rows(source)


def _refusal(db: Database, file: Path, beside: bool) -> list[str]:
    before = row_counts(db)
    with pytest.raises(InvalidDocument) as refused:
        drain(import_file(db, file, beside=beside))
    assert row_counts(db) == before  # nothing written
    return [str(p) for p in refused.value.problems]


def test_checked_beside_every_problem_is_named_the_same_and_nothing_is_written(
        exported, empty_db_like, tmp_path):
    source, document = exported
    document["customers"][2]["preferred_channel"] = "pigeon"
    document["tickets"][3]["payments"] = [{"at": "2026-02-30T10:00:00", "by": "ZZ",
                                           "method": "cash", "amount": "1.5"}]
    document["tickets"][5]["events"] = []  # the unchecked writer trips on this one
    document["tickets"][6]["number"] = document["tickets"][7]["number"]
    file = _file(tmp_path, document, "broken.json")
    alone = _refusal(empty_db_like(source), file, beside=False)
    beside = _refusal(empty_db_like(source), file, beside=True)
    assert beside == alone
    assert any("$.tickets[5].events" in p for p in beside)
    assert any("$.customers[2].preferred_channel" in p for p in beside)


def test_checked_beside_a_file_that_is_not_json_is_said_so_the_same_way(
        exported, empty_db_like, tmp_path):
    source, document = exported
    text = json.dumps(document)
    file = tmp_path / "cut.json"
    file.write_text(text[: len(text) // 2], encoding="utf-8")
    assert _refusal(empty_db_like(source), file, beside=True) == \
        _refusal(empty_db_like(source), file, beside=False)


def test_checked_beside_numbers_already_in_the_store_are_still_refused(exported, tmp_path):
    source, document = exported
    file = _file(tmp_path, document)
    problems = _refusal(source, file, beside=True)
    assert any(p.startswith("$.tickets[0].number") and "already in this store" in p
               for p in problems)


@pytest.mark.parametrize(("key", "said_instead"), [
    ('"deposit": ', '"deposit": "1.00", "deposit": '),  # a key said twice in a ticket
    ('"quoted_turnaround_days": ', '"quoted_turnaround_days": NaN, "x": '),
])
def test_checked_beside_what_only_the_checker_reads_strictly_is_refused_the_same(
        exported, empty_db_like, tmp_path, key, said_instead):
    """The writer beside a checker reads JSON as the json module does; the checker still
    refuses a key said twice or a NaN, and nothing the writer wrote is kept."""
    source, document = exported
    text = json.dumps(document, ensure_ascii=False)
    assert key in text
    file = tmp_path / "strict.json"
    file.write_text(text.replace(key, said_instead, 1), encoding="utf-8")
    alone = _refusal(empty_db_like(source), file, beside=False)
    beside = _refusal(empty_db_like(source), file, beside=True)
    assert beside == alone and len(alone) == 1
    assert "appears twice" in alone[0] or "NaN" in alone[0]
