"""Taking a version 2 document in, a record at a time, in one transaction: all of it or none.

Each record is checked as it is read (the schema, then semantic_v2, then against the
store), and written a few thousand rows at a time with the ids given here, so a
100,000-ticket file is never in memory whole. The first problem stops the writing, not
the reading: the document is read to its end so every problem is named, then the
transaction is rolled back and nothing was written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from jeweldesk.domain.contact_details import phone_digits
from jeweldesk.domain.permissions import Act
from jeweldesk.interchange import carried
from jeweldesk.interchange.carried import Kind, Part
from jeweldesk.interchange.checked_beside import Beside
from jeweldesk.interchange.common import (
    InvalidDocument,
    Problem,
    Progress,
    Steps,
    collector_paused,
    path_of,
)
from jeweldesk.interchange.rows_v2 import Plan, Rows, to_column
from jeweldesk.interchange.schema_check import (
    frame_problems,
    record_check,
    record_problems,
)
from jeweldesk.interchange.semantic_v2 import StreamChecker
from jeweldesk.storage.bulk import indexes_set_aside
from jeweldesk.storage.door import THE_STORE, Actor, write
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import STORE_ID, write_as_the_store
from jeweldesk.storage.tables import Customer, Parcel, Staff, Store, Ticket, Vendor

CHUNK = 2000
# The tables a big import fills; into a new store, their indexes are built at the end.
LOADED = tuple(part.table for part in carried.PARTS)
Pairs = Iterable[tuple[str, Any]]
Where = Callable[[], tuple[int, int]]  # how far the reading is: done, of total


class V2Import:
    def __init__(self, session: Session | None, where: Where, checks: bool = True) -> None:
        """``checks``: the schema and the rules, record by record; off when a checker
        beside this writer reads the same file (the store's own checks still run)."""
        self.session = session
        self.checks = checks
        self.where = where
        self.rows = Rows(session) if session is not None else None
        self.sqlite = self.rows is None or not self.rows.postgresql
        self.check = StreamChecker()
        self.problems = self.check.problems
        self.refs: dict[Kind, dict[str, int]] = {k: {} for k in
                                                 (Kind.STAFF, Kind.VENDOR, Kind.CUSTOMER,
                                                  Kind.TICKET)}
        self.frame: dict[str, Any] = {}
        self.backup = False
        self.counts = {"staff": 0, "vendors": 0, "customers": 0, "matched": 0, "tickets": 0,
                       "parcels": 0, "contacts": 0, "payments": 0, "photos": 0}
        self.store_created = False
        self.numbers: list[str] = []
        self.refs_seen: list[str] = []

    @property
    def writing(self) -> bool:
        return self.rows is not None and not self.problems

    def plan(self, part: Part, extra: tuple[str, ...] = ()) -> Plan:
        return Plan(part, self.backup, self.sqlite, self.refs, extra)

    # --- the walk -------------------------------------------------------------------

    def run(self, pairs: Pairs) -> Steps[dict[str, Any]]:
        last = -1
        for key, value in pairs:
            if key in self.frame:
                self.check.add((key,), "appears twice in the document")
                continue
            place = carried.SECTIONS.index(key) if key in carried.SECTIONS else None
            if place is not None and place < last:
                self.check.add((key,), f"comes after {carried.SECTIONS[last]}; a version 2 "
                               "document keeps its sections in FORMAT.md's order, so it can "
                               "be read once, start to end")
            last = max(last, place if place is not None else last)
            if key in carried.LISTS and isinstance(value, Iterator):
                self.frame[key] = []
                yield from self.section(key, value)
            else:
                self.frame[key] = value
                if key == "backup":
                    self.backup = value is True
                    self.check.backup = self.backup
                elif key == "store":
                    self.store(value)
            if key == "version" and value != carried.VERSION:
                break  # the frame check says which version this is not
        self.problems += frame_problems(self.frame, carried.VERSION)
        return self.counts

    def section(self, name: str, records: Iterator[Any]) -> Steps[None]:
        chunk: list[tuple[int, Any]] = []
        keeps_schema = record_check(carried.VERSION, name)
        for i, record in enumerate(records):
            if self.checks:
                # jsonschema only for a record the quick check refuses, to name its problems
                problems = [] if keeps_schema(record) else \
                    record_problems(carried.VERSION, name, i, record)
                self.problems += problems
                self.check.identify(name, i, record)
                if not problems:
                    self.check.record(name, i, record)
            chunk.append((i, record))
            if len(chunk) == CHUNK:
                self.write(name, chunk)
                chunk = []
                if name == "tickets":
                    done, total = self.where()
                    yield Progress(done, total, "tickets")
        self.write(name, chunk)
        if name == "staff":
            if self.checks:
                self.check.end_of_staff()
            if self.writing:
                self.days_off()

    def write(self, name: str, chunk: list[tuple[int, Any]]) -> None:
        if name in ("tickets", "parcels"):
            self.against_db(name, chunk)
        if name == "tickets":
            self.counts["tickets"] += len(chunk)
            self.numbers += [r["number"] for _, r in chunk if isinstance(r, dict)
                             and isinstance(r.get("number"), str)]
        if not self.writing or not chunk:
            return
        getattr(self, f"write_{name}")([record for _, record in chunk])

    # --- against the store it goes into -----------------------------------------------

    def against_db(self, name: str, chunk: list[tuple[int, Any]]) -> None:
        if self.session is None:
            return
        key, column = ("number", Ticket.number) if name == "tickets" else ("ref", Parcel.ref)
        wanted = {r[key]: i for i, r in chunk if isinstance(r, dict) and
                  isinstance(r.get(key), str)}
        what = "ticket number" if name == "tickets" else "parcel ref"
        for start in range(0, len(wanted), 500):
            part = list(wanted)[start:start + 500]
            for value in self.session.scalars(select(column).where(column.in_(part))):
                self.problems.append(Problem(path_of(name, wanted[value], key),
                                             f"the {what} {value} is already in this store"))

    def matched(self, model: Any, name: str, records: list[Any],
                compared: tuple[str, ...]) -> dict[str, int]:
        """Codes already in the store keep their row, when the document agrees with it."""
        assert self.session is not None
        existing = {row.code: row for row in self.session.scalars(select(model))}
        found = {}
        for i, record in enumerate(records):
            row = existing.get(record.get("code"))
            if row is None:
                continue
            found[row.code] = row.id
            for key in compared:
                value = getattr(row, key)
                value = getattr(value, "value", value)
                if record.get(key) != value:
                    self.problems.append(Problem(
                        path_of(name, i, key), f"{row.code} is already in this store with {key} "
                        f"{value!r}; a code stays with one person or firm"))
        return found

    # --- writing ------------------------------------------------------------------------

    def store(self, record: Any) -> None:
        self.check.store(record)
        if not isinstance(record, dict):
            return
        self.problems += [p for p in frame_problems({"store": record}, carried.VERSION)
                          if p.path.startswith("$.store")]
        if not self.writing:
            return
        assert self.rows is not None and self.session is not None
        if self.session.get(Store, STORE_ID) is not None:
            return  # the database's own settings are kept
        plan = self.plan(carried.STORE)
        self.rows.insert("store", [*plan.columns, "change_count"],
                         [(STORE_ID, *plan.values(record), 0)])
        days = self.plan(carried.CLOSED_DAYS)
        unique = {d["day"]: d for d in record.get("closed_days", [])}
        self.rows.insert("closed_date", days.columns,
                         [tuple(days.values(d)) for d in unique.values()])
        rates = self.plan(carried.TAX_RATES)
        self.rows.insert("tax_rate", rates.columns,
                         [tuple(rates.values(r)) for r in record.get("tax_rates", [])])
        wording = self.plan(carried.NOTICE_WORDING)
        kinds = {w["kind"]: w for w in record.get("notice_wording", [])}
        self.rows.insert("notice_wording", wording.columns,
                         [tuple(wording.values(w)) for w in kinds.values()])
        self.store_created = True

    def _new_rows(self, plan: Plan, records: list[dict[str, Any]],
                  extra: Callable[[dict[str, Any]], tuple[Any, ...]] | None = None
                  ) -> list[int]:
        assert self.rows is not None
        ids = self.rows.ids(plan.table, len(records))
        row = plan.row
        self.rows.insert(plan.table, plan.columns, [
            row(r, i, *extra(r)) for i, r in zip(ids, records, strict=True)] if extra else [
            row(r, i) for i, r in zip(ids, records, strict=True)])
        return ids

    def write_staff(self, records: list[dict[str, Any]]) -> None:
        found = self.matched(Staff, "staff", records, ("name", "role"))
        self.refs[Kind.STAFF].update(found)
        if self.problems:
            return
        new = [r for r in records if r["code"] not in found]
        ids = self._new_rows(self.plan(carried.STAFF), new)
        self.refs[Kind.STAFF].update(zip([r["code"] for r in new], ids, strict=True))
        self.counts["staff"] += len(records)
        self.staff_records = getattr(self, "staff_records", []) + records

    def days_off(self) -> None:
        plan = self.plan(carried.DAYS_OFF, ("staff_id",))
        entries = [(self.refs[Kind.STAFF][r["code"]], d)
                   for r in getattr(self, "staff_records", []) for d in r.get("days_off", [])]
        assert self.rows is not None
        ids = self.rows.ids(plan.table, len(entries))
        self.rows.insert(plan.table, plan.columns, [
            plan.row(d, i, staff_id) for i, (staff_id, d) in zip(ids, entries, strict=True)])

    def write_catalog(self, records: list[dict[str, Any]]) -> None:
        assert self.session is not None and self.rows is not None
        from jeweldesk.storage.tables import CatalogService

        present = set(self.session.scalars(select(CatalogService.code)))
        plan = self.plan(carried.CATALOG)
        self.rows.insert(plan.table, plan.columns, [tuple(plan.values(r)) for r in records
                                                    if r["code"] not in present])
        if self.store_created:
            # A new database comes with the shipped catalog: the file's own prices, names,
            # days and taxes for those services are the store's, and replace it.
            for r in records:
                if r["code"] in present:
                    values = dict(zip(plan.columns, plan.values(r), strict=True))
                    for key in ("id", "code"):
                        values.pop(key, None)
                    self.session.execute(update(CatalogService)
                                         .where(CatalogService.code == r["code"])
                                         .values(**values))

    def write_vendors(self, records: list[dict[str, Any]]) -> None:
        found = self.matched(Vendor, "vendors", records,
                             ("name", "phone", "email", "quoted_turnaround_days"))
        self.refs[Kind.VENDOR].update(found)
        if self.problems:
            return
        new = [r for r in records if r["code"] not in found]
        ids = self._new_rows(self.plan(carried.VENDORS), new)
        self.refs[Kind.VENDOR].update(zip([r["code"] for r in new], ids, strict=True))
        self.counts["vendors"] += len(records)

    def write_customers(self, records: list[dict[str, Any]]) -> None:
        assert self.session is not None
        if not hasattr(self, "known_customers"):
            self.known_customers: dict[tuple[str, str], int] = {}
            for customer_id, name, phone in self.session.execute(
                    select(Customer.id, Customer.name, Customer.phone).order_by(Customer.id)):
                key = _customer_key(name, phone)
                if key is not None:
                    self.known_customers.setdefault(key, customer_id)
        new = []
        for record in records:
            key = _customer_key(record["name"], record.get("phone"))
            if key is not None and key in self.known_customers:
                self.refs[Kind.CUSTOMER][record["ref"]] = self.known_customers[key]
                self.counts["matched"] += 1
            else:
                new.append(record)
        ids = self._new_rows(self.plan(carried.CUSTOMERS, ("phone_digits",)), new,
                             lambda r: (phone_digits(r.get("phone")),))
        self.refs[Kind.CUSTOMER].update(zip([r["ref"] for r in new], ids, strict=True))
        self.counts["customers"] += len(records)

    def plans(self) -> dict[str, Plan]:
        if not hasattr(self, "_plans"):
            self._plans = {part.key: self.plan(part, ("ticket_id",))
                           for part in carried.TICKET_LISTS}
            self._plans["services"] = self.plan(carried.TICKET_LISTS[0],
                                                ("ticket_id", "position"))
            self._plans[""] = self.plan(carried.TICKETS, ("status", "status_at", "version"))
        return self._plans

    def write_tickets(self, records: list[dict[str, Any]]) -> None:
        assert self.rows is not None
        plans = self.plans()
        stamp = to_column(Kind.TIMESTAMP, self.sqlite, self.refs)
        ids = self._new_rows(plans[""], records, lambda r: (
            r["events"][-1]["status"],
            stamp(r["events"][-1]["at"]) if stamp else r["events"][-1]["at"], 1))
        self.refs[Kind.TICKET].update(zip([r["number"] for r in records], ids, strict=True))
        tickets = list(zip(ids, records, strict=True))
        for part in carried.TICKET_LISTS:
            key, row = part.key, plans[part.key].row
            if key == "services":
                entries = [(e, t, n) for t, r in tickets for n, e in enumerate(r[key])]
                entry_ids = self.rows.ids(part.table, len(entries))
                rows = [row(e, i, t, n) for i, (e, t, n) in
                        zip(entry_ids, entries, strict=True)]
            else:
                pairs = [(e, t) for t, r in tickets if (listed := r.get(key)) for e in listed]
                entry_ids = self.rows.ids(part.table, len(pairs))
                rows = [row(e, i, t) for i, (e, t) in zip(entry_ids, pairs, strict=True)]
            self.rows.insert(part.table, plans[key].columns, rows)
            if key in self.counts:
                self.counts[key] += len(rows)

    def write_parcels(self, records: list[dict[str, Any]]) -> None:
        assert self.rows is not None
        ids = self._new_rows(self.plan(carried.PARCELS), records)
        plan = self.plan(carried.PARCEL_ITEMS, ("parcel_id",))
        entries = [(parcel_id, item) for parcel_id, r in zip(ids, records, strict=True)
                   for item in r["items"]]
        item_ids = self.rows.ids(plan.table, len(entries))
        self.rows.insert(plan.table, plan.columns, [
            plan.row(item, i, parcel_id)
            for i, (parcel_id, item) in zip(item_ids, entries, strict=True)])
        self.counts["parcels"] += len(records)
        self.refs_seen += [r["ref"] for r in records]


def _customer_key(name: str, phone: str | None) -> tuple[str, str] | None:
    digits = phone_digits(phone)
    return (name.strip().casefold(), digits) if digits else None


def _sorted(problems: list[Problem]) -> list[Problem]:
    from jeweldesk.interchange.validate import in_document_order

    return in_document_order(problems)


def check_only(document: Any) -> list[Problem]:
    """Every problem of a version 2 document in memory, writing nothing."""
    loading = V2Import(None, lambda: (0, 0))
    for _ in loading.run(document_pairs(document)):
        pass
    return _sorted(loading.problems)


def document_pairs(document: Any) -> Iterator[tuple[str, Any]]:
    """A document in memory, read as the file reader reads one: its lists one by one."""
    if not isinstance(document, dict):
        return
    for key in sorted(document, key=lambda k: (carried.SECTIONS.index(k)
                                               if k in carried.SECTIONS else 99)):
        value = document[key]
        yield key, iter(value) if key in carried.LISTS and isinstance(value, list) else value


def import_v2(db: Database, pairs: Pairs, where: Where, by: Actor = THE_STORE,
              escaped: Callable[[], bool] | None = None,
              beside: Beside | None = None) -> Steps[dict[str, Any]]:
    """Read and write the document in one transaction; raises InvalidDocument, writing
    nothing, when anything in it is wrong. With ``beside``, the schema and the rules are
    checked by that process instead, and its answer is waited for before committing."""
    from jeweldesk.interchange.importer import _keep_sequences_ahead

    done, total = where()
    yield Progress(done, total, "tickets")
    with collector_paused(), write(db, by, Act.IMPORT, "this store") as w, \
            indexes_set_aside(w.session.connection(), LOADED):
        loading = V2Import(w.session, where, checks=beside is None)
        if escaped is not None:
            loading.check.may_hold_unstorable = escaped
        tripped: Exception | None = None
        try:
            counts = yield from loading.run(pairs)
        except InvalidDocument:
            raise  # the file itself cannot be read on (not JSON, not UTF-8): said as it is
        except Exception as exc:  # unchecked records can trip the writer: the checker says why
            if beside is None:
                raise
            tripped = exc
        found = beside.problems() if beside is not None else []
        if tripped is not None and not found:
            raise tripped
        problems = list(dict.fromkeys([*found, *loading.problems]))
        if problems:
            raise InvalidDocument(_sorted(problems))
        if not loading.store_created and w.session.get(Store, STORE_ID) is None:
            raise InvalidDocument([Problem("$.store", "is required")])
        w.session.expire_all()
        _keep_sequences_ahead(w.session, loading.numbers, loading.refs_seen)
        counts["store_created"] = loading.store_created
        done, total = where()
        yield Progress(total, total, "done")
    write_as_the_store(db)  # a new store brought in writes its own way from now on
    return counts
