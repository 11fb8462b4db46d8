"""`jeweldesk print …`: the store's paper as PDF files.

Everything a document needs is read before anything is written, and the PDF is written to a
temporary file beside the target and renamed into place: a missing ticket or a failure half
way leaves no file, and never a half-written one.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jeweldesk.storage.engine import Database

# The paper's modules (and ReportLab) load only for the command that prints: the layouts
# are said here again for the parser, and a test keeps them the same as printing.LAYOUTS.
LAYOUTS = ("letter", "a4", "roll80")


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    printing = commands.add_parser("print", help="print the store's paper to a PDF file")
    documents = printing.add_subparsers(dest="document", metavar="DOCUMENT", required=True)

    receipt = documents.add_parser("receipt", help="the claim receipt for one visit")
    receipt.add_argument("numbers", nargs="+", metavar="TICKET")
    receipt.add_argument("--layout", choices=LAYOUTS, default="letter")
    _out(receipt)
    receipt.set_defaults(run=_receipt)

    payment = documents.add_parser(
        "payment", help="the payment receipt: what was paid, how, and what is left to pay")
    payment.add_argument("numbers", nargs="+", metavar="TICKET")
    payment.add_argument("--layout", choices=LAYOUTS, default="letter")
    _out(payment)
    payment.set_defaults(run=_payment)

    tag = documents.add_parser("tag", help="envelope tags, one per ticket (4 x 2 in)")
    tag.add_argument("numbers", nargs="+", metavar="TICKET")
    _out(tag)
    tag.set_defaults(run=_tag)

    thanks = documents.add_parser("thank-you", help="the thank-you note handed over at pickup")
    thanks.add_argument("numbers", nargs="+", metavar="TICKET")
    thanks.add_argument("--signed-by", metavar="NAME", help="default: who took the piece in")
    thanks.add_argument(
        "--wording",
        type=Path,
        metavar="TOML",
        help="the note's wording for this printing (default: the store's own, kept in its "
        "database, else the wording that ships with JewelDesk)",
    )
    _out(thanks)
    thanks.set_defaults(run=_thank_you)

    letter = documents.add_parser(
        "letter", help="the final notice of a piece left uncollected, as a letter for a "
        "window envelope")
    letter.add_argument("number", metavar="TICKET")
    letter.add_argument("--layout", choices=("letter", "a4"),
                        help="default: the sheet the store's country posts")
    _out(letter)
    letter.set_defaults(run=_letter)

    manifest = documents.add_parser("manifest", help="the manifest of a parcel to a vendor")
    manifest.add_argument("ref", metavar="PARCEL")
    _out(manifest)
    manifest.set_defaults(run=_manifest)

    morning = documents.add_parser("morning", help="the morning list of promises at risk")
    morning.add_argument(
        "--as-of", type=date.fromisoformat, metavar="YYYY-MM-DD", help="default: today"
    )
    _out(morning)
    morning.set_defaults(run=_morning)


def _out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")


def _receipt(args: argparse.Namespace, db: Database) -> int:
    from jeweldesk.services.documents import receipt_pdf

    return _write(args.out, receipt_pdf(db, args.numbers, args.layout))


def _payment(args: argparse.Namespace, db: Database) -> int:
    from jeweldesk.services.documents import payment_pdf

    return _write(args.out, payment_pdf(db, args.numbers, args.layout))


def _tag(args: argparse.Namespace, db: Database) -> int:
    from jeweldesk.services.documents import tags_pdf

    return _write(args.out, tags_pdf(db, args.numbers))


def _thank_you(args: argparse.Namespace, db: Database) -> int:
    from jeweldesk.config import data_dir
    from jeweldesk.services.documents import thank_you_pdf
    from jeweldesk.services.note_wording import move_legacy_wording

    move_legacy_wording(db, data_dir())
    return _write(args.out, thank_you_pdf(db, args.numbers, args.signed_by, args.wording))


def _letter(args: argparse.Namespace, db: Database) -> int:
    from jeweldesk.services.documents import letter_pdf

    return _write(args.out, letter_pdf(db, args.number, args.layout))


def _manifest(args: argparse.Namespace, db: Database) -> int:
    from jeweldesk.services.documents import manifest_pdf

    return _write(args.out, manifest_pdf(db, args.ref))


def _morning(args: argparse.Namespace, db: Database) -> int:
    from jeweldesk.services.documents import morning_pdf

    return _write(args.out, morning_pdf(db, args.as_of))


def _write(out: Path, pdf: bytes) -> int:
    """The document was made in memory first: a failure leaves no file, never half of one."""
    target = out.expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(pdf)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    print(target)
    return 0
