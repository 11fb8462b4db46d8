"""`jeweldesk export` and `jeweldesk import`: to a file or the screen, and a bad document
refused with exit status 2, each problem named by its path, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jeweldesk.cli import main
from jeweldesk.interchange.common import drain
from jeweldesk.interchange.importer import import_document
from jeweldesk.storage.engine import Database
from tests.support.broken_document import EXPECTED, broken, file_bytes
from tests.support.interchange import example, row_counts


def test_cli_export_to_stdout_and_file(sqlite_db: Database, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    drain(import_document(sqlite_db, example()))
    where = sqlite_db.engine.url.database
    assert main(["--db", str(where), "export", "--format-version", "1", "-"]) == 0
    assert json.loads(capsys.readouterr().out) == example()
    target = tmp_path / "store.json"
    assert main(["export", str(target), "--format-version", "1", "--db", str(where)]) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == example()
    assert main(["--db", str(tmp_path / "again.sqlite3"), "import", str(target)]) == 0


def test_the_cli_refuses_with_exit_status_2_and_writes_nothing(
        db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    drain(import_document(db, example() | {"tickets": [], "shipments": [], "contacts": []}))
    before = row_counts(db)
    file_before = file_bytes(db)
    source = tmp_path / "broken.json"
    source.write_text(json.dumps(broken()), encoding="utf-8")
    db.dispose()
    assert main(["--db", db.url, "import", str(source)]) == 2
    err = capsys.readouterr().err.splitlines()
    for path in EXPECTED:
        assert any(line.startswith(f"{path}: ") for line in err), (path, err)
    assert "Traceback" not in "\n".join(err)
    assert row_counts(db) == before
    assert file_bytes(db) == file_before
