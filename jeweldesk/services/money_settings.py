"""The store's money settings: the ways it is paid, and the sales tax it charges (off until
a manager turns it on), with which services each rate applies to."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jeweldesk.domain.errors import Invalid
from jeweldesk.domain.permissions import Act
from jeweldesk.domain.rules import (
    CODE,
    HIGHEST_TAX_PERCENT,
    NAME,
    method_list_problem,
    percent_problem,
    text_problem,
)
from jeweldesk.storage.door import Actor, write
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import get_store
from jeweldesk.storage.tables import CatalogService, TaxRate


@dataclass(frozen=True)
class Rate:
    code: str
    name: str
    percent: Decimal | str
    active: bool = True


@dataclass(frozen=True)
class MoneySettings:
    methods: tuple[str, ...]
    charges_tax: bool
    rates: tuple[Rate, ...]
    taxable: dict[str, str]  # catalog code → the code of its tax rate


def money_settings(db: Database) -> MoneySettings:
    with db.session(write=False) as session:
        store = get_store(session)
        rates = tuple(Rate(r.code, r.name, r.percent, r.active)
                      for r in session.scalars(select(TaxRate).order_by(TaxRate.code)))
        taxable = {code: rate for code, rate in session.execute(
            select(CatalogService.code, CatalogService.tax_rate)
            .where(CatalogService.tax_rate.is_not(None)))}
        return MoneySettings(store.methods, store.charges_tax, rates, taxable)


def save_money_settings(db: Database, methods: Sequence[str], charges_tax: bool,
                        rates: Sequence[Rate], taxable: Mapping[str, str | None],
                        by: Actor) -> None:
    """All of the money settings at once; a rate no longer listed is kept, inactive, since
    tickets already name it."""
    problems: dict[str, str] = {}
    wanted = tuple(m.strip().lower() for m in methods if m.strip())
    if problem := method_list_problem(wanted):
        problems["methods"] = problem
    checked: list[tuple[Rate, Decimal]] = []
    for n, rate in enumerate(rates):
        for key, text, width in (("code", rate.code, CODE), ("name", rate.name, NAME)):
            if problem := text_problem(text, width, required=True):
                problems[f"rates[{n}].{key}"] = problem
        percent, problem = percent_problem(rate.percent, HIGHEST_TAX_PERCENT)
        if problem:
            problems[f"rates[{n}].percent"] = problem
        else:
            assert percent is not None
            checked.append((rate, percent))
    codes = [r.code.strip() for r in rates]
    if len(set(codes)) != len(codes):
        problems["rates"] = "a tax rate's code is listed twice"
    for service, code in taxable.items():
        if code is not None and code not in codes:
            problems[f"taxable.{service}"] = f"no tax rate with code {code!r}"
    if charges_tax and not any(r.active for r, _p in checked):
        problems["charges_tax"] = "add a tax rate first"
    if problems:
        raise Invalid(problems)
    with write(db, by, Act.SETTINGS) as w:
        session = w.session
        store = get_store(session)
        store.payment_methods = ",".join(wanted)
        store.charges_tax = charges_tax
        for rate, percent in checked:
            row = session.get(TaxRate, rate.code.strip()) or TaxRate(code=rate.code.strip())
            row.name, row.percent, row.active = rate.name.strip(), percent, rate.active
            session.add(row)
        for row in session.scalars(select(TaxRate).where(TaxRate.code.not_in(codes))):
            row.active = False
        for service, code in taxable.items():
            entry = session.get(CatalogService, service)
            if entry is None:
                raise Invalid({f"taxable.{service}": f"no service with code {service!r}"})
            entry.tax_rate = code


def tax_on(session: Session, code: str | None) -> tuple[str | None, Decimal | None]:
    """The tax a new line of this catalog service carries: its rate's name and percent, or
    nothing when the store does not charge tax or the service is not taxed."""
    if code is None or not get_store(session).charges_tax:
        return None, None
    entry = session.get(CatalogService, code)
    rate = session.get(TaxRate, entry.tax_rate) if entry and entry.tax_rate else None
    if rate is None or not rate.active:
        return None, None
    return rate.name, rate.percent
