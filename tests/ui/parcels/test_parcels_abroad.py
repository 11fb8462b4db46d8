"""A British store sends its parcels by its own post: Royal Mail first, its numbers checked."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from jeweldesk.services.store import store_settings, update_store
from jeweldesk.services.vendors import parcels
from jeweldesk.storage.engine import Database
from jeweldesk.ui.parcels.parcels import ParcelsScreen
from jeweldesk.ui.parcels.vendor_form import VendorDialog
from tests.support.store import COUNTER, MANAGER, take_in_ring
from tests.support.window import signed_in


def _british(db: Database) -> None:
    update_store(db, replace(store_settings(db), country="GB", phone="020 7946 0958"),
                 by=MANAGER)


def test_a_british_parcel_goes_by_royal_mail_and_a_mistyped_number_is_caught(
        qtbot: QtBot, sqlite_store: Database) -> None:
    number = take_in_ring(sqlite_store)  # an American customer's phone: taken in first
    _british(sqlite_store)
    screen = ParcelsScreen(signed_in(sqlite_store, COUNTER))
    qtbot.addWidget(screen)
    screen.show()
    send = screen.send
    offered = [send.carrier.itemText(i) for i in range(send.carrier.count())]
    assert offered[:3] == ["Royal Mail", "Parcelforce", "DPD"] and "USPS" not in offered
    qtbot.keyClicks(send.scan_box, number)
    qtbot.keyClick(send.scan_box, Qt.Key.Key_Return)
    send.carrier.setCurrentText("Royal Mail")

    qtbot.keyClicks(send.tracking, "RR 1234 5678 4 GB")  # one digit wrong
    send.send_button.click()
    assert "fails its check digit" in send.message.text()
    assert parcels(sqlite_store) == []

    send.tracking.clear()
    qtbot.keyClicks(send.tracking, "RR 1234 5678 5 GB")
    send.send_button.click()
    assert "sent to" in send.message.text(), send.message.text()
    [parcel] = parcels(sqlite_store)
    assert parcel.tracking == "RR123456785GB"


def test_a_british_vendors_form_offers_british_carriers_and_asks_for_a_postcode(
        qtbot: QtBot, sqlite_store: Database) -> None:
    _british(sqlite_store)
    dialog = VendorDialog(signed_in(sqlite_store, MANAGER))
    qtbot.addWidget(dialog)
    assert list(dialog.carrier_boxes)[:3] == ["Royal Mail", "Parcelforce", "DPD"]
    assert "postcode" in dialog.address.placeholderText()
    assert "ZIP" not in dialog.address.placeholderText()
