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
from tests.support.window import scan_into


@pytest.fixture
def screen(qtbot, ctx):
    widget = ParcelsScreen(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_parcel_out_and_back_with_one_piece_missing(qtbot, ctx, screen):
    db = ctx.db
    a = take_in_ring(db, declared_value="2400.00")
    b = take_in_ring(db, declared_value="650.00")
    send = screen.send
    assert send.expected_back.date().toPython() == store_today() + timedelta(days=6)
    scan_into(qtbot, send.scan_box, a)
    scan_into(qtbot, send.scan_box, b)
    assert "$3,050.00" in send.insured.text() and "2 envelopes" in send.insured.text()
    send.pieces.setData(send.pieces.index(1, send.pieces.INSTRUCTIONS), "Rhodium, bright")
    qtbot.keyClicks(send.tracking, "1Z999AA10123456784")
    send.send_button.click()
    assert "sent to Riverbend Plating with 2 envelopes;" in send.message.text()
    assert ticket_story(db, a).status == Status.AT_VENDOR
    [line] = parcels(db)
    assert line.tracking == "1Z999AA10123456784"
    assert [p.instructions for p in line.pieces] == [None, "Rhodium, bright"]

    receive = screen.receive
    screen.tabs.setCurrentWidget(receive)
    assert receive.parcel.ref == line.ref
    scan_into(qtbot, receive.scan_box, a)
    receive.check_in_button.click()
    assert "MISSING: " + b in receive.summary.text()
    assert receive.parcel.ref == line.ref  # still open, still on screen
    states = [receive.pieces.index(r, 4).data() for r in range(2)]
    assert states[1] == "MISSING" and states[0].startswith("back")
    assert ticket_story(db, a).status == Status.AT_BENCH
    assert ticket_story(db, b).status == Status.AT_VENDOR

    scan_into(qtbot, receive.scan_box, b)
    receive.check_in_button.click()
    assert receive.summary.text() == f"{line.ref} is complete: 1 envelope back to the bench."
    assert not receive.check_in_button.isEnabled()
    assert screen.out.rows == []


def test_a_malformed_tracking_number_is_refused_on_screen(qtbot, ctx, screen):
    number = take_in_ring(ctx.db)
    scan_into(qtbot, screen.send.scan_box, number)
    qtbot.keyClicks(screen.send.tracking, "1Z999AA10123456785")
    screen.send.send_button.click()
    assert "fails its check digit" in screen.send.tracking_problem.text()
    assert ticket_story(ctx.db, number).status == Status.RECEIVED
    assert parcels(ctx.db) == []
    assert len(screen.send.pieces.rows) == 1  # nothing lost: fix the number and send again


def test_an_envelope_that_cannot_go_out_is_not_added(qtbot, ctx, screen):
    number = take_in_ring(ctx.db)
    send_parcel(ctx.db, "PLAT", [number], by=COUNTER)
    scan_into(qtbot, screen.send.scan_box, number)
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
    scan_into(qtbot, screen.send.scan_box, number)
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
    scan_into(qtbot, send.scan_box, number)
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


def test_with_no_vendor_on_record_a_new_parcel_says_to_add_one_and_shows_no_made_up_date(
        qtbot, sqlite_db):
    from jeweldesk.services.vendor_book import VendorInfo, add_vendor
    from tests.support.store import MANAGER, set_up
    from tests.support.window import signed_in

    set_up(sqlite_db, with_vendor=False)  # a store set up through the window, day one
    ctx = signed_in(sqlite_db, COUNTER)
    screen = ParcelsScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    send = screen.send
    assert screen.tabs.tabText(0) == "New parcel"
    assert send.no_vendor.isVisible()
    assert send.no_vendor.text() == "Add a vendor first: Vendors › Add vendor"
    assert send.expected_back.text() == ""  # no made-up day: the field says "—" until one
    assert send.expected_back.line.placeholderText().startswith("—")
    assert not send.send_button.isEnabled() and not send.scan_box.isEnabled()

    add_vendor(ctx.db, VendorInfo("", "Gulf Coast Watch Works", quoted_turnaround_days=14,
                                  carriers=("FedEx",)), MANAGER)
    ctx.did_change()
    assert not send.no_vendor.isVisible() and send.send_button.isEnabled()
    assert send.vendor.currentText().startswith("Gulf Coast Watch Works — quotes 14 days")
    assert send.expected_back.date().toPython() == store_today() + timedelta(days=14)
    assert send.carrier.currentText() == "FedEx"  # the vendor's usual carrier


def test_expected_back_follows_the_chosen_vendors_quote_and_retired_ones_are_not_offered(
        qtbot, ctx, screen):
    from jeweldesk.services.vendor_book import VendorInfo, add_vendor, retire_vendor
    from tests.support.store import MANAGER

    add_vendor(ctx.db, VendorInfo("CAST", "Magnolia Casting", quoted_turnaround_days=10,
                                  work="Casting", ship_weekdays=(2, 4)), MANAGER)
    add_vendor(ctx.db, VendorInfo("GONE", "Old Engraver", quoted_turnaround_days=3), MANAGER)
    retire_vendor(ctx.db, "GONE", MANAGER)
    ctx.did_change()
    send = screen.send
    offered = [send.vendor.itemData(i) for i in range(send.vendor.count())]
    assert offered == ["CAST", "PLAT"]
    send.vendor.setCurrentIndex(send.vendor.findData("CAST"))
    assert send.expected_back.date().toPython() == store_today() + timedelta(days=10)
    assert "usually go on Tue and Thu" in send.quote_note.text()
    send.vendor.setCurrentIndex(send.vendor.findData("PLAT"))
    assert send.expected_back.date().toPython() == store_today() + timedelta(days=6)


def test_the_parcels_list_shows_tracking_and_finds_a_parcel_by_it_even_when_back(
        qtbot, ctx, screen):
    from jeweldesk.services.parcels import receive_parcel

    first, second = take_in_ring(ctx.db), take_in_ring(ctx.db)
    back = send_parcel(ctx.db, "PLAT", [first], by=COUNTER, carrier="UPS",
                       tracking="1Z999AA10123456784")
    receive_parcel(ctx.db, back, [first], by=COUNTER)
    out = send_parcel(ctx.db, "PLAT", [second], by=COUNTER, carrier="USPS",
                      tracking="9205 5901 6491 7312 7510 89")
    ctx.did_change()
    column = next(c for c in range(screen.out.columnCount())
                  if screen.out.headerData(c, Qt.Orientation.Horizontal) == "Tracking")
    assert [screen.out.index(r, column).data() for r in range(screen.out.rowCount())] == [
        "9205590164917312751089"]

    qtbot.keyClicks(screen.search, "23456784")  # part of the number, read off the label
    assert [p.ref for p in screen.out.rows] == [back]  # found, though it is back already
    screen.search.clear()
    # A USPS label's barcode carries the ZIP before the number: the scan still finds it.
    scan_into(qtbot, screen.search, "420394019205590164917312751089")
    assert [p.ref for p in screen.out.rows] == [out]
    assert screen.out_view.selectionModel().selectedRows()[0].row() == 0
    assert screen.search.selectedText() == "420394019205590164917312751089"  # next scan replaces
    screen.search.clear()
    scan_into(qtbot, screen.search, "1Z000000000000000")
    assert screen.out.rows == [] and "No parcel found" in screen.out_title.text()


def test_a_piece_scanned_into_the_wrong_parcels_check_in_names_the_one_it_went_out_in(
        qtbot, ctx, screen):
    a, b = take_in_ring(ctx.db), take_in_ring(ctx.db)
    first = send_parcel(ctx.db, "PLAT", [a], by=COUNTER)
    second = send_parcel(ctx.db, "PLAT", [b], by=COUNTER)
    ctx.did_change()
    receive = screen.receive
    receive.pick(first)
    scan_into(qtbot, receive.scan_box, b)
    assert receive.summary.text().startswith(f"{b} went out in {second}, not {first}.")
    assert receive.in_box == []
    scan_into(qtbot, receive.scan_box, "R-99999")
    assert "no ticket R-99999" in receive.summary.text()


def test_the_ticket_window_offers_a_parcel_not_a_bare_at_vendor_move(qtbot, ctx):
    from jeweldesk.ui.parcels.send import SendParcelDialog
    from jeweldesk.ui.ticket.view import TicketDialog

    number = take_in_ring(ctx.db)
    dialog = TicketDialog(ctx, number)
    qtbot.addWidget(dialog)
    dialog.show()
    button = dialog.moves.buttons[Status.AT_VENDOR]
    assert button.text() == "Send in a parcel…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    [sending] = dialog.findChildren(SendParcelDialog)
    assert [p.number for p in sending.form.pieces.rows] == [number]
    qtbot.keyClicks(sending.form.tracking, "1Z999AA10123456784")
    qtbot.mouseClick(sending.form.send_button, Qt.MouseButton.LeftButton)

    [line] = parcels(ctx.db)
    story = ticket_story(ctx.db, number)
    assert story.status == Status.AT_VENDOR
    assert story.events[-1].note == f"{line.ref} to Riverbend Plating"  # custody names both
    assert "At vendor" in dialog.status.text()  # the ticket shows it at once
    sending.close()


def test_expected_back_is_read_the_way_it_is_typed(qtbot, ctx, screen):
    number = take_in_ring(ctx.db)
    send = screen.send
    scan_into(qtbot, send.scan_box, number)
    back = store_today() + timedelta(days=10)
    send.expected_back.line.selectAll()
    qtbot.keyClicks(send.expected_back.line, f"{back:%a %b} {back.day}, {back.year}")
    qtbot.keyClicks(send.tracking, "1Z999AA10123456784")
    send.send_button.click()
    [line] = parcels(ctx.db)
    assert line.expected_back == back  # not Qt's section-by-section reading of the keys


def test_a_piece_sent_for_work_the_store_usually_does_says_so_and_its_manifest_is_not_blank(
        qtbot, ctx, screen):
    """The ring's lines (prongs, a polish) are bench work: the clerk is told to write the
    vendor's instructions, and a manifest sent without them lists the ticket's own work."""
    import pypdfium2 as pdfium

    from jeweldesk.ui.common.paper import PaperPreview

    number = take_in_ring(ctx.db)
    send = screen.send
    scan_into(qtbot, send.scan_box, number)
    assert "Nothing on its ticket is Riverbend Plating's usual work" in send.message.text()
    assert "instructions" in send.message.text()
    qtbot.keyClicks(send.tracking, "1Z999AA10123456784")
    send.send_button.click()
    qtbot.mouseClick(send.manifest_button, Qt.MouseButton.LeftButton)
    preview = send.findChild(PaperPreview)
    text = pdfium.PdfDocument(preview.pdf)[0].get_textpage().get_text_range()
    assert "Retip four prongs; Clean and polish" in " ".join(text.split())
    preview.close()


def test_a_piece_missing_from_a_returned_box_is_said_missing_and_the_board_shows_where_it_is(
        qtbot, ctx, screen):
    """Checked in short: the ticket says the box came back without it (not "not back yet"),
    and the board names the vendor holding it, though its lines are bench work."""
    from jeweldesk.services.board import BoardFilter, BoardSort, board_page
    from jeweldesk.services.parcels import receive_parcel
    from jeweldesk.ui.ticket.view import TicketDialog

    db = ctx.db
    a, b = take_in_ring(db), take_in_ring(db)
    ref = send_parcel(db, "PLAT", [a, b], COUNTER)
    rows = {r.number: r for r in board_page(db, BoardFilter(), BoardSort(), 0, 50).rows}
    assert rows[a].vendor == rows[b].vendor == "Riverbend Plating"
    receive_parcel(db, ref, [a], COUNTER)

    story = ticket_story(db, b)
    [out] = story.parcels
    assert out.returned_at is None and out.checked_in_without is not None
    assert ticket_story(db, a).parcels[0].checked_in_without is None
    dialog = TicketDialog(ctx, b)
    qtbot.addWidget(dialog)
    back = dialog.parcels.model().index(0, 4).data()
    assert back.startswith("missing: the box came back") and back.endswith("without it")
    assert dialog.moves.closed.text().startswith(
        f"Missing from parcel {ref}: Riverbend Plating sent the box back ")
    rows = {r.number: r for r in board_page(db, BoardFilter(), BoardSort(), 0, 50).rows}
    assert rows[b].vendor == "Riverbend Plating" and rows[a].vendor is None  # a is back


def test_each_tab_s_own_box_takes_the_scan(qtbot, ctx, screen):
    """Coming to Parcels, or to one of its tabs, the keyboard is where the scan belongs: in
    the parcel going out, the parcel coming back, or the search for one."""
    screen.activateWindow()
    qtbot.waitUntil(screen.send.scan_box.hasFocus)
    screen.tabs.setCurrentWidget(screen.receive)
    qtbot.waitUntil(screen.receive.scan_box.hasFocus)
    screen.tabs.setCurrentIndex(2)
    qtbot.waitUntil(screen.search.hasFocus)
