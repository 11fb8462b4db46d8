"""`jeweldesk at-risk`: the example store imported through `jeweldesk import`, then asked."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from jeweldesk.cli import main
from jeweldesk.storage.engine import Database

FLAG_KEYS = {
    "ticket": str,
    "customer": str,
    "status": str,
    "level": str,
    "promised_for": str,
    "occasion_date": str,
    "expected_ready": str,
    "reasons": list,
}


def _at_risk(db: Database, capsys: pytest.CaptureFixture[str], *words: str) -> dict:
    capsys.readouterr()
    assert main(["--db", db.url, "at-risk", *words]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_anniversary_ring_at_the_plater_is_flagged_in_the_agreed_shape(
    example_store: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _at_risk(example_store, capsys, "--as-of", "2026-11-12", "--json")

    assert document["as_of"] == "2026-11-12T00:00:00"
    flags = document["flags"]
    assert isinstance(flags, list) and flags
    flag = next(f for f in flags if f["ticket"] == "R-10001")
    for key, kind in FLAG_KEYS.items():
        assert isinstance(flag[key], kind), key
    assert flag["customer"] == "Dana Whitfield"
    assert flag["status"] == "at_vendor"
    assert flag["level"] in ("late", "at_risk")
    assert flag["promised_for"] == "2026-11-14"
    assert flag["occasion_date"] == "2026-11-15"
    assert flag["expected_ready"] > "2026-11-14"
    assert flag["reasons"] and all(isinstance(r, str) and r for r in flag["reasons"])
    assert any("PLAT" in r or "Riverbend Plating" in r for r in flag["reasons"])


def test_a_timestamp_is_taken_as_it_is(
    example_store: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _at_risk(example_store, capsys, "--as-of", "2026-11-12T15:30:00", "--json")
    assert document["as_of"] == "2026-11-12T15:30:00"
    assert [f["ticket"] for f in document["flags"]] == ["R-10001"]


def test_before_a_piece_was_received_it_is_not_on_the_list(
    example_store: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _at_risk(example_store, capsys, "--as-of", "2026-11-03", "--json")
    assert document["as_of"] == "2026-11-03T00:00:00"
    assert "R-10002" not in [f["ticket"] for f in document["flags"]]
    # The ring itself was already in the store, and its promise is far off.
    assert all(f["ticket"] == "R-10001" for f in document["flags"])


def test_the_readable_list_names_the_piece_the_customer_and_why(
    example_store: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["--db", example_store.url, "at-risk", "--as-of", "2026-11-12"]) == 0
    out = capsys.readouterr().out
    assert "R-10001" in out and "Dana Whitfield" in out and "promised Nov 14" in out
    assert "\n    - " in out  # reasons are indented under their piece


@pytest.mark.parametrize("bad", ["2026-13-01", "tomorrow", "2026-11-12T25:00:00"])
def test_a_bad_moment_is_one_clear_line_and_exit_2(
    sqlite_db: Database, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    capsys.readouterr()
    assert main(["--db", sqlite_db.url, "at-risk", "--as-of", bad, "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "--as-of" in lines[0] and bad in lines[0]


def test_a_database_without_a_store_says_so_in_one_line(
    sqlite_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["--db", sqlite_db.url, "at-risk", "--as-of", "2026-11-12", "--json"]) != 0
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_a_reader_that_stops_early_gets_no_traceback(example_store: Database) -> None:
    command = [sys.executable, "-m", "jeweldesk", "--db", example_store.url, "at-risk",
               "--as-of", "2026-11-12"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as shown:
        assert shown.stdout is not None and shown.stderr is not None
        shown.stdout.close()  # gone before the list is written, as `| head` may be
        said = shown.stderr.read().decode()
    assert shown.returncode == 141
    assert said == ""


PRINT_AND_SAY_WHAT_LOADED = (
    "import sys\n"
    "from jeweldesk.cli import main\n"
    "status = main(['--db', sys.argv[1], 'at-risk', '--json'])\n"
    "print('engine loaded' if 'sqlalchemy' in sys.modules else 'engine not loaded',"
    " file=sys.stderr)\n"
    "sys.exit(status)\n")


def test_the_kept_morning_is_printed_as_judged_without_loading_the_engine(
    example_store: Database, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from jeweldesk.storage import clean_checks

    # The file was written a moment ago: checked whole all the same, and recorded as sound.
    monkeypatch.setattr(clean_checks, "RACY_SECONDS", 0.0)
    judged = _at_risk(example_store, capsys, "--json")  # judged now, and kept
    reread = _at_risk(example_store, capsys, "--json")  # the file checked, the kept answer
    done = subprocess.run([sys.executable, "-c", PRINT_AND_SAY_WHAT_LOADED, example_store.url],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "engine not loaded"
    printed = json.loads(done.stdout)
    assert printed["flags"] == reread["flags"] == judged["flags"]
    assert printed["flags"], "the example store has promises at risk"
    assert set(printed) == {"as_of", "flags"} and printed["as_of"] >= judged["as_of"]
    # Line for line what the usual way prints, the moment aside.
    assert done.stdout.splitlines()[2:] == json.dumps(reread, indent=2).splitlines()[2:]
