"""A refusal repeats a bad value so the person sees which one, but only a few dozen
characters of it: a pasted 20 MB string is not printed back whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jeweldesk.cli import main
from jeweldesk.domain.errors import SHOWN_CHARS, Invalid, NotFound, capped

BIG = "9" * 20_000_000
EXAMPLE = Path(__file__).parents[2] / "jeweldesk" / "interchange" / "example.json"


def _short(err: str) -> None:
    assert 0 < len(err) < 400, len(err)
    assert "…" in err


def test_capped_keeps_a_short_message_whole_and_cuts_a_long_value():
    path = "/home/someone/.local/share/JewelDesk/backups/jeweldesk-20260301-daily.sqlite3"
    assert capped(f"there is no file {path}") == f"there is no file {path}"
    said = capped(f"no ticket {BIG!r}")
    assert said == f"no ticket '{'9' * (SHOWN_CHARS - 1)}…'"
    assert len(capped("a b " * 1_000_000)) <= 241


def test_a_service_refusal_cuts_the_value_it_repeats():
    assert len(str(NotFound(f"no ticket {BIG!r}"))) < 100
    refused = Invalid({"amount": f"{BIG!r} is not an amount of money"})
    assert refused.said.endswith("…' is not an amount of money")
    assert len(refused.said) < 100


def test_the_command_line_cuts_a_bad_value_it_refuses(sqlite_store, tmp_path, capsys):
    db = sqlite_store.engine.url.database
    assert main(["--db", db, "at-risk", "--as-of", BIG]) == 2
    _short(capsys.readouterr().err)
    assert main(["--db", db, "print", "receipt", "R-" + BIG, "--out",
                 str(tmp_path / "r.pdf")]) != 0
    _short(capsys.readouterr().err)


def test_argparse_cuts_a_bad_value_it_refuses(capsys):
    with pytest.raises(SystemExit):
        main(["demo", "--tickets", BIG])
    err = capsys.readouterr().err
    assert len(err) < 1000 and "…" in err


def test_an_import_lists_its_problems_with_the_values_cut(sqlite_db, tmp_path, capsys):
    document = json.loads(EXAMPLE.read_text())
    document["customers"][0]["phone"] = "+1 " + BIG
    path = tmp_path / "big.json"
    path.write_text(json.dumps(document))
    assert main(["--db", sqlite_db.engine.url.database, "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert len(err) < 2000, len(err)
