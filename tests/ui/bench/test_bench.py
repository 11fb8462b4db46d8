"""The Bench screen driven the way a jeweler does it: scan, Enter, a letter, Enter."""

from datetime import timedelta

from PySide6.QtCore import QDate, Qt

from jeweldesk.domain.status import Status
from jeweldesk.services.moves import move
from jeweldesk.services.story import ticket_story
from jeweldesk.ui.bench.bench import BenchScreen
from tests.support.store import BENCH, COUNTER, store_today, take_in_ring
from tests.support.window import scan_into, signed_in


def test_the_bench_flow_by_scan(qtbot, bench_ctx, screen):
    number = take_in_ring(bench_ctx.db)
    screen.reload()
    assert screen.jeweler_code() == BENCH
    assert [line.number for line in screen.queue.rows] == [number]

    scan_into(qtbot, screen.scan_box, number)
    assert screen.scanned.number == number
    assert [k for k, b in screen.move_buttons.items() if b.isVisible()] == ["S", "P"]

    scan_into(qtbot, screen.scan_box, "s")
    assert ticket_story(bench_ctx.db, number).status == Status.AT_BENCH
    assert [k for k, b in screen.move_buttons.items() if b.isVisible()] == ["P", "Q", "R"]

    scan_into(qtbot, screen.scan_box, "Q Prongs retipped, stone tight")
    scan_into(qtbot, screen.scan_box, "R")
    story = ticket_story(bench_ctx.db, number)
    assert [e.status for e in story.events] == [
        Status.RECEIVED, Status.AT_BENCH, Status.QUALITY_CHECK, Status.READY]
    assert story.events[2].note == "Prongs retipped, stone tight"
    assert all(e.by_code == BENCH for e in story.events[1:])
    assert screen.queue.rows == []  # ready: off the bench, onto the counter's shelf


def test_a_move_the_path_does_not_allow_is_not_made(qtbot, bench_ctx, screen):
    number = take_in_ring(bench_ctx.db)
    scan_into(qtbot, screen.scan_box, number)
    scan_into(qtbot, screen.scan_box, "R")
    assert ticket_story(bench_ctx.db, number).status == Status.RECEIVED
    assert "R is not a move" in screen.message.text()
    assert "V (send in a parcel)" in screen.message.text()  # every letter that would do


def test_waiting_for_parts_takes_a_note_and_a_date(qtbot, bench_ctx, screen):
    number = take_in_ring(bench_ctx.db)
    scan_into(qtbot, screen.scan_box, number)
    scan_into(qtbot, screen.scan_box, "P")
    assert screen.parts_row.isVisible()
    expected = store_today() + timedelta(days=4)
    screen.parts_row.expected.setDate(QDate(expected.year, expected.month, expected.day))
    qtbot.keyClicks(screen.parts_row.note, "Safety chain from Stuller")
    qtbot.keyClick(screen.parts_row.note, Qt.Key.Key_Return)

    story = ticket_story(bench_ctx.db, number)
    assert story.status == Status.WAITING_PARTS
    assert story.events[-1].note == (
        f"Parts expected {expected.isoformat()}. Safety chain from Stuller")
    [waiting] = screen.waiting.rows
    assert waiting.parts_expected == expected and waiting.note == "Safety chain from Stuller"


def test_a_move_made_at_another_workstation_first_is_caught_not_doubled(
        qtbot, bench_ctx, screen, other_pc):
    number = take_in_ring(bench_ctx.db)
    scan_into(qtbot, screen.scan_box, number)
    move(other_pc, number, Status.AT_BENCH, by=COUNTER)  # the counter, a moment earlier
    scan_into(qtbot, screen.scan_box, "S")

    assert "changed at another workstation" in screen.message.text()
    story = ticket_story(bench_ctx.db, number)
    assert [e.status for e in story.events] == [Status.RECEIVED, Status.AT_BENCH]
    assert screen.scanned.status == Status.AT_BENCH  # the screen shows the new state
    scan_into(qtbot, screen.scan_box, "Q")
    assert ticket_story(bench_ctx.db, number).status == Status.QUALITY_CHECK


def test_finished_work_photos_are_kept(qtbot, bench_ctx, screen, tmp_path):
    from PIL import Image

    number = take_in_ring(bench_ctx.db)
    picture = tmp_path / "done.png"
    Image.new("RGB", (64, 48), "silver").save(picture)
    scan_into(qtbot, screen.scan_box, number)
    screen.add_photos([picture])
    assert [p.stage for p in ticket_story(bench_ctx.db, number).photos] == ["finished"]


def test_the_bench_tables_pass_the_model_tester(qtbot, qtmodeltester, bench_ctx, screen):
    number = take_in_ring(bench_ctx.db, occasion_what="Wedding",
                          occasion_date=store_today() + timedelta(days=10))
    move(bench_ctx.db, number, Status.WAITING_PARTS, by=BENCH, note="Parts expected 2030-01-02")
    screen.reload()
    assert screen.queue.rowCount() == 1 and screen.waiting.rowCount() == 1
    qtmodeltester.check(screen.queue)
    qtmodeltester.check(screen.waiting)


def test_a_piece_at_risk_is_marked_in_the_jewelers_queue(qtbot, bench_ctx):
    from tests.support.late_vendor import late_at_vendor

    number = late_at_vendor(bench_ctx.db)  # the ring is Jonah Reyes's, out at a slow vendor
    screen = BenchScreen(bench_ctx)
    qtbot.addWidget(screen)
    row = next(n for n in range(screen.queue.rowCount())
               if screen.queue.row_at(n).number == number)
    column = next(c for c in range(screen.queue.columnCount())
                  if screen.queue.headerData(c, Qt.Orientation.Horizontal) == "At risk")
    qtbot.waitUntil(lambda: screen.queue.index(row, column).data() == "At risk")
    assert "Riverbend Plating" in screen.queue.index(row, column).data(
        Qt.ItemDataRole.ToolTipRole)


def test_a_jeweler_plans_their_own_days_off_from_the_bench(qtbot, bench_ctx, screen):
    from jeweldesk.services.days_off import days_off

    assert screen.days_off_button.isEnabled()
    dialog = screen.open_days_off()
    assert dialog is not None and "None planned yet." in dialog.planned_list.text()
    start = QDate.currentDate().addDays(20)
    dialog.form.first.setDate(start)
    dialog.form.last.setDate(start.addDays(6))
    qtbot.keyClicks(dialog.form.note, "Holiday")
    qtbot.mouseClick(dialog.form.add, Qt.MouseButton.LeftButton)
    [entry] = days_off(bench_ctx.db)
    assert (entry.staff_code, entry.first_day, entry.last_day, entry.note) == (
        BENCH, start.toPython(), start.addDays(6).toPython(), "Holiday")
    assert "Holiday" in dialog.planned_list.text()  # listed at once, the form cleared
    assert dialog.form.note.text() == ""


def test_only_the_jeweler_or_a_manager_plans_a_jewelers_days_off(qtbot, sqlite_store):
    from jeweldesk.services.store import list_staff
    from tests.support.store import MANAGER

    counter = signed_in(sqlite_store, COUNTER)
    screen = BenchScreen(counter)
    qtbot.addWidget(screen)
    screen.set_jeweler(BENCH)
    assert not screen.days_off_button.isEnabled()
    counter.set_user(next(s for s in list_staff(sqlite_store) if s.code == MANAGER))
    assert screen.days_off_button.isEnabled()


def _scan_where_the_keyboard_is(qtbot, screen, text):
    """What a scanner does: types into whatever has the focus, then Enter."""
    focused = screen.focusWidget()
    assert focused is not None
    qtbot.keyClicks(focused, text)
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    return focused


def test_after_waiting_for_parts_with_a_note_the_next_scan_opens_that_envelope(
        qtbot, bench_ctx, screen):
    first, second = take_in_ring(bench_ctx.db), take_in_ring(bench_ctx.db)
    scan_into(qtbot, screen.scan_box, first)
    scan_into(qtbot, screen.scan_box, "S")
    assert screen.focusWidget() is screen.scan_box
    scan_into(qtbot, screen.scan_box, "P Safety chain from Stuller")
    assert screen.focusWidget() is screen.scan_box  # back for the next envelope

    assert _scan_where_the_keyboard_is(qtbot, screen, second) is screen.scan_box
    assert screen.scanned.number == second
    story = ticket_story(bench_ctx.db, first)
    assert story.status == Status.WAITING_PARTS
    assert story.events[-1].note == "Safety chain from Stuller"  # and not the scan


def test_a_scan_that_lands_in_the_parts_note_opens_its_envelope_and_saves_nothing(
        qtbot, bench_ctx, screen):
    first, second = take_in_ring(bench_ctx.db), take_in_ring(bench_ctx.db)
    scan_into(qtbot, screen.scan_box, first)
    scan_into(qtbot, screen.scan_box, "P")
    assert screen.focusWidget() is screen.parts_row.note
    _scan_where_the_keyboard_is(qtbot, screen, second)  # the jeweler scanned, not typed

    assert screen.scanned.number == second and not screen.parts_row.isVisible()
    assert ticket_story(bench_ctx.db, first).status == Status.RECEIVED
    assert "nothing was saved for " + first in screen.message.text()
    assert screen.focusWidget() is screen.scan_box


def test_a_parts_note_committed_by_its_own_enter_hands_the_keyboard_back(
        qtbot, bench_ctx, screen):
    first, second = take_in_ring(bench_ctx.db), take_in_ring(bench_ctx.db)
    scan_into(qtbot, screen.scan_box, first)
    scan_into(qtbot, screen.scan_box, "P")
    _scan_where_the_keyboard_is(qtbot, screen, "Two 3 mm prongs")
    assert screen.focusWidget() is screen.scan_box
    _scan_where_the_keyboard_is(qtbot, screen, second)
    assert screen.scanned.number == second
    assert ticket_story(bench_ctx.db, first).events[-1].note.endswith(". Two 3 mm prongs")


def test_the_note_field_keeps_its_note_for_the_next_move_and_a_scan_there_opens_it(
        qtbot, bench_ctx, screen):
    first, second = take_in_ring(bench_ctx.db), take_in_ring(bench_ctx.db)
    scan_into(qtbot, screen.scan_box, first)
    screen.note.setFocus()
    _scan_where_the_keyboard_is(qtbot, screen, "Stone loose at 4 o'clock")
    assert screen.focusWidget() is screen.scan_box
    scan_into(qtbot, screen.scan_box, "S")
    assert ticket_story(bench_ctx.db, first).events[-1].note == "Stone loose at 4 o'clock"

    screen.note.setFocus()
    _scan_where_the_keyboard_is(qtbot, screen, "Polished" + second)  # glued to the words
    assert screen.scanned.number == second and screen.note.text() == ""
    assert [e.note for e in ticket_story(bench_ctx.db, first).events][-1] == (
        "Stone loose at 4 o'clock")


def test_a_piece_started_at_the_bench_is_in_its_jewelers_queue_at_once(qtbot, sqlite_store):
    from tests.support.store import MANAGER

    manager = signed_in(sqlite_store, MANAGER)
    screen = BenchScreen(manager)
    qtbot.addWidget(screen)
    screen.show()
    screen.set_jeweler(MANAGER)
    number = take_in_ring(manager.db, assigned_to=None)
    assert screen.queue_title.text() == "Sandra Cole's queue — 0 pieces"
    scan_into(qtbot, screen.scan_box, number)
    scan_into(qtbot, screen.scan_box, "S")
    assert [line.number for line in screen.queue.rows] == [number]
    assert screen.queue_title.text() == "Sandra Cole's queue — 1 piece"


def test_the_bench_sends_a_piece_out_only_in_a_parcel(qtbot, bench_ctx, screen):
    from jeweldesk.services.vendors import parcels

    number = take_in_ring(bench_ctx.db)
    scan_into(qtbot, screen.scan_box, number)
    assert screen.send_button.isVisible() and "<b>V</b> send in a parcel" in screen.card.text()
    scan_into(qtbot, screen.scan_box, "V")
    dialog = screen.send_dialog
    assert dialog is not None and dialog.isVisible()
    assert [p.number for p in dialog.form.pieces.rows] == [number]
    dialog.form.send_button.click()
    [line] = parcels(bench_ctx.db)
    story = ticket_story(bench_ctx.db, number)
    assert story.status == Status.AT_VENDOR
    assert story.events[-1].note == f"{line.ref} to Riverbend Plating"
    dialog.close()
    assert screen.scanned.status == Status.AT_VENDOR
    assert screen.focusWidget() is screen.scan_box


def test_coming_to_the_bench_the_scan_moves_the_envelope_instead_of_opening_it(
        qtbot, bench_ctx):
    """From the window's search box (where signing in leaves the keyboard) to the Bench:
    the next scan loads the envelope at the bench, not its ticket over the window."""
    from PySide6.QtWidgets import QApplication

    from jeweldesk.ui.main_window import MainWindow

    number = take_in_ring(bench_ctx.db)
    window = MainWindow(bench_ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.search.hasFocus)
    assert window.show_screen("bench")
    bench = window.screen_for("bench")
    for line in (number, "S"):
        scan_into(qtbot, QApplication.focusWidget(), line)
    assert bench.scanned is not None and bench.scanned.number == number
    assert ticket_story(bench_ctx.db, number).status == Status.AT_BENCH
    assert window.last_dialog is None  # no ticket opened over the bench


def test_a_jeweler_who_signs_in_at_the_bench_scans_into_it(qtbot, sqlite_store):
    """Switch person at the Bench: the window's search box takes the keyboard for a moment,
    and the first scan after the PIN still moves the envelope on instead of opening it."""
    from PySide6.QtWidgets import QApplication

    from jeweldesk.ui.main_window import MainWindow

    number = take_in_ring(sqlite_store)
    window = MainWindow(signed_in(sqlite_store, COUNTER))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.show_screen("bench")
    bench = window.screen_for("bench")
    sign_in = window.switch_person()
    qtbot.waitExposed(sign_in)
    sign_in.choose(BENCH)
    scan_into(qtbot, sign_in.pin, "1470")
    qtbot.waitUntil(bench.scan_box.hasFocus)
    for line in (number, "S"):
        scan_into(qtbot, QApplication.focusWidget(), line)
    assert ticket_story(sqlite_store, number).status == Status.AT_BENCH
    assert ticket_story(sqlite_store, number).events[-1].by_code == BENCH


def test_a_move_at_the_bench_says_where_the_piece_is_now(qtbot, bench_ctx, screen):
    number = take_in_ring(bench_ctx.db)
    screen.reload()
    scan_into(qtbot, screen.scan_box, number)
    scan_into(qtbot, screen.scan_box, "s")
    assert screen.message.text() == f"{number} is now at the bench."
    scan_into(qtbot, screen.scan_box, "Q")
    assert screen.message.text() == f"{number} is now in quality check."
