"""Choosing the store's currency and locale, with a line showing how money and a date will
read in them; the first start and Settings › Store share it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from jeweldesk.domain import way as ways
from jeweldesk.domain import writing
from jeweldesk.domain.way import Way, currencies, currency_name, locale_name, locales_for
from jeweldesk.ui.common.widgets import muted

# Offered after the country's own locales; any other CLDR locale can be typed in.
COMMON_LOCALES = ("en_US", "en_GB", "en_CA", "fr_CA", "en_AU", "en_NZ", "en_IE", "en_ZA",
                  "de_DE", "de_AT", "de_CH", "fr_CH", "it_CH", "fr_FR", "fr_BE", "nl_NL",
                  "nl_BE", "it_IT", "es_ES", "es_MX", "pt_PT", "pt_BR", "sv_SE", "da_DK",
                  "nb_NO", "fi_FI", "pl_PL", "ja_JP", "zh_Hans_CN", "ko_KR")
SAMPLE_AMOUNT = Decimal("1234.50")
SAMPLE_DAY = date(2026, 11, 3)


class WayBox(QWidget):
    """The currency and the locale side by side, and a sample beneath in the chosen way."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currency_box = QComboBox()
        self.currency_box.setObjectName("currency")
        for code in currencies():
            self.currency_box.addItem(f"{code} — {currency_name(code)}", code)
        self.locale_box = QComboBox()
        self.locale_box.setObjectName("locale")
        self.locale_box.setEditable(True)
        self.locale_box.setMinimumContentsLength(28)
        self.sample = muted("")
        self.sample.setObjectName("waySample")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.currency_box)
        row.addWidget(QLabel("written as"))
        row.addWidget(self.locale_box, 1)
        self.currency_box.currentIndexChanged.connect(lambda _n: self._show_sample())
        self.locale_box.currentTextChanged.connect(lambda _t: self._show_sample())
        self.offer_locales("US")
        self.set_way(ways.US)

    def offer_locales(self, country: str) -> None:
        """The country's own locales first, then the common ones."""
        chosen = self.locale_code()
        self.locale_box.blockSignals(True)
        self.locale_box.clear()
        for code in dict.fromkeys((*locales_for(country), *COMMON_LOCALES)):
            self.locale_box.addItem(f"{locale_name(code)} — {code}", code)
        self.locale_box.blockSignals(False)
        if chosen:
            self._choose_locale(chosen)

    def follow_country(self, country: str) -> None:
        """The way a store in this country most likely writes, chosen for it."""
        self.offer_locales(country)
        self.set_way(ways.way_for(country))

    def set_way(self, way: Way) -> None:
        found = self.currency_box.findData(way.currency)
        if found < 0:
            self.currency_box.addItem(f"{way.currency} — {currency_name(way.currency)}",
                                  way.currency)
            found = self.currency_box.count() - 1
        self.currency_box.setCurrentIndex(found)
        self._choose_locale(way.locale)
        self._show_sample()

    def _choose_locale(self, code: str) -> None:
        found = self.locale_box.findData(code)
        if found < 0 and ways.locale_problem(code) is None:
            self.locale_box.addItem(f"{locale_name(code)} — {code}", code)
            found = self.locale_box.count() - 1
        if found >= 0:
            self.locale_box.setCurrentIndex(found)
        else:
            self.locale_box.setEditText(code)

    def locale_code(self) -> str:
        """The locale chosen, or as typed ("fr_BE", or a list entry's code)."""
        text = self.locale_box.currentText().strip()
        found = self.locale_box.findText(text)
        if found >= 0:
            return str(self.locale_box.itemData(found))
        return text.rsplit("—", 1)[-1].strip()

    def way(self) -> Way:
        return Way(self.locale_code(), str(self.currency_box.currentData()))

    def _show_sample(self) -> None:
        chosen = self.way()
        if ways.locale_problem(chosen.locale) or ways.currency_problem(chosen.currency):
            self.sample.setText(f"{chosen.locale!r} is not a locale such as en_GB or fr_CA")
            return
        before = ways.current()
        ways.use(chosen)
        try:
            said = (f"Money and dates will read: {writing.money(SAMPLE_AMOUNT)} · "
                    f"{writing.day(SAMPLE_DAY)} · {writing.long_day(SAMPLE_DAY, year=True)}")
            if chosen.cash_unit is not None:
                said += (f" · cash is rounded to {writing.money(chosen.cash_unit)}")
        finally:
            ways.use(before)
        self.sample.setText(said)
