"""What version 2 of the interchange format carries, column by column, in one place.

Each part of the document names its table, the JSON key of every column it carries
and how the value is written. The exporter and the importer both read these lists,
so carrying a new column is one line here (and its line in schema_v2.json and
FORMAT.md). A column the format leaves out on purpose is in NOT_CARRIED with the
reason; a test walks the tables and fails on any column that is in neither.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from jeweldesk.storage.tables import (
    Approval,
    Base,
    CatalogService,
    ClosedDate,
    Contact,
    Customer,
    FlagHandled,
    Notice,
    NoticeWording,
    Parcel,
    ParcelItem,
    Payment,
    Photo,
    PromiseChange,
    Staff,
    StaffDayOff,
    Store,
    TaxRate,
    Ticket,
    TicketDiscount,
    TicketEdit,
    TicketEvent,
    TicketService,
    Vendor,
)

VERSION = 2


class Kind(enum.Enum):
    """How a value is written in the document."""

    TEXT = "text"            # a string or null, as it is
    NUMBER = "number"        # an integer
    FLAG = "flag"            # true or false
    MONEY = "money"          # "45.00"
    PERCENT = "percent"      # "7.250"
    DATE = "date"            # "2026-11-03"
    TIMESTAMP = "timestamp"  # "2026-11-03T16:00:00", store-local
    BYTES = "bytes"          # base64 (RFC 4648, with padding)
    WORD = "word"            # an enum's value
    WEEKDAYS = "weekdays"    # "1,2,3" in the table, [1, 2, 3] in the document
    STAFF = "staff"          # a staff id in the table, the staff code in the document
    VENDOR = "vendor"        # a vendor id; the vendor code
    CUSTOMER = "customer"    # a customer id; the customer ref
    TICKET = "ticket"        # a ticket id; the ticket number


@dataclass(frozen=True)
class Field:
    key: str      # the JSON key; "item.kind" is the key kind inside the object item
    column: str
    kind: Kind = Kind.TEXT
    backup_only: bool = False  # only in a full backup ("backup": true)


@dataclass(frozen=True)
class Part:
    """One kind of record: a table, its fields, the order records come out in, and for a
    list inside another record, the column pointing at that record and the list's key."""

    model: type[Base]
    fields: tuple[Field, ...]
    order: tuple[str, ...] = ("id",)
    parent: str | None = None
    key: str = ""

    @property
    def table(self) -> str:
        return str(self.model.__tablename__)

    def carried(self, backup: bool) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if backup or not f.backup_only)


def F(key: str, kind: Kind = Kind.TEXT, column: str | None = None,  # noqa: N802
      backup_only: bool = False) -> Field:
    return Field(key, column or key, kind, backup_only)


K = Kind

STORE = Part(Store, (
    F("name"), F("phone"), F("address"), F("timezone"),
    F("open_weekdays", K.WEEKDAYS),
    F("receipt_terms"), F("unclaimed_days", K.NUMBER), F("logo", K.BYTES),
    F("ticket_prefix"), F("next_ticket_number", K.NUMBER),
    F("parcel_prefix"), F("next_parcel_number", K.NUMBER),
    F("pin_digits", K.NUMBER), F("idle_lock_minutes", K.NUMBER),
    F("country"), F("currency"), F("locale"), F("is_demo", K.FLAG), F("note_wording"),
    F("payment_methods"),
    F("charges_tax", K.FLAG),
    F("reminder_days"), F("not_heard_from_days", K.NUMBER),
    F("mail.host", column="mail_host"), F("mail.port", K.NUMBER, "mail_port"),
    F("mail.security", column="mail_security"), F("mail.user", column="mail_user"),
    F("mail.from", column="mail_from"),
    F("sms.url", column="sms_url"), F("sms.account", column="sms_account"),
    F("sms.from", column="sms_from"),
))
NOTICE_WORDING = Part(NoticeWording, (F("kind"), F("subject"), F("text")), order=("kind",),
                      key="notice_wording")
CLOSED_DAYS = Part(ClosedDate, (F("day", K.DATE), F("reason")), order=("day",),
                   key="closed_days")
TAX_RATES = Part(TaxRate, (F("code"), F("name"), F("percent", K.PERCENT), F("active", K.FLAG)),
                 order=("code",), key="tax_rates")

STAFF = Part(Staff, (
    F("code"), F("name"), F("role", K.WORD), F("active", K.FLAG),
    F("pin_hash", backup_only=True), F("pin_locked", K.FLAG, backup_only=True),
    F("failed_pins", K.NUMBER, backup_only=True),
    F("last_failed_pin_at", K.TIMESTAMP, backup_only=True),
))
DAYS_OFF = Part(StaffDayOff, (
    F("first_day", K.DATE), F("last_day", K.DATE), F("note"),
    F("planned_at", K.TIMESTAMP), F("planned_by", K.STAFF, "planned_by_id"),
), parent="staff_id", key="days_off")

CATALOG = Part(CatalogService, (
    F("code"), F("name"), F("default_price", K.MONEY), F("bench_days", K.NUMBER),
    F("usually_outside", K.FLAG), F("active", K.FLAG), F("tax_rate"),
), order=("code",))

VENDORS = Part(Vendor, (
    F("code"), F("name"), F("contact"), F("phone"), F("email"),
    F("quoted_turnaround_days", K.NUMBER), F("active", K.FLAG),
    F("address"), F("work"), F("carriers"), F("ship_weekdays", K.WEEKDAYS),
    F("retired_at", K.TIMESTAMP),
))

CUSTOMERS = Part(Customer, (
    F("name"), F("phone"), F("email"), F("notes"), F("preferred_channel", K.WORD),
    F("addressed_as"), F("postal_address"),
))

TICKETS = Part(Ticket, (
    F("number"), F("customer", K.CUSTOMER, "customer_id"), F("visit"),
    F("received_at", K.TIMESTAMP), F("taken_in_by", K.STAFF, "taken_in_by_id"),
    F("item.kind", K.WORD, "item_kind"), F("item.description", column="item_description"),
    F("item.metal", column="item_metal"), F("item.stones", column="item_stones"),
    F("item.condition", column="item_condition"),
    F("item.declared_value", K.MONEY, "declared_value"),
    F("deposit", K.MONEY), F("deposit_method"), F("promised_for", K.DATE),
    F("occasion.what", column="occasion_what"), F("occasion.date", K.DATE, "occasion_date"),
    F("assigned_to", K.STAFF, "assigned_to_id"), F("collected_by"),
), order=("received_at", "id"))

# The lists inside a ticket, in the order they come in it.
TICKET_LISTS = (
    Part(TicketService, (
        F("code"), F("description"), F("price", K.MONEY), F("vendor", K.VENDOR, "vendor_id"),
        F("tax_name"), F("tax_percent", K.PERCENT),
    ), order=("position", "id"), parent="ticket_id", key="services"),
    Part(TicketEvent, (
        F("at", K.TIMESTAMP), F("status", K.WORD), F("by", K.STAFF, "by_id"), F("note"),
    ), order=("at", "id"), parent="ticket_id", key="events"),
    Part(TicketEdit, (
        F("at", K.TIMESTAMP), F("by", K.STAFF, "by_id"), F("field"), F("old_value"),
        F("new_value"),
    ), order=("at", "id"), parent="ticket_id", key="edits"),
    Part(Payment, (
        F("at", K.TIMESTAMP), F("by", K.STAFF, "by_id"), F("method"), F("amount", K.MONEY),
        F("reason"), F("cash_rounding", K.FLAG),
    ), order=("at", "id"), parent="ticket_id", key="payments"),
    Part(TicketDiscount, (
        F("at", K.TIMESTAMP), F("by", K.STAFF, "by_id"), F("amount", K.MONEY),
        F("percent", K.PERCENT), F("reason"), F("courtesy", K.FLAG),
    ), order=("at", "id"), parent="ticket_id", key="discounts"),
    Part(PromiseChange, (
        F("at", K.TIMESTAMP), F("by", K.STAFF, "by_id"), F("old_date", K.DATE),
        F("new_date", K.DATE), F("reason"), F("tell_by", K.WORD),
    ), order=("at", "id"), parent="ticket_id", key="promise_changes"),
    Part(Contact, (
        F("at", K.TIMESTAMP), F("by", K.STAFF, "by_id"), F("channel", K.WORD), F("note"),
        F("outcome"),
    ), order=("at", "id"), parent="ticket_id", key="contacts"),
    Part(FlagHandled, (
        F("at", K.TIMESTAMP), F("by", K.STAFF, "by_id"), F("level"),
        F("expected_ready", K.DATE), F("promised_for", K.DATE),
    ), order=("at", "id"), parent="ticket_id", key="handled"),
    Part(Notice, (
        F("kind"), F("step"), F("channel", K.WORD), F("to", column="recipient"),
        F("subject"), F("text"), F("queued_at", K.TIMESTAMP), F("by", K.STAFF, "by_id"),
        F("sent_at", K.TIMESTAMP), F("outcome"),
    ), order=("queued_at", "id"), parent="ticket_id", key="notices"),
    Part(Approval, (
        F("asked_at", K.TIMESTAMP), F("asked_by", K.STAFF, "asked_by_id"), F("what"),
        F("price", K.MONEY), F("whole_ticket", K.FLAG), F("answered_at", K.TIMESTAMP),
        F("answered_by", K.STAFF, "answered_by_id"), F("answer"), F("how", K.WORD),
        F("ends"),
    ), order=("asked_at", "id"), parent="ticket_id", key="approvals"),
    Part(Photo, (
        F("taken_at", K.TIMESTAMP), F("stage"), F("mime"), F("width", K.NUMBER),
        F("height", K.NUMBER), F("data", K.BYTES),
    ), order=("id",), parent="ticket_id", key="photos"),
)

PARCELS = Part(Parcel, (
    F("ref"), F("vendor", K.VENDOR, "vendor_id"), F("sent_at", K.TIMESTAMP),
    F("sent_by", K.STAFF, "sent_by_id"), F("carrier"), F("tracking"),
    F("expected_back", K.DATE), F("received_at", K.TIMESTAMP),
), order=("sent_at", "id"))
PARCEL_ITEMS = Part(ParcelItem, (
    F("ticket", K.TICKET, "ticket_id"), F("instructions"), F("returned_at", K.TIMESTAMP),
), parent="parcel_id", key="items")

PARTS = (STORE, CLOSED_DAYS, TAX_RATES, NOTICE_WORDING, STAFF, DAYS_OFF, CATALOG, VENDORS,
         CUSTOMERS, TICKETS,
         *TICKET_LISTS, PARCELS, PARCEL_ITEMS)

# The document's sections, in the order they come (the importer reads the file once,
# start to end, and every reference points back to a section already read).
SECTIONS = ("format", "version", "backup", "store", "staff", "catalog", "vendors",
            "customers", "tickets", "parcels")
LISTS = ("staff", "catalog", "vendors", "customers", "tickets", "parcels")

_ID = "the row's own number in this database; records link by the store's codes and numbers"
# Columns the format leaves out on purpose, each with the reason. Everything else is carried.
NOT_CARRIED: dict[tuple[str, str], str] = {
    ("store", "id"): "there is one store in a database",
    ("store", "change_count"): "counts this database's own writes, so the other workstations "
                               "notice a change; a new database starts again from zero",
    ("staff", "id"): _ID,
    ("staff_day_off", "id"): _ID,
    ("staff_day_off", "staff_id"): "the entry sits inside its staff member's record",
    ("customer", "id"): "customers link by their ref, which is only a link inside the file",
    ("customer", "phone_digits"): "worked out from the phone again on import",
    ("vendor", "id"): _ID,
    ("vendor", "version"): "counts this database's own saves of the vendor, so two managers "
                           "never overwrite each other; a new database starts at 1",
    ("ticket", "id"): _ID,
    ("ticket", "status"): "worked out from the last event of the status history",
    ("ticket", "status_at"): "worked out from the last event of the status history",
    ("ticket", "version"): "counts this database's own saves of the ticket, so two "
                           "workstations never overwrite each other; a new database starts at 1",
    ("ticket_service", "id"): _ID,
    ("ticket_service", "ticket_id"): "the line sits inside its ticket",
    ("ticket_service", "position"): "the order of the lines in the ticket's list",
    ("ticket_event", "id"): _ID,
    ("ticket_event", "ticket_id"): "the event sits inside its ticket",
    ("ticket_edit", "id"): _ID,
    ("ticket_edit", "ticket_id"): "the edit sits inside its ticket",
    ("payment", "id"): _ID,
    ("payment", "ticket_id"): "the payment sits inside its ticket",
    ("ticket_discount", "id"): _ID,
    ("ticket_discount", "ticket_id"): "the discount sits inside its ticket",
    ("promise_change", "id"): _ID,
    ("promise_change", "ticket_id"): "the change sits inside its ticket",
    ("contact", "id"): _ID,
    ("contact", "ticket_id"): "the contact sits inside its ticket",
    ("flag_handled", "id"): _ID,
    ("flag_handled", "ticket_id"): "the mark sits inside its ticket",
    ("notice", "id"): _ID,
    ("notice", "ticket_id"): "the notice sits inside its ticket",
    ("approval", "id"): _ID,
    ("approval", "ticket_id"): "the approval sits inside its ticket",
    ("photo", "id"): _ID,
    ("photo", "ticket_id"): "the photo sits inside its ticket",
    ("parcel", "id"): _ID,
    ("parcel_item", "id"): _ID,
    ("parcel_item", "parcel_id"): "the piece sits inside its parcel",
}
# Whole tables left out: worked out again from the carried records, never typed by anyone.
DERIVED: dict[str, str] = {
    "kept_morning": "the morning's early warnings, kept for the change count and day they were "
                    "worked out for; a new database works them out again from its history",
}
# Not tables of the records at all but the search box's index of them (migration 0016, see
# jeweldesk.storage.search_index): an import fills it from what it brings, never from the file.
SEARCH_INDEX: dict[str, str] = {
    "customer_words": "customers' names, phone digits and notes, for the search box",
    "ticket_words": "tickets' numbers, pieces' descriptions and stones and the bench's notes, "
                    "for the search box",
}
# Carried only in a full backup: a plain export is a file people pass around, and a PIN's
# hash (with how many wrong tries it has had) is no one else's business.
BACKUP_ONLY = tuple((STAFF.table, f.column) for f in STAFF.fields if f.backup_only)
