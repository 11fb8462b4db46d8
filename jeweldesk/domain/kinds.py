"""The store's kinds of things: who a person is at the store, how a customer is reached,
what a piece is."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    COUNTER = "counter"
    BENCH = "bench"
    MANAGER = "manager"


class Channel(enum.StrEnum):
    PHONE = "phone"
    SMS = "sms"
    EMAIL = "email"
    IN_PERSON = "in_person"
    LETTER = "letter"  # a notice on paper; never a customer's preference to choose


class ItemKind(enum.StrEnum):
    RING = "ring"
    NECKLACE = "necklace"
    BRACELET = "bracelet"
    EARRINGS = "earrings"
    PENDANT = "pendant"
    BROOCH = "brooch"
    WATCH = "watch"
    OTHER = "other"
