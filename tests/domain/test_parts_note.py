"""The parts date in a jeweler's note: the bench screen's fixed form, and notes typed elsewhere."""

from datetime import date

import pytest

from jeweldesk.domain.parts_note import parts_date, parts_note, read_parts_note

WRITTEN = date(2026, 11, 10)


def test_the_bench_screens_note_reads_back_with_the_jewelers_words():
    day = date(2026, 12, 2)
    assert parts_note(day, None) == "Parts expected 2026-12-02"
    assert parts_note(None, "  ") is None
    assert read_parts_note("Parts expected 2026-12-02", WRITTEN) == (day, None)
    assert read_parts_note(parts_note(day, "clasp"), WRITTEN) == (day, "clasp")
    assert read_parts_note("Ordered a clasp", WRITTEN) == (None, "Ordered a clasp")
    assert read_parts_note(None, WRITTEN) == (None, None)


def test_a_date_that_is_not_a_day_is_no_parts_date():
    assert read_parts_note("Parts expected 2026-13-45. odd", WRITTEN) == (
        None, "Parts expected 2026-13-45. odd")
    assert parts_date("ETA 2/30", WRITTEN) is None


@pytest.mark.parametrize(("note", "expected"), [
    ("Clasp from Stuller, ETA 11/20", date(2026, 11, 20)),
    ("due Nov 20th", date(2026, 11, 20)),
    ("supplier says 20 November", date(2026, 11, 20)),
    ("expected 2026-11-20", date(2026, 11, 20)),
    ("11/20/2026", date(2026, 11, 20)),
    ("back 11/20/26", date(2026, 11, 20)),
    ("comes December 3rd, 2026", date(2026, 12, 3)),
    ("Sept. 4", date(2027, 9, 4)),
])
def test_a_date_typed_in_another_system_is_found(note, expected):
    assert parts_date(note, WRITTEN) == expected
    assert read_parts_note(note, WRITTEN) == (expected, note)


def test_the_date_after_expected_or_eta_wins_over_the_others():
    assert parts_date("Two 1/2 ct stones, ordered 11/8, ETA 11/20", WRITTEN) == date(2026, 11, 20)
    assert parts_date("ETA 11/20, call them 11/25 if not", WRITTEN) == date(2026, 11, 20)
    assert parts_date("either 12/1 or 12/3", WRITTEN) == date(2026, 12, 3)


def test_a_date_before_the_note_was_written_is_not_when_the_parts_come():
    assert parts_date("ordered 11/8", WRITTEN) is None
    assert parts_date("ordered 2026-11-08 from Stuller", WRITTEN) is None


def test_fractions_and_words_that_look_like_months_are_not_dates():
    assert parts_date("ordered a 1/2 ct diamond", WRITTEN) is None
    assert parts_date("3/4 inch chain", WRITTEN) is None
    assert parts_date("decided 5 prongs", WRITTEN) is None
    assert parts_date("Parts ordered", WRITTEN) is None


def test_a_date_without_its_year_is_the_next_one_after_the_note():
    assert parts_date("Back Jan 5", date(2026, 12, 28)) == date(2027, 1, 5)
    assert parts_date("ETA 12/30", date(2026, 12, 28)) == date(2026, 12, 30)
