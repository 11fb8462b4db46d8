"""One set of rules whatever the door: the same values, generated, through the services
and through the importer, on SQLite and on PostgreSQL.

Each door either takes a value whole or refuses it with a plain message and writes
nothing; both doors agree; and whatever was taken exports and imports again.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jeweldesk.domain.errors import ServiceError
from jeweldesk.interchange.common import InvalidDocument, drain, timestamp_text
from jeweldesk.interchange.exporter import export_document
from jeweldesk.interchange.importer import import_document
from jeweldesk.interchange.validate import validate
from jeweldesk.services.customers import CustomerDetails
from jeweldesk.services.intake import Piece, Visit, take_in
from jeweldesk.services.piece_checks import ServiceLine
from jeweldesk.services.store import list_staff, store_settings
from jeweldesk.storage.lookups import store_now
from tests.support.interchange import row_counts
from tests.support.store import MANAGER

ODD_TEXTS = ["", "   ", "a\x00b", "bell\x07", "tab\there", "two\nlines", "\ud800",
             "x" * 201, "y" * 4001, "١٢٣٤", "Zoë Ångström", "陳美玲"]
TEXTS = st.one_of(st.text(max_size=40), st.sampled_from(ODD_TEXTS))
AMOUNTS = st.one_of(
    st.decimals(min_value=Decimal("-200"), max_value=Decimal("100000"), places=2,
                allow_nan=False, allow_infinity=False),
    st.sampled_from([Decimal("15.12345"), Decimal("1E+20"), Decimal("0.001"),
                     Decimal("9999999999.99"), Decimal("10000000000.00"), Decimal("-50.00"),
                     Decimal("5000.00")]),
)


def _text_of(amount: Decimal) -> str:
    """As a file writes it: two places when it has at most two, else as it is."""
    return f"{amount:.2f}" if amount == amount.quantize(Decimal("0.01")) else str(amount)


@st.composite
def pieces(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "name": draw(st.one_of(st.just("Dana Whitfield"), TEXTS)),
        "description": draw(st.one_of(st.just("Gold band"), TEXTS)),
        "metal": draw(st.one_of(st.none(), TEXTS)),
        "stones": draw(st.one_of(st.none(), TEXTS)),
        "prices": draw(st.lists(AMOUNTS, min_size=1, max_size=3)),
        "deposit": draw(st.one_of(st.just(Decimal("0.00")), AMOUNTS)),
        "declared": draw(st.one_of(st.none(), AMOUNTS)),
        "promise_in": draw(st.one_of(st.integers(0, 60), st.integers(0, 3000))),
        "occasion": draw(st.one_of(st.none(), TEXTS)),
    }


def _through_the_services(db: Any, values: dict[str, Any], today: date) -> str | None:
    piece = Piece(
        kind="ring", description=values["description"],
        services=tuple(ServiceLine("cleaning", f"Line {n}", _text_of(price))
                       for n, price in enumerate(values["prices"])),
        promised_for=today + timedelta(days=values["promise_in"]),
        metal=values["metal"], stones=values["stones"],
        declared_value=None if values["declared"] is None else _text_of(values["declared"]),
        deposit=_text_of(values["deposit"]), deposit_method="cash",
        occasion_what=values["occasion"],
        occasion_date=today + timedelta(days=1) if values["occasion"] else None)
    try:
        take_in(db, Visit((piece,), new_customer=CustomerDetails(values["name"])), by=MANAGER)
    except ServiceError as exc:
        return str(exc)
    return None


def _document(db: Any, values: dict[str, Any], number: str) -> dict[str, Any]:
    settings_now = store_settings(db)
    with db.session(write=False) as session:
        now = store_now(session)
    manager = next(s for s in list_staff(db) if s.code == MANAGER)
    today = now.date()
    return {
        "format": "jeweldesk-interchange", "version": 1,
        "store": {"name": settings_now.name, "timezone": settings_now.timezone,
                  "open_weekdays": list(settings_now.open_weekdays), "closed_dates": []},
        "staff": [{"code": MANAGER, "name": manager.name, "role": "manager"}],
        "vendors": [],
        "customers": [{"ref": "C-1", "name": values["name"], "phone": None, "email": None,
                       "notes": None}],
        "tickets": [{
            "number": number, "customer": "C-1",
            "received_at": timestamp_text(now), "taken_in_by": MANAGER,
            "item": {"kind": "ring", "description": values["description"],
                     "metal": values["metal"], "stones": values["stones"],
                     "condition": None,
                     "declared_value": None if values["declared"] is None
                     else _text_of(values["declared"])},
            "services": [{"code": "cleaning", "description": f"Line {n}",
                          "price": _text_of(price), "vendor": None}
                         for n, price in enumerate(values["prices"])],
            "deposit": _text_of(values["deposit"]),
            "promised_for": (today + timedelta(days=values["promise_in"])).isoformat(),
            "occasion": {"what": values["occasion"],
                         "date": (today + timedelta(days=1)).isoformat()}
            if values["occasion"] else None,
            "assigned_to": None,
            "events": [{"at": timestamp_text(now), "status": "received", "by": MANAGER}],
        }],
        "shipments": [], "contacts": [],
    }


def _through_the_importer(db: Any, document: dict[str, Any]) -> str | None:
    try:
        drain(import_document(db, document))
    except InvalidDocument as exc:
        return "; ".join(f"{p.path}: {p.message}" for p in exc.problems)
    return None


def test_the_same_values_meet_the_same_rules_at_every_door(store_db, empty_db_like):
    numbers = itertools.count(1)

    @settings(max_examples=60, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(values=pieces())
    def both_doors(values: dict[str, Any]) -> None:
        with store_db.session(write=False) as session:
            today = store_now(session).date()
        before = row_counts(store_db)
        by_service = _through_the_services(store_db, values, today)
        if by_service is not None:
            assert row_counts(store_db) == before, "a refused intake wrote something"
        document = _document(store_db, values, f"X-{next(numbers)}")
        middle = row_counts(store_db)
        by_import = _through_the_importer(store_db, document)
        if by_import is not None:
            assert row_counts(store_db) == middle, "a refused import wrote something"
        assert (by_service is None) == (by_import is None), (
            f"the services said {by_service or 'yes'}; the importer said {by_import or 'yes'}")

    both_doors()
    exported = export_document(store_db)
    assert validate(exported) == []
    again = empty_db_like(store_db)
    drain(import_document(again, exported))
    assert row_counts(again)["ticket"] == row_counts(store_db)["ticket"]
    assert export_document(again)["tickets"] == exported["tickets"]
