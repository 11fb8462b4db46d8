"""A hand-back is one customer's: another customer's envelope is refused where the eye is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from jeweldesk.domain.status import Status
from jeweldesk.services.customers import CustomerDetails
from jeweldesk.services.intake import Visit, take_in
from jeweldesk.services.moves import move
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.counter.pickup import PickupDialog
from tests.support.store import BENCH, COUNTER, ring

ENTER = Qt.Key.Key_Return


def _ready_for(ctx: AppContext, name: str, phone: str) -> str:
    [number] = take_in(ctx.db, Visit((ring(),), new_customer=CustomerDetails(name, phone)),
                       by=COUNTER)
    move(ctx.db, number, Status.AT_BENCH, by=BENCH)
    move(ctx.db, number, Status.READY, by=BENCH)
    return number


def test_another_customer_s_envelope_is_refused(ctx: AppContext, qtbot: QtBot) -> None:
    dana = _ready_for(ctx, "Dana Whitfield", "601 555 0142")
    marisol = _ready_for(ctx, "Marisol Okafor", "601 555 0177")
    dialog = PickupDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.scan, dana)
    qtbot.keyClick(dialog.scan, ENTER)
    qtbot.keyClicks(dialog.scan, marisol)
    qtbot.keyClick(dialog.scan, ENTER)

    assert [p.number for p in dialog.pieces] == [dana]  # not added
    said = dialog.scan_problem.text()
    assert dialog.scan_problem.isVisible()
    assert said.startswith(f"{marisol} is Marisol Okafor's, not Dana Whitfield's")
    assert "finish this hand-back first" in said
    assert dialog.collected_by.text() == "Dana Whitfield"
    assert dialog.scan.selectedText() == marisol  # the next scan replaces it
