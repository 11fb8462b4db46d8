"""Money as a store takes it: in pieces, in any way, given back, taken off, taxed.

The ring of tests/support/store.py: prong retipping 90.00 and a cleaning 15.00, a 50.00
deposit at intake, so 55.00 owing.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from jeweldesk.domain.errors import Invalid, NotAllowed
from jeweldesk.domain.status import Status
from jeweldesk.services.customers import CustomerDetails
from jeweldesk.services.intake import Visit, take_in
from jeweldesk.services.money_settings import Rate, money_settings, save_money_settings
from jeweldesk.services.moves import move
from jeweldesk.services.payments import give_back, give_discount, pay_visit, take_payment
from jeweldesk.services.pickup import hand_back
from jeweldesk.services.story import ticket_story
from tests.support.store import BENCH, COUNTER, MANAGER, ring, take_in_ring

D = Decimal


def _ready(db, number):
    move(db, number, Status.AT_BENCH, by=BENCH)
    move(db, number, Status.READY, by=BENCH)


def test_part_payments_any_time_in_any_way_leave_the_balance_worked_out(store_db):
    number = take_in_ring(store_db)
    assert take_payment(store_db, number, "cash", "20", by=COUNTER) == D("35.00")
    assert take_payment(store_db, number, "gift card", "15.00", by=COUNTER) == D("20.00")
    story = ticket_story(store_db, number)
    assert [(p.method, p.amount, p.by_name) for p in story.payments] == [
        ("cash", D("20.00"), "Kate Pruitt"), ("gift card", D("15.00"), "Kate Pruitt")]
    assert story.balance == D("20.00")
    with pytest.raises(Invalid, match=r"\$25.00 is more than the balance \$20.00"):
        take_payment(store_db, number, "card", "25.00", by=COUNTER)
    with pytest.raises(Invalid, match="not one of the store's ways to be paid"):
        take_payment(store_db, number, "bitcoin", "5.00", by=COUNTER)
    with pytest.raises(Invalid, match="more than zero"):
        take_payment(store_db, number, "cash", "0", by=COUNTER)
    assert ticket_story(store_db, number).balance == D("20.00")


def test_one_payment_for_a_visit_settles_its_tickets_in_turn(store_db):
    visit = Visit(pieces=(ring(), ring(description="Gold band", deposit="0")),
                  new_customer=CustomerDetails("Dana Whitfield", "601 555 0142"))
    first, second = take_in(store_db, visit, by=COUNTER)
    paid = pay_visit(store_db, [first, second], "card", "100.00", by=COUNTER)
    assert paid.shares == ((first, D("55.00")), (second, D("45.00")))
    assert paid.balance == D("60.00")
    assert ticket_story(store_db, first).balance == D("0.00")
    assert ticket_story(store_db, second).balance == D("60.00")


def test_a_split_payment_at_pickup_lands_as_one_row_per_way(store_db):
    number = take_in_ring(store_db)
    _ready(store_db, number)
    done = hand_back(store_db, [number], "Dana Whitfield", by=COUNTER,
                     payments=[("cash", "30.00"), ("card", "25.00")])
    story = ticket_story(store_db, number)
    assert done.paid == D("55.00") and done.owing == D("0.00")
    assert [(p.method, p.amount) for p in story.payments] == [("cash", D("30.00")),
                                                              ("card", D("25.00"))]
    assert story.status is Status.PICKED_UP and story.balance == D("0.00")


def test_a_balance_left_owing_needs_a_manager_s_yes_which_is_kept(store_db):
    number = take_in_ring(store_db)
    _ready(store_db, number)
    with pytest.raises(Invalid, match=r"\$35.00 would be left owing"):
        hand_back(store_db, [number], "Dana", by=COUNTER, method="cash", amount="20.00")
    with pytest.raises(NotAllowed, match="not Sandra's PIN"):
        hand_back(store_db, [number], "Dana", by=COUNTER, method="cash", amount="20.00",
                  owing_approved_by=MANAGER, approver_pin="0000")
    assert ticket_story(store_db, number).status is Status.READY
    with pytest.raises(NotAllowed, match=r"Jonah Reyes \(bench\) cannot hand back with a "
                                         "balance owing"):
        hand_back(store_db, [number], "Dana", by=COUNTER, method="cash", amount="20.00",
                  owing_approved_by=BENCH, approver_pin="1470")
    done = hand_back(store_db, [number], "Dana", by=COUNTER, method="cash", amount="20.00",
                     owing_approved_by=MANAGER, approver_pin="2468")
    story = ticket_story(store_db, number)
    assert done.owing == D("35.00") and story.balance == D("35.00")
    assert story.events[-1].note == ("Collected by Dana; $35.00 left owing, agreed by "
                                     "Sandra Cole")
    # The customer comes back with the rest.
    assert take_payment(store_db, number, "card", "35.00", by=COUNTER) == D("0.00")


def test_more_than_is_owed_at_pickup_is_change_from_the_till(store_db):
    number = take_in_ring(store_db)
    _ready(store_db, number)
    with pytest.raises(Invalid, match=r"the balance due is \$55.00; \$60.00 was entered"):
        hand_back(store_db, [number], "Dana", by=COUNTER, method="cash", amount="60.00")


def test_money_given_back_is_a_row_below_zero_with_its_reason(store_db):
    number = take_in_ring(store_db)
    take_payment(store_db, number, "card", "55.00", by=COUNTER)
    with pytest.raises(NotAllowed, match=r"Kate Pruitt \(counter\) cannot give money back"):
        give_back(store_db, number, "card", "10.00", "Stone was loose", by=COUNTER)
    with pytest.raises(Invalid, match="say why"):
        give_back(store_db, number, "card", "10.00", "  ", by=MANAGER)
    with pytest.raises(Invalid, match=r"more than the \$105.00 paid"):
        give_back(store_db, number, "card", "105.01", "Too much", by=MANAGER)
    assert give_back(store_db, number, "store credit", "10.00", "Clasp kept as it was",
                     by=MANAGER) == D("10.00")
    refund = ticket_story(store_db, number).payments[-1]
    assert (refund.method, refund.amount, refund.reason, refund.by_name) == (
        "store credit", D("-10.00"), "Clasp kept as it was", "Sandra Cole")


def test_discounts_are_lines_of_their_own_and_the_counter_s_are_limited(store_db):
    number = take_in_ring(store_db)
    assert give_discount(store_db, number, "Regular customer", by=COUNTER,
                         percent="5%") == D("49.75")  # 5% of 105.00 is 5.25
    # 5.25 + 6.00 is more than 10% of the 105.00 of work: a manager's call.
    with pytest.raises(NotAllowed, match="Kate Pruitt .counter. cannot give a discount of "
                                         "more than the counter's limit"):
        give_discount(store_db, number, "Sorry for the wait", by=COUNTER, amount="6.00")
    assert give_discount(store_db, number, "Sorry for the wait", by=MANAGER,
                         amount="6.00") == D("43.75")
    with pytest.raises(Invalid, match="amount or a percent"):
        give_discount(store_db, number, "Both", by=MANAGER, amount="1.00", percent="1")
    with pytest.raises(Invalid, match="say why"):
        give_discount(store_db, number, "", by=MANAGER, amount="1.00")
    with pytest.raises(Invalid, match=r"more than the \$43.75 still owed"):
        give_discount(store_db, number, "Everything", by=MANAGER, amount="50.00")
    story = ticket_story(store_db, number)
    assert [(d.amount, d.percent, d.reason, d.by_name) for d in story.discounts] == [
        (D("5.25"), D("5.000"), "Regular customer", "Kate Pruitt"),
        (D("6.00"), None, "Sorry for the wait", "Sandra Cole")]
    assert story.bill.lines == D("105.00") and story.total == D("93.75")


def _two_rates(db, on=True):
    save_money_settings(
        db, ("cash", "card", "check", "gift card", "store credit"), on,
        (Rate("STATE", "State tax", "7"), Rate("CITY", "City tax", "1.5")),
        {"prong_retip": "STATE", "cleaning": "CITY"}, by=MANAGER)


def test_tax_is_off_until_the_manager_turns_it_on(store_db):
    _two_rates(store_db, on=False)
    story = ticket_story(store_db, take_in_ring(store_db))
    assert story.bill.taxes == () and story.balance == D("55.00")


def test_two_tax_rates_each_on_their_own_services_and_after_a_discount(store_db):
    _two_rates(store_db)
    number = take_in_ring(store_db)
    story = ticket_story(store_db, number)
    # 7% of 90.00 and 1.5% of 15.00 (0.225, rounded half up).
    assert [(t.name, t.amount) for t in story.bill.taxes] == [("State tax", D("6.30")),
                                                              ("City tax", D("0.23"))]
    assert story.total == D("111.53") and story.balance == D("61.53")
    give_discount(store_db, number, "Regular customer", by=MANAGER, percent="10")
    story = ticket_story(store_db, number)
    # 10.50 off the 105.00 comes off each rate's share: 81.00 at 7%, 13.50 at 1.5%.
    assert [t.amount for t in story.bill.taxes] == [D("5.67"), D("0.20")]
    assert story.total == D("100.37")
    # A rate changed later does not rewrite what the customer was told.
    save_money_settings(store_db, ("cash",), True, (Rate("STATE", "State tax", "8"),
                                                   Rate("CITY", "City tax", "1.5")),
                        {}, by=MANAGER)
    assert ticket_story(store_db, number).total == D("100.37")
    assert money_settings(store_db).methods == ("cash",)


def test_money_settings_refuse_what_makes_no_sense(store_db):
    with pytest.raises(Invalid) as refused:
        save_money_settings(store_db, (), True, (Rate("X", "", "31"),), {"cleaning": "Y"},
                            by=MANAGER)
    assert set(refused.value.problems) == {"methods", "rates[0].name", "rates[0].percent",
                                           "taxable.cleaning", "charges_tax"}
    with pytest.raises(NotAllowed):
        save_money_settings(store_db, ("cash",), False, (), {}, by=COUNTER)


def test_the_courtesy_offered_lands_on_the_ticket_when_the_call_is_logged_as_accepted(
        store_db):
    from datetime import timedelta

    from jeweldesk.services.prepare import AGREED_NEW_DATE, log_preparation
    from tests.support.store import store_today

    number = take_in_ring(store_db)
    later = store_today() + timedelta(days=14)
    log_preparation(store_db, number, COUNTER, "phone", "Left a message")
    assert ticket_story(store_db, number).discounts == ()
    with pytest.raises(Invalid, match="comes with the new date"):
        log_preparation(store_db, number, COUNTER, "phone", "Other", courtesy=True)
    # More than the counter's own limit (15.00 of 105.00), and still the counter's to give:
    # it is the store's standing offer for a broken promise.
    log_preparation(store_db, number, COUNTER, "phone", AGREED_NEW_DATE, new_promise=later,
                    offered=["A new date, with a courtesy"], courtesy=True)
    story = ticket_story(store_db, number)
    [courtesy] = story.discounts
    assert (courtesy.courtesy, courtesy.amount, courtesy.reason, courtesy.by_name) == (
        True, D("15.00"), "Cleaning and polish on us, for the wait", "Kate Pruitt")
    assert story.balance == D("40.00") and story.promised_for == later
