"""A big import holds Python's cycle collector off while it reads, and gives it back as it
found it, whether the store came in or was refused."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from jeweldesk.interchange.common import InvalidDocument, drain
from jeweldesk.interchange.exporter import export_document
from jeweldesk.interchange.importer import import_file
from tests.support.interchange import new_sqlite
from tests.support.whole_store import make_whole_store


@pytest.fixture
def store_file(sqlite_db, tmp_path: Path) -> Path:
    make_whole_store(sqlite_db)
    path = tmp_path / "store.json"
    path.write_text(json.dumps(export_document(sqlite_db)), encoding="utf-8")
    return path


def test_the_collector_is_off_while_reading_and_on_again_after(store_file, tmp_path):
    seen = []
    steps = import_file(new_sqlite(tmp_path / "a.sqlite3"), store_file, beside=False)
    drain(steps, lambda _: seen.append(gc.isenabled()))
    assert seen[0] is True and False in seen  # off once the transaction began
    assert gc.isenabled()


def test_a_refused_import_turns_the_collector_back_on(store_file, tmp_path):
    document = json.loads(store_file.read_text(encoding="utf-8"))
    document["tickets"][0]["deposit"] = "lots"
    store_file.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(InvalidDocument):
        drain(import_file(new_sqlite(tmp_path / "b.sqlite3"), store_file, beside=False))
    assert gc.isenabled()


def test_a_collector_already_off_is_left_off(store_file, tmp_path):
    gc.disable()
    try:
        drain(import_file(new_sqlite(tmp_path / "c.sqlite3"), store_file, beside=False))
        assert not gc.isenabled()
    finally:
        gc.enable()
