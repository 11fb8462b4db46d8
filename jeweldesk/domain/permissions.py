"""Who may do what at the store. The write door checks every write against this table, so
the window, the command line and the importer are held to the same rules."""

from __future__ import annotations

import enum

from jeweldesk.domain.kinds import Role


class Act(enum.StrEnum):
    """What a write does, in the words a refusal uses: "... cannot <act> R-10042"."""

    TAKE_IN = "take pieces in"
    MOVE = "move"
    CANCEL = "cancel"
    PROMISE = "change the promise of"
    EDIT = "edit"
    PRICE_BELOW_CATALOG = "charge less than the catalog price on"
    PHOTO = "add a photo to"
    CONTACT = "log a call about"
    ASK_APPROVAL = "ask the customer's yes on"
    PAYMENT = "take a payment on"
    REFUND = "give money back on"
    DISCOUNT = "give a discount on"
    LARGE_DISCOUNT = "give a discount of more than the counter's limit on"
    COURTESY = "give a courtesy on"
    HAND_BACK_OWING = "hand back with a balance owing"
    NUMBERS = "read the store's numbers"
    HAND_BACK = "hand back"
    PARCEL = "send or receive"
    CUSTOMER = "change the customer record"
    MERGE_CUSTOMERS = "merge the customer records"
    DAYS_OFF = "enter days off for"
    OWN_DAYS_OFF = "enter their own days off"
    SETTINGS = "change the store's settings"
    NOTE_WORDING = "change the thank-you note's wording"
    STAFF = "change staff or PINs"
    CATALOG = "change the catalog"
    VENDORS = "change vendors"
    IMPORT = "bring a store's history into"


_EVERYONE = frozenset(Role)
_COUNTER = frozenset({Role.COUNTER, Role.MANAGER})
_MANAGER = frozenset({Role.MANAGER})

MAY: dict[Act, frozenset[Role]] = {
    Act.TAKE_IN: _COUNTER,
    Act.MOVE: _EVERYONE,
    Act.CANCEL: _MANAGER,
    Act.PROMISE: _COUNTER,
    Act.EDIT: _COUNTER,
    Act.PRICE_BELOW_CATALOG: _MANAGER,
    Act.PHOTO: _EVERYONE,
    Act.CONTACT: _COUNTER,
    Act.ASK_APPROVAL: _EVERYONE,
    Act.PAYMENT: _COUNTER,
    Act.REFUND: _MANAGER,
    Act.DISCOUNT: _COUNTER,
    Act.LARGE_DISCOUNT: _MANAGER,
    Act.COURTESY: _COUNTER,
    Act.HAND_BACK_OWING: _MANAGER,
    Act.NUMBERS: _MANAGER,
    Act.HAND_BACK: _COUNTER,
    Act.PARCEL: _EVERYONE,
    Act.CUSTOMER: _COUNTER,
    Act.MERGE_CUSTOMERS: _MANAGER,
    Act.DAYS_OFF: _MANAGER,
    Act.OWN_DAYS_OFF: frozenset({Role.BENCH, Role.MANAGER}),
    Act.SETTINGS: _MANAGER,
    Act.NOTE_WORDING: _MANAGER,
    Act.STAFF: _MANAGER,
    Act.CATALOG: _MANAGER,
    Act.VENDORS: _MANAGER,
    Act.IMPORT: _MANAGER,
}


def may(role: Role, act: Act) -> bool:
    return role in MAY[act]


def who_may(act: Act) -> str:
    """The roles that may, for the end of a refusal: "a manager can"."""
    roles = MAY[act]
    if roles == _MANAGER:
        return "a manager can"
    if roles == _COUNTER:
        return "counter staff or a manager can"
    return " or ".join(f"{r.value} staff" for r in Role if r in roles) + " can"


def refusal(name: str, role: Role, act: Act, what: str = "") -> str:
    """'Kate Pruitt (counter) cannot cancel R-10042; a manager can.'"""
    thing = f" {what}" if what else ""
    return f"{name} ({role.value}) cannot {act.value}{thing}; {who_may(act)}."
