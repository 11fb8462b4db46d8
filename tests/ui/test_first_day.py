"""A real store's first day, from an empty database, through the window and nothing else.

The store is set up, its people and its vendor added, a two-piece visit taken in with a
written-in repair and a deposit, its paper printed, both pieces worked at the bench (one
waits for parts with a note), one sent to the vendor in a parcel and checked back in, the
balance taken at pickup and the thank-you note printed. Each step is done with keys and
clicks as a person does it, and checked as that person would check it: on the screen, on
the paper and in the records. The traps that lost work before are tried on the way.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from jeweldesk.domain.kinds import Role
from jeweldesk.domain.status import Status
from jeweldesk.services.pins import sign_in
from jeweldesk.services.store import has_store, list_staff, store_settings
from jeweldesk.services.story import ticket_story
from jeweldesk.services.vendor_book import list_vendors
from jeweldesk.services.vendors import parcels
from jeweldesk.storage.engine import Database
from jeweldesk.ui.bench.bench import BenchScreen
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.paper import PaperPreview
from jeweldesk.ui.counter.intake import IntakeDialog
from jeweldesk.ui.counter.pickup import PickupDialog
from jeweldesk.ui.main_window import MainWindow, sign_in_first
from jeweldesk.ui.parcels.parcels import ParcelsScreen
from jeweldesk.ui.parcels.vendors import VendorsScreen
from jeweldesk.ui.settings.settings import SettingsScreen
from jeweldesk.ui.start.first_start import FirstStartDialog
from jeweldesk.ui.start.sign_in import SignInDialog
from tests.support.paper import barcodes, text_off_the_page
from tests.support.questions import answer_next_question, press_key

ENTER, TAB, SPACE = Qt.Key.Key_Return, Qt.Key.Key_Tab, Qt.Key.Key_Space
MANAGER, COUNTER, BENCH = "AR", "KP", "JR"
PINS = {MANAGER: "2468", COUNTER: "1357", BENCH: "8642"}


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_here(qtbot: QtBot, text: str, enter: bool = False) -> None:
    """Keys into whatever has the focus, as a person types without looking."""
    qtbot.keyClicks(focused(), text)
    if enter:
        qtbot.keyClick(focused(), ENTER)


def scan(qtbot: QtBot, box: QWidget, text: str) -> None:
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, ENTER)


def click(qtbot: QtBot, button: QPushButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def sign_in_at(qtbot: QtBot, dialog: SignInDialog, code: str) -> None:
    dialog.choose(code)
    qtbot.keyClicks(dialog.pin, PINS[code])
    qtbot.keyClick(dialog.pin, ENTER)


def when_asked_to_sign_in(code: str, qtbot: QtBot) -> None:
    """The sign-in that start-up waits on is answered once it shows, by PIN and Enter."""
    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SignInDialog):
            QTimer.singleShot(20, look)
            return
        sign_in_at(qtbot, dialog, code)
    QTimer.singleShot(0, look)


def switch_to(qtbot: QtBot, window: MainWindow, code: str) -> None:
    dialog = window.switch_person()
    qtbot.waitExposed(dialog)
    sign_in_at(qtbot, dialog, code)
    assert window.ctx.user.code == code


def preview_from(qtbot: QtBot, press: Callable[[], None]) -> PaperPreview:
    """The paper a button shows, as the preview the person prints from."""
    before = set(QApplication.topLevelWidgets())
    press()
    [preview] = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, PaperPreview) and w not in before and w.isVisible()]
    return preview


def pages(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    return [page.get_textpage().get_text_range() for page in document]


def saved(preview: PaperPreview, folder: Path) -> Path:
    path = folder / preview.file_name
    preview.save_to(path)
    return path


@pytest.fixture
def window(qtbot: QtBot, sqlite_db: Database) -> MainWindow:
    """The store set up from nothing through the first-start window, its manager signed in."""
    assert not has_store(sqlite_db)
    first = FirstStartDialog(sqlite_db)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    qtbot.keyClicks(first.name, "Marlow & Finch Jewelers")
    qtbot.keyClicks(first.address, "212 Main St, Jackson, MS 39201")
    qtbot.keyClicks(first.phone, "601 555 0100")
    qtbot.keyClicks(first.manager_name, "Ana Ruiz")
    qtbot.keyClicks(first.manager_code, MANAGER)
    qtbot.keyClicks(first.pin, PINS[MANAGER])
    with qtbot.waitSignal(first.accepted, timeout=5000):
        qtbot.keyClick(first.pin, ENTER)  # Enter anywhere sets the store up
    assert store_settings(sqlite_db).name == "Marlow & Finch Jewelers"

    ctx = AppContext(sqlite_db)
    when_asked_to_sign_in(MANAGER, qtbot)
    assert sign_in_first(ctx)
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    assert "Ana Ruiz" in main.who.text()
    return main


def add_person(qtbot: QtBot, settings: SettingsScreen, code: str, name: str,
               role: Role) -> None:
    staff = settings.staff
    click(qtbot, staff.new_button)
    qtbot.keyClicks(staff.code, code)
    qtbot.keyClicks(staff.name, name)
    staff.role.setCurrentIndex(staff.role.findData(role))
    qtbot.keyClicks(staff.pin, PINS[code])
    click(qtbot, staff.save_button)


def add_the_vendor(qtbot: QtBot, vendors: VendorsScreen) -> None:
    assert vendors.empty.isVisible()  # a new store has none, and says how to add one
    click(qtbot, vendors.add_button)
    form = vendors.vendor_dialog
    assert form is not None and form.isVisible()
    qtbot.keyClicks(form.name, "Riverbend Plating")
    qtbot.keyClicks(form.phone, "601 555 0190")
    qtbot.keyClicks(form.address, "118 Riverbend Rd, Jackson, MS 39201")
    qtbot.keyClicks(form.work, "Plating, chain repair")
    form.quote.setValue(6)
    click(qtbot, form.carrier_boxes["UPS"])
    click(qtbot, form.save_button)
    assert not form.isVisible()


def take_in_the_visit(qtbot: QtBot, window: MainWindow) -> IntakeDialog:
    click(qtbot, window.new_intake)
    intake = window.last_dialog
    assert isinstance(intake, IntakeDialog)
    qtbot.waitExposed(intake)
    qtbot.waitUntil(intake.search.hasFocus)
    qtbot.keyClicks(intake.search, "Barbara")
    qtbot.keyClick(intake.search, ENTER)  # nobody yet: a new customer, the name carried over
    qtbot.keyClick(intake.name, Qt.Key.Key_End)
    qtbot.keyClicks(intake.name, " Harris")
    qtbot.keyClicks(intake.phone, "601 555 0142")
    qtbot.mouseClick(intake.email, Qt.MouseButton.LeftButton)
    type_here(qtbot, "barbara@example.com")

    ring = intake.current_piece()
    qtbot.keyClick(focused(), TAB)  # how her letters open, where they go, then the piece
    assert focused() is intake.addressed_as
    qtbot.keyClick(focused(), TAB)
    assert focused() is intake.postal_address
    qtbot.keyClick(focused(), TAB)
    assert focused() is ring.kind  # not Cancel
    qtbot.keyClicks(ring.description, "Three-stone anniversary ring")
    qtbot.keyClicks(ring.metal, "18K yellow gold")
    qtbot.keyClicks(ring.stones, "3 round diamonds")
    qtbot.keyClicks(ring.declared_value, "1800")
    qtbot.keyClicks(ring.services.picker, "retip")
    qtbot.keyClick(ring.services.picker, ENTER)
    qtbot.keyClicks(ring.services.picker, "shank repair")  # not in the catalog: written in
    qtbot.keyClick(ring.services.picker, ENTER)
    qtbot.waitUntil(lambda: isinstance(focused(), type(intake.name))
                    and ring.services.table.isAncestorOf(focused()))
    type_here(qtbot, "65", enter=True)
    qtbot.waitUntil(lambda: ring.services.rows()[-1][2] == "65")
    qtbot.keyClicks(ring.deposit, "40")

    # A stray Space on Cancel only asks, and "keep it" keeps every word typed.
    intake.cancel_button.setFocus()
    asked = answer_next_question(press_key(Qt.Key.Key_Escape))
    qtbot.keyClick(intake.cancel_button, SPACE)
    qtbot.waitUntil(lambda: asked.asked)
    assert intake.isVisible() and "Throw away this visit?" in asked.texts[0]
    assert ring.description.text() == "Three-stone anniversary ring"

    click(qtbot, intake.add_piece_button)
    chain = intake.current_piece()
    qtbot.keyClicks(chain.kind, "Necklace")
    qtbot.keyClicks(chain.description, "Rope chain, 20 in")
    qtbot.keyClicks(chain.services.picker, "clasp")
    qtbot.keyClick(chain.services.picker, ENTER)
    intake.save_button.setFocus()
    qtbot.keyClick(intake.save_button, ENTER)
    assert len(intake.numbers) == 2 and intake.stack.currentWidget() is intake.saved_page
    return intake


def work_at_the_bench(qtbot: QtBot, bench: BenchScreen, ring: str, chain: str) -> None:
    assert bench.jeweler_code() == BENCH
    scan(qtbot, bench.scan_box, ring)
    scan(qtbot, bench.scan_box, "S")
    assert bench.queue_title.text() == "Jonah Reyes's queue — 1 piece"  # started: his
    scan(qtbot, bench.scan_box, "P Waiting on a 4 mm prong head")
    assert bench.focusWidget() is bench.scan_box  # the note did not keep the keyboard
    type_here(qtbot, chain, enter=True)  # the next envelope, scanned without looking
    assert bench.scanned.number == chain
    story = ticket_story(bench.ctx.db, ring)
    assert story.status is Status.WAITING_PARTS
    assert story.events[-1].note == "Waiting on a 4 mm prong head"  # not the scan


def test_a_store_set_up_from_nothing_runs_its_first_day(qtbot: QtBot, window: MainWindow,
                                                        tmp_path: Path) -> None:
    db = window.ctx.db

    # The manager adds the counter clerk and the bench jeweler, each with a PIN.
    assert window.show_screen("settings")
    settings = window.screen_for("settings")
    assert isinstance(settings, SettingsScreen)
    add_person(qtbot, settings, COUNTER, "Kate Pruitt", Role.COUNTER)
    add_person(qtbot, settings, BENCH, "Jonah Reyes", Role.BENCH)
    assert sorted((s.code, s.role, s.has_pin) for s in list_staff(db)) == [
        (MANAGER, Role.MANAGER, True), (BENCH, Role.BENCH, True), (COUNTER, Role.COUNTER, True)]
    sign_in(db, BENCH, PINS[BENCH])  # refused if the PIN typed had not been kept

    # ...and the store's first vendor.
    assert window.show_screen("vendors")
    vendors = window.screen_for("vendors")
    assert isinstance(vendors, VendorsScreen)
    add_the_vendor(qtbot, vendors)
    [vendor] = list_vendors(db)
    assert (vendor.name, vendor.phone, vendor.quoted_turnaround_days) == (
        "Riverbend Plating", "(601) 555-0190", 6)

    # The counter clerk takes in a two-piece visit.
    switch_to(qtbot, window, COUNTER)
    assert not window.show_screen("settings")  # not hers
    intake = take_in_the_visit(qtbot, window)
    ring, chain = intake.numbers
    first = ticket_story(db, ring)
    assert (first.customer_name, first.customer_phone) == ("Barbara Harris", "(601) 555-0142")
    assert [(s.description, s.price) for s in first.services][-1] == (
        "Shank repair", Decimal("65.00"))
    assert first.deposit == Decimal("40.00") and first.taken_in_by == "Kate Pruitt"
    assert ticket_story(db, chain).visit == first.visit

    receipt = preview_from(qtbot, lambda: click(qtbot, intake.saved_page.receipt))
    printed = pages(receipt.pdf)
    assert all(n in printed[0] for n in (ring, chain, "Barbara Harris", "Shank repair"))
    assert "deposits paid $40.00" in printed[0]
    stub = printed[-1][printed[-1].index("Cut here"):]  # whole, on the last sheet
    assert stub.count("Barbara Harris") == 2 and ring in stub and chain in stub
    assert text_off_the_page(saved(receipt, tmp_path)) == []
    tags = preview_from(qtbot, lambda: click(qtbot, intake.saved_page.tags))
    assert [ring, chain] == sorted(code for page in barcodes(saved(tags, tmp_path))
                                   for code in page)
    receipt.close()
    tags.close()
    click(qtbot, intake.saved_page.done)
    assert not intake.isVisible()

    # A failed scan in the search box is cleared, and the next one opens its ticket.
    qtbot.keyClicks(window.search, "R-99999")
    qtbot.keyClick(window.search, ENTER)
    assert window.search.text() == ""
    qtbot.waitUntil(window.scan_problem.isVisible)
    scan(qtbot, window.search, ring)
    assert getattr(window.last_dialog, "number", None) == ring
    window.last_dialog.close()

    # The bench jeweler starts the ring, sets it waiting for parts, and takes the chain.
    switch_to(qtbot, window, BENCH)
    assert window.show_screen("bench")
    bench = window.screen_for("bench")
    assert isinstance(bench, BenchScreen)
    work_at_the_bench(qtbot, bench, ring, chain)

    # The chain goes to the vendor in a parcel, with a tracking number.
    assert window.show_screen("parcels")
    parcels_screen = window.screen_for("parcels")
    assert isinstance(parcels_screen, ParcelsScreen)
    send = parcels_screen.send
    assert send.vendor.currentText().startswith("Riverbend Plating")
    scan(qtbot, send.scan_box, chain)
    qtbot.keyClicks(send.tracking, "1Z999AA10123456784")
    click(qtbot, send.send_button)
    assert "sent to Riverbend Plating" in send.message.text()
    [parcel] = parcels(db)
    assert parcel.tracking == "1Z999AA10123456784"
    assert ticket_story(db, chain).status is Status.AT_VENDOR

    # The part comes in: the ring back on the bench, finished and ready.
    assert window.show_screen("bench")
    for typed in (ring, "S", "Q Prongs retipped, shank rebuilt", "R"):
        scan(qtbot, bench.scan_box, typed)
    assert ticket_story(db, ring).status is Status.READY

    # The parcel comes back; the chain is checked in, finished and ready.
    assert window.show_screen("parcels")
    receive = parcels_screen.receive
    parcels_screen.tabs.setCurrentWidget(receive)
    scan(qtbot, receive.scan_box, chain)
    click(qtbot, receive.check_in_button)
    assert "complete" in receive.summary.text()
    assert ticket_story(db, chain).status is Status.AT_BENCH
    assert window.show_screen("bench")
    for typed in (chain, "Q Clasp replaced by Riverbend", "R"):
        scan(qtbot, bench.scan_box, typed)
    assert ticket_story(db, chain).status is Status.READY

    # Pickup: Barbara's two pieces, her balance, and nobody else's envelope.
    switch_to(qtbot, window, COUNTER)
    other = take_in_one_more(qtbot, window, bench)
    click(qtbot, window.pickup)
    pickup = window.last_dialog
    assert isinstance(pickup, PickupDialog)
    qtbot.waitExposed(pickup)
    scan(qtbot, pickup.scan, ring)
    assert pickup.also.isVisible()
    click(qtbot, pickup.add_also)
    assert [p.number for p in pickup.pieces] == [ring, chain]
    scan(qtbot, pickup.scan, other)
    assert [p.number for p in pickup.pieces] == [ring, chain]  # refused, said plainly
    assert pickup.scan_problem.text().startswith(f"{other} is Pat Careless's")
    total = sum((ticket_story(db, n).balance for n in (ring, chain)), Decimal("0"))
    assert pickup.due.text() == f"${total:,.2f}"
    pickup.method.setCurrentIndex(pickup.method.findText("Cash"))
    pickup.hand_back_button.setFocus()
    qtbot.keyClick(pickup.hand_back_button, ENTER)
    for number in (ring, chain):
        story = ticket_story(db, number)
        assert story.status is Status.PICKED_UP and story.balance == Decimal("0.00")
        assert story.collected_by == "Barbara Harris"
    assert ticket_story(db, other).status is Status.READY  # still on the shelf

    note = preview_from(qtbot, lambda: click(qtbot, pickup.thank_you))
    for_ring, for_chain = (" ".join(page.split()) for page in pages(note.pdf))  # one each
    assert all("Dear Barbara," in said and "Kate Pruitt" in said for said in (for_ring, for_chain))
    assert "three-stone anniversary ring" in for_ring and "shank repair" in for_ring
    assert "Jonah Reyes" in for_ring and "Riverbend Plating" in for_chain  # who did the work


def take_in_one_more(qtbot: QtBot, window: MainWindow, bench: BenchScreen) -> str:
    """Another customer's ring, ready on the same shelf: the envelope pickup must refuse."""
    click(qtbot, window.new_intake)
    intake = window.last_dialog
    assert isinstance(intake, IntakeDialog)
    qtbot.waitExposed(intake)
    qtbot.keyClicks(intake.name, "Pat Careless")
    qtbot.keyClicks(intake.phone, "601 555 0177")
    piece = intake.current_piece()
    qtbot.keyClicks(piece.description, "Gold wedding band")
    qtbot.keyClicks(piece.services.picker, "polish")
    qtbot.keyClick(piece.services.picker, ENTER)
    intake.save()
    [number] = intake.numbers
    QDialog.accept(intake)
    switch_to(qtbot, window, BENCH)
    assert window.show_screen("bench")
    for typed in (number, "S", "Q", "R"):
        scan(qtbot, bench.scan_box, typed)
    switch_to(qtbot, window, COUNTER)
    assert ticket_story(window.ctx.db, number).status is Status.READY
    return number
