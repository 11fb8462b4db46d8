"""Today's *To tell* panel: the notices due, sent with a click or marked done."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from jeweldesk.domain.kinds import Channel
from jeweldesk.domain.status import Status
from jeweldesk.services.customers import CustomerDetails
from jeweldesk.services.intake import Visit, take_in
from jeweldesk.services.moves import move
from jeweldesk.services.telling import MailServer, save_mail_server
from jeweldesk.storage.engine import Database
from jeweldesk.storage.tables import Contact
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.today.today import TodayView
from tests.support.outbox import Mailbox
from tests.support.store import BENCH, COUNTER, MANAGER, NAMES, ring


def _ready_for(db: Database, customer: CustomerDetails) -> str:
    (number,) = take_in(db, Visit(pieces=(ring(description="Solitaire ring"),),
                                  new_customer=customer), by=COUNTER)
    move(db, number, Status.AT_BENCH, BENCH)
    move(db, number, Status.READY, BENCH)
    return number


def _contacts(db: Database) -> list[tuple[str, Channel, str, str | None]]:
    with db.session(write=False) as session:
        return [(c.ticket.number, c.channel, c.by.name, c.outcome)
                for c in session.scalars(select(Contact).order_by(Contact.id))]


def test_send_the_email_and_mark_the_call_done(ctx: AppContext, qtbot,
                                                 mailbox: tuple[Mailbox, int]) -> None:
    box, port = mailbox
    save_mail_server(ctx.db, MailServer("127.0.0.1", port, "none", None, "desk@x.example"),
                     MANAGER)
    emailed = _ready_for(ctx.db, CustomerDetails("Dana Whitfield", None, "dana@example.com"))
    called = _ready_for(ctx.db, CustomerDetails("Ana Ruiz", "601 555 0199",
                                                preferred_channel=Channel.PHONE))
    view = TodayView(ctx, [].append)
    qtbot.addWidget(view)
    view.show()
    panel = view.to_tell
    qtbot.waitUntil(lambda: panel.up_to_date)
    assert [(n.ticket, n.channel) for n in panel.notices] == [
        (emailed, Channel.EMAIL), (called, Channel.PHONE)]
    assert panel.model.index(0, 3).data() == "Email dana@example.com"
    assert "Dear Dana Whitfield," in panel.preview.text()
    assert panel.send_button.isEnabled() and not panel.done_button.isEnabled()

    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [n.ticket for n in panel.notices] == [called], timeout=20000)
    assert [tos for tos, _ in box.arrived] == [["dana@example.com"]]

    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Home)
    assert panel.done_button.isEnabled() and not panel.send_button.isEnabled()
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.notices == [])
    assert panel.empty.isVisible()
    assert _contacts(ctx.db) == [
        (emailed, Channel.EMAIL, NAMES[COUNTER], "sent by email to dana@example.com"),
        (called, Channel.PHONE, NAMES[COUNTER], "called")]


def test_a_bench_jeweler_sees_the_list_but_does_not_tell(sqlite_store: Database, qtbot) -> None:
    from tests.support.window import signed_in

    _ready_for(sqlite_store, CustomerDetails("Ana Ruiz", "601 555 0199"))
    view = TodayView(signed_in(sqlite_store, BENCH), [].append)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.to_tell.up_to_date)
    assert len(view.to_tell.notices) == 1
    assert not view.to_tell.done_button.isEnabled()


def test_what_waits_for_a_yes_shows_until_the_customer_answers(ctx: AppContext, qtbot) -> None:
    from jeweldesk.services.estimates import answer_approval, ask_approval

    (number,) = take_in(ctx.db, Visit(pieces=(ring(),), new_customer=CustomerDetails(
        "Ana Ruiz", "601 555 0199", preferred_channel=Channel.PHONE)), by=COUNTER)
    move(ctx.db, number, Status.AT_BENCH, BENCH)
    ask_approval(ctx.db, number, "The shank is thin: re-shank", BENCH, "180.00")
    view = TodayView(ctx, [].append)
    qtbot.addWidget(view)
    view.show()
    panel = view.to_tell
    qtbot.waitUntil(lambda: panel.up_to_date)
    assert panel.waiting.text() == f"Waiting for a yes: {number} (Ana Ruiz)"
    assert panel.model.index(0, 2).data() == "Waiting for a yes"
    answer_approval(ctx.db, number, True, Channel.PHONE, COUNTER)
    qtbot.waitUntil(lambda: panel.waiting.text() == "" and panel.up_to_date)
    assert panel.notices == []


def test_the_final_letter_prints_from_its_row(ctx: AppContext, qtbot) -> None:
    from datetime import timedelta

    from jeweldesk.storage.lookups import store_now
    from tests.support.paper import flat

    with ctx.db.session(write=False) as session:
        ready_at = store_now(session) - timedelta(days=95)
    (number,) = take_in(ctx.db, Visit(pieces=(ring(description="Solitaire ring"),),
                                      new_customer=CustomerDetails(
                                          "Barbara Harris", "601 555 0142",
                                          postal_address="12 Oak Street\nJackson, MS 39201")),
                        by=COUNTER, at=ready_at - timedelta(days=10))
    move(ctx.db, number, Status.AT_BENCH, BENCH, at=ready_at - timedelta(days=9))
    move(ctx.db, number, Status.READY, BENCH, at=ready_at)
    view = TodayView(ctx, [].append)
    qtbot.addWidget(view)
    view.show()
    panel = view.to_tell
    qtbot.waitUntil(lambda: panel.up_to_date)
    (letter,) = panel.notices
    assert panel.model.index(0, 3).data() == "Letter to print and post"
    assert panel.letter_button.isEnabled() and panel.done_button.isEnabled()
    qtbot.mouseClick(panel.letter_button, Qt.MouseButton.LeftButton)
    preview = panel.letter
    assert preview is not None and preview.isVisible()
    assert preview.layout_choice.currentText() == "Letter"  # a US store's sheet
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(preview.pdf)
    text = flat(document[0].get_textpage().get_text_bounded())
    document.close()
    assert "12 Oak Street Jackson, MS 39201" in text and letter.subject in text
    preview.close()
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.notices == [])
    assert _contacts(ctx.db) == [(number, Channel.LETTER, NAMES[COUNTER],
                                  "letter printed and posted")]


def test_the_panel_reads_off_the_window_s_thread_and_says_so_meanwhile(
        ctx: AppContext, qtbot) -> None:
    import threading

    from jeweldesk.services import telling_now

    number = _ready_for(ctx.db, CustomerDetails("Ana Ruiz", "601 555 0199"))
    read_on, let_go = [], threading.Event()
    real = telling_now.to_tell_now

    def held(db: Database) -> telling_now.ToTell:
        read_on.append(threading.current_thread() is threading.main_thread())
        let_go.wait(10)
        return real(db)

    import jeweldesk.ui.today.to_tell as panel_module

    panel_module.to_tell_now = held  # type: ignore[assignment]
    try:
        view = TodayView(ctx, [].append)
        qtbot.addWidget(view)
        view.show()
        panel = view.to_tell
        qtbot.waitUntil(lambda: read_on == [False])  # a worker reads, not the window
        assert panel.counter.text() == "reading…" and panel.notices == []
        assert panel.empty.isVisible() and "Reading" in panel.empty.text()
        let_go.set()
        qtbot.waitUntil(lambda: panel.up_to_date)
    finally:
        panel_module.to_tell_now = real  # type: ignore[assignment]
    assert [n.ticket for n in panel.notices] == [number]
    assert panel.counter.text() == "1" and not panel.empty.isVisible()


def test_two_workstations_pressing_done_the_second_hears_it_plainly(
        ctx: AppContext, qtbot, monkeypatch) -> None:
    from tests.support.window import signed_in

    number = _ready_for(ctx.db, CustomerDetails("Ana Ruiz", "601 555 0199"))
    views = [TodayView(who, [].append) for who in (ctx, signed_in(ctx.db, MANAGER))]
    for view in views:
        qtbot.addWidget(view)
        view.show()
        qtbot.waitUntil(lambda v=view: v.to_tell.up_to_date)
    first, second = (view.to_tell for view in views)
    said: list[tuple[str, str]] = []
    monkeypatch.setattr("jeweldesk.ui.today.to_tell.QMessageBox.warning",
                        lambda _parent, title, text: said.append((title, text)))
    qtbot.mouseClick(first.done_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(second.done_button, Qt.MouseButton.LeftButton)  # it had not heard yet
    (title, text), = said
    assert title == "Not done"
    assert text == (f"{number}: Ana Ruiz was told about this already, at another workstation "
                    f"by {NAMES[COUNTER]}, " + text.split(f"by {NAMES[COUNTER]}, ")[1])
    assert "\n" not in text and text.endswith("nothing more to do.")
    assert len(_contacts(ctx.db)) == 1
