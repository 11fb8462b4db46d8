"""A big store fast: rows written straight in, for the board's 100,000-ticket tests.

Not the services' way in (too slow for 100,000 tickets in a test); the rows are
still consistent: every ticket has its received event and its current status.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import insert, select, update

from jeweldesk.domain.kinds import ItemKind
from jeweldesk.domain.status import Status
from jeweldesk.storage.engine import Database
from jeweldesk.storage.tables import (
    Customer,
    Staff,
    Store,
    Ticket,
    TicketEvent,
    TicketService,
    Vendor,
)
from tests.support.store import BENCH, COUNTER, store_today

FIRST = ("Dana", "Marisol", "Chloé", "Tomás", "Priya", "Henry", "Aiyana", "Björn", "Grace",
         "Luis", "Naomi", "Walter", "Zoë", "Imani", "Frank", "Mei", "Renée", "Óscar")
LAST = ("Whitfield", "Okafor", "Delacroix", "Nguyen", "Castillo", "Brennan", "Lindqvist",
        "Harper", "Moreau", "Patel", "Sullivan", "Tanaka", "Abernathy", "Ramírez", "Kowalski")
PIECES = ((ItemKind.RING, "Lady's solitaire engagement ring", "prong_retip", "90.00"),
          (ItemKind.NECKLACE, "Rope chain, 20 inch", "chain_solder", "35.00"),
          (ItemKind.RING, "Men's wedding band", "ring_sizing", "65.00"),
          (ItemKind.BRACELET, "Tennis bracelet", "clasp_repair", "45.00"),
          (ItemKind.WATCH, "Steel automatic watch", "watch_service", "220.00"),
          (ItemKind.EARRINGS, "Pearl drop earrings", "cleaning", "15.00"),
          (ItemKind.PENDANT, "Heart locket", "engraving", "40.00"))
STATUSES = (Status.RECEIVED, Status.AT_BENCH, Status.WAITING_PARTS, Status.AT_VENDOR,
            Status.QUALITY_CHECK, Status.READY, Status.PICKED_UP, Status.PICKED_UP,
            Status.PICKED_UP, Status.CANCELLED)


def fill(db: Database, tickets: int, seed: int = 1, chunk: int = 10_000,
         days_back: int = 400) -> None:
    rng = random.Random(seed)
    today = store_today()
    with db.session() as session:
        staff = {code: id_ for code, id_ in session.execute(select(Staff.code, Staff.id))}
        vendor = session.scalar(select(Vendor.id))
        first_customer = (session.scalar(select(Customer.id).order_by(Customer.id.desc())) or 0)
        customers = max(tickets // 2, 1)
        session.execute(insert(Customer), [
            {"name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
             "phone": f"+1 601-555-{n % 10000:04d}", "phone_digits": f"1601555{n % 10000:04d}"}
            for n in range(customers)
        ])
        first_number = session.scalar(select(Store.next_ticket_number))
        assert first_number is not None
        first_id = (session.scalar(select(Ticket.id).order_by(Ticket.id.desc())) or 0) + 1
        for start in range(0, tickets, chunk):
            rows, events, services = [], [], []
            for n in range(start, min(start + chunk, tickets)):
                kind, description, code, price = rng.choice(PIECES)
                received = datetime.combine(today - timedelta(days=rng.randint(0, days_back)),
                                            time(10 + rng.randint(0, 7), rng.randint(0, 59)))
                status = rng.choice(STATUSES)
                moved = received + timedelta(hours=2)
                rows.append({
                    "number": f"R-{first_number + n}", "customer_id": first_customer + 1
                    + rng.randrange(customers), "received_at": received,
                    "taken_in_by_id": staff[COUNTER], "item_kind": kind,
                    "item_description": description, "deposit": Decimal("10.00"),
                    "promised_for": received.date() + timedelta(days=rng.randint(3, 21)),
                    "assigned_to_id": staff[BENCH] if n % 3 else None, "status": status,
                    "status_at": moved if status != Status.RECEIVED else received,
                    "version": 1,
                })
                ticket_id = first_id + n
                events.append({"ticket_id": ticket_id, "at": received,
                               "status": Status.RECEIVED, "by_id": staff[COUNTER]})
                if status != Status.RECEIVED:
                    events.append({"ticket_id": ticket_id, "at": moved, "status": status,
                                   "by_id": staff[BENCH]})
                services.append({"ticket_id": ticket_id, "position": 0, "code": code,
                                 "description": description, "price": Decimal(price),
                                 "vendor_id": vendor if status == Status.AT_VENDOR else None})
            session.execute(insert(Ticket), rows)
            session.execute(insert(TicketEvent), events)
            session.execute(insert(TicketService), services)
        session.execute(update(Store).values(next_ticket_number=first_number + tickets,
                                             change_count=Store.change_count + 1))
