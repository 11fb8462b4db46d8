"""A ticket's status path: where a piece can go from where it is."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    RECEIVED = "received"
    AT_BENCH = "at_bench"
    WAITING_PARTS = "waiting_parts"
    AT_VENDOR = "at_vendor"
    QUALITY_CHECK = "quality_check"
    READY = "ready"
    PICKED_UP = "picked_up"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return LABELS[self]

    @property
    def said(self) -> str:
        """The status as a sentence says where the piece is: "R-10001 is in quality check"."""
        return WHERE_IT_IS[self]

    @property
    def is_closed(self) -> bool:
        return not ALLOWED_MOVES[self]


LABELS: dict[Status, str] = {
    Status.RECEIVED: "Received",
    Status.AT_BENCH: "At the bench",
    Status.WAITING_PARTS: "Waiting for parts",
    Status.AT_VENDOR: "At vendor",
    Status.QUALITY_CHECK: "Quality check",
    Status.READY: "Ready",
    Status.PICKED_UP: "Picked up",
    Status.CANCELLED: "Cancelled",
}

WHERE_IT_IS: dict[Status, str] = {
    Status.RECEIVED: "received",
    Status.AT_BENCH: "at the bench",
    Status.WAITING_PARTS: "waiting for parts",
    Status.AT_VENDOR: "at the vendor",
    Status.QUALITY_CHECK: "in quality check",
    Status.READY: "ready",
    Status.PICKED_UP: "picked up",
    Status.CANCELLED: "cancelled",
}

ALLOWED_MOVES: dict[Status, tuple[Status, ...]] = {
    Status.RECEIVED: (Status.AT_BENCH, Status.AT_VENDOR, Status.WAITING_PARTS, Status.CANCELLED),
    Status.AT_BENCH: (
        Status.WAITING_PARTS,
        Status.AT_VENDOR,
        Status.QUALITY_CHECK,
        Status.READY,
        Status.CANCELLED,
    ),
    Status.WAITING_PARTS: (Status.AT_BENCH, Status.AT_VENDOR, Status.CANCELLED),
    Status.AT_VENDOR: (Status.AT_BENCH, Status.QUALITY_CHECK),
    Status.QUALITY_CHECK: (Status.READY, Status.AT_BENCH, Status.AT_VENDOR, Status.CANCELLED),
    Status.READY: (Status.PICKED_UP,),
    Status.PICKED_UP: (),
    Status.CANCELLED: (),
}

# The sets a status falls in, each in the order of the path. The risk engine's records
# carry the same words as plain strings, which a StrEnum member equals.
NOT_CLOSED_STATUSES: tuple[Status, ...] = tuple(s for s in Status if ALLOWED_MOVES[s])
CLOSED_STATUSES: tuple[Status, ...] = tuple(s for s in Status if not ALLOWED_MOVES[s])
# Work still to do on the piece: what the morning list watches.
IN_WORK_STATUSES: tuple[Status, ...] = tuple(s for s in NOT_CLOSED_STATUSES if s != Status.READY)
WORK_DONE_STATUSES: tuple[Status, ...] = (Status.READY, *CLOSED_STATUSES)
# The thank-you note thanks for work done and handed back: for these only.
THANK_YOU_STATUSES: tuple[Status, ...] = (Status.READY, Status.PICKED_UP)
# Waiting for the bench or on it: what a jeweler's queue is made of.
BENCH_QUEUE_STATUSES: tuple[Status, ...] = (Status.RECEIVED, Status.AT_BENCH)


def can_move(current: Status, to: Status) -> bool:
    return to in ALLOWED_MOVES[current]


def refusal(ticket_number: str, current: Status, to: Status) -> str:
    """The words a refused move is explained in: ticket, where it is, where it may go."""
    allowed = ALLOWED_MOVES[current]
    if not allowed:
        return (
            f"{ticket_number} is {current.value} and closed; it cannot move to {to.value}."
        )
    options = ", ".join(s.value for s in allowed)
    return (
        f"{ticket_number} is {current.value}; it cannot move to {to.value}. "
        f"Allowed moves: {options}."
    )


# Where a piece is, as a sentence says it: "R-10042 is still at the bench".
SAID: dict[Status, str] = {
    Status.RECEIVED: "only just received",
    Status.AT_BENCH: "still at the bench",
    Status.WAITING_PARTS: "waiting for parts",
    Status.AT_VENDOR: "out at a vendor",
    Status.QUALITY_CHECK: "in quality check",
    Status.READY: "ready",
    Status.PICKED_UP: "picked up",
    Status.CANCELLED: "cancelled",
}


def thank_you_refusal(ticket_number: str, current: Status) -> str | None:
    """Why there is no thank-you note for a piece where it is, or None when there is one."""
    if current in THANK_YOU_STATUSES:
        return None
    return (f"{ticket_number} is {SAID[current]}: a thank-you note is only for a piece that "
            "is ready or picked up")
