"""the default service catalog

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# A copy, not an import: a revision must insert what it inserted the day it was written.
CATALOG = [
    ("cleaning", "Clean and polish", "15.00", 0, False),
    ("inspection", "Inspect prongs and settings", "0.00", 0, False),
    ("polishing", "Polish and refinish", "35.00", 1, False),
    ("clasp_repair", "Repair or replace clasp", "45.00", 2, False),
    ("chain_solder", "Solder broken chain", "30.00", 1, False),
    ("ring_sizing", "Size ring", "55.00", 3, False),
    ("prong_retip", "Retip prongs", "90.00", 3, False),
    ("stone_tightening", "Tighten stones", "40.00", 1, False),
    ("stone_setting", "Set stone", "85.00", 4, False),
    ("stone_replacement", "Replace stone", "120.00", 5, False),
    ("rhodium_plating", "Rhodium plate", "60.00", 2, True),
    ("engraving", "Engrave", "40.00", 3, True),
    ("watch_battery", "Replace watch battery", "15.00", 0, False),
    ("watch_band", "Fit or repair watch band", "30.00", 1, False),
    ("watch_service", "Full watch service", "250.00", 15, True),
    ("appraisal", "Written appraisal", "95.00", 5, False),
    ("casting", "Cast a new part", "180.00", 10, True),
]


def upgrade() -> None:
    table = sa.table(
        "catalog_service",
        sa.column("code", sa.String),
        sa.column("name", sa.String),
        sa.column("default_price", sa.Numeric(12, 2)),
        sa.column("bench_days", sa.Integer),
        sa.column("usually_outside", sa.Boolean),
        sa.column("active", sa.Boolean),
    )
    op.bulk_insert(
        table,
        [
            {
                "code": code,
                "name": name,
                "default_price": Decimal(price),
                "bench_days": days,
                "usually_outside": outside,
                "active": True,
            }
            for code, name, price, days, outside in CATALOG
        ],
    )


def downgrade() -> None:
    codes = ", ".join(f"'{c[0]}'" for c in CATALOG)
    op.execute(f"DELETE FROM catalog_service WHERE code IN ({codes})")
