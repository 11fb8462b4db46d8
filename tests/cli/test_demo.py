"""`jeweldesk demo`: a demo store in a new file, and never over a store with tickets."""

from __future__ import annotations

from pathlib import Path

from jeweldesk.cli import main


def test_the_demo_command(tmp_path: Path) -> None:
    target = tmp_path / "demo.sqlite3"
    assert main(["--db", str(target), "demo", "--tickets", "150", "--seed", "2"]) == 0
    assert main(["--db", str(target), "demo", "--tickets", "150"]) == 1
