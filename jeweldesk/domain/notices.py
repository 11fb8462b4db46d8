"""Which notices are due at a moment: a pure function of the records as they stood then.

The services load plain records (``Piece``) and the store's terms (``Telling``); this
module picks what is due and words it. Nothing here knows the database, so the same
history asked about the same moment always gives the same notices.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from jeweldesk.domain import writing
from jeweldesk.domain.calendar import StoreCalendar
from jeweldesk.domain.contact_details import shown_phone
from jeweldesk.domain.kinds import Channel
from jeweldesk.domain.notice_words import (
    UNCLAIMED_FINAL,
    NoticeKind,
    Wording,
    filled,
    pieces_said,
    wording_for,
)
from jeweldesk.domain.status import Status

# The final letter gives the customer this long to come before the store may dispose of
# the piece: a letter takes days to arrive, and the law in most states wants a fair notice.
LETTER_NOTICE_DAYS = 30
# An invitation back is sent in the month the note named, or the month after; later than
# that it would read as an afterthought.
CLEANING_WINDOW_MONTHS = 2


@dataclass(frozen=True)
class Customer:
    id: int
    name: str
    email: str | None = None
    phone: str | None = None
    preferred: Channel | None = None


@dataclass(frozen=True)
class Promise:
    at: datetime
    old_date: date
    new_date: date
    reason: str | None = None
    # None: told when it was agreed (or as they prefer); else how they are written to.
    tell_by: Channel | None = None


@dataclass(frozen=True)
class Asked:
    """Work waiting for the customer's yes."""

    at: datetime
    what: str
    price: str  # as the customer reads it: "$180.00", or "" when there is no price yet
    answered_at: datetime | None = None


@dataclass(frozen=True)
class Piece:
    """One ticket as the notices read it, with everything on record about it."""

    number: str
    customer: Customer
    piece: str  # "ring", as the customer knows it
    work: str  # "resized it and cleaned it"
    received_at: datetime
    promised_for: date
    visit: str | None = None
    moves: tuple[tuple[datetime, Status], ...] = ()  # the status history, oldest first
    promises: tuple[Promise, ...] = ()
    contacts: tuple[datetime, ...] = ()
    # (kind, step, queued_at) of the notices already given, sent or not
    given: tuple[tuple[str, str, datetime], ...] = ()
    check_after_months: int = 12  # when the thank-you note invited the customer back
    asked: tuple[Asked, ...] = ()

    def status_at(self, moment: datetime) -> Status | None:
        status = None
        for at, moved_to in self.moves:
            if at <= moment:
                status = moved_to
        return status

    def last_move_to(self, status: Status, moment: datetime) -> datetime | None:
        found = None
        for at, moved_to in self.moves:
            if at <= moment and moved_to == status:
                found = at
        return found

    def given_at(self, moment: datetime) -> set[tuple[str, str]]:
        return {(kind, step) for kind, step, at in self.given if at <= moment}


@dataclass(frozen=True)
class Telling:
    """The store's terms for telling customers."""

    store: str
    store_phone: str = ""
    reminder_days: tuple[int, ...] = (30, 60)
    unclaimed_days: int = 90  # the final notice, a letter
    not_heard_from_days: int | None = None  # None: nobody is listed
    wording: dict[str, Wording] = field(default_factory=dict)
    country: str = "US"  # how a phone to call is written
    calendar: StoreCalendar | None = None  # the store's open days, for a date to come by


@dataclass(frozen=True)
class Notice:
    kind: NoticeKind
    tickets: tuple[str, ...]
    customer: str
    channel: Channel
    to: str | None
    subject: str
    text: str
    step: str = ""

    @property
    def ticket(self) -> str:
        return self.tickets[0]

    @property
    def sends_itself(self) -> bool:
        """Email and texts go out from here; calls and letters are for a person to do."""
        return self.channel in (Channel.EMAIL, Channel.SMS) and bool(self.to)

    def as_json(self) -> dict[str, object]:
        return {"ticket": self.ticket, "tickets": list(self.tickets),
                "customer": self.customer, "kind": self.kind.value,
                "channel": self.channel.value, "to": self.to, "subject": self.subject,
                "text": self.text, "step": self.step}


def reach(customer: Customer, personal: bool = False,
          country: str = "US") -> tuple[Channel, str | None]:
    """The customer's own way to be told, falling back to the ones the record has."""
    channel, to = _reach(customer, personal)
    if channel == Channel.PHONE and to:
        to = shown_phone(to, country) or to
    return channel, to


def written(customer: Customer, by: Channel) -> tuple[Channel, str | None]:
    """The way the store chose to write to them, while the record has it; else a letter."""
    if by == Channel.EMAIL and customer.email:
        return Channel.EMAIL, customer.email
    if by == Channel.SMS and customer.phone:
        return Channel.SMS, customer.phone
    return Channel.LETTER, customer.name


def _reach(customer: Customer, personal: bool) -> tuple[Channel, str | None]:
    email, phone = customer.email, customer.phone
    if personal:
        return (Channel.PHONE, phone) if phone else (Channel.LETTER, customer.name)
    wanted = customer.preferred
    if wanted == Channel.EMAIL and email:
        return Channel.EMAIL, email
    if wanted == Channel.SMS and phone:
        return Channel.SMS, phone
    if wanted in (Channel.PHONE, Channel.IN_PERSON) and phone:
        return Channel.PHONE, phone
    if wanted is None and email:
        return Channel.EMAIL, email
    if phone:
        return Channel.PHONE, phone
    if email:
        return Channel.EMAIL, email
    return Channel.LETTER, customer.name


def notices_due(pieces: list[Piece], terms: Telling, moment: datetime) -> list[Notice]:
    """Every notice due at ``moment``, those of one visit together, in ticket order."""
    today = moment.date()
    found: list[Notice] = []
    ready: dict[tuple[int, str], list[Piece]] = defaultdict(list)
    cleaning: dict[tuple[int, str], list[Piece]] = defaultdict(list)
    for piece in pieces:
        given = piece.given_at(moment)
        status = piece.status_at(moment)
        if status == Status.READY:
            ready_at = piece.last_move_to(Status.READY, moment)
            assert ready_at is not None
            if _ready_due(piece, given, ready_at, moment, terms):
                ready[(piece.customer.id, piece.visit or piece.number)].append(piece)
            found += _unclaimed(piece, given, ready_at.date(), today, terms)
        elif status == Status.PICKED_UP:
            month = _cleaning_month(piece, moment)
            if month is not None and month <= today < _months_on(month, CLEANING_WINDOW_MONTHS) \
                    and (NoticeKind.CLEANING_DUE, month.isoformat()[:7]) not in given:
                cleaning[(piece.customer.id, month.isoformat()[:7])].append(piece)
        elif status is not None and not status.is_closed:
            found += _delayed(piece, given, moment, terms)
            found += _estimate(piece, given, moment, terms)
    for together in ready.values():
        found.append(_word(NoticeKind.READY, NoticeKind.READY, together, terms, {}, ""))
    for (_, step), together in cleaning.items():
        month = date.fromisoformat(step + "-01")
        found.append(_word(NoticeKind.CLEANING_DUE, NoticeKind.CLEANING_DUE, together, terms,
                           {"month": writing.month(month)}, step))
    found += _not_heard_from(pieces, terms, moment)
    return sorted(found, key=lambda n: (n.ticket, n.kind.value))


def _ready_due(piece: Piece, given: set[tuple[str, str]], ready_at: datetime,
               moment: datetime, terms: Telling) -> bool:
    if (NoticeKind.READY, "") in given:
        return False
    if any(ready_at <= at <= moment for at in piece.contacts):
        return False  # someone already told them, by hand
    first_reminder = min(terms.reminder_days, default=terms.unclaimed_days)
    return (moment.date() - ready_at.date()).days < first_reminder


def _unclaimed(piece: Piece, given: set[tuple[str, str]], ready_on: date, today: date,
               terms: Telling) -> list[Notice]:
    waited = (today - ready_on).days
    steps = sorted({d for d in terms.reminder_days if 0 < d < terms.unclaimed_days}
                   | {terms.unclaimed_days})
    reached = [d for d in steps if d <= waited]
    if not reached:
        return []
    latest = reached[-1]
    if any((NoticeKind.UNCLAIMED, str(d)) in given for d in steps if d >= latest):
        return []
    values = {"ready_since": writing.long_day(ready_on, year=True),
              "policy_days": str(terms.unclaimed_days),
              "dispose_after": writing.long_day(dispose_after(today, terms.calendar), year=True)}
    final = latest == terms.unclaimed_days
    return [_word(NoticeKind.UNCLAIMED, UNCLAIMED_FINAL if final else NoticeKind.UNCLAIMED,
                  [piece], terms, values, str(latest), letter=final)]


def dispose_after(sent: date, calendar: StoreCalendar | None) -> date:
    """The date the final letter gives: a fair notice after it is sent, and a day the store
    is open, so the customer can still come on it."""
    day = sent + timedelta(days=LETTER_NOTICE_DAYS)
    return calendar.next_open(day) if calendar is not None else day


def _delayed(piece: Piece, given: set[tuple[str, str]], moment: datetime,
             terms: Telling) -> list[Notice]:
    made = [p for p in piece.promises if p.at <= moment]
    if not made:
        return []
    latest = made[-1]
    step = latest.new_date.isoformat()
    if (NoticeKind.DELAYED, step) in given:
        return []
    if any(at.date() >= latest.at.date() for at in piece.contacts if at <= moment):
        return []  # the customer heard it on the phone when the new date was agreed
    first = made[0].old_date
    reason = (latest.reason or "").strip()
    if reason and reason[-1] not in ".!?":
        reason += "."
    values = {"old_date": writing.long_day(first), "new_date": writing.long_day(latest.new_date),
              "reason": reason[:1].upper() + reason[1:]}
    return [_word(NoticeKind.DELAYED, NoticeKind.DELAYED, [piece], terms, values, step,
                  by=latest.tell_by)]


def _estimate(piece: Piece, given: set[tuple[str, str]], moment: datetime,
              terms: Telling) -> list[Notice]:
    found = []
    for asked in piece.asked:
        waiting = asked.at <= moment and (asked.answered_at is None or asked.answered_at > moment)
        step = asked.at.isoformat()
        if waiting and (NoticeKind.ESTIMATE, step) not in given:
            found.append(_word(NoticeKind.ESTIMATE, NoticeKind.ESTIMATE, [piece], terms,
                               {"work": asked.what, "price": asked.price or "a price we will "
                                "confirm with you"}, step))
    return found


def _cleaning_month(piece: Piece, moment: datetime) -> date | None:
    picked_up = piece.last_move_to(Status.PICKED_UP, moment)
    if picked_up is None:
        return None
    return _months_on(picked_up.date().replace(day=1), piece.check_after_months)


def _months_on(first: date, months: int) -> date:
    index = first.month - 1 + months
    return date(first.year + index // 12, index % 12 + 1, 1)


def _not_heard_from(pieces: list[Piece], terms: Telling, moment: datetime) -> list[Notice]:
    if not terms.not_heard_from_days:
        return []
    by_customer: dict[int, list[Piece]] = defaultdict(list)
    for piece in pieces:
        if piece.received_at <= moment:
            by_customer[piece.customer.id].append(piece)
    found = []
    for theirs in by_customer.values():
        if any(not (p.status_at(moment) or Status.RECEIVED).is_closed for p in theirs):
            continue  # a piece with the store is reason enough to be in touch
        touches = [t for p in theirs for t in (p.received_at, *p.contacts,
                                                 *(at for at, _ in p.moves)) if t <= moment]
        last = max(touches)
        if (moment - last).days < terms.not_heard_from_days:
            continue
        latest = max(theirs, key=lambda p: (p.received_at, p.number))
        step = last.date().isoformat()
        if (NoticeKind.NOT_HEARD_FROM, step) in latest.given_at(moment):
            continue
        found.append(_word(NoticeKind.NOT_HEARD_FROM, NoticeKind.NOT_HEARD_FROM, [latest],
                           terms, {"last_seen": writing.long_day(last.date(), year=True)},
                           step, personal=True))
    return found


def _word(kind: NoticeKind, wording_key: str, pieces: list[Piece], terms: Telling,
          values: dict[str, str], step: str, letter: bool = False,
          personal: bool = False, by: Channel | None = None) -> Notice:
    values = dict(values)
    pieces = sorted(pieces, key=lambda p: p.number)
    customer = pieces[0].customer
    channel, to = ((Channel.LETTER, customer.name) if letter
                   else written(customer, by) if by is not None
                   else reach(customer, personal, terms.country))
    said = [p.piece for p in pieces]
    works = list(dict.fromkeys(p.work for p in pieces if p.work))
    subject, text = filled(wording_for(wording_key, terms.wording), {
        "customer": customer.name, "piece": pieces_said(said),
        "is": "are" if len(pieces) > 1 or said[0].endswith(("earrings", "cufflinks")) else "is",
        "ticket": ", ".join(p.number for p in pieces),
        "work": values.pop("work", "; ".join(works)),
        "store": terms.store, "store_phone": terms.store_phone, **values})
    return Notice(kind, tuple(p.number for p in pieces), customer.name, channel, to,
                  subject, text, step)


def preview(piece: Piece, terms: Telling, key: str, wording: Wording, today: date
            ) -> tuple[str, str]:
    """A wording filled from a real ticket, with the dates and reasons a notice of that
    kind would carry, for the store to read before it saves its own."""
    values = {
        "old_date": writing.long_day(piece.promised_for),
        "new_date": writing.long_day(piece.promised_for + timedelta(days=7)),
        "reason": "The plater needs a few more days to match the finish.",
        "ready_since": writing.long_day(today - timedelta(days=30), year=True),
        "dispose_after": writing.long_day(dispose_after(today, terms.calendar), year=True),
        "policy_days": str(terms.unclaimed_days),
        "month": writing.month(today),
        "price": writing.money(Decimal("180.00")),
        "last_seen": writing.long_day(today - timedelta(days=400), year=True),
    }
    shown = Telling(terms.store, terms.store_phone, terms.reminder_days, terms.unclaimed_days,
                    terms.not_heard_from_days, {key: wording}, terms.country, terms.calendar)
    notice = _word(NoticeKind.READY, key, [piece], shown, values, "")
    return notice.subject, notice.text
