"""What a piece's details must be, at intake and whenever they are edited later.

Problems are collected per field, keyed the way the screens name them, so one
refusal can say everything that is wrong at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jeweldesk.domain.errors import Invalid, NotFound
from jeweldesk.domain.money import ZERO, money
from jeweldesk.domain.rules import (
    CODE,
    NAME,
    TEXT,
    check_text,
    date_problem,
    deposit_problem,
    money_problem,
)
from jeweldesk.services.money_settings import tax_on
from jeweldesk.storage.lookups import staff_by_code, vendor_by_code
from jeweldesk.storage.tables import CatalogService, TicketService

# The code of a service line the counter wrote in (a shank repair the catalog has no line
# for): its own words and price, kept on the ticket. An empty code means the same.
WRITE_IN = "write_in"


@dataclass(frozen=True)
class ServiceLine:
    code: str
    description: str
    price: Decimal | str
    vendor: str | None = None  # vendor code when the work goes out
    # A write-in a manager also adds to the catalog, at this price, for next time.
    add_to_catalog: bool = False

    @property
    def written_in(self) -> bool:
        return self.code.strip() in ("", WRITE_IN)


def optional_money(value: Decimal | str | None) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return money(value)


def money_or_problem(value: object, where: str, problems: dict[str, str]) -> Decimal | None:
    amount, problem = money_problem(value)
    if problem:
        problems[where] = problem
    return amount


def check_description(text: str, where: str, problems: dict[str, str]) -> None:
    if not text.strip():
        problems[where] = "describe the piece"
    check_text(problems, where, text, TEXT, lines=True)


def check_piece_words(metal: str | None, stones: str | None, condition: str | None,
                      occasion_what: str | None, at: str, problems: dict[str, str]) -> None:
    check_text(problems, f"{at}metal", metal, TEXT)
    check_text(problems, f"{at}stones", stones, TEXT, lines=True)
    check_text(problems, f"{at}condition", condition, TEXT, lines=True)
    check_text(problems, f"{at}occasion_what", occasion_what, NAME)


def check_services(lines: Sequence[ServiceLine], at: str, problems: dict[str, str]) -> Decimal:
    """Every line a service with a price; returns the total of the prices that are money."""
    if not lines:
        problems[f"{at}services"] = "choose at least one service"
    total = ZERO
    for i, line in enumerate(lines):
        where = f"{at}services[{i}].price"
        # A line may be a credit (a courtesy given back); the ticket may not come to less
        # than nothing, which the store could never settle.
        price, problem = money_problem(line.price, negative=True)
        if problem:
            problems[where] = problem
        elif price is None:
            problems[where] = "every service needs a price"
        total += price or ZERO
        check_text(problems, f"{at}services[{i}].code", line.code, CODE)
        check_text(problems, f"{at}services[{i}].description", line.description, TEXT,
                   lines=True)
        if line.written_in and not line.description.strip():
            problems[f"{at}services[{i}].description"] = "say what the written-in work is"
        if line.add_to_catalog and not line.written_in:
            problems[f"{at}services[{i}].code"] = "only a written-in line joins the catalog"
    if total < 0 and not any(k.startswith(f"{at}services") for k in problems):
        problems[f"{at}services"] = f"the lines come to {total}, less than nothing"
    return total


def check_deposit(deposit: Decimal, total: Decimal, where: str, problems: dict[str, str]) -> None:
    problem = deposit_problem(deposit, total)
    if problem and where not in problems:
        problems[where] = problem


def check_occasion(what: str | None, day: date | None, at: str, problems: dict[str, str]) -> None:
    if (what or "").strip() and day is None:
        problems[f"{at}occasion_date"] = "when is the occasion?"
    problem = date_problem(day)
    if problem:
        problems[f"{at}occasion_date"] = problem


def text_or_none(text: str | None) -> str | None:
    return (text or "").strip() or None


def jeweler_id(session: Session, code: str | None, where: str) -> int | None:
    if not code:
        return None
    try:
        return staff_by_code(session, code).id
    except NotFound as exc:
        raise Invalid({where: str(exc)}) from None


def below_catalog(session: Session, lines: Sequence[ServiceLine]) -> list[str]:
    """The lines priced under the catalog's price for the same service, and credits given
    back, by their names: a manager's call."""
    cut = []
    for line in lines:
        if line.written_in:  # no catalog price to be under
            continue
        listed = session.get(CatalogService, line.code.strip())
        price = money(line.price)
        if price < 0 or (listed is not None and price < listed.default_price):
            cut.append(line.description.strip() or (listed.name if listed else line.code))
    return cut


def catalog_code_for(session: Session, name: str) -> str:
    """A new catalog code from a written-in service's name: "Shank repair" → shank_repair."""
    base = "_".join("".join(c if c.isalnum() else " " for c in name.lower()).split())[:56]
    base = base or "service"
    code, n = base, 2
    while code == WRITE_IN or session.get(CatalogService, code) is not None:
        code, n = f"{base}_{n}", n + 1
    return code


def add_written_in_to_catalog(session: Session, lines: Sequence[ServiceLine]
                              ) -> tuple[ServiceLine, ...]:
    """The lines with each written-in one ticked for the catalog added there (under its own
    name, at its price) and now carrying the new catalog code. A name the catalog already
    has is not added twice: the line takes that entry's code."""
    done: list[ServiceLine] = []
    for line in lines:
        if not (line.written_in and line.add_to_catalog):
            done.append(line)
            continue
        name = " ".join(line.description.split())
        same = next((c for c in session.scalars(select(CatalogService))
                     if c.name.strip().lower() == name.lower()), None)
        if same is None:
            same = CatalogService(code=catalog_code_for(session, name), name=name,
                                  default_price=money(line.price), bench_days=1,
                                  usually_outside=line.vendor is not None, active=True)
            session.add(same)
            session.flush()
        done.append(ServiceLine(same.code, line.description, line.price, line.vendor))
    return tuple(done)


def service_rows(session: Session, lines: Sequence[ServiceLine], at: str) -> list[TicketService]:
    """The ticket's service rows for checked lines; an unknown vendor is refused by its line."""
    rows = []
    for position, line in enumerate(lines):
        vendor_id = None
        if line.vendor:
            try:
                vendor_id = vendor_by_code(session, line.vendor).id
            except NotFound as exc:
                raise Invalid({f"{at}services[{position}].vendor": str(exc)}) from None
        code = WRITE_IN if line.written_in else line.code.strip()
        tax_name, tax_percent = tax_on(session, None if line.written_in else code)
        rows.append(TicketService(position=position, code=code,
                                  description=line.description.strip(),
                                  price=money(line.price), vendor_id=vendor_id,
                                  tax_name=tax_name, tax_percent=tax_percent))
    return rows
