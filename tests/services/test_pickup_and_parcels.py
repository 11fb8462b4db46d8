from decimal import Decimal

import pytest

from jeweldesk.domain.errors import Invalid, MoveRefused
from jeweldesk.domain.status import Status
from jeweldesk.services.contacts import record_contact
from jeweldesk.services.moves import move
from jeweldesk.services.parcels import receive_parcel, send_parcel
from jeweldesk.services.pickup import hand_back
from jeweldesk.services.story import ticket_story
from tests.support.store import BENCH, COUNTER, take_in_ring


def _ready(db, number):
    move(db, number, Status.AT_BENCH, by=BENCH)
    move(db, number, Status.QUALITY_CHECK, by=BENCH)
    move(db, number, Status.READY, by=BENCH)


def test_picking_up_two_pieces_takes_the_balance_in_one_go(store_db):
    a, b = take_in_ring(store_db), take_in_ring(store_db)
    _ready(store_db, a)
    _ready(store_db, b)
    with pytest.raises(Invalid):
        hand_back(store_db, [a, b], "Dana Whitfield", by=COUNTER, method="card", amount="50.00")
    done = hand_back(store_db, [a, b], "Dana Whitfield", by=COUNTER, method="card",
                     amount="110.00")
    assert done.paid == Decimal("110.00")
    story = ticket_story(store_db, a)
    assert story.status == Status.PICKED_UP and story.balance == Decimal("0.00")
    assert story.collected_by == "Dana Whitfield"
    assert story.events[-1].note == "Collected by Dana Whitfield"


def test_a_piece_not_ready_cannot_be_handed_back(store_db):
    number = take_in_ring(store_db)
    with pytest.raises(MoveRefused, match=f"{number} is received, not ready"):
        hand_back(store_db, [number], "Dana", by=COUNTER, method="cash", amount="55.00")
    assert ticket_story(store_db, number).status == Status.RECEIVED


def test_a_parcel_out_and_back_short_reports_the_missing_piece(store_db):
    a, b = take_in_ring(store_db), take_in_ring(store_db)
    ref = send_parcel(store_db, "PLAT", [a, b], by=COUNTER, carrier="UPS")
    assert ticket_story(store_db, a).status == Status.AT_VENDOR
    got = receive_parcel(store_db, ref, [a], by=COUNTER)
    assert got.missing == (b,) and not got.closed
    assert ticket_story(store_db, a).status == Status.AT_BENCH
    assert ticket_story(store_db, a).parcels[0].ref == ref
    got = receive_parcel(store_db, ref, [b], by=COUNTER)
    assert got.closed and got.missing == ()


def test_a_contact_is_kept_on_the_ticket(store_db):
    number = take_in_ring(store_db)
    record_contact(store_db, number, "sms", by=COUNTER, note="Told her Friday", outcome="ok")
    contact = ticket_story(store_db, number).contacts[0]
    assert (contact.channel, contact.by_name, contact.note) == ("sms", "Kate Pruitt",
                                                               "Told her Friday")
