"""The counter's first day, service by service: written-in work, one customer per hand-back,
two records of one person merged, and the thank-you note in the counter's own words."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from jeweldesk.domain.errors import Invalid, NotAllowed
from jeweldesk.domain.status import Status
from jeweldesk.services.customers import (
    CustomerDetails,
    add_customer,
    find_customers,
    get_customer,
    merge_customers,
)
from jeweldesk.services.documents import thank_you_pdf
from jeweldesk.services.intake import WRITE_IN, ServiceLine, Visit, take_in
from jeweldesk.services.moves import move
from jeweldesk.services.pickup import hand_back
from jeweldesk.services.store import catalog
from jeweldesk.services.story import ticket_story
from jeweldesk.storage.tables import Customer
from tests.support.paper import flat, pdf_text
from tests.support.store import BENCH, COUNTER, MANAGER, ring

SHANK = ServiceLine("", "Shank repair", "65.00")


def _ready(db, number):
    move(db, number, Status.AT_BENCH, by=BENCH)
    move(db, number, Status.READY, by=BENCH)


def _visit(name, phone, *pieces):
    return Visit(pieces=pieces or (ring(),), new_customer=CustomerDetails(name, phone))


# Written-in work ---------------------------------------------------------------------------

def test_a_written_in_service_keeps_its_own_words_and_price(store_db):
    [number] = take_in(store_db, _visit("Pat Careless", "601 555 0101",
                                        ring(services=(SHANK,), deposit="0")), by=COUNTER)
    story = ticket_story(store_db, number)
    assert [(s.code, s.description, s.price) for s in story.services] == [
        (WRITE_IN, "Shank repair", Decimal("65.00"))]
    assert "Shank repair" not in {e.name for e in catalog(store_db)}


def test_a_written_in_service_is_not_held_to_a_catalog_price(store_db):
    cheap = ServiceLine(WRITE_IN, "Retip prongs", "5.00")  # a catalog name, but written in
    [number] = take_in(store_db, _visit("Pat Careless", "601 555 0101",
                                        ring(services=(cheap,), deposit="0")), by=COUNTER)
    assert ticket_story(store_db, number).total == Decimal("5.00")


def test_a_written_in_service_needs_its_words(store_db):
    with pytest.raises(Invalid) as refused:
        take_in(store_db, _visit("Pat Careless", "601 555 0101",
                                 ring(services=(ServiceLine("", " ", "10"),), deposit="0")),
                by=COUNTER)
    assert "pieces[0].services[0].description" in refused.value.problems


def test_a_manager_adds_a_written_in_service_to_the_catalog(store_db):
    line = ServiceLine(WRITE_IN, "Shank repair", "65.00", add_to_catalog=True)
    [number] = take_in(store_db, _visit("Pat Careless", "601 555 0101",
                                        ring(services=(line,), deposit="0")), by=MANAGER)
    added = next(e for e in catalog(store_db) if e.name == "Shank repair")
    assert (added.code, added.default_price) == ("shank_repair", Decimal("65.00"))
    assert [s.code for s in ticket_story(store_db, number).services] == ["shank_repair"]


def test_counter_staff_cannot_add_to_the_catalog(store_db):
    line = ServiceLine(WRITE_IN, "Shank repair", "65.00", add_to_catalog=True)
    with pytest.raises(NotAllowed, match="a manager can"):
        take_in(store_db, _visit("Pat Careless", "601 555 0101",
                                 ring(services=(line,), deposit="0")), by=COUNTER)
    assert "Shank repair" not in {e.name for e in catalog(store_db)}
    assert find_customers(store_db, "Careless") == []


# One customer per hand-back ----------------------------------------------------------------

def test_a_hand_back_is_one_customer_s_pieces(store_db):
    [dana] = take_in(store_db, _visit("Dana Whitfield", "601 555 0142"), by=COUNTER)
    [marisol] = take_in(store_db, _visit("Marisol Okafor", "601 555 0177"), by=COUNTER)
    for number in (dana, marisol):
        _ready(store_db, number)
    with pytest.raises(Invalid) as refused:
        hand_back(store_db, [dana, marisol], "Dana Whitfield", by=COUNTER, method="card",
                  amount="110.00")
    assert f"{marisol} is Marisol Okafor's, not Dana Whitfield's" in str(refused.value)
    assert ticket_story(store_db, dana).status is Status.READY
    assert ticket_story(store_db, marisol).status is Status.READY


# Merging two records of one person ----------------------------------------------------------

def test_two_records_of_one_customer_merge_with_their_history(store_db):
    [first] = take_in(store_db, _visit("Dana Whitfield", "601 555 0142"), by=COUNTER)
    kept = ticket_story(store_db, first).customer_id
    duplicate = add_customer(store_db, CustomerDetails(
        "Dana Whitfield-Ruiz", None, "dana@example.com", "prefers mornings"), COUNTER)
    [second, third] = take_in(store_db, Visit(pieces=(ring(), ring()),
                                               customer_id=duplicate.id), by=COUNTER)

    merged = merge_customers(store_db, kept, duplicate.id, by=MANAGER)

    assert (merged.id, merged.name, merged.phone) == (kept, "Dana Whitfield", "(601) 555-0142")
    assert (merged.email, merged.notes) == ("dana@example.com", "prefers mornings")
    assert (merged.open_tickets, merged.all_tickets) == (3, 3)
    for number in (second, third):
        story = ticket_story(store_db, number)
        assert story.customer_id == kept
        [edit] = story.edits
        assert (edit.field, edit.old_value, edit.new_value, edit.by_name) == (
            "customer", "Dana Whitfield-Ruiz", "Dana Whitfield ((601) 555-0142)", "Sandra Cole")
    assert ticket_story(store_db, first).edits == ()
    with store_db.session(write=False) as session:
        assert session.scalar(select(func.count()).select_from(Customer)) == 1


def test_only_a_manager_merges_customers(store_db):
    one = add_customer(store_db, CustomerDetails("Lee Park", "601 555 0199"), COUNTER)
    two = add_customer(store_db, CustomerDetails("Lee Park", "601 555 0199"), COUNTER)
    with pytest.raises(NotAllowed, match="a manager can"):
        merge_customers(store_db, one.id, two.id, by=COUNTER)
    with pytest.raises(Invalid):
        merge_customers(store_db, one.id, one.id, by=MANAGER)
    assert get_customer(store_db, two.id).name == "Lee Park"


# The thank-you note ------------------------------------------------------------------------

def test_the_thank_you_note_says_the_work_as_the_counter_wrote_it(store_db):
    renamed = ServiceLine("ring_sizing", "Shank repair", "55.00")  # a sizing line retyped
    written_in = ServiceLine(WRITE_IN, "Rebuild the gallery", "80.00")
    sized = ServiceLine("ring_sizing", "Size up one size", "55.00")
    numbers = take_in(store_db, Visit(pieces=(
        ring(services=(renamed,), deposit="0"), ring(services=(written_in,), deposit="0"),
        ring(services=(sized,), deposit="0")),
        new_customer=CustomerDetails("Dana Whitfield", "601 555 0142")), by=COUNTER)
    for number in numbers:
        _ready(store_db, number)
    notes = [flat(pdf_text(thank_you_pdf(store_db, [n]))) for n in numbers]
    assert "shank repair" in notes[0].lower() and "resized" not in notes[0]
    assert "rebuild the gallery" in notes[1].lower()
    assert "resized it" in notes[2]  # still the sizing the catalog has words for
