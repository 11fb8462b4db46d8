"""The words the counter can say when a promise is slipping: where the piece is, and the
ways out the store can offer. Plain and warm, the way a person would say them on the phone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from jeweldesk.domain import writing
from jeweldesk.domain.kinds import ItemKind
from jeweldesk.domain.levels import Level
from jeweldesk.domain.money import ZERO
from jeweldesk.domain.status import Status
from jeweldesk.risk.engine import Flag
from jeweldesk.storage.tables import ParcelItem, Ticket

RUSH = "rush"
COMPARABLE = "comparable"
LOANER = "loaner"
PARTIAL = "partial"
NEW_DATE = "new_date"

_SPOKEN_KIND = {
    ItemKind.RING: "ring",
    ItemKind.NECKLACE: "necklace",
    ItemKind.BRACELET: "bracelet",
    ItemKind.EARRINGS: "earrings",
    ItemKind.PENDANT: "pendant",
    ItemKind.BROOCH: "brooch",
    ItemKind.WATCH: "watch",
    ItemKind.OTHER: "piece",
}


@dataclass(frozen=True)
class WayOut:
    key: str
    title: str
    words: str  # what staff can say, in the store's own voice


def _your(ticket: Ticket) -> str:
    return f"your {_SPOKEN_KIND.get(ticket.item_kind, 'piece')}"


def _occasion(ticket: Ticket) -> str:
    return ticket.occasion_what or "your occasion"


def _coming(ticket: Ticket, today: date) -> date | None:
    """The customer's occasion while it is still ahead; one already past is no help to plan
    with, and staff should not promise to make that day go right."""
    day = ticket.occasion_date
    return day if day is not None and day >= today else None


def open_parcel_item(items: Sequence[ParcelItem]) -> ParcelItem | None:
    """The parcel the piece is out in now, if it is out."""
    out = [i for i in items if i.returned_at is None]
    return out[-1] if out else None


def pending_vendor_names(ticket: Ticket, items: Sequence[ParcelItem]) -> list[str]:
    """Vendors this piece still has to go out to."""
    sent = {i.parcel.vendor_id for i in items}
    names: list[str] = []
    for service in ticket.services:
        vendor = service.vendor
        if vendor is not None and vendor.id not in sent and vendor.name not in names:
            names.append(vendor.name)
    return names


def where_now(ticket: Ticket, items: Sequence[ParcelItem]) -> str:
    status = ticket.status
    since = writing.short_day(ticket.status_at.date())
    if status == Status.AT_VENDOR:
        item = open_parcel_item(items)
        if item is None:
            return f"out at a vendor since {since}"
        parcel = item.parcel
        box_back = [i.returned_at for i in parcel.items if i.returned_at is not None]
        if box_back:
            return (f"missing from parcel {parcel.ref}: {parcel.vendor.name} sent the box "
                    f"back {writing.short_day(min(box_back).date())} without it")
        return (f"out at {parcel.vendor.name} in parcel {parcel.ref}, sent "
                f"{writing.short_day(parcel.sent_at.date())}; they quoted "
                f"{writing.short_day(parcel.expected_back)}")
    pending = pending_vendor_names(ticket, items)
    going = f", then out to {pending[0]}" if pending else ""
    jeweler = ticket.assigned_to.name if ticket.assigned_to else None
    if status == Status.RECEIVED:
        return f"in the store since {since}, waiting for the bench{going}"
    if status == Status.AT_BENCH:
        who = f" with {jeweler}" if jeweler else ""
        return f"at the bench{who} since {since}{going}"
    if status == Status.WAITING_PARTS:
        return f"waiting for parts since {since}{going}"
    if status == Status.QUALITY_CHECK:
        return f"in the final quality check since {since}"
    if status == Status.READY:
        return f"ready for pickup since {since}"
    return f"{status.label.lower()} on {since}"


def written_reason(ticket: Ticket, items: Sequence[ParcelItem]) -> str:
    """Why the new date, as a letter or message to the customer says it: where the piece
    is and what it waits for, never the engine's reckoning."""
    status = ticket.status
    pending = pending_vendor_names(ticket, items)
    going = (f", and then it goes to {pending[0]}, the specialist workshop we trust with "
             "the rest of the work" if pending else "")
    if status == Status.AT_VENDOR:
        item = open_parcel_item(items)
        where = f"with {item.parcel.vendor.name}, " if item is not None else "with "
        return (f"It is {where}the specialist workshop we trust with this work, and they need "
                "more time to finish it properly.")
    if status == Status.WAITING_PARTS:
        return (f"We are waiting for a part it needs, ordered on "
                f"{writing.long_day(ticket.status_at.date())}{going}.")
    if status == Status.QUALITY_CHECK:
        return ("It is in our final quality check, and we will not hand it back until it is "
                "exactly right.")
    return f"Our jeweler needs a little more time to do the work properly{going}."


def opening(ticket: Ticket, store_name: str, flag: Flag | None, today: date) -> str:
    """The first words of the call: say it early, say it plainly, remember why they came."""
    first = ticket.customer.name.split()[0] if ticket.customer.name.strip() else "there"
    hello = f"Hello {first}, this is {store_name}, calling about {_your(ticket)}."
    if flag is None or not flag.level.listed:
        return f"{hello} I wanted to give you an update on how it's coming along."
    promised = writing.long_day(flag.promised_for)
    if flag.level is Level.LATE:
        news = (f"I'm sorry: we promised it for {promised} and it isn't ready yet. "
                "I'd like to tell you where it is and what we can do.")
    else:
        news = (f"I'd rather tell you now than on the day: it may not be ready by {promised}, "
                "and I'd like to plan with you while there's still time.")
    occasion = _coming(ticket, today)
    if occasion is not None:
        news += (f" I know it's for {_occasion(ticket)} on {writing.long_day(occasion)}, "
                 "and we want that day to go right.")
    return f"{hello} {news}"


def ways_out(ticket: Ticket, items: Sequence[ParcelItem], visit: Sequence[Ticket],
             new_date: date, today: date) -> tuple[WayOut, ...]:
    """What the store can offer here, given where the piece is and why the customer came."""
    offers: list[WayOut] = []
    rush = _rush(ticket, items)
    if rush:
        offers.append(rush)
    occasion = _coming(ticket, today)
    when = f" on {writing.long_day(occasion)}" if occasion else ""
    if occasion is not None:
        offers.append(WayOut(
            COMPARABLE, "A comparable piece from the case",
            f"If it would help for {_occasion(ticket)}, we have pieces in the case much like "
            f"yours. Come in and we'll find one you'd be glad to wear{when}.",
        ))
    if ticket.item_kind == ItemKind.WATCH:
        offers.append(WayOut(
            LOANER, "A loaner watch",
            "We can lend you a watch to wear until yours is back, at no charge.",
        ))
    elif occasion is not None:
        offers.append(WayOut(
            LOANER, "A loaner",
            f"We'd be happy to lend you a piece from the store to wear{when}, at no charge, "
            "while we finish yours.",
        ))
    partial = _partial(ticket, visit, occasion)
    if partial:
        offers.append(partial)
    offers.append(WayOut(
        NEW_DATE, "A new date, with a courtesy",
        f"The date I can honestly give you is {writing.long_day(new_date)}. I'm sorry for the "
        f"wait; {_courtesy(ticket)}",
    ))
    return tuple(offers)


def _rush(ticket: Ticket, items: Sequence[ParcelItem]) -> WayOut | None:
    if ticket.status == Status.AT_VENDOR:
        item = open_parcel_item(items)
        vendor = item.parcel.vendor.name if item else "the vendor"
        return WayOut(
            RUSH, f"A rush at {vendor}",
            f"I'll call {vendor} today and ask them to put yours first in line. I can't "
            "promise what they'll say, but I'll call you back as soon as I know.",
        )
    pending = pending_vendor_names(ticket, items)
    if pending and not ticket.status.is_closed:
        return WayOut(
            RUSH, f"A rush at {pending[0]}",
            f"Before it goes out, I'll ask {pending[0]} to treat it as a rush and send it on "
            "the very next parcel. I'll let you know what they say.",
        )
    return None


def _partial(ticket: Ticket, visit: Sequence[Ticket], occasion: date | None) -> WayOut | None:
    ready = [t for t in visit if t.status == Status.READY]
    if ready:
        names = " and ".join(_your(t) for t in ready[:2])
        return WayOut(
            PARTIAL, "Hand back what is ready",
            f"{names[0].upper()}{names[1:]} {'is' if len(ready) == 1 else 'are'} ready now. "
            "You could take that home today, and we'll call you the moment this one is done.",
        )
    open_others = [t for t in visit if not t.status.is_closed]
    if open_others:
        return WayOut(
            PARTIAL, "Hand back each piece as it's done",
            "Rather than wait for everything, we can hand back each piece as soon as it's "
            "finished, so you have the others sooner.",
        )
    # A piece out at a vendor cannot be partly handed back until it comes home.
    if len(ticket.services) >= 2 and ticket.status != Status.AT_VENDOR:
        # Work done in the store is the quick part; what goes to a vendor can follow.
        ordered = sorted(ticket.services, key=lambda s: (s.vendor_id is not None, s.position))
        first = (ordered[0].description or ordered[0].code).lower()
        rest = ", ".join((s.description or s.code).lower() for s in ordered[1:])
        before = f" before {_occasion(ticket)}" if occasion else " sooner"
        return WayOut(
            PARTIAL, "Do part of the work now, the rest after",
            f"We could do the {first} now and hand it back to you{before}, then take care of "
            f"the {rest} afterwards, whenever suits you.",
        )
    return None


def courtesy_given(ticket: Ticket) -> tuple[str, Decimal]:
    """The courtesy the new date comes with, as it lands on the ticket: what it is, and
    what it takes off (the cleaning's price when the ticket has one; else the work is
    simply done free)."""
    cleaning = [s for s in ticket.services if "clean" in f"{s.code} {s.description}".lower()]
    if cleaning and ticket.item_kind != ItemKind.WATCH:
        return "Cleaning and polish on us, for the wait", max(cleaning[0].price, ZERO)
    if ticket.item_kind == ItemKind.WATCH:
        return "Case and band cleaned at no charge, for the wait", ZERO
    return "Cleaned and polished at no charge, for the wait", ZERO


def _courtesy(ticket: Ticket) -> str:
    cleaning = any("clean" in f"{s.code} {s.description}".lower() for s in ticket.services)
    if ticket.item_kind == ItemKind.WATCH:
        return "we'd like to clean the case and band for you when it's back, at no charge."
    if cleaning:
        return "the cleaning and polish are on us."
    return "we'd like to clean and polish it for you at no charge."
