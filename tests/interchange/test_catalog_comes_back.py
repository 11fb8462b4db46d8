"""The store's own prices come back from its export, not the catalog JewelDesk ships."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from jeweldesk.interchange.common import drain
from jeweldesk.interchange.exporter import export_document
from jeweldesk.interchange.importer import import_document
from jeweldesk.services.store import catalog, save_catalog
from jeweldesk.storage.engine import Database
from tests.support.store import MANAGER


def test_an_edited_price_and_name_come_back_into_a_new_database(
        store_db: Database, empty_db_like: Any) -> None:
    entries = catalog(store_db)
    polish = next(e for e in entries if e.code == "cleaning")
    save_catalog(store_db, [replace(polish, name="Clean, steam and polish",
                                    default_price=Decimal("12.50"), bench_days=2)], MANAGER)
    again = empty_db_like(store_db)
    drain(import_document(again, export_document(store_db)))
    back = next(e for e in catalog(again) if e.code == "cleaning")
    assert (back.name, back.default_price, back.bench_days) == (
        "Clean, steam and polish", Decimal("12.50"), 2)
    assert export_document(again)["catalog"] == export_document(store_db)["catalog"]
