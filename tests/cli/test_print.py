"""`jeweldesk print …` against a real store database, read back from the PDF it writes."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from jeweldesk.cli import main
from jeweldesk.domain import writing
from jeweldesk.domain.status import Status
from jeweldesk.services.moves import move
from jeweldesk.services.parcels import send_parcel
from jeweldesk.storage.engine import Database
from tests.support.paper import barcodes, flat, page_sizes_mm, pdf_text
from tests.support.store import BENCH, COUNTER, store_today, take_in_ring


def _print(db: Database, *words: str) -> int:
    return main(["--db", db.url, "print", *words])


def test_print_a_receipt_for_two_tickets_on_the_roll(
    sqlite_store: Database, tmp_path: Path
) -> None:
    first, second = take_in_ring(sqlite_store), take_in_ring(sqlite_store)
    out = tmp_path / "receipt.pdf"

    assert (
        _print(sqlite_store, "receipt", first, second, "--layout", "roll80", "--out", str(out)) == 0
    )

    text = flat(pdf_text(out))
    assert first in text and second in text
    assert "Dana Whitfield" in text and "Harbor Lane Jewelers" in text
    assert {first, second} <= set(barcodes(out)[0])
    assert page_sizes_mm(out)[0][0] == pytest.approx(80, abs=0.1)


def test_a_missing_ticket_writes_no_file_and_says_so_once(
    sqlite_store: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number = take_in_ring(sqlite_store)
    out = tmp_path / "receipt.pdf"

    status = _print(sqlite_store, "receipt", number, "R-99999", "--out", str(out))

    assert status != 0
    assert list(tmp_path.iterdir()) == [p for p in tmp_path.iterdir() if p.suffix != ".pdf"]
    assert not out.exists()
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "R-99999" in lines[0]


def test_print_tags_and_a_thank_you_note(sqlite_store: Database, tmp_path: Path) -> None:
    number = take_in_ring(sqlite_store)
    move(sqlite_store, number, Status.AT_BENCH, by=BENCH)
    move(sqlite_store, number, Status.READY, by=BENCH)
    tags, note = tmp_path / "tags.pdf", tmp_path / "thanks.pdf"

    assert _print(sqlite_store, "tag", number, "--out", str(tags)) == 0
    assert _print(sqlite_store, "thank-you", number, "--signed-by", "Kate", "--out", str(note)) == 0

    assert barcodes(tags) == [[number]]
    text = flat(pdf_text(note))
    assert "Dear Dana," in text and "Kate" in text


def test_a_thank_you_note_for_a_piece_still_in_work_is_refused_in_one_line(
    sqlite_store: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number = take_in_ring(sqlite_store)
    move(sqlite_store, number, Status.AT_BENCH, by=BENCH)
    move(sqlite_store, number, Status.WAITING_PARTS, by=BENCH)
    note = tmp_path / "thanks.pdf"

    assert _print(sqlite_store, "thank-you", number, "--out", str(note)) != 0

    assert not note.exists()
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == [f"jeweldesk: {number} is waiting for parts: a thank-you note is only for "
                     "a piece that is ready or picked up"]


def test_a_bad_wording_file_is_refused_naming_the_file(
    sqlite_store: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number = take_in_ring(sqlite_store)
    move(sqlite_store, number, Status.AT_BENCH, by=BENCH)
    move(sqlite_store, number, Status.READY, by=BENCH)
    wording = tmp_path / "wording.toml"
    wording.write_text("[note\n", encoding="utf-8")

    assert _print(sqlite_store, "thank-you", number, "--wording", str(wording),
                  "--out", str(tmp_path / "thanks.pdf")) != 0
    said = capsys.readouterr().err
    assert "wording.toml" in said and "not TOML" in said


def test_print_a_parcel_manifest_and_refuse_an_unknown_parcel(
    sqlite_store: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = take_in_ring(sqlite_store), take_in_ring(sqlite_store)
    ref = send_parcel(sqlite_store, "PLAT", [a, b], by=COUNTER, carrier="UPS")
    out = tmp_path / "manifest.pdf"

    assert _print(sqlite_store, "manifest", ref, "--out", str(out)) == 0
    text = flat(pdf_text(out))
    assert ref in text and a in text and b in text and "Riverbend Plating" in text
    assert "$4,800.00" in text  # two rings declared at $2,400 each

    assert _print(sqlite_store, "manifest", "S-999", "--out", str(tmp_path / "no.pdf")) != 0
    assert not (tmp_path / "no.pdf").exists()
    assert "S-999" in capsys.readouterr().err


def test_print_the_morning_list_as_of_a_later_day(sqlite_store: Database, tmp_path: Path) -> None:
    number = take_in_ring(sqlite_store, promised_in_days=3)
    out = tmp_path / "morning.pdf"
    later = store_today() + timedelta(days=5)

    assert _print(sqlite_store, "morning", "--as-of", later.isoformat(), "--out", str(out)) == 0

    text = flat(pdf_text(out))
    assert number in text
    assert "Dana Whitfield" in text
    assert "555" in text and "0142" in text, text


def test_a_customer_already_called_is_listed_apart_on_the_morning_list(
    sqlite_store: Database, tmp_path: Path
) -> None:
    from jeweldesk.services.prepare import briefing, log_preparation
    from tests.support.late_vendor import late_at_vendor

    called, waiting = late_at_vendor(sqlite_store), late_at_vendor(sqlite_store)
    log_preparation(sqlite_store, called, by=COUNTER, channel="phone", outcome="Wants a rush")
    out = tmp_path / "morning.pdf"

    assert _print(sqlite_store, "morning", "--out", str(out)) == 0

    text = flat(pdf_text(out))
    to_call, already = text.split("Already called", 1)
    assert waiting in to_call and called not in to_call
    assert called in already and "Called by Kate Pruitt" in already
    # Whoever makes the call has the date to offer in hand; not for a call already made.
    # (This piece's date misses its occasion, so the list says so and offers it last.)
    offered = briefing(sqlite_store, waiting).suggested_date  # the same as Prepare offers
    said = f"new date, {offered:%b} {offered.day} "
    assert said in to_call and "new date" not in already
    assert f"{offered:%b} {offered.day} misses" in to_call


def test_the_morning_list_says_which_jeweler_has_gone_quiet(
    sqlite_store: Database, tmp_path: Path
) -> None:
    from tests.support.away_jeweler import jeweler_gone_quiet

    waiting, since = jeweler_gone_quiet(sqlite_store, quiet=3)
    out = tmp_path / "morning.pdf"

    assert _print(sqlite_store, "morning", "--out", str(out)) == 0

    text = flat(pdf_text(out))
    said = (f"Jonah Reyes has not moved a piece on their last 3 workdays, from "
            f"{writing.day(since)}; 3 pieces wait for them.")
    assert said in text and "<b>" not in text
    assert text.index(said) < text.index(waiting[0])  # before the list of calls


def test_one_receipt_is_for_one_customer(
    sqlite_store: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from jeweldesk.services.customers import CustomerDetails
    from jeweldesk.services.intake import Visit, take_in
    from tests.support.store import ring

    dana = take_in_ring(sqlite_store)
    [marcus] = take_in(sqlite_store, Visit(pieces=(ring(),), new_customer=CustomerDetails(
        "Marcus Okafor", "601 555 0177")), by=COUNTER)
    out = tmp_path / "receipt.pdf"

    assert _print(sqlite_store, "receipt", dana, marcus, "--out", str(out)) == 2

    assert "one customer's visit" in capsys.readouterr().err
    assert not out.exists()


def test_the_command_line_offers_the_papers_own_layouts():
    from jeweldesk import printing
    from jeweldesk.cli import printing as command

    assert command.LAYOUTS == printing.LAYOUTS


def test_printing_a_receipt_loads_neither_alembic_nor_the_early_warnings(
    sqlite_store: Database, tmp_path: Path
) -> None:
    """The whole command's time is mostly imports: a receipt needs no migrations tool (the
    store is already at the head) and no warnings engine (that is the morning list's)."""
    number = take_in_ring(sqlite_store)
    out = tmp_path / "receipt.pdf"
    script = (
        "import sys\n"
        "from jeweldesk.cli import main\n"
        f"status = main(['--db', {sqlite_store.url!r}, 'print', 'receipt', {number!r}, "
        f"'--out', {str(out)!r}])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'alembic' "
        "or m.startswith(('jeweldesk.risk', 'jeweldesk.services.prepare')))\n"
        "print(status, loaded)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, timeout=120)
    assert done.stdout.splitlines()[-1] == "0 []", done.stdout + done.stderr
    assert number in flat(pdf_text(out))
