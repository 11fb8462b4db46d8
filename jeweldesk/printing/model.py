"""What the paper needs, as plain frozen data: no database rows reach the printing code."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from jeweldesk.domain.levels import Level
from jeweldesk.domain.status import Status


@dataclass(frozen=True)
class StoreHeader:
    name: str
    address: str
    phone: str
    logo: bytes | None = None
    # Empty means the default terms shipped in resources/terms/default_terms.txt.
    terms: str = ""
    unclaimed_days: int = 90


@dataclass(frozen=True)
class ServiceLine:
    code: str
    description: str
    price: Decimal
    vendor: str | None = None
    # The line still says the catalog's service for its code. False when the counter wrote
    # it in, or changed its words to other work: the paper then goes by the line's words.
    as_listed: bool = True
    # Work the customer said yes to once the piece was in: the line says the bench's question.
    agreed: bool = False


@dataclass(frozen=True)
class Occasion:
    what: str
    date: date


@dataclass(frozen=True)
class PaperTicket:
    number: str
    received_at: datetime
    promised_for: date
    customer_name: str
    customer_phone: str
    customer_email: str
    item_kind: str
    item_description: str
    item_metal: str
    item_stones: str
    item_condition: str
    declared_value: Decimal | None
    services: tuple[ServiceLine, ...]
    deposit: Decimal
    # Everything paid so far, the deposit included.
    payments_total: Decimal
    balance: Decimal
    taken_in_by: str
    jeweler: str | None = None
    occasion: Occasion | None = None
    status: Status = Status.READY
    # How the note opens to the customer: "Barbara" or "Mrs Harris" ("" for the first name).
    addressed_as: str = ""
    # Who really did the work, from the moves and the parcels: the jeweler who had it at
    # the bench (None if it never was), and the vendors' workshops it went out to.
    bench_jeweler: str | None = None
    workshops: tuple[str, ...] = ()
    ready_on: date | None = None  # when it last became ready, if it has
    # Money off ("Courtesy: …", 15.00) and tax ("State tax 7.25%", 6.30), as the bill has them.
    reductions: tuple[tuple[str, Decimal], ...] = ()
    taxes: tuple[tuple[str, Decimal], ...] = ()
    deposit_method: str | None = None  # how the deposit was paid, when the counter said

    @property
    def services_total(self) -> Decimal:
        return sum((s.price for s in self.services), Decimal("0.00"))


@dataclass(frozen=True)
class ParcelLine:
    ticket_number: str
    description: str
    work_requested: str
    declared_value: Decimal | None


@dataclass(frozen=True)
class PaperParcel:
    ref: str
    vendor_name: str
    vendor_phone: str
    carrier: str
    tracking: str
    sent_at: datetime
    expected_back: date | None
    lines: tuple[ParcelLine, ...] = field(default_factory=tuple)
    vendor_address: str = ""  # where the parcel goes, lines as the vendor writes them
    vendor_contact: str = ""

    @property
    def undeclared(self) -> int:
        """Pieces sent with no declared value: said so on the manifest, not left blank."""
        return sum(1 for line in self.lines if line.declared_value is None)

    @property
    def insured_value(self) -> Decimal:
        return sum(
            (line.declared_value for line in self.lines if line.declared_value is not None),
            Decimal("0.00"),
        )


@dataclass(frozen=True)
class MorningRow:
    ticket: str
    customer: str
    phone: str
    promised_for: date
    occasion_date: date | None
    level: Level
    expected_ready: date | None
    reasons: tuple[str, ...] = field(default_factory=tuple)
    # Who already acted on the flag, and when, while nothing has changed since.
    handled_by: str = ""
    handled_on: date | None = None
    offer: date | None = None  # a new date to offer on the call, one it is ready by 9 in 10
    occasion: str = ""  # what the customer needs it for, in their words
    # Where the new date misses the occasion: what to offer instead ("A loaner" …).
    ways_out: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class PaperPayment:
    ticket_number: str
    at: datetime
    method: str
    amount: Decimal  # below zero: money given back
    taken_by: str
    reason: str | None = None
    cash_rounding: bool = False  # not money taken: the cash unit's difference


@dataclass(frozen=True)
class PaperLetter:
    """A letter posted to a customer: the final notice of a piece left uncollected."""

    tickets: tuple[str, ...]
    customer_name: str
    address: tuple[str, ...]  # the lines as on the envelope, the name not among them
    dated: date
    subject: str
    text: str  # the notice's words, "Dear …" to the signature
    dispose_after: date
