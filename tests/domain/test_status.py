from jeweldesk.domain.status import ALLOWED_MOVES, Status, can_move, refusal


def test_nothing_is_picked_up_before_it_is_ready():
    for status in Status:
        if status != Status.READY:
            assert not can_move(status, Status.PICKED_UP), status


def test_closed_tickets_go_nowhere():
    assert ALLOWED_MOVES[Status.PICKED_UP] == ()
    assert ALLOWED_MOVES[Status.CANCELLED] == ()
    assert Status.PICKED_UP.is_closed and Status.CANCELLED.is_closed
    assert not Status.AT_VENDOR.is_closed


def test_a_refusal_names_the_ticket_where_it_is_and_where_it_may_go():
    message = refusal("R-10001", Status.RECEIVED, Status.PICKED_UP)
    assert "R-10001" in message
    assert "received" in message
    assert "at_bench, at_vendor, waiting_parts, cancelled" in message


def test_a_closed_ticket_refusal_says_it_is_closed():
    message = refusal("R-10002", Status.PICKED_UP, Status.AT_BENCH)
    assert "closed" in message and "R-10002" in message
