"""The engine reads interchange documents: the shared example, and the benchmark's stores."""

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from benchmarks.simulate import simulate
from benchmarks.stores import stores
from jeweldesk.risk.engine import assess, flags_to_json
from jeweldesk.risk.from_interchange import history_from_interchange

SHARED = Path("/work/shared/interchange")
REPO_COPY = Path(__file__).parents[2] / "jeweldesk" / "interchange"


def _shared(name: str) -> Path:
    for folder in (REPO_COPY, SHARED):
        if (folder / name).exists():
            return folder / name
    pytest.skip(f"interchange {name} not found")


def test_the_example_store_flags_the_anniversary_ring_before_its_promise():
    document = json.loads(_shared("example.json").read_text())
    history = history_from_interchange(document)
    [flag] = flags_to_json(date(2026, 11, 13), assess(history, date(2026, 11, 13)))["flags"]
    assert flag["ticket"] == "R-10001" and flag["customer"] == "Dana Whitfield"
    assert flag["level"] == "at_risk" and flag["occasion_date"] == "2026-11-15"
    said = " ".join(flag["reasons"])
    assert "Riverbend Plating" in said and "parcel S-1 left Nov 3" in said


def test_simulated_stores_are_valid_interchange_documents():
    schema = json.loads(_shared("schema.json").read_text())
    document = simulate(stores()[3])
    jsonschema.validate(document, schema)
    history = history_from_interchange(document)
    assert len(history.tickets) == len(document["tickets"]) > 100
    assert any(t.status == "picked_up" for t in history.tickets)
