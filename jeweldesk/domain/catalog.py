"""The services a store offers out of the box; the store edits prices and times in Settings."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class DefaultService:
    code: str
    name: str
    price: Decimal
    bench_days: int
    usually_outside: bool = False


DEFAULT_CATALOG: tuple[DefaultService, ...] = (
    DefaultService("cleaning", "Clean and polish", Decimal("15.00"), 0),
    DefaultService("inspection", "Inspect prongs and settings", Decimal("0.00"), 0),
    DefaultService("polishing", "Polish and refinish", Decimal("35.00"), 1),
    DefaultService("clasp_repair", "Repair or replace clasp", Decimal("45.00"), 2),
    DefaultService("chain_solder", "Solder broken chain", Decimal("30.00"), 1),
    DefaultService("ring_sizing", "Size ring", Decimal("55.00"), 3),
    DefaultService("prong_retip", "Retip prongs", Decimal("90.00"), 3),
    DefaultService("stone_tightening", "Tighten stones", Decimal("40.00"), 1),
    DefaultService("stone_setting", "Set stone", Decimal("85.00"), 4),
    DefaultService("stone_replacement", "Replace stone", Decimal("120.00"), 5),
    DefaultService("rhodium_plating", "Rhodium plate", Decimal("60.00"), 2, usually_outside=True),
    DefaultService("engraving", "Engrave", Decimal("40.00"), 3, usually_outside=True),
    DefaultService("watch_battery", "Replace watch battery", Decimal("15.00"), 0),
    DefaultService("watch_band", "Fit or repair watch band", Decimal("30.00"), 1),
    DefaultService("watch_service", "Full watch service", Decimal("250.00"), 15, True),
    DefaultService("appraisal", "Written appraisal", Decimal("95.00"), 5),
    DefaultService("casting", "Cast a new part", Decimal("180.00"), 10, usually_outside=True),
)

KNOWN_CODES = frozenset(s.code for s in DEFAULT_CATALOG)
