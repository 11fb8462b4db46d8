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


def load_note_wording(edited: str | None = None) -> dict[str, Any]:
    """The wording that ships, with the store's edits (TOML text) over it: a store's wording
    from before a line was added still prints that line in the shipped words."""
    with DEFAULT_NOTE_WORDING.open("rb") as file:
        wording = tomllib.load(file)
    if edited:
        _over(wording, tomllib.loads(edited))
    return wording


def default_note_wording() -> str:
    return DEFAULT_NOTE_WORDING.read_text(encoding="utf-8")


def note_wording_problem(text: str) -> str | None:
    """What is wrong with a store's edited wording, in a few words, or None."""
    try:
        edited = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return f"the wording is not TOML: {exc}"
    for section in ("note", "care"):
        if not isinstance(edited.get(section, {}), dict):
            return f"[{section}] must be a table of wordings"
    for key, value in edited.get("note", {}).items():
        if not isinstance(value, str):
            return f"note.{key} must be text"
    for code, entry in edited.get("care", {}).items():
        if not isinstance(entry, dict):
            return f"care.{code} must be a table (done, advice, check_after_months)"
        months = entry.get("check_after_months", 12)
        if not isinstance(months, int) or isinstance(months, bool) or not 1 <= months <= 120:
            return f"care.{code}.check_after_months must be a whole number of months, 1 to 120"
    return None


def _over(base: dict[str, Any], edits: dict[str, Any]) -> None:
    for key, value in edits.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _over(base[key], value)
        else:
            base[key] = value
