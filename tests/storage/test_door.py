"""The one write door: who may do what, the refusal that says so, and nothing written."""

import ast
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

import jeweldesk
from jeweldesk.domain.errors import NotAllowed
from jeweldesk.domain.status import Status
from jeweldesk.services.changes import change_marker
from jeweldesk.services.intake import Visit, take_in
from jeweldesk.services.moves import cancel, move
from jeweldesk.services.pickup import take_payment
from jeweldesk.services.piece_checks import ServiceLine
from jeweldesk.services.store import (
    catalog,
    list_staff,
    save_catalog,
    store_settings,
    update_staff,
    update_store,
)
from jeweldesk.services.story import ticket_story
from tests.support.store import BENCH, COUNTER, MANAGER, ring, take_in_ring


def test_a_counter_clerk_cannot_cancel_and_is_told_who_can(store_db):
    number = take_in_ring(store_db)
    before = ticket_story(store_db, number)
    with pytest.raises(NotAllowed) as refused:
        cancel(store_db, number, COUNTER, "changed her mind")
    assert str(refused.value) == f"Kate Pruitt (counter) cannot cancel {number}; a manager can."
    assert ticket_story(store_db, number) == before
    cancel(store_db, number, MANAGER, "changed her mind")
    assert ticket_story(store_db, number).status is Status.CANCELLED


def test_only_a_manager_changes_settings_staff_pins_and_the_catalog(store_db):
    settings = store_settings(store_db)
    marker = change_marker(store_db)
    with pytest.raises(NotAllowed, match="change the store's settings"):
        update_store(store_db, replace(settings, name="Kate's Store"), by=COUNTER)
    manager = next(s for s in list_staff(store_db) if s.code == MANAGER)
    with pytest.raises(NotAllowed, match="Kate Pruitt \\(counter\\) cannot change staff"):
        update_staff(store_db, manager, COUNTER, pin="0000")
    prices = catalog(store_db)
    with pytest.raises(NotAllowed, match="change the catalog"):
        save_catalog(store_db, [replace(e, default_price="0.00") for e in prices], by=BENCH)
    assert store_settings(store_db) == settings
    assert catalog(store_db) == prices
    assert change_marker(store_db) == marker  # nothing written, so nothing to notice
    update_store(store_db, replace(settings, name="Harbor Lane Fine Jewelry"), by=MANAGER)
    assert store_settings(store_db).name == "Harbor Lane Fine Jewelry"
    assert change_marker(store_db) == marker + 1


def test_a_price_below_the_catalog_is_a_managers_call(store_db):
    listed = next(e for e in catalog(store_db) if e.code == "prong_retip")
    cheap = (ServiceLine("prong_retip", "Retip four prongs", "0.01"),)
    customer = ticket_story(store_db, take_in_ring(store_db)).customer_id
    visit = Visit((ring(services=cheap, deposit="0"),), customer_id=customer)
    with pytest.raises(NotAllowed) as refused:
        take_in(store_db, visit, by=COUNTER)
    assert str(refused.value) == ("Kate Pruitt (counter) cannot charge less than the catalog "
                                  "price on Retip four prongs; a manager can.")
    assert listed.default_price > Decimal("0.01")
    (number,) = take_in(store_db, visit, by=MANAGER)
    assert ticket_story(store_db, number).services[0].price == Decimal("0.01")


def test_the_bench_moves_pieces_but_does_not_take_money(store_db):
    number = take_in_ring(store_db)
    move(store_db, number, Status.AT_BENCH, by=BENCH)
    with pytest.raises(NotAllowed, match="Jonah Reyes \\(bench\\) cannot take a payment on"):
        take_payment(store_db, number, "cash", "10.00", by=BENCH)
    assert ticket_story(store_db, number).status is Status.AT_BENCH


def _opens_a_writing_session(node: ast.AST) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "session" and not node.args and not node.keywords)


def _names(node: ast.AST, name: str) -> bool:
    return ((isinstance(node, ast.Name) and node.id == name)
            or (isinstance(node, ast.Attribute) and node.attr == name))


def _calls_outside_the_door(name: str) -> list[str]:
    """Where the package itself opens a writing transaction, marks a change or catches a
    version clash, other than in the door."""
    package = Path(jeweldesk.__file__).parent
    found = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "door.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if _opens_a_writing_session(node) if name == "session()" else _names(node, name):
                found.append(f"{path.relative_to(package)}:{node.lineno}")
    return found


@pytest.mark.parametrize("name", ["session()", "mark_changed", "StaleDataError"])
def test_every_write_goes_through_the_one_door(name):
    allowed = {"storage/engine.py"}  # where the session itself is defined
    assert [f for f in _calls_outside_the_door(name)
            if f.split(":")[0] not in allowed] == []
