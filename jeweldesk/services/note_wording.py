"""The store's own wording for the thank-you note, kept in its database so that every PC of
the store prints the same note; none kept means the wording that ships."""

from __future__ import annotations

import logging
from pathlib import Path

from jeweldesk.domain.errors import Invalid
from jeweldesk.domain.permissions import Act
from jeweldesk.domain.rules import TERMS, text_problem
from jeweldesk.storage.door import THE_STORE, Actor, write
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import get_store, has_store

log = logging.getLogger(__name__)

# Where a JewelDesk before 0010 kept a store's edited wording: in one PC's data folder.
LEGACY_FILE = Path("notes") / "thank_you.toml"
MOVED_SUFFIX = ".moved-into-the-database"


def note_wording(db: Database) -> str | None:
    """The store's edited wording (TOML text), or None for the wording that ships."""
    with db.session(write=False) as session:
        return get_store(session).note_wording


def set_note_wording(db: Database, text: str | None, by: Actor) -> None:
    """A manager's edit of the note's wording; None, empty or the shipped text itself go back
    to the wording that ships (and so follow JewelDesk's updates to it)."""
    wording = _own(text)
    if wording is not None:
        problem = text_problem(wording, TERMS, lines=True)
        if problem:
            problem = ("the thank-you wording is " if problem.startswith("longer")
                       else "the thank-you wording ") + problem
        from jeweldesk.printing import note_wording_problem  # ReportLab: not at start-up

        problem = problem or note_wording_problem(wording)
        if problem:
            raise Invalid({"note_wording": problem})
    with write(db, by, Act.NOTE_WORDING) as w:
        get_store(w.session).note_wording = wording


def _own(text: str | None) -> str | None:
    from jeweldesk.printing import default_note_wording

    if text is None or not text.strip() or text.strip() == default_note_wording().strip():
        return None
    return text


def move_legacy_wording(db: Database, data_folder: Path) -> bool:
    """Once, on the first start after the upgrade: a wording this PC kept in its data folder
    goes into the database (unless the store already keeps one there), and the file is
    renamed so it is plain it no longer counts. True when it was moved in."""
    path = data_folder / LEGACY_FILE
    if not path.is_file():
        return False
    with db.session(write=False) as session:
        if not has_store(session):
            return False
        kept = get_store(session).note_wording
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("the thank-you wording in %s could not be read: %s", path, exc)
        return False
    moved = False
    if kept is None:
        try:
            set_note_wording(db, text, THE_STORE)
        except Invalid as exc:
            log.warning("the thank-you wording in %s was not moved in: %s", path, exc.said)
            return False
        moved = True
        log.info("moved the thank-you wording from %s into the database", path)
    else:
        log.info("the store already keeps its thank-you wording; %s is set aside", path)
    path.replace(path.with_name(path.name + MOVED_SUFFIX))
    return moved
