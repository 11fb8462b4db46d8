"""What the schema cannot say: references, duplicates, real dates, money, possible histories.

Every check reads the document defensively: a record of the wrong shape has already
been reported by the schema check, and is skipped here rather than crashing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import Any
from zoneinfo import available_timezones

from jeweldesk.domain.rules import (
    NAME,
    PROMISE_YEARS_AHEAD,
    TEXT,
    date_problem,
    deposit_problem,
    text_problem,
)
from jeweldesk.domain.status import ALLOWED_MOVES, Status, refusal
from jeweldesk.interchange.common import (
    Problem,
    path_of,
    read_date,
    read_money,
    read_timestamp,
    timestamp_text,
)

# What the schema's patterns let through (re.search with "$"), to tell "not a real
# date" apart from shapes the schema has already refused.
_LOOSE_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_LOOSE_TIMESTAMP = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$")
_LOOSE_MONEY = re.compile(r"^-?[0-9]+\.[0-9]{2}$")
MONEY_LIMIT = Decimal("10000000000")  # Numeric(12, 2)

# Columns narrower than the schema allows: PostgreSQL would refuse the whole import.
# (Every real time zone name fits; this only names the problem before the zone check.)
_WIDTHS: dict[tuple[str, str], int] = {
    ("store", "timezone"): 64,
}


Where = tuple[str | int, ...]  # a JSON path, spelled out only when there is a problem


def records(document: Any, name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    items = document.get(name) if isinstance(document, dict) else None
    if isinstance(items, list):
        for i, item in enumerate(items):
            if isinstance(item, dict):
                yield i, item


def _key(value: Any) -> str | None:
    return value if isinstance(value, str) else None


_STATUSES = {status.value: status for status in Status}
# An enum member read off its class is a call each time; half a million events read these.
_RECEIVED = Status.RECEIVED
AT_VENDOR = Status.AT_VENDOR.value


def _status(value: Any) -> Status | None:
    # A dict, not Status(value): half a million events go through here on a big import.
    return _STATUSES.get(value) if isinstance(value, str) else None


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


class Checker:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.problems: list[Problem] = []
        self.staff = self._codes("staff", "code")
        self.vendors = self._codes("vendors", "code")
        self.customers = self._codes("customers", "ref")
        self.tickets = self._codes("tickets", "number")
        self._codes("shipments", "ref")
        self.received_at: dict[str, datetime] = {}

    def add(self, where: Where, message: str) -> None:
        self.problems.append(Problem(path_of(*where), message))

    def _codes(self, name: str, key: str) -> dict[str, int]:
        """Each record's own identifier, refusing the second of any two alike."""
        seen: dict[str, int] = {}
        for i, record in records(self.document, name):
            code = _key(record.get(key))
            if code is None:
                continue
            if code in seen:
                self.add((name, i, key),
                         f"{code} appears twice (first at {path_of(name, seen[code])})")
            else:
                seen[code] = i
        return seen

    def refers(self, known: dict[str, int], value: Any, where: Where, what: str) -> None:
        if isinstance(value, str) and value not in known:
            self.add(where, f"no {what} {value!r} in the document")

    # --- values ----------------------------------------------------------------

    def date(self, value: Any, where: Where) -> None:
        if isinstance(value, str) and _LOOSE_DATE.search(value):
            day = read_date(value)
            problem = date_problem(day) if day else f"{value!r} is not a real date"
            if problem:
                self.add(where, problem)

    def text(self, record: dict[str, Any], key: str, width: int, *where: str | int,
             required: bool = False, lines: bool = False) -> None:
        """The same rule the services keep for this field (widths the schema already says)."""
        value = record.get(key)
        if value is None and not required:
            return
        if type(value) is str and (not required or value.strip()) \
                and not (_UNSEEN_IN_LINES if lines else _UNSEEN_IN_NAMES).search(value):
            return  # the usual case, told in one search (this runs a million times an import)
        if isinstance(value, str) and _UNSTORABLE.search(value):
            return  # said once, for every field, by _bad_texts
        if isinstance(value, str) or (required and value is None and key in record):
            problem = text_problem(value, width, required=required, lines=lines)
            if problem and not problem.startswith("longer"):
                self.add((*where, key), problem)

    def timestamp(self, value: Any, where: Where) -> datetime | None:
        moment = read_timestamp(value)
        if moment is None and isinstance(value, str) and _LOOSE_TIMESTAMP.search(value):
            self.add(where, f"{value!r} is not a real moment in time")
        return moment

    def money(self, value: Any, where: Where, credit: bool = False) -> Decimal | None:
        if not isinstance(value, str) or not _LOOSE_MONEY.search(value):
            return None  # null where allowed, or already refused by the schema
        amount = read_money(value)
        if amount is None:
            self.add(where, f"{value!r} is not money with two decimals")
        elif amount < 0 and not credit:
            self.add(where, f"{value} is negative; a deposit or a declared value cannot be")
        elif abs(amount) >= MONEY_LIMIT:
            self.add(where, f"{value} is more than the store's records can hold")
        else:
            return amount
        return None

    def widths(self, name: str, record: dict[str, Any], *where: str | int) -> None:
        for (section, key), width in _WIDTHS.items():
            value = record.get(key)
            if section == name and isinstance(value, str) and len(value) > width:
                self.add((*where, key), f"longer than {width} characters")

    # --- sections ----------------------------------------------------------------

    def check(self) -> list[Problem]:
        self.check_store()
        for name in ("staff", "vendors", "customers"):
            for i, record in records(self.document, name):
                self.widths(name, record, name, i)
                self.text(record, "name", NAME, name, i, required=True)
                self.text(record, "notes", TEXT, name, i, lines=True)
        for i, ticket in records(self.document, "tickets"):
            self.check_ticket(i, ticket)
        for i, shipment in records(self.document, "shipments"):
            self.check_shipment(i, shipment)
        for i, contact in records(self.document, "contacts"):
            self.check_contact(i, contact)
        return self.problems

    def check_store(self) -> None:
        store = self.document.get("store") if isinstance(self.document, dict) else None
        if not isinstance(store, dict):
            return
        zone = store.get("timezone")
        if isinstance(zone, str) and zone and zone not in _zones():
            self.add(("store", "timezone"), f"{zone!r} is not a time zone name")
        self.widths("store", store, "store")
        self.text(store, "name", NAME, "store", required=True)
        closed = store.get("closed_dates")
        if isinstance(closed, list):
            for i, day in enumerate(closed):
                self.date(day, ("store", "closed_dates", i))

    def check_ticket(self, i: int, ticket: dict[str, Any]) -> None:
        number = _key(ticket.get("number")) or f"tickets[{i}]"
        customer = ticket.get("customer")
        if type(customer) is not str or customer not in self.customers:
            self.refers(self.customers, customer, ("tickets", i, "customer"),
                        "customer with ref")
        for key in ("taken_in_by", "assigned_to"):
            if type(code := ticket.get(key)) is not str or code not in self.staff:
                self.refers(self.staff, code, ("tickets", i, key), "staff member with code")
        received = self.timestamp(ticket.get("received_at"), ("tickets", i, "received_at"))
        if received is not None and isinstance(ticket.get("number"), str):
            self.received_at.setdefault(ticket["number"], received)
        self.date(ticket.get("promised_for"), ("tickets", i, "promised_for"))
        promised = read_date(ticket.get("promised_for"))
        if received is not None and promised is not None and date_problem(promised) is None \
                and promised.year > received.year + PROMISE_YEARS_AHEAD:
            self.add(("tickets", i, "promised_for"),
                     f"{promised.isoformat()} is more than {PROMISE_YEARS_AHEAD} years after "
                     "the piece came in")
        deposit = self.money(ticket.get("deposit"), ("tickets", i, "deposit"))
        item = ticket.get("item")
        if isinstance(item, dict):
            self.money(item.get("declared_value"), ("tickets", i, "item", "declared_value"))
            self.text(item, "description", TEXT, "tickets", i, "item", required=True,
                      lines=True)
            for key in ("stones", "condition"):
                self.text(item, key, TEXT, "tickets", i, "item", lines=True)
            self.text(item, "metal", TEXT, "tickets", i, "item")
        occasion = ticket.get("occasion")
        if isinstance(occasion, dict):
            self.date(occasion.get("date"), ("tickets", i, "occasion", "date"))
            self.text(occasion, "what", NAME, "tickets", i, "occasion")
        services = ticket.get("services")
        total: Decimal | None = Decimal(0)
        for k, line in enumerate(services if isinstance(services, list) else []):
            if isinstance(line, dict):
                # A line may be a credit (a courtesy given back), as long as the ticket
                # still comes to something the store can settle.
                price = self.money(line.get("price"), ("tickets", i, "services", k, "price"),
                                   credit=True)
                total = None if price is None or total is None else total + price
                self.text(line, "description", TEXT, "tickets", i, "services", k, lines=True)
                self.refers(self.vendors, line.get("vendor"),
                            ("tickets", i, "services", k, "vendor"), "vendor with code")
        if total is not None and total < 0:
            self.add(("tickets", i, "services"), f"the lines come to {total}, less than "
                                                 "nothing: the piece could never be handed back")
        elif deposit is not None and total is not None and (problem := deposit_problem(
                deposit, total)):
            self.add(("tickets", i, "deposit"), f"{problem}: the piece could never be handed "
                                                "back")
        events = ticket.get("events")
        if isinstance(events, list):
            self.check_history(i, number, received, events)

    def check_history(self, i: int, number: str, received: datetime | None,
                      events: list[Any]) -> None:
        previous: tuple[datetime | None, Status | None] = (None, None)
        staff = self.staff
        for j, event in enumerate(events):
            if not isinstance(event, dict):
                previous = (None, None)
                continue
            where = ("tickets", i, "events", j)
            # Half a million events on a big import: the usual case is told inline.
            by = event.get("by")
            if isinstance(by, str) and by not in staff:
                self.refers(staff, by, (*where, "by"), "staff member with code")
            at = read_timestamp(event.get("at"))
            if at is None:
                self.timestamp(event.get("at"), (*where, "at"))
            status = _status(event.get("status"))
            if j == 0:
                if status is not None and status is not _RECEIVED:
                    self.add((*where, "status"),
                             f"the first event must be received, not {status.value}")
                if at is not None and received is not None and at != received:
                    self.add((*where, "at"), f"{timestamp_text(at)} is not the ticket's "
                             f"received_at {timestamp_text(received)}")
            else:
                before, was = previous
                if at is not None and before is not None and at < before:
                    self.add((*where, "at"), f"{timestamp_text(at)} is before the event "
                             f"before it ({timestamp_text(before)}); events go oldest first")
                if status is not None and was is not None and status not in ALLOWED_MOVES[was]:
                    self.add((*where, "status"), refusal(number, was, status))
            previous = (at if at is not None else previous[0], status)

    def check_shipment(self, i: int, shipment: dict[str, Any]) -> None:
        self.refers(self.vendors, shipment.get("vendor"), ("shipments", i, "vendor"),
                    "vendor with code")
        self.widths("shipments", shipment, "shipments", i)
        sent = self.timestamp(shipment.get("sent_at"), ("shipments", i, "sent_at"))
        back = self.timestamp(shipment.get("received_at"), ("shipments", i, "received_at"))
        self.date(shipment.get("expected_back"), ("shipments", i, "expected_back"))
        if sent is not None and back is not None and back < sent:
            self.add(("shipments", i, "received_at"),
                     f"{timestamp_text(back)} is before the parcel was sent")
        numbers = shipment.get("tickets")
        seen: set[str] = set()
        for k, number in enumerate(numbers if isinstance(numbers, list) else []):
            where = ("shipments", i, "tickets", k)
            if not isinstance(number, str):
                continue
            if number in seen:
                self.add(where, f"{number} is listed twice in this parcel")
            seen.add(number)
            if number not in self.tickets:
                self.add(where, f"no ticket with number {number!r} in the document")
            elif sent is not None:
                self.check_shipped_ticket(number, sent, back, where)

    def check_shipped_ticket(self, number: str, sent: datetime, back: datetime | None,
                             where: Where) -> None:
        i = self.tickets[number]
        events = self.document["tickets"][i].get("events")
        events = events if isinstance(events, list) else []
        moments = [read_timestamp(e.get("at")) if isinstance(e, dict) else None for e in events]
        sent_event = next((j for j, e in enumerate(events) if isinstance(e, dict)
                           and e.get("status") == AT_VENDOR and moments[j] == sent),
                          None)
        if sent_event is None:
            self.add(where, f"{number} has no at_vendor event at the parcel's sent_at "
                     f"{timestamp_text(sent)}")
            return
        following = sent_event + 1
        if back is None or following >= len(events):
            return
        next_at = moments[following]
        if next_at is not None and next_at < back:
            self.add(("tickets", i, "events", following, "at"),
                     f"{timestamp_text(next_at)} is before {number} came back "
                     f"from the vendor ({timestamp_text(back)})")

    def check_contact(self, i: int, contact: dict[str, Any]) -> None:
        self.refers(self.tickets, contact.get("ticket"), ("contacts", i, "ticket"),
                    "ticket with number")
        self.refers(self.staff, contact.get("by"), ("contacts", i, "by"),
                    "staff member with code")
        at = self.timestamp(contact.get("at"), ("contacts", i, "at"))
        received = self.received_at.get(_key(contact.get("ticket")) or "")
        if at is not None and received is not None and at < received:
            self.add(("contacts", i, "at"),
                     f"{timestamp_text(at)} is before the ticket was received")


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # NUL, and halves of a surrogate pair
# What text_problem refuses, or _UNSTORABLE: a text with none of these has no problem here.
_UNSEEN_IN_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_UNSEEN_IN_NAMES = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")


def _bad_texts(node: Any, where: Where) -> Iterator[Where]:
    if isinstance(node, str):
        if _UNSTORABLE.search(node):
            yield where
    elif isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str) and _UNSTORABLE.search(key):
                yield (*where, key)
            yield from _bad_texts(value, (*where, str(key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _bad_texts(value, (*where, i))


def _all_storable(node: Any) -> bool:
    """The quick pass (a second over 100,000 tickets): most documents need no paths."""
    search = _UNSTORABLE.search
    stack = [node]
    while stack:
        item = stack.pop()
        if type(item) is str:
            if search(item):
                return False
        elif type(item) is dict:
            for key, value in item.items():
                if type(value) is str:
                    if search(value):
                        return False
                elif value is not None:
                    stack.append(value)
                if type(key) is str and search(key):
                    return False
        elif type(item) is list:
            stack.extend(item)
    return True


def semantic_problems(document: Any) -> list[Problem]:
    checker = Checker(document)
    problems = checker.check()
    if not _all_storable(document):
        problems += [Problem(path_of(*where), "holds a NUL or an unpaired surrogate character, "
                             "which no database can keep") for where in _bad_texts(document, ())]
    return problems
