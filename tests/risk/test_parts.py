"""Parts on order: the supplier's date as evidence, then back in the jeweler's queue."""

from dataclasses import replace
from datetime import date, timedelta

from jeweldesk.domain.parts_note import parts_note
from jeweldesk.risk.engine import assess
from jeweldesk.risk.history import Event
from jeweldesk.risk.learn import learn
from jeweldesk.risk.parts import PartsRecord
from tests.support.histories import at, flag_for, history, jeweler_record, nov, ticket


def typed_elsewhere(noted: date, words: str) -> str:
    """A note as another system or a spreadsheet had it."""
    return f"{words} from Stuller, ETA {noted.month}/{noted.day}"


def past_waits(slip: int, count: int = 8, write=parts_note) -> list:
    """Finished pieces whose parts came ``slip`` days after the date noted, each a week's wait."""
    done = []
    for i in range(count):
        start = nov(1) - timedelta(days=60 - 6 * i)
        noted = start + timedelta(days=7)
        piece = ticket(f"W-{i}", start, start + timedelta(days=20),
                       [(start + timedelta(days=7 + slip), "at_bench")])
        aside = Event(at(start, 12), "waiting_parts", "JR", write(noted, "prongs"))
        done.append(replace(piece, events=(piece.events[0], aside, *piece.events[1:])))
    return done


def waiting_with_note(noted: date, write=parts_note):
    piece = ticket("R-4", nov(6), nov(14), [(nov(9), "at_bench")])
    aside = Event(at(nov(9), 12), "waiting_parts", "JR", write(noted, "a clasp"))
    return replace(piece, events=(*piece.events, aside))


def test_a_noted_parts_date_is_evidence_weighed_by_how_this_stores_dates_have_held():
    kept = learn(history(past_waits(0)), nov(10)).parts
    missed = learn(history(past_waits(6)), nov(10)).parts
    assert set(kept.slips) == {0} and set(missed.slips) == {6}
    on_time = flag_for(assess(history([*past_waits(0), waiting_with_note(nov(11))]), nov(10)),
                       "R-4")
    slipping = flag_for(assess(history([*past_waits(6), waiting_with_note(nov(11))]), nov(10)),
                        "R-4")
    assert on_time.expected_ready < slipping.expected_ready
    assert on_time.level != "at_risk" and slipping.level == "at_risk"
    assert "expected Nov 11" in " ".join(slipping.reasons)


def test_a_parts_date_typed_in_another_system_counts_as_much():
    fixed = assess(history([*past_waits(6), waiting_with_note(nov(11))]), nov(10))
    typed = assess(history([*past_waits(6, write=typed_elsewhere),
                            waiting_with_note(nov(11), write=typed_elsewhere)]), nov(10))
    assert learn(history(past_waits(6, write=typed_elsewhere)), nov(10)).parts.slips == (
        learn(history(past_waits(6)), nov(10)).parts.slips)
    assert flag_for(typed, "R-4").expected_ready == flag_for(fixed, "R-4").expected_ready
    assert "expected Nov 11" in " ".join(flag_for(typed, "R-4").reasons)


def test_with_no_dates_on_record_the_prior_says_suppliers_mostly_keep_them():
    days = PartsRecord().durations(nov(9), nov(12))
    assert 3 <= sorted(days)[len(days) // 2] <= 4  # mostly on the date, or a day after
    assert max(days) > 3  # now and then later


def test_once_parts_are_in_the_piece_waits_its_turn_in_the_queue():
    # Jonah finishes one piece a day and has eight pieces promised before R-4's promise.
    queue = [ticket(f"R-{20 + i}", nov(9), nov(11) + timedelta(days=i // 3)) for i in range(8)]
    alone = assess(history([*jeweler_record(1), *past_waits(0), waiting_with_note(nov(11))]),
                   nov(10))
    busy = assess(history([*jeweler_record(1), *past_waits(0), *queue,
                           waiting_with_note(nov(11))]), nov(10))
    assert flag_for(busy, "R-4").expected_ready > flag_for(alone, "R-4").expected_ready
    assert flag_for(busy, "R-4").level == "at_risk"
    assert "then back in Jonah Reyes's queue (earliest promise first)" in " ".join(flag_for(busy,
                                                                                   "R-4").reasons)
