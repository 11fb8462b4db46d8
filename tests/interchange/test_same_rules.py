"""The values measured getting past one door or the other, each refused with its field
named and nothing written."""

from __future__ import annotations

from datetime import date

import pytest

from jeweldesk.domain.errors import Invalid
from jeweldesk.interchange.common import InvalidDocument, drain
from jeweldesk.interchange.importer import import_document
from jeweldesk.interchange.validate import parse_document
from jeweldesk.services.customers import CustomerDetails, add_customer
from jeweldesk.services.piece_checks import ServiceLine
from tests.support.interchange import example, row_counts
from tests.support.store import COUNTER, MANAGER, ring, take_in_ring


@pytest.mark.parametrize(("changes", "field", "said"), [
    ({"description": "x" * 1_000_000}, "pieces[0].description", "longer than 4,000"),
    ({"description": "Gold\x00band"}, "pieces[0].description", "control character"),
    ({"services": (ServiceLine("c" * 10_000, "Cleaning", "25.00"),)},
     "pieces[0].services[0].code", "longer than 64"),
    ({"services": (ServiceLine("cleaning", "Cleaning", "15.12345"),)},
     "pieces[0].services[0].price", "more than two decimal places"),
    ({"services": (ServiceLine("cleaning", "Cleaning", "1e20"),)},
     "pieces[0].services[0].price", "not an amount of money"),
    ({"declared_value": "99999999999.99"}, "pieces[0].declared_value", "more than the store"),
    ({"promised_for": date(9999, 12, 31)}, "pieces[0].promised_for", "years ahead"),
    ({"deposit": "5000.00"}, "pieces[0].deposit", "more than the total"),
])
def test_intake_refuses_what_no_door_may_keep(store_db, changes, field, said):
    before = row_counts(store_db)
    with pytest.raises(Invalid) as refused:
        take_in_ring(store_db, **changes)
    assert said in refused.value.problems[field]
    assert len(str(refused.value)) < 300  # a bad value is never echoed whole
    assert row_counts(store_db) == before


def test_a_customer_name_of_ten_thousand_characters_is_refused(store_db):
    with pytest.raises(Invalid, match="longer than 200"):
        add_customer(store_db, CustomerDetails("N" * 10_000), COUNTER)


def test_a_credit_line_is_a_managers_and_the_ticket_still_comes_to_something(store_db):
    credit = (ServiceLine("cleaning", "Cleaning", "40.00"),
              ServiceLine("courtesy", "Courtesy for the wait", "-15.00"))
    from jeweldesk.domain.errors import NotAllowed
    from jeweldesk.services.intake import Visit, take_in

    visit = Visit((ring(services=credit, deposit="0.00"),), new_customer=CustomerDetails("Ann Lee"))
    with pytest.raises(NotAllowed, match="a manager can"):
        take_in(store_db, visit, by=COUNTER)
    take_in(store_db, visit, by=MANAGER)
    too_much = (ServiceLine("courtesy", "Courtesy", "-15.00"),)
    with pytest.raises(Invalid, match="less than nothing"):
        take_in(store_db, Visit((ring(services=too_much, deposit="0.00"),),
                                new_customer=CustomerDetails("Ann Lee")), by=MANAGER)


def _refused(db, document) -> list[str]:
    before = row_counts(db)
    with pytest.raises(InvalidDocument) as refused:
        drain(import_document(db, document))
    assert row_counts(db) == before
    return [f"{p.path}: {p.message}" for p in refused.value.problems]


def test_the_importer_refuses_money_that_can_never_be_settled(db):
    document = example()
    document["tickets"][0]["deposit"] = "5000.00"  # on a 150.00 ticket
    document["tickets"][1]["services"][0]["price"] = "-500.00"
    problems = _refused(db, document)
    assert any(p.startswith("$.tickets[0].deposit: the deposit 5000.00 is more than the "
                            "total 150.00") for p in problems)
    assert any(p.startswith("$.tickets[1].services: the lines come to") for p in problems)


def test_the_importer_refuses_a_name_of_nothing_but_spaces(db):
    document = example()
    document["customers"][0]["name"] = "   "
    document["staff"][0]["name"] = "\t"
    assert _refused(db, document) == ["$.staff[0].name: cannot be empty",
                                      "$.customers[0].name: cannot be empty"]


def test_a_document_saying_one_key_twice_is_refused():
    with pytest.raises(InvalidDocument) as refused:
        parse_document('{"format": "jeweldesk-interchange", "version": 1, "version": 2}')
    assert "the key 'version' appears twice" in refused.value.problems[0].message
