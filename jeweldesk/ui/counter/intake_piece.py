"""One piece at intake: what it is, how it looks, the work, the money and the promise."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain import writing
from jeweldesk.domain.kinds import ItemKind, Role
from jeweldesk.domain.money import ZERO
from jeweldesk.services.intake import Piece
from jeweldesk.services.promise import PromiseRules, Proposal, promise_warnings, propose
from jeweldesk.services.store import CatalogEntry, StaffMember, VendorInfo
from jeweldesk.ui.common.day_edit import DayEdit
from jeweldesk.ui.common.fields import (
    NOTE_STYLE,
    WARNING_STYLE,
    from_qdate,
    money_edit,
    money_or_problem,
    to_qdate,
    with_problem,
)
from jeweldesk.ui.common.widgets import ProblemLabel, muted
from jeweldesk.ui.counter.intake_services import ServicesEditor

FINDINGS = ("Worn prongs", "Loose stone", "Chipped stone", "Bent shank", "Kinked chain",
            "Weak clasp", "Scratches")
METALS = ("14K yellow gold", "14K white gold", "14K rose gold", "18K yellow gold",
          "18K white gold", "10K yellow gold", "Platinum", "Sterling silver", "Stainless steel",
          "Gold-filled", "Costume / base metal")
THUMB = 88
# Fields checked as they are typed; their labels are always current.
LIVE = ("declared_value", "deposit", "vendor", "services", "promised_for")


def buddy(text: str, field: QWidget) -> QLabel:
    """A row caption whose Alt+letter jumps to ``field``, for rows that hold a layout."""
    label = QLabel(text)
    label.setBuddy(field)
    return label


def metal_edit() -> QLineEdit:
    edit = QLineEdit()
    completer = QCompleter(list(METALS), edit)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    # Inline: the rest of the metal's name appears as typed, and no popup steals the keys.
    completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
    edit.setCompleter(completer)
    return edit


def vendor_box(vendors: list[VendorInfo]) -> QComboBox:
    box = QComboBox()
    box.addItem("Nothing goes out", None)
    for vendor in vendors:
        box.addItem(f"{vendor.name} (quotes {vendor.quoted_turnaround_days} days)", vendor.code)
    return box


def jeweler_box(staff: list[StaffMember]) -> QComboBox:
    box = QComboBox()
    box.addItem("Not assigned yet", None)
    for person in sorted(staff, key=lambda s: (s.role != Role.BENCH, s.name)):
        box.addItem(person.name, person.code)
    return box


class PieceForm(QWidget):
    """Emits ``changed`` whenever a sum or the promise may have moved."""

    changed = Signal()

    def __init__(self, catalog: list[CatalogEntry], vendors: list[VendorInfo],
                 staff: list[StaffMember], rules: PromiseRules,
                 parent: QWidget | None = None, may_add_to_catalog: bool = False,
                 day_first: bool = False, methods: tuple[str, ...] = ("cash",)) -> None:
        super().__init__(parent)
        self.rules = rules
        self.photos: list[bytes] = []
        self._proposal: Proposal | None = None
        self._proposals: dict[tuple[object, ...], Proposal] = {}
        self._setting_promise = False
        self.promise_by_hand = False
        self.problems: dict[str, ProblemLabel] = {}

        self.kind = QComboBox()
        for kind in ItemKind:
            self.kind.addItem(kind.value.capitalize(), kind.value)
        self.description = QLineEdit()
        self.description.setPlaceholderText("Lady's solitaire engagement ring")
        self.metal = metal_edit()
        self.stones = QLineEdit()
        self.stones.setPlaceholderText("as the customer states them: 1 round diamond, about ½ ct")
        self.findings = [QCheckBox(f) for f in FINDINGS]
        self.condition_note = QLineEdit()
        self.condition_note.setPlaceholderText("anything else seen at intake")
        self.declared_value = money_edit()
        self.attach = QPushButton("Attach photos…")
        self.attach.setAutoDefault(False)
        self.attach.clicked.connect(self._choose_photos)
        self.thumbs = QListWidget()
        self.thumbs.setViewMode(QListView.ViewMode.IconMode)
        self.thumbs.setIconSize(QSize(THUMB, THUMB))
        self.thumbs.setFixedHeight(THUMB + 20)
        self.thumbs.setFlow(QListView.Flow.LeftToRight)
        self.thumbs.setWrapping(False)
        self.thumbs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.thumbs.hide()
        self.no_photos = QLabel("No photos yet")
        self.no_photos.setStyleSheet(NOTE_STYLE)
        self.services = ServicesEditor(catalog, may_add_to_catalog=may_add_to_catalog)
        self.vendor = vendor_box(vendors)
        self.jeweler = jeweler_box(staff)
        self.deposit = money_edit()
        self.deposit.setMinimumWidth(90)
        self.deposit_method = QComboBox()
        self.deposit_method.setObjectName("depositMethod")
        self.deposit_method.setToolTip("How the customer paid the deposit")
        self.deposit_method.addItems(methods)
        self.deposit_method.setEnabled(False)
        self.total = QLabel(writing.money(ZERO))
        self.balance = QLabel(writing.money(ZERO))
        for label in (self.total, self.balance):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            label.setMinimumWidth(90)
        self.balance.setStyleSheet("font-weight: 600;")
        # Said when the occasion came from the visit's piece before, until it is changed.
        self.occasion_copied = muted("")
        self.occasion_copied.setWordWrap(True)
        self.occasion_copied.hide()
        self.occasion_what = QLineEdit()
        self.occasion_what.setPlaceholderText("anniversary, wedding, graduation …")
        self.occasion_date = DayEdit(rules.today, day_first=day_first)
        # The day before today reads "no date", and an empty field means it (occasions are
        # ahead).
        self.occasion_date.setMinimumDate(to_qdate(rules.today - timedelta(days=1)))
        self.occasion_date.setSpecialValueText("no date")
        self.occasion_date.setDate(self.occasion_date.minimumDate())
        self.promised_for = DayEdit(rules.today, day_first=day_first)
        self.use_proposed = QPushButton("Use proposed")
        self.use_proposed.setAutoDefault(False)
        self.use_proposed.clicked.connect(self.apply_proposal)
        self.why = QLabel()
        self.why.setStyleSheet(NOTE_STYLE)
        self.why.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.setWordWrap(True)

        for key in ("kind", "description", "declared_value", "photo", "vendor", "assigned_to",
                    "deposit", "occasion_date", "promised_for"):
            self.problems[key] = ProblemLabel()
        self.problems["services"] = self.services.problem
        self._lay_out()
        self._connect()
        self.recalculate()

    # Layout ----------------------------------------------------------------------------------

    def _lay_out(self) -> None:
        p = self.problems
        piece = QGroupBox("The piece")
        form = QFormLayout(piece)
        form.addRow("&Kind", with_problem(self.kind, p["kind"]))
        form.addRow("&Description", with_problem(self.description, p["description"]))
        form.addRow("&Metal", self.metal)
        form.addRow("S&tones", self.stones)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for n, box in enumerate(self.findings):
            grid.addWidget(box, n // 4, n % 4)
        grid.addWidget(self.condition_note, 2, 0, 1, 4)
        form.addRow(buddy("&Condition", self.findings[0]), grid)
        form.addRow("Declared &value", with_problem(self.declared_value, p["declared_value"]))
        holder = QWidget()
        photos = QHBoxLayout(holder)
        photos.setContentsMargins(0, 0, 0, 0)
        photos.addWidget(self.no_photos, 1)
        photos.addWidget(self.thumbs, 1)
        photos.addWidget(self.attach, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow("Photos", with_problem(holder, p["photo"]))
        piece_column = QVBoxLayout()
        piece_column.addWidget(piece)
        piece_column.addStretch(1)

        work = QGroupBox("The work")
        work_form = QFormLayout(work)
        work_form.addRow("&Services", self.services)
        work_form.addRow("Goes o&ut to", with_problem(self.vendor, p["vendor"]))
        work_form.addRow("&Jeweler", with_problem(self.jeweler, p["assigned_to"]))

        money_row = QHBoxLayout()
        money_row.addWidget(with_problem(self.deposit, p["deposit"]))
        money_row.addWidget(QLabel("by"))
        money_row.addWidget(self.deposit_method)
        money_row.addSpacing(16)
        for caption, label in (("Total", self.total), ("Balance", self.balance)):
            money_row.addWidget(QLabel(caption))
            money_row.addWidget(label)
            money_row.addSpacing(12)
        money_row.addStretch(1)
        work_form.addRow(buddy("De&posit", self.deposit), money_row)
        occasion = QHBoxLayout()
        occasion.addWidget(self.occasion_what, 2)
        occasion.addWidget(QLabel("on"))
        occasion.addWidget(with_problem(self.occasion_date, p["occasion_date"]), 1)
        occasion_box = QVBoxLayout()
        occasion_box.setSpacing(2)
        occasion_box.addLayout(occasion)
        occasion_box.addWidget(self.occasion_copied)
        work_form.addRow(buddy("&Occasion", self.occasion_what), occasion_box)
        promise_row = QHBoxLayout()
        promise_row.addWidget(self.promised_for)
        promise_row.addWidget(self.use_proposed)
        promise_row.addStretch(1)
        promise = QVBoxLayout()
        promise.setSpacing(2)
        promise.addLayout(promise_row)
        promise.addWidget(self.why)
        promise.addWidget(self.warning)
        promise.addWidget(p["promised_for"])
        work_form.addRow(buddy("Promised &for", self.promised_for), promise)

        work_column = QVBoxLayout()
        work_column.addWidget(work)
        work_column.addStretch(1)
        columns = QHBoxLayout(self)
        columns.setContentsMargins(6, 6, 6, 6)
        columns.addLayout(piece_column, 1)
        columns.addLayout(work_column, 1)
        order = self.tab_chain()
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def tab_chain(self) -> list[QWidget]:
        """The fields in the order Tab visits them: the piece, the work, the money, the promise."""
        return [self.kind, self.description, self.metal, self.stones, *self.findings,
                self.condition_note, self.declared_value, self.attach, self.services.picker,
                self.services.table, self.vendor, self.jeweler, self.deposit,
                self.deposit_method, self.occasion_what, self.occasion_date.line,
                self.promised_for.line,
                self.use_proposed]

    def _connect(self) -> None:
        for edit in (self.description, self.metal, self.stones, self.condition_note):
            edit.returnPressed.connect(self.focusNextChild)
        self.description.textChanged.connect(
            lambda text: self.problems["description"].show_problem(None) if text.strip() else None)
        self.declared_value.textChanged.connect(self._check_declared)
        self.deposit.textChanged.connect(self.recalculate)
        self.deposit.textChanged.connect(
            lambda _text: self.deposit_method.setEnabled(self.deposit_amount() > 0))
        self.services.changed.connect(self.recalculate)
        self.vendor.currentIndexChanged.connect(self.recalculate)
        self.jeweler.currentIndexChanged.connect(self.recalculate)
        self.occasion_date.dateChanged.connect(self._check_promise)
        self.occasion_date.problem_changed.connect(lambda _p: self._check_promise())
        self.promised_for.problem_changed.connect(lambda _p: self._check_promise())
        self.occasion_what.textChanged.connect(self._check_promise)
        self.promised_for.dateChanged.connect(self._promise_edited)

    # Live checks --------------------------------------------------------------------------

    def _check_declared(self) -> None:
        _amount, problem = money_or_problem(self.declared_value.text())
        self.problems["declared_value"].show_problem(problem)

    def recalculate(self) -> None:
        total = self.services.total()
        deposit, problem = money_or_problem(self.deposit.text())
        if problem is None and deposit is not None and deposit > total:
            problem = f"the deposit is more than the total {writing.money(total)}"
        self.problems["deposit"].show_problem(problem)
        self.total.setText(writing.money(total))
        self.balance.setText(writing.money(total - (deposit or ZERO)))
        if self.services.goes_out() and self.vendor.currentData() is None \
                and self.vendor.count() == 2:
            self.vendor.setCurrentIndex(1)  # the store's one vendor: nothing to choose
            return  # choosing it recalculates
        if self.services.goes_out() and self.vendor.currentData() is None:
            self.problems["vendor"].show_problem("a service goes out: choose the vendor")
        else:
            self.problems["vendor"].show_problem(None)
        lines = tuple((code, self.vendor_code if out else None)
                      for code, _d, _p, out in self.services.rows())
        jeweler = self.jeweler.currentData()
        key = (lines, jeweler)
        if key not in self._proposals:  # the engine reads the whole history: ask once per choice
            self._proposals[key] = propose(self.rules, lines, str(jeweler) if jeweler else None)
        self._proposal = self._proposals[key]
        if not self.promise_by_hand:
            self.apply_proposal()
        self._check_promise()
        self.changed.emit()

    def apply_proposal(self) -> None:
        if self._proposal is None:
            return
        self._setting_promise = True
        self.promised_for.setDate(to_qdate(self._proposal.day))
        self._setting_promise = False
        self.promise_by_hand = False
        self._check_promise()

    def _promise_edited(self) -> None:
        if not self._setting_promise:
            self.promise_by_hand = True
        self._check_promise()

    def _check_promise(self) -> None:
        proposal = self._proposal
        if not self.services.rows():
            self.why.setText("Add the work, and a date the bench can keep is proposed here.")
        elif proposal is not None:
            said = "Proposed" if not self.promise_by_hand else "We would propose"
            on = writing.day(proposal.day, self.rules.today)
            self.why.setText(f"{said} {on}: {proposal.why}")
        warnings = promise_warnings(self.rules, self.promise, self.occasion_day)
        past = [w for w in warnings if w.endswith("in the past")]
        self.problems["promised_for"].show_problem(
            self.promised_for.problem or (past[0] if past else None))
        rest = [w for w in warnings if w not in past]
        self.warning.setText("⚠ " + "; ".join(rest) if rest else "")
        self.warning.setVisible(bool(rest))
        if self.occasion_date.problem:
            self.problems["occasion_date"].show_problem(self.occasion_date.problem)
        elif not (self.occasion_what.text().strip() and self.occasion_day is None):
            self.problems["occasion_date"].show_problem(None)

    # Photos ---------------------------------------------------------------------------------

    def _choose_photos(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, "Attach photos of the piece", "", "Pictures (*.jpg *.jpeg *.png *.heic *.webp)"
        )
        self.attach_files([Path(p) for p in paths])

    def attach_files(self, paths: list[Path]) -> None:
        refused = []
        for path in paths:
            data = path.read_bytes()
            image = QImage.fromData(data)
            if image.isNull():
                refused.append(path.name)
                continue
            self.photos.append(data)
            thumb = QPixmap.fromImage(image.scaled(
                THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
            item = QListWidgetItem(QIcon(thumb), "")
            item.setToolTip(path.name)
            self.thumbs.addItem(item)
        self.thumbs.setVisible(bool(self.photos))
        self.no_photos.setVisible(not self.photos)
        self.problems["photo"].show_problem(
            f"{', '.join(refused)}: not a picture JewelDesk can read" if refused else None)

    # What the counter typed ----------------------------------------------------------------

    @property
    def vendor_code(self) -> str | None:
        code = self.vendor.currentData()
        return str(code) if code else None

    @property
    def promise(self) -> date:
        return from_qdate(self.promised_for.date())

    @property
    def occasion_day(self) -> date | None:
        if self.occasion_date.date() == self.occasion_date.minimumDate():
            return None
        return from_qdate(self.occasion_date.date())

    def condition(self) -> str:
        seen = [box.text() for box in self.findings if box.isChecked()]
        text = ", ".join(seen[:1] + [s.lower() for s in seen[1:]])
        note = self.condition_note.text().strip()
        if text and note:
            return f"{text}. {note}"
        return text or note

    def total_amount(self) -> Decimal:
        return self.services.total()

    def deposit_amount(self) -> Decimal:
        amount, _problem = money_or_problem(self.deposit.text())
        return amount or ZERO

    def piece(self) -> Piece:
        jeweler = self.jeweler.currentData()
        return Piece(
            kind=str(self.kind.currentData()),
            description=self.description.text(),
            services=self.services.lines(self.vendor_code),
            promised_for=self.promise,
            metal=self.metal.text(),
            stones=self.stones.text(),
            condition=self.condition(),
            declared_value=self.declared_value.text().strip() or None,
            deposit=self.deposit.text().strip() or "0",
            deposit_method=self.deposit_method.currentText() if self.deposit_amount() > 0
            else None,
            occasion_what=self.occasion_what.text(),
            occasion_date=self.occasion_day,
            assigned_to=str(jeweler) if jeweler else None,
            photos=tuple(self.photos),
        )

    def local_problems(self) -> dict[str, str]:
        """What the screen itself can tell before asking the service."""
        self.recalculate()
        self._check_declared()
        found = {key: self.problems[key].problem for key in LIVE if self.problems[key].problem}
        if not self.description.text().strip():
            found["description"] = "describe the piece"
        if not self.services.rows():
            found["services"] = "add at least one service"
        if self.occasion_date.problem:
            found["occasion_date"] = self.occasion_date.problem
        return found

    def has_typing(self) -> bool:
        """Anything the counter put into this piece that a careless close would lose."""
        typed = (self.description, self.metal, self.stones, self.condition_note,
                 self.declared_value, self.deposit, self.occasion_what)
        return (any(edit.text().strip() for edit in typed) or bool(self.services.rows())
                or any(box.isChecked() for box in self.findings) or bool(self.photos))

    def show_problems(self, problems: dict[str, str]) -> None:
        """Problems keyed as the service names them, without the ``pieces[n].`` prefix."""
        for key, label in self.problems.items():
            if key not in LIVE:
                label.show_problem(None)
        for key, problem in problems.items():
            field = key.split(".", 1)[0].split("[", 1)[0]
            if field == "services" and "vendor" in key:
                field = "vendor"
            beside = self.problems.get(field)
            if beside is not None:
                beside.show_problem(problem)

    def copy_occasion_from(self, other: PieceForm, number: int) -> None:
        """The visit's occasion is usually every piece's: filled in, and said so, so a
        piece that is not for it is cleared rather than promised for the wrong day."""
        what = other.occasion_what.text().strip()
        if not what and other.occasion_day is None:
            return
        self.occasion_what.setText(other.occasion_what.text())
        self.occasion_date.setDate(other.occasion_date.date())
        self.occasion_copied.setText(
            f"The same occasion as piece {number}; clear it if this piece is not for "
            f"{writing.occasion(what) if what else 'it'}.")
        self.occasion_copied.show()
        copied = (self.occasion_what.text(), self.occasion_date.date())

        def changed() -> None:
            if (self.occasion_what.text(), self.occasion_date.date()) != copied:
                self.occasion_copied.hide()
        self.occasion_what.textChanged.connect(changed)
        self.occasion_date.dateChanged.connect(changed)
