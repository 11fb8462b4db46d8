"""`jeweldesk report …` prints the same figures the Numbers screen shows, or writes CSV."""

from __future__ import annotations

from pathlib import Path

import pytest

from jeweldesk.cli import main
from jeweldesk.storage.engine import Database
from tests.support.money import small_store as _small_store
from tests.support.store import store_today


def test_report_prints_and_writes_csv(sqlite_store: Database, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    _small_store(sqlite_store)
    today = store_today().isoformat()
    assert main(["--db", sqlite_store.url, "report", "revenue", "--from", today,
                 "--to", today]) == 0
    printed = capsys.readouterr().out
    assert "Revenue by service (pieces handed back)" in printed
    assert "Repair revenue, after money off" in printed and "$100.00" in printed
    out = tmp_path / "eod.csv"
    assert main(["--db", sqlite_store.url, "report", "end-of-day", "--csv", str(out)]) == 0
    assert "Net,170.00" in out.read_text(encoding="utf-8")


def test_a_range_that_ends_before_it_starts_is_refused(
        sqlite_store: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", sqlite_store.url, "report", "bench", "--from", "2026-05-02",
                 "--to", "2026-05-01"]) != 0
    assert "2026-05-01 is before 2026-05-02" in capsys.readouterr().err
