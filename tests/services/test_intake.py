from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from jeweldesk.domain.errors import Invalid
from jeweldesk.domain.status import Status
from jeweldesk.services.customers import CustomerDetails, find_customers
from jeweldesk.services.intake import ServiceLine, Visit, take_in
from jeweldesk.services.story import ticket_story, visit_numbers
from jeweldesk.storage.tables import Customer, Ticket, TicketEvent
from tests.support.store import COUNTER, MANAGER, ring, store_today


def _count(db, model):
    with db.session(write=False) as s:
        return s.scalar(select(func.count()).select_from(model))


def test_a_two_piece_visit_makes_two_tickets_for_one_customer(store_db):
    chain = ring(kind="necklace", description="Rope chain, 20 in", stones=None,
                 services=(ServiceLine("chain_solder", "Solder break", "30.00"),),
                 deposit="0.00", declared_value=None)
    visit = Visit(pieces=(ring(), chain),
                  new_customer=CustomerDetails("Zoë Łukasz-Nguyễn 李小龍", "(601) 555-0142",
                                               "zoe@example.com"))
    numbers = take_in(store_db, visit, by=COUNTER)

    assert numbers == ["R-10001", "R-10002"]
    first = ticket_story(store_db, "R-10001")
    assert first.customer_name == "Zoë Łukasz-Nguyễn 李小龍"
    assert first.customer_phone == "(601) 555-0142"  # kept as +16015550142
    assert first.status == Status.RECEIVED
    assert first.total == Decimal("105.00") and first.balance == Decimal("55.00")
    assert [e.status for e in first.events] == [Status.RECEIVED]
    assert first.events[0].by_name == "Kate Pruitt"
    assert visit_numbers(store_db, "R-10002") == ["R-10001", "R-10002"]
    assert _count(store_db, Customer) == 1
    assert [c.name for c in find_customers(store_db, "555 0142")] == ["Zoë Łukasz-Nguyễn 李小龍"]


def test_bad_intake_names_every_problem_and_writes_nothing(store_db):
    bad = ring(description="  ", deposit="500.00", declared_value="lots",
               promised_for=store_today() - timedelta(days=1),
               services=(ServiceLine("ring_sizing", "Size down", "4O.00"),))
    visit = Visit(pieces=(bad,), new_customer=CustomerDetails("", "12", "not-an-email"))

    with pytest.raises(Invalid) as refused:
        take_in(store_db, visit, by=COUNTER)

    problems = refused.value.problems
    assert set(problems) >= {
        "customer.name", "customer.phone", "customer.email", "pieces[0].description",
        "pieces[0].declared_value", "pieces[0].services[0].price", "pieces[0].promised_for",
    }
    assert "past" in problems["pieces[0].promised_for"]
    assert _count(store_db, Ticket) == 0
    assert _count(store_db, Customer) == 0
    assert _count(store_db, TicketEvent) == 0


def test_a_deposit_above_the_total_is_refused(store_db):
    visit = Visit(pieces=(ring(deposit="200.00"),), new_customer=CustomerDetails("Ann Lee"))
    with pytest.raises(Invalid) as refused:
        take_in(store_db, visit, by=COUNTER)
    assert "more than the total" in refused.value.problems["pieces[0].deposit"]


def test_ticket_numbers_are_never_reused(store_db):
    from jeweldesk.services.moves import cancel
    from tests.support.store import take_in_ring

    first = take_in_ring(store_db)
    cancel(store_db, first, by=MANAGER, reason="Customer changed their mind")
    second = take_in_ring(store_db)
    assert (first, second) == ("R-10001", "R-10002")
