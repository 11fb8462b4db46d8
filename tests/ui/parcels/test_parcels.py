"""Parcels by scan: build one, send it, receive it short, see it overdue."""

from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, Qt

from jeweldesk.domain.status import Status
from jeweldesk.services.parcels import send_parcel
from jeweldesk.services.story import ticket_story
from jeweldesk.services.vendors import parcels
from jeweldesk.ui.parcels.parcels import ParcelsScreen
from jeweldesk.ui.parcels.vendors import VendorsScreen
from tests.support.store import COUNTER, store_today, take_in_ring


@pytest.fixture
def screen(qtbot, ctx):
    widget = ParcelsScreen(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _scan(qtbot, box, text):
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def test_a_parcel_out_and_back_with_one_piece_missing(qtbot, ctx, screen):
    db = ctx.db
    a = take_in_ring(db, declared_value="2400.00")
    b = take_in_ring(db, declared_value="650.00")
    send = screen.send
    assert send.expected_back.date().toPython() == store_today() + timedelta(days=6)
    _scan(qtbot, send.scan_box, a)
    _scan(qtbot, send.scan_box, b)
    assert "$3,050.00" in send.insured.text()
    send.pieces.setData(send.pieces.index(1, send.pieces.INSTRUCTIONS), "Rhodium, bright")
    qtbot.keyClicks(send.tracking, "1Z999AA10123456784")
    send.send_button.click()
    assert "sent to Riverbend Plating" in send.message.text(), send.message.text()
    assert ticket_story(db, a).status == Status.AT_VENDOR
    [line] = parcels(db)
    assert line.tracking == "1Z999AA10123456784"
    assert [p.instructions for p in line.pieces] == [None, "Rhodium, bright"]

    receive = screen.receive
    screen.tabs.setCurrentWidget(receive)
    assert receive.parcel.ref == line.ref
    _scan(qtbot, receive.scan_box, a)
    receive.check_in_button.click()
    assert "MISSING: " + b in receive.summary.text()
    assert receive.parcel.ref == line.ref  # still open, still on screen
    states = [receive.pieces.index(r, 4).data() for r in range(2)]
    assert states[1] == "MISSING" and states[0].startswith("back")
    assert ticket_story(db, a).status == Status.AT_BENCH
    assert ticket_story(db, b).status == Status.AT_VENDOR

    _scan(qtbot, receive.scan_box, b)
    receive.check_in_button.click()
    assert "complete" in receive.summary.text()
    assert screen.out.rows == []


def test_a_malformed_tracking_number_is_refused_on_screen(qtbot, ctx, screen):
    number = take_in_ring(ctx.db)
    _scan(qtbot, screen.send.scan_box, number)
    qtbot.keyClicks(screen.send.tracking, "1Z999AA10123456785")
    screen.send.send_button.click()
    assert "fails its check digit" in screen.send.tracking_problem.text()
    assert ticket_story(ctx.db, number).status == Status.RECEIVED
    assert parcels(ctx.db) == []
    assert len(screen.send.pieces.rows) == 1  # nothing lost: fix the number and send again


def test_an_envelope_that_cannot_go_out_is_not_added(qtbot, ctx, screen):
    number = take_in_ring(ctx.db)
    send_parcel(ctx.db, "PLAT", [number], by=COUNTER)
    _scan(qtbot, screen.send.scan_box, number)
    assert screen.send.pieces.rows == []
    assert "cannot go out" in screen.send.message.text()


def test_an_overdue_parcel_is_marked(qtbot, ctx, screen):
    number = take_in_ring(ctx.db)
    screen.send.expected_back.setDate(QDate.currentDate())
    send_parcel(ctx.db, "PLAT", [number], by=COUNTER,
                expected_back=store_today() - timedelta(days=2))
    screen.reload()
    assert screen.tabs.tabText(2) == "Parcels out (1, 1 overdue)"
    assert screen.out.index(0, 6).data().startswith(f"OVERDUE 2 d — missing {number}")
    assert "OVERDUE 2 d" in screen.receive.parcel_box.currentText()

    vendors = VendorsScreen(ctx)
    qtbot.addWidget(vendors)
    assert vendors.vendors.index(0, 5).data() == "1 · 1 late"
    assert vendors.parcels.index(0, 6).data().startswith("OVERDUE")


def test_the_parcel_tables_pass_the_model_tester(qtbot, qtmodeltester, ctx, screen):
    number = take_in_ring(ctx.db)
    _scan(qtbot, screen.send.scan_box, number)
    qtmodeltester.check(screen.send.pieces)
    send_parcel(ctx.db, "PLAT", [take_in_ring(ctx.db)], by=COUNTER)
    screen.reload()
    qtmodeltester.check(screen.out)
    qtmodeltester.check(screen.receive.pieces)


def test_the_manifest_of_a_sent_parcel_is_one_click_away(qtbot, ctx, screen):
    import pypdfium2 as pdfium

    from jeweldesk.ui.common.paper import PaperPreview

    number = take_in_ring(ctx.db, declared_value="2400.00")
    send = screen.send
    _scan(qtbot, send.scan_box, number)
    qtbot.keyClicks(send.tracking, "1Z999AA10123456784")
    send.send_button.click()
    assert send.manifest_button.isVisible()
    qtbot.mouseClick(send.manifest_button, Qt.MouseButton.LeftButton)
    preview = send.findChild(PaperPreview)
    text = pdfium.PdfDocument(preview.pdf)[0].get_textpage().get_text_range()
    assert number in text and "Riverbend Plating" in text and "2,400.00" in text
    preview.close()


def test_the_vendors_screen_catches_up_when_it_is_shown(qtbot, ctx):
    vendors = VendorsScreen(ctx)
    qtbot.addWidget(vendors)
    assert vendors.vendors.index(0, 5).data() == "0"
    number = take_in_ring(ctx.db)
    send_parcel(ctx.db, "PLAT", [number], by=COUNTER)
    ctx.did_change()
    assert vendors.vendors.index(0, 5).data() == "0"  # hidden: no work done for nobody
    vendors.show()
    qtbot.waitUntil(lambda: vendors.vendors.index(0, 5).data() == "1")
