"""The store's records, as typed SQLAlchemy models.

Timestamps are the store's local wall-clock time without an offset, as in the
interchange format; the store's time zone says where that wall is.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jeweldesk.domain.bill import Bill, Line, Reduction, bill
from jeweldesk.domain.kinds import Channel, ItemKind, Role
from jeweldesk.domain.rules import DEFAULT_PAYMENT_METHODS
from jeweldesk.domain.status import Status
from jeweldesk.domain.way import LOCALE_CHARS
from jeweldesk.storage.base import MONEY as MONEY
from jeweldesk.storage.base import PERCENT as PERCENT
from jeweldesk.storage.base import WIDE_TEXT as WIDE_TEXT
from jeweldesk.storage.base import Base as Base
from jeweldesk.storage.base import enum_column

DEFAULT_METHODS = ",".join(DEFAULT_PAYMENT_METHODS)



class Store(Base):
    """The one store this database belongs to, and its settings."""

    __tablename__ = "store"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(WIDE_TEXT))
    timezone: Mapped[str] = mapped_column(String(64), default="America/Chicago")
    # ISO weekdays, "1,2,3,4,5,6": small enough that a table would only add joins.
    open_weekdays: Mapped[str] = mapped_column(String(20), default="1,2,3,4,5,6")
    receipt_terms: Mapped[str | None] = mapped_column(Text)
    unclaimed_days: Mapped[int] = mapped_column(Integer, default=90)
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    ticket_prefix: Mapped[str] = mapped_column(String(10), default="R-")
    next_ticket_number: Mapped[int] = mapped_column(Integer, default=10001)
    parcel_prefix: Mapped[str] = mapped_column(String(10), default="S-")
    next_parcel_number: Mapped[int] = mapped_column(Integer, default=1)
    # Bumped by every change, so other workstations notice with one cheap read.
    change_count: Mapped[int] = mapped_column(Integer, default=0)
    pin_digits: Mapped[int] = mapped_column(Integer, default=4, server_default="4")
    idle_lock_minutes: Mapped[int] = mapped_column(Integer, default=10, server_default="10")
    # The ISO region a phone typed without "+country" belongs to, and whose national
    # format the window and the paper show.
    country: Mapped[str] = mapped_column(String(2), default="US", server_default="US")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # How the store writes money and dates (domain.way): its currency (ISO 4217) and its
    # locale ("en_GB"), set once at set-up.
    currency: Mapped[str] = mapped_column(String(3), default="USD", server_default="USD")
    locale: Mapped[str] = mapped_column(String(LOCALE_CHARS), default="en_US",
                                        server_default="en_US")
    # The thank-you note's wording as the store edited it (TOML, resources/notes/
    # thank_you.toml's shape); None prints the wording that ships.
    note_wording: Mapped[str | None] = mapped_column(Text)
    # The ways the store is paid, in the order the counter offers them ("cash,card,...").
    payment_methods: Mapped[str] = mapped_column(Text, default=DEFAULT_METHODS,
                                                 server_default=DEFAULT_METHODS)
    # Off until the manager turns it on: then services with a tax rate are taxed at intake.
    charges_tax: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    @property
    def methods(self) -> tuple[str, ...]:
        return tuple(m for m in self.payment_methods.split(",") if m)
    # Telling customers: the unclaimed reminders' days after ready ("30,60"; the final one,
    # a letter, comes at unclaimed_days), how long a silence lists a customer for a personal
    # call (None: not listed), and the store's own mail server and text gateway. The
    # passwords are never here: they live in the PC's keyring.
    reminder_days: Mapped[str] = mapped_column(String(40), default="30,60",
                                               server_default="30,60")
    not_heard_from_days: Mapped[int | None] = mapped_column(Integer)
    mail_host: Mapped[str | None] = mapped_column(String(255))
    mail_port: Mapped[int | None] = mapped_column(Integer)
    mail_security: Mapped[str] = mapped_column(String(10), default="starttls",
                                               server_default="starttls")
    mail_user: Mapped[str | None] = mapped_column(String(255))
    mail_from: Mapped[str | None] = mapped_column(String(255))
    sms_url: Mapped[str | None] = mapped_column(String(WIDE_TEXT))
    sms_account: Mapped[str | None] = mapped_column(String(255))
    sms_from: Mapped[str | None] = mapped_column(String(64))

    @property
    def reminders(self) -> list[int]:
        return sorted({int(d) for d in (self.reminder_days or "").split(",") if d.strip()})

    @property
    def weekdays(self) -> list[int]:
        return [int(d) for d in self.open_weekdays.split(",") if d]


class ClosedDate(Base):
    __tablename__ = "closed_date"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    reason: Mapped[str | None] = mapped_column(String(200))


class Staff(Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    pin_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Wrong PINs in a row: each makes the next try wait longer, and the fifth locks the
    # PIN until a manager unlocks it.
    failed_pins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_failed_pin_at: Mapped[datetime | None] = mapped_column(DateTime)
    pin_locked: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class StaffDayOff(Base):
    """Days a jeweler is planned to be away (a holiday, a course), entered ahead so the
    early warnings can count with them."""

    __tablename__ = "staff_day_off"
    __table_args__ = (CheckConstraint("last_day >= first_day", name="ends_after_it_starts"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(200))
    planned_at: Mapped[datetime] = mapped_column(DateTime)
    planned_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))

    staff: Mapped[Staff] = relationship(foreign_keys=[staff_id])
    planned_by: Mapped[Staff] = relationship(foreign_keys=[planned_by_id])


class Customer(Base):
    __tablename__ = "customer"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    phone: Mapped[str | None] = mapped_column(String(WIDE_TEXT))
    email: Mapped[str | None] = mapped_column(String(WIDE_TEXT))
    notes: Mapped[str | None] = mapped_column(Text)
    preferred_channel: Mapped[Channel | None] = mapped_column(enum_column(Channel, "channel"))
    # Digits of the phone only, so "601 555 0142" finds "+1 (601) 555-0142".
    phone_digits: Mapped[str | None] = mapped_column(String(WIDE_TEXT))
    # How the paper addresses them: None by first name ("Dear Barbara"), else the title
    # said with the surname ("Mrs" is "Dear Mrs Harris").
    addressed_as: Mapped[str | None] = mapped_column(String(20))
    # Where a letter reaches them, as written on an envelope (lines); the final unclaimed
    # notice is posted here.
    postal_address: Mapped[str | None] = mapped_column(Text)

    tickets: Mapped[list[Ticket]] = relationship(back_populates="customer")


class Vendor(Base):
    """A workshop the store sends work out to. Never deleted once it has history: a retired
    vendor stays on its parcels and is no longer offered for new ones."""

    __tablename__ = "vendor"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    contact: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(WIDE_TEXT))
    email: Mapped[str | None] = mapped_column(String(WIDE_TEXT))
    address: Mapped[str | None] = mapped_column(Text)  # printed on the parcel manifest
    work: Mapped[str | None] = mapped_column(Text)  # what they do: "Rhodium plating, casting"
    quoted_turnaround_days: Mapped[int] = mapped_column(Integer, default=7)
    # The carriers parcels go by, first the usual one ("UPS,FedEx"), and the ISO weekdays
    # they go out ("2,4"); as small as the store's own open days, so kept the same way.
    carriers: Mapped[str | None] = mapped_column(String(WIDE_TEXT))
    ship_weekdays: Mapped[str | None] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")

    __mapper_args__ = {"version_id_col": version}

    @property
    def carrier_list(self) -> list[str]:
        return [c for c in (self.carriers or "").split(",") if c]

    @property
    def weekdays(self) -> list[int]:
        return [int(d) for d in (self.ship_weekdays or "").split(",") if d]


class CatalogService(Base):
    """A service the store offers, with its usual price and bench time."""

    __tablename__ = "catalog_service"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    default_price: Mapped[Decimal] = mapped_column(MONEY)
    bench_days: Mapped[int] = mapped_column(Integer, default=1)
    usually_outside: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    tax_rate: Mapped[str | None] = mapped_column(String(64))  # a TaxRate's code; None: untaxed


class Ticket(Base):
    """One piece of jewelry in one envelope."""

    __tablename__ = "ticket"
    __table_args__ = (
        CheckConstraint("deposit >= 0", name="deposit_not_negative"),
        Index("ix_ticket_status_promised", "status", "promised_for"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    visit: Mapped[str | None] = mapped_column(String(64), index=True)
    received_at: Mapped[datetime] = mapped_column(DateTime)
    taken_in_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    item_kind: Mapped[ItemKind] = mapped_column(enum_column(ItemKind, "item_kind"))
    item_description: Mapped[str] = mapped_column(Text)
    item_metal: Mapped[str | None] = mapped_column(String(4000))
    item_stones: Mapped[str | None] = mapped_column(String(4000))
    item_condition: Mapped[str | None] = mapped_column(Text)
    declared_value: Mapped[Decimal | None] = mapped_column(MONEY)
    deposit: Mapped[Decimal] = mapped_column(MONEY, default=Decimal("0.00"))
    # How the deposit was paid (one of the store's methods); None with no deposit, or for
    # one taken before the counter said how.
    deposit_method: Mapped[str | None] = mapped_column(String(20))
    promised_for: Mapped[date] = mapped_column(Date, index=True)
    occasion_what: Mapped[str | None] = mapped_column(String(200))
    occasion_date: Mapped[date | None] = mapped_column(Date)
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    status: Mapped[Status] = mapped_column(enum_column(Status, "status"), index=True)
    status_at: Mapped[datetime] = mapped_column(DateTime)
    collected_by: Mapped[str | None] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}

    customer: Mapped[Customer] = relationship(back_populates="tickets")
    taken_in_by: Mapped[Staff] = relationship(foreign_keys=[taken_in_by_id])
    assigned_to: Mapped[Staff | None] = relationship(foreign_keys=[assigned_to_id])
    services: Mapped[list[TicketService]] = relationship(
        back_populates="ticket", order_by="TicketService.position", cascade="all, delete-orphan"
    )
    events: Mapped[list[TicketEvent]] = relationship(
        back_populates="ticket", order_by="(TicketEvent.at, TicketEvent.id)"
    )
    photos: Mapped[list[Photo]] = relationship(back_populates="ticket", order_by="Photo.id")
    payments: Mapped[list[Payment]] = relationship(back_populates="ticket",
                                                    order_by="(Payment.at, Payment.id)")
    promise_changes: Mapped[list[PromiseChange]] = relationship(
        back_populates="ticket", order_by="PromiseChange.at"
    )
    contacts: Mapped[list[Contact]] = relationship(back_populates="ticket", order_by="Contact.at")
    edits: Mapped[list[TicketEdit]] = relationship(
        back_populates="ticket", order_by="(TicketEdit.at, TicketEdit.id)"
    )
    discounts: Mapped[list[TicketDiscount]] = relationship(
        back_populates="ticket", order_by="(TicketDiscount.at, TicketDiscount.id)"
    )

    notices: Mapped[list[Notice]] = relationship(
        back_populates="ticket", order_by="(Notice.queued_at, Notice.id)"
    )
    approvals: Mapped[list[Approval]] = relationship(
        back_populates="ticket", order_by="(Approval.asked_at, Approval.id)"
    )

    @property
    def bill(self) -> Bill:
        return bill(
            (Line(s.price, s.tax_name, s.tax_percent or Decimal("0")) for s in self.services),
            (Reduction(d.amount, d.percent) for d in self.discounts),
            (self.deposit, *(p.amount for p in self.payments)),
        )

    @property
    def total(self) -> Decimal:
        """What the work comes to: lines, less discounts, plus tax."""
        return self.bill.due

    @property
    def paid(self) -> Decimal:
        return self.deposit + sum((p.amount for p in self.payments), Decimal("0.00"))

    @property
    def balance(self) -> Decimal:
        return self.bill.balance


class TicketService(Base):
    __tablename__ = "ticket_service"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    code: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(Text, default="")
    price: Mapped[Decimal] = mapped_column(MONEY)
    vendor_id: Mapped[int | None] = mapped_column(ForeignKey("vendor.id"))
    # The tax charged on the line, as it stood when the line was written: a rate changed
    # later does not rewrite what a customer was told.
    tax_name: Mapped[str | None] = mapped_column(String(200))
    tax_percent: Mapped[Decimal | None] = mapped_column(PERCENT)

    ticket: Mapped[Ticket] = relationship(back_populates="services")
    vendor: Mapped[Vendor | None] = relationship()


class TicketEvent(Base):
    """One move in a ticket's chain of custody. Written once, never changed."""

    __tablename__ = "ticket_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    status: Mapped[Status] = mapped_column(enum_column(Status, "status"))
    by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    note: Mapped[str | None] = mapped_column(Text)

    ticket: Mapped[Ticket] = relationship(back_populates="events")
    by: Mapped[Staff] = relationship()


class TicketEdit(Base):
    """One field of a ticket changed after intake: who, when, from what to what. Never changed."""

    __tablename__ = "ticket_edit"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)

    ticket: Mapped[Ticket] = relationship(back_populates="edits")
    by: Mapped[Staff] = relationship()


class Photo(Base):
    """An intake or finished-work photo, kept in the database so every PC and backup has it."""

    __tablename__ = "photo"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    taken_at: Mapped[datetime] = mapped_column(DateTime)
    stage: Mapped[str] = mapped_column(String(20), default="intake")
    mime: Mapped[str] = mapped_column(String(40), default="image/jpeg")
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)

    ticket: Mapped[Ticket] = relationship(back_populates="photos")


class Payment(Base):
    __tablename__ = "payment"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    method: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(MONEY)  # below zero: money given back
    reason: Mapped[str | None] = mapped_column(Text)  # why it was given back
    # The cash unit's difference when cash settled a balance the coins cannot make exactly
    # (12.37 paid as 12.35 in francs): its own row, so the balance stays exact.
    cash_rounding: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    ticket: Mapped[Ticket] = relationship(back_populates="payments")
    by: Mapped[Staff] = relationship()


class PromiseChange(Base):
    """A new promised date; the earlier one stays on record here."""

    __tablename__ = "promise_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    old_date: Mapped[date] = mapped_column(Date)
    new_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)
    # None: the customer heard the new date when it was agreed; else the way they are to
    # be written to about it (a flag handled by writing rather than calling).
    tell_by: Mapped[Channel | None] = mapped_column(enum_column(Channel, "promise_tell_by"))

    ticket: Mapped[Ticket] = relationship(back_populates="promise_changes")
    by: Mapped[Staff] = relationship()


class Contact(Base):
    """The store reaching a customer about a ticket."""

    __tablename__ = "contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    channel: Mapped[Channel] = mapped_column(enum_column(Channel, "channel"))
    note: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(200))

    ticket: Mapped[Ticket] = relationship(back_populates="contacts")
    by: Mapped[Staff] = relationship()


class Parcel(Base):
    """Envelopes sent to a vendor together, and what came back."""

    __tablename__ = "parcel"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), unique=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendor.id"), index=True)
    sent_at: Mapped[datetime] = mapped_column(DateTime)
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    carrier: Mapped[str | None] = mapped_column(String(WIDE_TEXT))
    tracking: Mapped[str | None] = mapped_column(String(WIDE_TEXT))
    expected_back: Mapped[date] = mapped_column(Date)
    received_at: Mapped[datetime | None] = mapped_column(DateTime)

    vendor: Mapped[Vendor] = relationship()
    items: Mapped[list[ParcelItem]] = relationship(
        back_populates="parcel", order_by="ParcelItem.id", cascade="all, delete-orphan"
    )


class ParcelItem(Base):
    __tablename__ = "parcel_item"
    __table_args__ = (UniqueConstraint("parcel_id", "ticket_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcel.id", ondelete="CASCADE"))
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    instructions: Mapped[str | None] = mapped_column(Text)
    returned_at: Mapped[datetime | None] = mapped_column(DateTime)

    parcel: Mapped[Parcel] = relationship(back_populates="items")
    ticket: Mapped[Ticket] = relationship()


class FlagHandled(Base):
    """Staff acted on an early warning; it shows as handled until the picture changes."""

    __tablename__ = "flag_handled"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    level: Mapped[str] = mapped_column(String(20))
    expected_ready: Mapped[date | None] = mapped_column(Date)
    promised_for: Mapped[date] = mapped_column(Date)


# The tables kept in modules of their own, imported here so the mapper sees every record
# and ``jeweldesk.storage.tables`` names them all.
from jeweldesk.storage.derived_tables import KeptMorning as KeptMorning  # noqa: E402
from jeweldesk.storage.money_tables import TaxRate as TaxRate  # noqa: E402
from jeweldesk.storage.money_tables import TicketDiscount as TicketDiscount  # noqa: E402
from jeweldesk.storage.telling_tables import Approval as Approval  # noqa: E402
from jeweldesk.storage.telling_tables import Notice as Notice  # noqa: E402
from jeweldesk.storage.telling_tables import NoticeWording as NoticeWording  # noqa: E402
