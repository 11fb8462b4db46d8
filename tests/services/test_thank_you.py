"""The thank-you note from a real store: only for a piece ready or picked up, crediting who
really did the work, opening as the counter chose, in the wording the store keeps in its
database (the same at every PC)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jeweldesk.domain.errors import Invalid, NotAllowed, NotReady
from jeweldesk.domain.status import THANK_YOU_STATUSES, Status
from jeweldesk.services.customers import CustomerDetails
from jeweldesk.services.documents import thank_you_pdf
from jeweldesk.services.intake import Visit, take_in
from jeweldesk.services.moves import cancel, move
from jeweldesk.services.note_wording import (
    LEGACY_FILE,
    MOVED_SUFFIX,
    move_legacy_wording,
    note_wording,
    set_note_wording,
)
from jeweldesk.services.parcels import receive_parcel, send_parcel
from jeweldesk.services.pickup import hand_back
from jeweldesk.storage.engine import Database
from tests.support.paper import flat, pdf_text
from tests.support.store import BENCH, COUNTER, MANAGER, NAMES, ring, take_in_ring

GREETING = '[note]\ngreeting = "Hello again, $customer!"\n'


def _note(db: Database, number: str, wording: Path | None = None) -> str:
    return flat(pdf_text(thank_you_pdf(db, [number], wording=wording)))  # type: ignore[arg-type]


def _to(db: Database, number: str, status: Status) -> None:
    """The ticket moved on the way the store moves it, to ``status``."""
    if status is Status.RECEIVED:
        return
    if status is Status.CANCELLED:
        cancel(db, number, MANAGER, "The customer changed her mind")
        return
    if status is Status.AT_VENDOR:
        send_parcel(db, "PLAT", [number], COUNTER, carrier="UPS")
        return
    move(db, number, Status.AT_BENCH, by=BENCH)
    path = {Status.WAITING_PARTS: [Status.WAITING_PARTS],
            Status.QUALITY_CHECK: [Status.QUALITY_CHECK],
            Status.READY: [Status.READY], Status.PICKED_UP: [Status.READY]}.get(status, [])
    for step in path:
        move(db, number, step, by=BENCH)
    if status is Status.PICKED_UP:
        hand_back(db, [number], "Dana Whitfield", COUNTER, "card", "55.00")


@pytest.mark.parametrize("status", list(Status))
def test_the_note_is_refused_for_every_status_but_ready_and_picked_up(
    sqlite_store: Database, status: Status
) -> None:
    number = take_in_ring(sqlite_store)
    _to(sqlite_store, number, status)

    if status in THANK_YOU_STATUSES:
        assert "Thank you for trusting us" in _note(sqlite_store, number)
        return
    with pytest.raises(NotReady) as refused:
        thank_you_pdf(sqlite_store, [number])
    assert number in str(refused.value)
    assert "only for a piece that is ready or picked up" in str(refused.value)


def test_one_piece_not_ready_refuses_the_notes_for_the_whole_visit(sqlite_store: Database) -> None:
    ready, still_at_bench = take_in_ring(sqlite_store), take_in_ring(sqlite_store)
    _to(sqlite_store, ready, Status.READY)
    move(sqlite_store, still_at_bench, Status.AT_BENCH, by=BENCH)

    with pytest.raises(NotReady, match=f"{still_at_bench} is still at the bench"):
        thank_you_pdf(sqlite_store, [ready, still_at_bench])


def test_the_note_credits_the_vendor_for_work_the_bench_never_touched(
    sqlite_store: Database,
) -> None:
    number = take_in_ring(sqlite_store)  # the ring names a jeweler at intake
    ref = send_parcel(sqlite_store, "PLAT", [number], COUNTER, carrier="UPS")
    receive_parcel(sqlite_store, ref, [number], COUNTER)  # checked in, so at the bench
    move(sqlite_store, number, Status.READY, by=BENCH)

    text = _note(sqlite_store, number)
    assert NAMES[BENCH] not in text
    assert "It went to the specialists at Riverbend Plating" in text


def test_the_note_credits_the_bench_and_the_workshop_when_both_worked(
    sqlite_store: Database,
) -> None:
    number = take_in_ring(sqlite_store)
    move(sqlite_store, number, Status.AT_BENCH, by=BENCH)
    ref = send_parcel(sqlite_store, "PLAT", [number], COUNTER, carrier="UPS")
    receive_parcel(sqlite_store, ref, [number], COUNTER)
    move(sqlite_store, number, Status.READY, by=BENCH)

    text = _note(sqlite_store, number)
    assert (f"{NAMES[BENCH]} looked after it at our bench, and the specialists at Riverbend "
            "Plating did their part") in text


def test_the_note_opens_as_the_counter_chose_at_intake(sqlite_store: Database) -> None:
    harris, first_name = take_in(sqlite_store, Visit(
        pieces=(ring(description="Three-stone anniversary ring"),),
        new_customer=CustomerDetails("Barbara Harris", "601 555 0101", addressed_as="Mrs")),
        by=COUNTER)[0], take_in_ring(sqlite_store)
    for number in (harris, first_name):
        _to(sqlite_store, number, Status.READY)

    text = _note(sqlite_store, harris)
    assert "Dear Mrs Harris," in text and "Barbara" not in text
    assert "your three-stone anniversary ring" in text
    assert "Dear Dana," in _note(sqlite_store, first_name)


def test_a_title_too_long_is_refused_naming_the_field(sqlite_store: Database) -> None:
    with pytest.raises(Invalid) as refused:
        take_in(sqlite_store, Visit(pieces=(ring(),), new_customer=CustomerDetails(
            "Barbara Harris", "601 555 0101", addressed_as="The Right Honourable Lady")),
            by=COUNTER)
    assert "customer.addressed_as" in refused.value.problems


# The store's wording, in its database --------------------------------------------------------

def test_a_manager_edits_the_wording_and_every_pc_prints_it(
    sqlite_store: Database, other_pc: Database
) -> None:
    number = take_in_ring(sqlite_store)
    _to(sqlite_store, number, Status.READY)

    set_note_wording(sqlite_store, GREETING, MANAGER)

    assert "Hello again, Dana!" in _note(other_pc, number)
    assert note_wording(other_pc) == GREETING
    set_note_wording(sqlite_store, None, MANAGER)  # back to the wording that ships
    assert "Dear Dana," in _note(other_pc, number)


def test_only_a_manager_changes_the_wording_and_bad_wording_writes_nothing(
    sqlite_store: Database,
) -> None:
    with pytest.raises(NotAllowed, match="cannot change the thank-you note's wording; a "
                                         "manager can"):
        set_note_wording(sqlite_store, GREETING, COUNTER)
    with pytest.raises(Invalid) as refused:
        set_note_wording(sqlite_store, "[note\ngreeting = ", MANAGER)
    assert "the wording is not TOML" in refused.value.said
    with pytest.raises(Invalid, match="check_after_months"):
        set_note_wording(sqlite_store, "[care.cleaning]\ncheck_after_months = 0\n", MANAGER)
    assert note_wording(sqlite_store) is None


def test_a_wording_file_left_in_a_pcs_data_folder_moves_into_the_database_once(
    sqlite_store: Database, tmp_path: Path
) -> None:
    legacy = tmp_path / LEGACY_FILE
    legacy.parent.mkdir(parents=True)
    legacy.write_text(GREETING, encoding="utf-8")
    number = take_in_ring(sqlite_store)
    _to(sqlite_store, number, Status.READY)

    assert move_legacy_wording(sqlite_store, tmp_path) is True

    assert note_wording(sqlite_store) == GREETING
    assert not legacy.exists() and legacy.with_name(legacy.name + MOVED_SUFFIX).exists()
    assert move_legacy_wording(sqlite_store, tmp_path) is False  # once only
    assert "Hello again, Dana!" in _note(sqlite_store, number)


def test_a_wording_file_given_for_one_printing_overrides_the_stores(
    sqlite_store: Database, tmp_path: Path
) -> None:
    number = take_in_ring(sqlite_store)
    _to(sqlite_store, number, Status.READY)
    set_note_wording(sqlite_store, GREETING, MANAGER)
    chosen = tmp_path / "wedding.toml"
    chosen.write_text('[note]\ngreeting = "To the happy couple, $customer,"\n', "utf-8")

    assert "To the happy couple, Dana," in _note(sqlite_store, number, wording=chosen)
    assert "Hello again, Dana!" in _note(sqlite_store, number)


def test_work_the_customer_agreed_to_at_the_bench_is_thanked_for_in_the_notes_words(
    sqlite_store: Database,
) -> None:
    from jeweldesk.services.estimates import answer_approval, ask_approval

    number = take_in_ring(sqlite_store)
    move(sqlite_store, number, Status.AT_BENCH, by=BENCH)
    ask_approval(sqlite_store, number, "two more halo diamonds are loose: tighten all 14",
                 BENCH, price="40")
    answer_approval(sqlite_store, number, True, "phone", COUNTER)
    move(sqlite_store, number, Status.READY, by=BENCH)

    text = _note(sqlite_store, number)
    assert "and done the extra work you agreed to, and it is ready to wear again" in text
    assert "halo diamonds are loose" not in text
