"""Editing a ticket after intake: only what is given changes, every change is on record,
and a stale screen, bad input or a closed ticket writes nothing."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from jeweldesk.domain.errors import Conflict, Invalid
from jeweldesk.domain.status import Status
from jeweldesk.services.edit import edit_ticket
from jeweldesk.services.intake import ServiceLine
from jeweldesk.services.moves import cancel, move
from jeweldesk.services.pickup import take_payment
from jeweldesk.services.story import ticket_story, what_changed
from jeweldesk.storage.engine import Database
from jeweldesk.storage.history_guard import HistoryIsAppendOnly
from jeweldesk.storage.tables import TicketEdit
from tests.support.store import BENCH, COUNTER, MANAGER, store_today, take_in_ring

RETIP_AND_CLEAN = (ServiceLine("prong_retip", "Retip four prongs", "110.00"),
                   ServiceLine("cleaning", "Clean and polish", "15.00"))


def _edit_rows(db: Database) -> int:
    with db.session(write=False) as session:
        return session.scalar(select(func.count()).select_from(TicketEdit)) or 0


def test_an_edit_lands_with_one_record_per_changed_field(store_db):
    number = take_in_ring(store_db)
    before = ticket_story(store_db, number)

    version = edit_ticket(store_db, number, MANAGER, before.version,
                          description="Lady's solitaire ring, cathedral setting",
                          metal="14K white gold",  # as it was: no record
                          services=RETIP_AND_CLEAN, assigned_to=None,
                          occasion_what="anniversary",
                          occasion_date=store_today() + timedelta(days=20))

    after = ticket_story(store_db, number)
    assert version == after.version == before.version + 1
    assert after.item_description == "Lady's solitaire ring, cathedral setting"
    assert after.total == Decimal("125.00") and after.balance == Decimal("75.00")
    assert after.assigned_to_name is None and after.occasion_what == "anniversary"
    edits = {e.field: (e.old_value, e.new_value, e.by_name) for e in after.edits}
    assert set(edits) == {"description", "services", "assigned_to", "occasion_what",
                          "occasion_date"}
    assert edits["services"] == (
        "Retip four prongs $90.00; Clean and polish $15.00",
        "Retip four prongs $110.00; Clean and polish $15.00", "Sandra Cole")
    assert edits["description"][0] == "Lady's solitaire engagement ring"
    assert edits["assigned_to"][:2] == ("Jonah Reyes", None)
    assert after.events == before.events  # an edit is not a move


def test_an_edit_that_changes_nothing_writes_nothing(store_db):
    number = take_in_ring(store_db)
    before = ticket_story(store_db, number)
    assert edit_ticket(store_db, number, COUNTER, before.version,
                       description=" Lady's solitaire engagement ring ") == before.version
    assert ticket_story(store_db, number) == before


def test_a_stale_screen_is_refused_and_nothing_is_written(store_db):
    number = take_in_ring(store_db)
    seen = ticket_story(store_db, number)
    edit_ticket(store_db, number, MANAGER, seen.version, stones="1 round diamond, 0.62 ct")
    now = ticket_story(store_db, number)

    with pytest.raises(Conflict) as conflict:
        edit_ticket(store_db, number, COUNTER, seen.version, stones="no stones",
                    description="Plain band")

    assert number in str(conflict.value) and "another workstation" in str(conflict.value)
    assert "received" in str(conflict.value)  # the state it is in now
    assert ticket_story(store_db, number) == now
    assert what_changed(seen, now) == [
        "Sandra Cole changed stones: 1 round diamond, approx. 0.50 ct → 1 round diamond, 0.62 ct"]


def test_two_workstations_editing_at_the_same_moment_one_wins(store_db):
    number = take_in_ring(store_db)
    seen = ticket_story(store_db, number).version
    barrier = threading.Barrier(2)
    results: list[object] = [None, None]

    def workstation(i: int, by: str, stones: str) -> None:
        db = Database(store_db.url)
        try:
            barrier.wait(timeout=10)
            results[i] = edit_ticket(db, number, by, seen, stones=stones)
        except Conflict as exc:
            results[i] = exc
        finally:
            db.dispose()

    threads = [threading.Thread(target=workstation, args=args)
               for args in ((0, COUNTER, "two diamonds"), (1, MANAGER, "three diamonds"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(type(r).__name__ for r in results) == ["Conflict", "int"], results
    story = ticket_story(store_db, number)
    assert story.version == seen + 1 and len(story.edits) == 1
    assert story.item_stones == story.edits[0].new_value


def test_a_move_elsewhere_makes_an_edit_stale_too(store_db):
    number = take_in_ring(store_db)
    seen = ticket_story(store_db, number).version
    move(store_db, number, Status.AT_BENCH, by=BENCH)
    with pytest.raises(Conflict, match="it is now at the bench"):
        edit_ticket(store_db, number, COUNTER, seen, description="Plain band")
    assert _edit_rows(store_db) == 0


def test_an_edit_of_the_services_alone_moves_the_version(store_db):
    number = take_in_ring(store_db)
    seen = ticket_story(store_db, number).version
    assert edit_ticket(store_db, number, COUNTER, seen, services=RETIP_AND_CLEAN) == seen + 1
    with pytest.raises(Conflict):
        edit_ticket(store_db, number, COUNTER, seen, services=RETIP_AND_CLEAN[:1])


def test_bad_input_names_each_problem_and_writes_nothing(store_db):
    number = take_in_ring(store_db)
    before = ticket_story(store_db, number)

    with pytest.raises(Invalid) as invalid:
        edit_ticket(store_db, number, COUNTER, before.version, description="  ",
                    declared_value="about two grand",
                    services=(ServiceLine("prong_retip", "Retip four prongs", "ninety"),
                              ServiceLine("cleaning", "Clean and polish", "")),
                    occasion_what="wedding", occasion_date=None)

    assert invalid.value.problems == {
        "description": "describe the piece",
        "declared_value": "'about two grand' is not an amount of money (write it as 1,250.50)",
        "services[0].price": "'ninety' is not an amount of money (write it as 1,250.50)",
        "services[1].price": "every service needs a price",
        "occasion_date": "when is the occasion?",
    }
    assert ticket_story(store_db, number) == before and _edit_rows(store_db) == 0


def test_no_service_or_a_total_below_the_deposit_is_refused(store_db):
    number = take_in_ring(store_db)  # a $50.00 deposit
    version = ticket_story(store_db, number).version
    with pytest.raises(Invalid) as none:
        edit_ticket(store_db, number, COUNTER, version, services=())
    assert none.value.problems == {"services": "choose at least one service"}
    with pytest.raises(Invalid) as below:
        edit_ticket(store_db, number, COUNTER, version,
                    services=(ServiceLine("cleaning", "Clean and polish", "15.00"),))
    assert below.value.problems == {"deposit": "the deposit 50.00 is more than the total 15.00"}
    take_payment(store_db, number, "cash", "40.00", by=COUNTER)
    with pytest.raises(Invalid) as paid:
        edit_ticket(store_db, number, COUNTER, ticket_story(store_db, number).version,
                    services=(ServiceLine("prong_retip", "Retip four prongs", "80.00"),))
    assert "$90.00 is already paid" in paid.value.problems["services"]
    assert _edit_rows(store_db) == 0


def test_an_unknown_jeweler_is_refused(store_db):
    number = take_in_ring(store_db)
    with pytest.raises(Invalid) as invalid:
        edit_ticket(store_db, number, COUNTER, ticket_story(store_db, number).version,
                    description="Plain band", assigned_to="XX")
    assert list(invalid.value.problems) == ["assigned_to"]
    assert ticket_story(store_db, number).item_description == "Lady's solitaire engagement ring"


def test_a_closed_ticket_cannot_be_edited(store_db):
    number = take_in_ring(store_db)
    cancel(store_db, number, MANAGER, "customer took it elsewhere")
    before = ticket_story(store_db, number)
    with pytest.raises(Invalid) as invalid:
        edit_ticket(store_db, number, MANAGER, before.version, description="Plain band")
    assert "cancelled" in invalid.value.problems["ticket"]
    assert ticket_story(store_db, number) == before


def test_the_record_of_edits_cannot_be_changed_even_by_hand(store_db):
    number = take_in_ring(store_db)
    edit_ticket(store_db, number, COUNTER, ticket_story(store_db, number).version,
                metal="18K white gold")
    with pytest.raises(HistoryIsAppendOnly), store_db.session() as session:
        session.scalars(select(TicketEdit)).one().new_value = "platinum"
    with pytest.raises(HistoryIsAppendOnly), store_db.session() as session:
        session.delete(session.scalars(select(TicketEdit)).one())
    with pytest.raises(DBAPIError, match="append-only"), store_db.session() as session:
        session.execute(text("UPDATE ticket_edit SET new_value = 'platinum'"))
    with pytest.raises(DBAPIError, match="append-only"), store_db.session() as session:
        session.execute(text("DELETE FROM ticket_edit"))
    edits = ticket_story(store_db, number).edits
    assert [(e.old_value, e.new_value) for e in edits] == [("14K white gold", "18K white gold")]
