"""Wording the store can edit: receipt terms and the thank-you note with its care advice."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from jeweldesk.printing.model import StoreHeader

# Shipped in the package as jeweldesk.resources (the repository's top-level resources/).
RESOURCES = Path(str(resources.files("jeweldesk.resources")))
DEFAULT_TERMS = RESOURCES / "terms" / "default_terms.txt"
DEFAULT_NOTE_WORDING = RESOURCES / "notes" / "thank_you.toml"
DAYS_PLACEHOLDER = "{unclaimed_days}"


def default_terms() -> str:
    return DEFAULT_TERMS.read_text(encoding="utf-8")


def terms_paragraphs(store: StoreHeader) -> list[str]:
    """The store's terms (or the default ones) with its unclaimed-item days filled in."""
    text = store.terms.strip() or default_terms()
    text = text.replace(DAYS_PLACEHOLDER, str(store.unclaimed_days))
    blocks = [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


def load_note_wording(path: Path | None = None) -> dict[str, Any]:
    with (path or DEFAULT_NOTE_WORDING).open("rb") as file:
        return tomllib.load(file)
