"""Settings › Money: the ways the store is paid, and the sales tax it charges (off until the
manager turns it on), each rate with the services it applies to."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain.errors import ServiceError
from jeweldesk.services.money_settings import Rate, money_settings, save_money_settings
from jeweldesk.services.store import catalog
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.widgets import muted
from jeweldesk.ui.settings.saved import saved_line, say

RATE_ROWS = 3  # a store rarely charges more than a state, a county and a city rate


class MoneyTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.methods = QLineEdit()
        self.methods.setPlaceholderText("cash, card, check, gift card, store credit")
        self.charges_tax = QCheckBox("The store charges sales tax on the services below")
        self.rates: list[tuple[QLineEdit, QLineEdit, QLineEdit]] = []
        rates = QGridLayout()
        for col, title in enumerate(("Code", "Name on the receipt", "Percent")):
            rates.addWidget(QLabel(f"<b>{title}</b>"), 0, col)
        for row in range(1, RATE_ROWS + 1):
            fields = (QLineEdit(), QLineEdit(), QLineEdit())
            fields[0].setMaximumWidth(110)
            fields[2].setMaximumWidth(90)
            fields[2].setPlaceholderText("7.25")
            for col, field in enumerate(fields):
                rates.addWidget(field, row, col)
            self.rates.append(fields)
        self.taxable: dict[str, QComboBox] = {}
        services = QFormLayout()
        for entry in catalog(ctx.db):
            box = QComboBox()
            self.taxable[entry.code] = box
            services.addRow(entry.name, box)
        self.save_button, self.message, saved = saved_line()

        form = QFormLayout()
        form.addRow("Ways to be paid", self.methods)
        form.addRow("", muted("Comma between each, in the order the counter offers them."))
        tax = QGroupBox("Sales tax")
        tax_layout = QVBoxLayout(tax)
        tax_layout.addWidget(self.charges_tax)
        tax_layout.addLayout(rates)
        tax_layout.addWidget(muted("Which rate each service is taxed at. A ticket keeps the "
                                   "tax it was taken in with."))
        services_box = QWidget()
        services_box.setLayout(services)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(services_box)
        tax_layout.addWidget(scroll, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(tax, 1)
        layout.addLayout(saved)
        self.save_button.clicked.connect(self.save)
        self.load()

    def load(self) -> None:
        settings = money_settings(self.ctx.db)
        self.methods.setText(", ".join(settings.methods))
        self.charges_tax.setChecked(settings.charges_tax)
        active = [r for r in settings.rates if r.active][:RATE_ROWS]
        for n, (code, name, percent) in enumerate(self.rates):
            rate = active[n] if n < len(active) else None
            code.setText(rate.code if rate else "")
            name.setText(rate.name if rate else "")
            percent.setText(_percent(rate.percent) if rate else "")
        for service, box in self.taxable.items():
            box.clear()
            box.addItem("not taxed", None)
            for rate in active:
                box.addItem(f"{rate.name} ({_percent(rate.percent)}%)", rate.code)
            box.setCurrentIndex(max(0, box.findData(settings.taxable.get(service))))

    def entered_rates(self) -> list[Rate]:
        return [Rate(code.text().strip(), name.text().strip(), percent.text().strip())
                for code, name, percent in self.rates
                if code.text().strip() or name.text().strip() or percent.text().strip()]

    def save(self) -> None:
        try:
            save_money_settings(
                self.ctx.db, [m.strip() for m in self.methods.text().split(",")],
                self.charges_tax.isChecked(), self.entered_rates(),
                {service: box.currentData() for service, box in self.taxable.items()},
                by=self.ctx.user.code)
        except ServiceError as exc:
            say(self.message, "Nothing was saved: " + exc.said)
            return
        say(self.message, "Saved.", good=True)
        self.load()


def _percent(value: Decimal | str) -> str:
    """ "8.25", not "8.250": as the manager typed it."""
    return f"{Decimal(value).normalize():f}"
