"""What the schema cannot say about a version 2 document, checked a record at a time.

The same rules as version 1 (semantic.py) for what both carry, kept by the same
methods; and for what only version 2 carries (payments, promise changes, edits, days
off, photos, a parcel's pieces) the same value rules the services keep. References
point back to sections already read, so one pass, start to end, sees everything.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from datetime import datetime
from typing import Any

from jeweldesk.domain.rules import (
    HIGHEST_TAX_PERCENT,
    NAME,
    TERMS,
    TEXT,
    method_list_problem,
    percent_problem,
)
from jeweldesk.domain.way import currency_problem, locale_problem
from jeweldesk.domain.writing import TITLE_CHARS
from jeweldesk.interchange import carried
from jeweldesk.interchange.common import (
    Problem,
    path_of,
    read_date,
    read_timestamp,
    timestamp_text,
)
from jeweldesk.interchange.semantic import (
    AT_VENDOR,
    Checker,
    Where,
    _all_storable,
    _bad_texts,
    _key,
)
from jeweldesk.printing import note_wording_problem

PIN_KEYS = tuple(f.key for f in carried.STAFF.fields if f.backup_only)


class StreamChecker(Checker):
    """Fed one record at a time (``record``), then ``finish``; problems in ``problems``."""

    def __init__(self) -> None:
        super().__init__({})
        self.backup = False
        self.parcels: dict[str, int] = {}
        # For each ticket sent out: (the at_vendor moment, the next event's moment).
        self.sent: dict[str, list[tuple[datetime | None, datetime | None]]] = {}
        # Tickets whose records passed the schema and were read here: a parcel is checked
        # against these only, so a ticket's own problem is not said again as its parcel's.
        self.read_tickets: set[str] = set()
        self.planned_by: list[tuple[Where, Any]] = []
        self.tax_rates: set[str] = set()
        self.may_hold_unstorable: Callable[[], bool] = lambda: True
        self._identities: dict[str, tuple[dict[str, int], str]] = {
            "staff": (self.staff, "code"), "catalog": ({}, "code"),
            "vendors": (self.vendors, "code"), "customers": (self.customers, "ref"),
            "tickets": (self.tickets, "number"), "parcels": (self.parcels, "ref")}

    def storable(self, value: Any, where: Where) -> None:
        if self.may_hold_unstorable() and not _all_storable(value):
            for place in _bad_texts(value, where):
                self.add(place, "holds a NUL or an unpaired surrogate character, which no "
                                "database can keep")

    def own_code(self, seen: dict[str, int], name: str, i: int, key: str,
                 record: dict[str, Any]) -> None:
        code = _key(record.get(key))
        if code is None:
            return
        if code in seen:
            self.add((name, i, key), f"{code} appears twice (first at {path_of(name, seen[code])})")
        else:
            seen[code] = i

    def base64(self, value: Any, where: Where) -> None:
        if isinstance(value, str):
            try:
                base64.b64decode(value, validate=True)
            except (binascii.Error, ValueError):
                self.add(where, "is not base64 (RFC 4648, with its padding)")

    # --- sections ------------------------------------------------------------------

    def store(self, store: Any) -> None:
        if not isinstance(store, dict):
            return
        self.storable(store, ("store",))
        self.document = {"store": store}
        self.check_store()  # zone and name, as version 1
        self.document = {}
        self.base64(store.get("logo"), ("store", "logo"))
        closed = store.get("closed_days")
        for i, day in enumerate(closed if isinstance(closed, list) else []):
            if isinstance(day, dict):
                self.date(day.get("day"), ("store", "closed_days", i, "day"))
                self.text(day, "reason", NAME, "store", "closed_days", i)
        for key in ("ticket_prefix", "parcel_prefix"):
            self.text(store, key, NAME, "store")
        self.text(store, "note_wording", TERMS, "store", lines=True)
        wording = store.get("note_wording")
        if isinstance(wording, str) and wording.strip():
            problem = note_wording_problem(wording)
            if problem:
                self.add(("store", "note_wording"), problem)
        for key, problem_of in (("currency", currency_problem), ("locale", locale_problem)):
            value = store.get(key)
            if isinstance(value, str) and (problem := problem_of(value)):
                self.add(("store", key), problem)
        methods = store.get("payment_methods")
        if isinstance(methods, str):
            problem = method_list_problem(tuple(methods.split(",")))
            if problem:
                self.add(("store", "payment_methods"), problem)
        rates = store.get("tax_rates")
        self.tax_rates = set()
        for i, rate in enumerate(rates if isinstance(rates, list) else []):
            if isinstance(rate, dict):
                self.text(rate, "name", NAME, "store", "tax_rates", i, required=True)
                self._percent(rate.get("percent"), ("store", "tax_rates", i, "percent"))
                if isinstance(rate.get("code"), str):
                    self.tax_rates.add(rate["code"])

    def _percent(self, value: Any, where: Where) -> None:
        if isinstance(value, str) and percent_problem(value, HIGHEST_TAX_PERCENT)[1]:
            self.add(where, f"{value} is not a percent from 0.001 to {HIGHEST_TAX_PERCENT}")

    def identify(self, name: str, i: int, record: Any) -> None:
        """A record's own code, kept even when the record has other problems, so what
        refers to it is not refused as well."""
        if isinstance(record, dict) and name in self._identities:
            seen, key = self._identities[name]
            self.own_code(seen, name, i, key, record)

    def record(self, name: str, i: int, record: Any) -> None:
        if not isinstance(record, dict):
            return
        self.storable(record, (name, i))
        getattr(self, f"_{name}")(i, record)

    def _staff(self, i: int, record: dict[str, Any]) -> None:
        self.text(record, "name", NAME, "staff", i, required=True)
        if not self.backup:
            for key in PIN_KEYS:
                if key in record:
                    self.add(("staff", i, key), 'only a full backup ("backup": true) carries '
                                                "the PINs")
        self.timestamp(record.get("last_failed_pin_at"), ("staff", i, "last_failed_pin_at"))
        days = record.get("days_off")
        for k, entry in enumerate(days if isinstance(days, list) else []):
            if not isinstance(entry, dict):
                continue
            where = ("staff", i, "days_off", k)
            self.date(entry.get("first_day"), (*where, "first_day"))
            self.date(entry.get("last_day"), (*where, "last_day"))
            first, last = read_date(entry.get("first_day")), read_date(entry.get("last_day"))
            if first and last and last < first:
                self.add((*where, "last_day"), "is before the first day")
            self.timestamp(entry.get("planned_at"), (*where, "planned_at"))
            self.text(entry, "note", NAME, *where)
            self.planned_by.append(((*where, "planned_by"), entry.get("planned_by")))

    def end_of_staff(self) -> None:
        for where, code in self.planned_by:
            self.refers(self.staff, code, where, "staff member with code")
        self.planned_by = []

    def _catalog(self, i: int, record: dict[str, Any]) -> None:
        self.text(record, "name", NAME, "catalog", i, required=True)
        self.money(record.get("default_price"), ("catalog", i, "default_price"))
        rate = record.get("tax_rate")
        if isinstance(rate, str) and rate not in self.tax_rates:
            self.add(("catalog", i, "tax_rate"), f"no tax rate with code {rate!r} in the store")

    def _vendors(self, i: int, record: dict[str, Any]) -> None:
        self.text(record, "name", NAME, "vendors", i, required=True)
        self.text(record, "contact", NAME, "vendors", i)

    def _customers(self, i: int, record: dict[str, Any]) -> None:
        self.text(record, "name", NAME, "customers", i, required=True)
        self.text(record, "notes", TEXT, "customers", i, lines=True)
        self.text(record, "addressed_as", TITLE_CHARS, "customers", i)
        self.text(record, "postal_address", TEXT, "customers", i, lines=True)

    def _tickets(self, i: int, ticket: dict[str, Any]) -> None:
        self.check_ticket(i, ticket)  # everything version 1 carries, by version 1's rules
        self.text(ticket, "collected_by", NAME, "tickets", i)
        received = self.received_at.get(_key(ticket.get("number")) or "")
        for key in ("edits", "payments", "discounts", "promise_changes", "contacts", "handled",
                    "photos"):
            entries = ticket.get(key)
            for k, entry in enumerate(entries if isinstance(entries, list) else []):
                if isinstance(entry, dict):
                    self._history(("tickets", i, key, k), key, entry, received)
        events = ticket.get("events")
        number = _key(ticket.get("number"))
        if number is not None:
            self.read_tickets.add(number)
        if isinstance(events, list) and number is not None and AT_VENDOR in [
                e.get("status") for e in events if isinstance(e, dict)]:
            moments = [read_timestamp(e.get("at")) if isinstance(e, dict) else None
                       for e in events]
            sent = [(moments[j], moments[j + 1] if j + 1 < len(events) else None)
                    for j, e in enumerate(events)
                    if isinstance(e, dict) and e.get("status") == AT_VENDOR]
            if sent:
                self.sent[number] = sent

    def _history(self, where: Where, key: str, entry: dict[str, Any],
                 received: datetime | None) -> None:
        moment_key = "taken_at" if key == "photos" else "at"
        at = self.timestamp(entry.get(moment_key), (*where, moment_key))
        if at is not None and received is not None and at < received:
            self.add((*where, moment_key), f"{timestamp_text(at)} is before the ticket was "
                                           "received")
        if "by" in entry:
            self.refers(self.staff, entry.get("by"), (*where, "by"), "staff member with code")
        if key == "payments":
            self.money(entry.get("amount"), (*where, "amount"), credit=True)  # refunds too
            self.text(entry, "reason", TEXT, *where, lines=True)
        elif key == "discounts":
            amount, percent = entry.get("amount"), entry.get("percent")
            if (amount is None) == (percent is None):
                self.add((*where, "amount"), "a discount is an amount or a percent, one of them")
            elif amount is not None:
                self.money(amount, (*where, "amount"))
            else:
                self._percent(percent, (*where, "percent"))
            self.text(entry, "reason", TEXT, *where, required=True, lines=True)
        elif key == "promise_changes":
            for day in ("old_date", "new_date"):
                self.date(entry.get(day), (*where, day))
            self.text(entry, "reason", TEXT, *where, lines=True)
        elif key == "contacts":
            self.text(entry, "note", TEXT, *where, lines=True)
            self.text(entry, "outcome", NAME, *where)
        elif key == "handled":
            for day in ("expected_ready", "promised_for"):
                self.date(entry.get(day), (*where, day))
        elif key == "photos":
            self.base64(entry.get("data"), (*where, "data"))

    def _parcels(self, i: int, parcel: dict[str, Any]) -> None:
        self.refers(self.vendors, parcel.get("vendor"), ("parcels", i, "vendor"),
                    "vendor with code")
        self.refers(self.staff, parcel.get("sent_by"), ("parcels", i, "sent_by"),
                    "staff member with code")
        sent = self.timestamp(parcel.get("sent_at"), ("parcels", i, "sent_at"))
        back = self.timestamp(parcel.get("received_at"), ("parcels", i, "received_at"))
        self.date(parcel.get("expected_back"), ("parcels", i, "expected_back"))
        if sent is not None and back is not None and back < sent:
            self.add(("parcels", i, "received_at"),
                     f"{timestamp_text(back)} is before the parcel was sent")
        items = parcel.get("items")
        seen: set[str] = set()
        for k, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, dict) or not isinstance(item.get("ticket"), str):
                continue
            where = ("parcels", i, "items", k)
            number = item["ticket"]
            if number in seen:
                self.add((*where, "ticket"), f"{number} is listed twice in this parcel")
            seen.add(number)
            returned = self.timestamp(item.get("returned_at"), (*where, "returned_at"))
            if returned is not None and sent is not None and returned < sent:
                self.add((*where, "returned_at"), f"{timestamp_text(returned)} is before the "
                                                  "parcel was sent")
            if number not in self.tickets:
                self.add((*where, "ticket"), f"no ticket with number {number!r} in the document")
            elif sent is not None:
                self._sent_piece(number, sent, returned, (*where, "ticket"))

    def _sent_piece(self, number: str, sent: datetime, back: datetime | None,
                    where: Where) -> None:
        if number not in self.read_tickets:
            return  # its own record's problems are said where they are
        moves = [pair for pair in self.sent.get(number, []) if pair[0] == sent]
        if not moves:
            self.add(where, f"{number} has no at_vendor event at the parcel's sent_at "
                            f"{timestamp_text(sent)}")
            return
        next_at = moves[0][1]
        if back is not None and next_at is not None and next_at < back:
            self.add(where, f"{number} moved on at {timestamp_text(next_at)}, before it came "
                            f"back from the vendor ({timestamp_text(back)})")


def check_document(document: Any) -> list[Problem]:
    """A whole version 2 document already in memory (validate's way in)."""
    from jeweldesk.interchange.import_v2 import check_only

    return check_only(document)
