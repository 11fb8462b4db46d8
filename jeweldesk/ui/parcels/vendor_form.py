"""A vendor's details in one form: who they are, how to reach them, what they do, their
usual quote, and how and when parcels go to them. A manager's job; the services refuse
anyone else."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain.errors import Conflict, Invalid, ServiceError
from jeweldesk.domain.tracking import carriers_offered
from jeweldesk.services.store import store_settings
from jeweldesk.services.vendor_book import (
    MAX_QUOTE_DAYS,
    WEEKDAY_NAMES,
    VendorInfo,
    add_vendor,
    edit_vendor,
)
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.fields import BANNER_STYLE, may_throw_away, with_problem
from jeweldesk.ui.common.widgets import ProblemLabel, muted

FIELDS = ("name", "code", "contact", "phone", "email", "address", "work",
          "quoted_turnaround_days", "carriers", "ship_weekdays")


class VendorDialog(QDialog):
    """Add a vendor (``info`` None) or edit one; ``saved`` code is set once it is kept."""

    def __init__(self, ctx: AppContext, info: VendorInfo | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.info = info
        self.saved: str | None = None
        self.setWindowTitle(f"Edit {info.name}" if info else "Add vendor")
        self.setMinimumWidth(560)
        self.problems = {name: ProblemLabel() for name in FIELDS}
        self.banner = QLabel()
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.banner.hide()

        self.name = QLineEdit()
        self.name.setPlaceholderText("Riverbend Plating")
        self.code = QLineEdit()
        self.code.setMaxLength(16)
        self.code.setPlaceholderText("suggested from the name")
        self.contact = QLineEdit()
        self.contact.setPlaceholderText("who you speak to there")
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.address = QPlainTextEdit()
        country = store_settings(ctx.db).country
        self.address.setPlaceholderText(
            ("Street, town, state and ZIP" if country == "US" else "Street, town and postcode")
            + " — printed on the parcel manifest")
        self.address.setFixedHeight(64)
        self.address.setTabChangesFocus(True)
        self.work = QLineEdit()
        self.work.setPlaceholderText("Rhodium plating, casting, stone setting …")
        self.quote = QSpinBox()
        self.quote.setRange(0, MAX_QUOTE_DAYS)
        self.quote.setSuffix(" days")
        self.quote.setValue(7)
        self.carrier_boxes = {name: QCheckBox(name) for name in carriers_offered(country)}
        self.other_carriers = QLineEdit()
        self.other_carriers.setPlaceholderText("other carriers, with commas")
        self.day_boxes = {day: QCheckBox(WEEKDAY_NAMES[day - 1]) for day in range(1, 8)}

        carriers = QHBoxLayout()
        carriers.setContentsMargins(0, 0, 0, 0)
        for box in self.carrier_boxes.values():
            carriers.addWidget(box)
        carriers_box = QWidget()
        carriers_layout = QVBoxLayout(carriers_box)
        carriers_layout.setContentsMargins(0, 0, 0, 0)
        carriers_layout.addLayout(carriers)
        carriers_layout.addWidget(self.other_carriers)
        days = QWidget()
        days_layout = QHBoxLayout(days)
        days_layout.setContentsMargins(0, 0, 0, 0)
        for box in self.day_boxes.values():
            days_layout.addWidget(box)
        days_layout.addStretch(1)

        form = QFormLayout()
        form.addRow("Name", with_problem(self.name, self.problems["name"]))
        if info is None:
            form.addRow("Short code", with_problem(self.code, self.problems["code"]))
        else:
            form.addRow("Short code", QLabel(info.code))
        form.addRow("Contact", with_problem(self.contact, self.problems["contact"]))
        form.addRow("Phone", with_problem(self.phone, self.problems["phone"]))
        form.addRow("Email", with_problem(self.email, self.problems["email"]))
        form.addRow("Address", with_problem(self.address, self.problems["address"]))
        form.addRow("Work they do", with_problem(self.work, self.problems["work"]))
        form.addRow("Usual quote", with_problem(self.quote,
                                                self.problems["quoted_turnaround_days"]))
        form.addRow("", muted("Expected-back dates for new parcels count from it; their real "
                              "turnaround is learned from their parcels."))
        form.addRow("Carriers", with_problem(carriers_box, self.problems["carriers"]))
        form.addRow("Parcels go out", with_problem(days, self.problems["ship_weekdays"]))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        if info is not None:
            self._show(info)
        self._as_opened = self.typed()
        self.name.setFocus()

    def unsaved(self) -> str | None:
        """What Escape, Cancel or the close button would throw away."""
        if self.typed() == self._as_opened:
            return None
        name = self.name.text().strip()
        return (f"What you typed for {name or 'this vendor'} is not saved yet. Keep typing to "
                "save it, or throw it away.")

    def reject(self) -> None:
        lost = self.unsaved()
        if lost and not may_throw_away(self, "Throw away what was typed?", lost):
            return
        super().reject()

    @property
    def save_button(self) -> QWidget:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert button is not None
        return button

    def _show(self, info: VendorInfo) -> None:
        self.name.setText(info.name)
        self.contact.setText(info.contact or "")
        self.phone.setText(info.phone or "")
        self.email.setText(info.email or "")
        self.address.setPlainText(info.address or "")
        self.work.setText(info.work or "")
        self.quote.setValue(info.quoted_turnaround_days)
        for name, box in self.carrier_boxes.items():
            box.setChecked(name in info.carriers)
        self.other_carriers.setText(", ".join(c for c in info.carriers
                                              if c not in self.carrier_boxes))
        for day, box in self.day_boxes.items():
            box.setChecked(day in info.ship_weekdays)

    def typed(self) -> VendorInfo:
        """What the form holds, for the services to check."""
        ticked = [name for name, box in self.carrier_boxes.items() if box.isChecked()]
        others = [c.strip() for c in self.other_carriers.text().split(",") if c.strip()]
        return VendorInfo(
            code=self.info.code if self.info else self.code.text(),
            name=self.name.text(), contact=self.contact.text(), phone=self.phone.text(),
            email=self.email.text(), address=self.address.toPlainText(),
            work=self.work.text(), quoted_turnaround_days=self.quote.value(),
            carriers=(*ticked, *others),
            ship_weekdays=tuple(d for d, box in self.day_boxes.items() if box.isChecked()),
        )

    def save(self) -> None:
        for label in self.problems.values():
            label.show_problem(None)
        self.banner.hide()
        typed = self.typed()
        try:
            if self.info is None:
                self.saved = add_vendor(self.ctx.db, typed, self.ctx.user.code)
            else:
                edit_vendor(self.ctx.db, typed, self.ctx.user.code,
                            expected_version=self.info.version)
                self.saved = self.info.code
        except Invalid as exc:
            for field, problem in exc.problems.items():
                if field in self.problems:
                    self.problems[field].show_problem(problem)
                else:
                    self._say(problem)
            return
        except Conflict as exc:
            self._say(str(exc))
            return
        except ServiceError as exc:
            self._say(str(exc))
            return
        self.accept()

    def _say(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()
