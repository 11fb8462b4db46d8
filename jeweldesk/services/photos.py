"""Photos of a piece, kept in the database at a sensible size."""

from __future__ import annotations

import io
from datetime import datetime

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy.orm import Session

from jeweldesk.domain.errors import Invalid
from jeweldesk.domain.permissions import Act
from jeweldesk.storage.door import Actor, write
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import ticket_by_number
from jeweldesk.storage.tables import Photo, Ticket

LONG_SIDE = 1600  # enough to see a worn prong; small enough that backups stay small
JPEG_QUALITY = 85


def resized_jpeg(data: bytes) -> tuple[bytes, int, int]:
    try:
        opened = Image.open(io.BytesIO(data))
        opened.load()
    except (UnidentifiedImageError, OSError):
        raise Invalid({"photo": "that file is not a picture JewelDesk can read"}) from None
    image = ImageOps.exif_transpose(opened).convert("RGB")
    image.thumbnail((LONG_SIDE, LONG_SIDE))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue(), image.width, image.height


def store_photo(session: Session, ticket: Ticket, data: bytes, stage: str, at: datetime) -> Photo:
    jpeg, width, height = resized_jpeg(data)
    photo = Photo(ticket_id=ticket.id, taken_at=at, stage=stage, mime="image/jpeg",
                  width=width, height=height, data=jpeg)
    session.add(photo)
    return photo


def add_photo(db: Database, number: str, data: bytes, by: Actor, stage: str = "intake") -> int:
    with write(db, by, Act.PHOTO, number) as w:
        ticket = ticket_by_number(w.session, number)
        photo = store_photo(w.session, ticket, data, stage, w.now)
        w.session.flush()
        return photo.id


def photo_data(db: Database, photo_id: int) -> bytes:
    with db.session(write=False) as session:
        photo = session.get(Photo, photo_id)
        if photo is None:
            raise Invalid({"photo": f"no photo #{photo_id}"})
        return photo.data
