"""Every list in the window is a view over a model: Qt's model tester watches each one while
the store changes under it, and the rows model is tried on its own."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QTableView, QTableWidget, QWidget

from jeweldesk.domain.status import Status
from jeweldesk.services.moves import move
from jeweldesk.ui.bench.bench import BenchScreen
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.rows import KEY_ROLE, Column, RowsModel
from jeweldesk.ui.counter.board import TicketBoard
from jeweldesk.ui.counter.customers import CustomersScreen
from jeweldesk.ui.counter.intake import IntakeDialog
from jeweldesk.ui.parcels.parcels import ParcelsScreen
from jeweldesk.ui.parcels.vendors import VendorsScreen
from jeweldesk.ui.settings.settings import SettingsScreen
from jeweldesk.ui.ticket.view import TicketDialog
from jeweldesk.ui.today.today import TodayView
from tests.support.store import BENCH, take_in_ring

# Warnings, not a crash: a broken model fails its test (Qt warnings fail tests here).
WARN = QAbstractItemModelTester.FailureReportingMode.Warning


def _watched(widget: QWidget) -> list[QAbstractItemModelTester]:
    """A tester on the model of every table in ``widget``; none is filled item by item."""
    assert not widget.findChildren(QTableWidget)
    models: list[QAbstractItemModel] = []
    for view in widget.findChildren(QTableView):
        model = view.model()
        if model is not None and model not in models:
            models.append(model)
    assert models
    return [QAbstractItemModelTester(model, WARN, widget) for model in models]


def test_every_screens_lists_pass_qts_model_tester(ctx: AppContext, manager_ctx: AppContext,
                                                    qtbot) -> None:
    first = take_in_ring(ctx.db, promised_in_days=0)
    screens: list[QWidget] = [
        TodayView(ctx, lambda _number: None), TicketBoard(ctx, lambda _number: None),
        CustomersScreen(ctx, lambda _number: None), BenchScreen(ctx), ParcelsScreen(ctx),
        VendorsScreen(ctx), SettingsScreen(manager_ctx), TicketDialog(ctx, first),
        IntakeDialog(ctx),
    ]
    testers = []
    for screen in screens:
        qtbot.addWidget(screen)
        testers += _watched(screen)
    customers = screens[2]
    assert isinstance(customers, CustomersScreen)
    customers.search.setText("Whitfield")
    customers.look_up()
    customers.results.selectRow(0)

    # The lists grow, change and shrink under the testers.
    second = take_in_ring(ctx.db, promised_in_days=0)
    move(ctx.db, second, Status.AT_BENCH, by=BENCH)
    ctx.did_change()
    manager_ctx.did_change()
    customers.search.setText("nobody of that name")
    customers.look_up()
    assert len(testers) >= 10


@dataclass
class _Line:
    name: str
    out: bool


def _lines_model() -> RowsModel:
    def rename(line: _Line, text: str) -> None:
        line.name = text

    def send(line: _Line, on: bool) -> None:
        line.out = on

    return RowsModel((
        Column("Name", lambda line: line.name, edit=rename, tip=lambda line: line.name),
        Column("Out", lambda _line: "", checked=lambda line: line.out, check=send,
               selectable=False),
    ), key=lambda line: line.name.upper())


def test_the_rows_model_is_typed_into_ticked_and_refilled_in_place(qtbot) -> None:
    model = _lines_model()
    tester = QAbstractItemModelTester(model, WARN)
    model.refill([_Line("retip", False), _Line("sizing", True)])
    name, out = model.index(0, 0), model.index(1, 1)
    assert (name.data(), name.data(Qt.ItemDataRole.ToolTipRole), name.data(KEY_ROLE)) == (
        "retip", "retip", "RETIP")
    assert out.data() is None and out.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.flags(name) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(out) & Qt.ItemFlag.ItemIsSelectable

    changes: list[int] = []
    model.dataChanged.connect(lambda top, _bottom, _roles: changes.append(top.row()))
    assert model.setData(name, "re-tip")
    assert model.setData(name, "re-tip")  # the same again is no change
    assert model.setData(out, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert [(line.name, line.out) for line in model.rows] == [("re-tip", False),
                                                              ("sizing", False)]
    assert changes == [0, 1]

    model.refill([_Line("cleaning", False)])
    model.append(_Line("rhodium", True))
    model.remove(0)
    model.set_rows([])
    assert model.rowCount() == 0
    del tester
