"""Fixtures for the paper tests; the data and the PDF-reading helpers are in support/paper.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from jeweldesk.printing.model import PaperTicket, StoreHeader
from tests.support.paper import STORE, ring_ticket, watch_ticket


@pytest.fixture
def store() -> StoreHeader:
    return STORE


@pytest.fixture
def visit() -> list[PaperTicket]:
    return [ring_ticket(), watch_ticket()]


@pytest.fixture
def pdf_path(tmp_path: Path) -> Path:
    return tmp_path / "paper.pdf"
