"""The package as a store would install it: a wheel, in a folder of its own, away from this
checkout, opens a new database, brings it up to date and prints a receipt."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent

IN_THE_INSTALLED_PACKAGE = """
import sys
from datetime import date, timedelta
from pathlib import Path

import jeweldesk
assert Path(jeweldesk.__file__).is_relative_to(Path(sys.argv[1])), jeweldesk.__file__

from jeweldesk.domain.kinds import Role
from jeweldesk.services.documents import receipt_pdf
from jeweldesk.services.intake import Piece, Visit, take_in
from jeweldesk.services.customers import CustomerDetails
from jeweldesk.services.piece_checks import ServiceLine
from jeweldesk.services.store import StaffMember, StoreSettings, set_up_store
from jeweldesk.storage.engine import Database
from jeweldesk.storage.migrate import current_revision, head_revision, upgrade

db = Database(f"sqlite:///{sys.argv[2]}")
upgrade(db.engine)
assert current_revision(db.engine) == head_revision()
set_up_store(db, StoreSettings(name="Linden Street Jewelers"),
             StaffMember("LS", "Lena Sato", Role.MANAGER, True, True), "2468")
piece = Piece("ring", "Gold band", (ServiceLine("cleaning", "Clean and polish", "25.00"),),
              date.today() + timedelta(days=7))
numbers = take_in(db, Visit((piece,), new_customer=CustomerDetails("Ann Lee")), by="LS")
Path(sys.argv[3]).write_bytes(receipt_pdf(db, numbers))
print("printed", numbers[0])
"""


def test_a_wheel_installed_anywhere_opens_migrates_and_prints(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path / "dist"), str(CHECKOUT)],
        capture_output=True, text=True, cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("jeweldesk-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "jeweldesk/db/env.py" in names and "jeweldesk/resources/fonts/DejaVuSans.ttf" in names
    assert any(n.startswith("jeweldesk/db/versions/0001") for n in names)

    site = tmp_path / "site"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site),
         str(wheel)], capture_output=True, text=True, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    receipt = tmp_path / "receipt.pdf"
    # Only the installed copy on the path: not this checkout, not its editable install.
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONNOUSERSITE": "1"}
    ran = subprocess.run(
        [sys.executable, "-c", IN_THE_INSTALLED_PACKAGE, str(site), str(tmp_path / "s.sqlite3"),
         str(receipt)], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.startswith("printed R-")
    assert receipt.read_bytes().startswith(b"%PDF")
