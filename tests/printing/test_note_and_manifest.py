"""The thank-you note says what is true of this ticket, and the manifest what is true of this
parcel: each read back from the PDF as the customer or the vendor would read it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from jeweldesk.printing import render_manifest, render_thank_you
from jeweldesk.printing.model import PaperTicket, ParcelLine, ServiceLine, StoreHeader
from tests.support.paper import (
    CUSTOMER,
    LAST_WORDS,
    STORE,
    flat,
    long_description,
    parcel,
    pdf_pages,
    pdf_text,
    ring_ticket,
    text_off_the_page,
)

PICKED_UP = date(2025, 6, 14)


def _note(path: Path, ticket: PaperTicket, wording: str | None = None,
          on: date = PICKED_UP) -> str:
    render_thank_you(STORE, [ticket], path, picked_up_on=on, wording_text=wording)
    assert len(pdf_pages(path)) == 1
    assert text_off_the_page(path) == []
    return flat(pdf_text(path))


def _bracelet(services: tuple[ServiceLine, ...], metal: str = "Stainless steel",
              description: str = "Link bracelet, fold-over clasp") -> PaperTicket:
    return replace(ring_ticket(description), item_kind="bracelet", item_metal=metal,
                   item_stones="", services=services, occasion=None)


# Naming the piece ---------------------------------------------------------------------------

@pytest.mark.parametrize(("description", "said"), [
    ("Three-stone anniversary ring, 18K yellow gold, worn shank",
     "your three-stone anniversary ring"),
    ("Her grandmother's opal brooch (Art Deco)", "your grandmother's opal brooch"),
    ("GIA-graded solitaire; see the report", "your GIA-graded solitaire"),
    ("翡翠手镯，边缘有细小裂纹", "your 翡翠手镯"),
])
def test_the_note_names_the_piece_as_the_customer_knows_it(
    pdf_path: Path, description: str, said: str
) -> None:
    ticket = replace(ring_ticket(description), item_metal="18K yellow gold")
    text = _note(pdf_path, ticket)

    assert f"Thank you for trusting us with {said}." in text
    assert "18K yellow gold ring" not in text


def test_a_description_too_long_for_a_sentence_gives_the_metal_and_kind(pdf_path: Path) -> None:
    text = _note(pdf_path, ring_ticket(long_description().replace(",", " and")))

    assert "your 14k white gold ring." in text
    assert LAST_WORDS not in text


# Who did the work ---------------------------------------------------------------------------

def test_the_note_credits_the_bench_the_workshop_or_both(pdf_path: Path) -> None:
    bench = replace(ring_ticket(), bench_jeweler="Tomás Beck")
    workshop = replace(ring_ticket(), bench_jeweler=None, workshops=("Casco Plating",))
    both = replace(ring_ticket(), bench_jeweler="Tomás Beck",
                   workshops=("Casco Plating", "Harbor Setters"))

    said = _note(pdf_path, bench)
    assert "Tomás Beck looked after it at our bench" in said and "workshop" not in said
    said = _note(pdf_path, workshop)
    # The jeweler the ticket names never touched it: the vendor did the work.
    assert "Tomás Beck" not in said
    assert "It went to the specialists at Casco Plating" in said
    said = _note(pdf_path, both)
    assert ("Tomás Beck looked after it at our bench, and the specialists at Casco Plating "
            "and Harbor Setters did their part in their workshop") in said


def test_a_note_for_work_nobody_is_recorded_for_credits_no_one(pdf_path: Path) -> None:
    text = _note(pdf_path, replace(ring_ticket(), bench_jeweler=None, workshops=()))

    assert "Tomás Beck" not in text and "bench" not in text


# Care advice that fits the materials -----------------------------------------------------------

def test_a_steel_bracelet_gets_no_leather_band_advice(pdf_path: Path) -> None:
    band = ServiceLine("watch_band", "New band links", Decimal("40.00"))
    text = _note(pdf_path, _bracelet((band,)))

    assert "leather" not in text.lower()
    assert "A metal band likes a gentle wash" in text


def test_a_leather_strap_gets_the_leather_advice(pdf_path: Path) -> None:
    band = ServiceLine("watch_band", "New strap", Decimal("40.00"))
    watch = replace(_bracelet((band,), metal="Steel case",
                              description="Field watch on a brown leather strap"),
                    item_kind="watch")
    text = _note(pdf_path, watch)

    assert "Leather bands last longer when they are kept dry" in text


def test_pearls_are_never_told_to_soak_and_steel_is_not_called_soft(pdf_path: Path) -> None:
    cleaning = ServiceLine("cleaning", "Clean and polish", Decimal("15.00"))
    pearls = replace(_bracelet((cleaning,), metal="14k yellow gold clasp",
                               description="Akoya pearl strand, 7 mm"), item_kind="necklace")
    text = _note(pdf_path, pearls)
    assert "soak" not in text.replace("never soak", "")
    assert "Pearls are soft and drink in water" in text

    polishing = ServiceLine("polishing", "Polish", Decimal("35.00"))
    text = _note(pdf_path, _bracelet((polishing,)))
    assert "Gold and silver are soft" not in text
    assert "Steel is harder than gold and silver" in text


# The occasion and the greeting -----------------------------------------------------------------

def test_a_missed_occasion_is_acknowledged_with_grace(pdf_path: Path) -> None:
    late = replace(ring_ticket(), ready_on=date(2025, 6, 24))  # the anniversary was Jun 21
    text = _note(pdf_path, late, on=date(2025, 6, 25))

    assert ("We are sorry it was not ready in time for your tenth wedding anniversary on "
            "Jun 21, 2025") in text
    assert "We hope it shines" not in text


def test_an_occasion_still_ahead_is_wished_for(pdf_path: Path) -> None:
    text = _note(pdf_path, replace(ring_ticket(), ready_on=date(2025, 6, 13)))

    assert "We hope it shines for your tenth wedding anniversary on Jun 21, 2025" in text
    assert "sorry" not in text


def test_the_note_opens_as_the_store_chose(pdf_path: Path) -> None:
    harris = replace(ring_ticket(), customer_name="Barbara Harris", addressed_as="Mrs Harris")
    assert "Dear Mrs Harris," in _note(pdf_path, harris)
    assert "Dear Barbara," in _note(pdf_path, replace(harris, addressed_as=""))


def test_the_stores_own_wording_prints_and_what_it_leaves_out_prints_as_shipped(
    pdf_path: Path,
) -> None:
    wording = '[note]\ngreeting = "Hello again, $customer!"\n'
    text = _note(pdf_path, ring_ticket(), wording)

    assert "Hello again, Zoë!" in text and "Dear" not in text
    assert "Thank you for trusting us with your solitaire engagement ring" in text


def test_a_cjk_name_and_a_2000_character_description_keep_the_note_on_its_card(
    pdf_path: Path,
) -> None:
    ticket = replace(ring_ticket(long_description()), customer_name="欧阳娜娜")
    text = _note(pdf_path, ticket)

    assert "Dear 欧阳娜娜," in text


# The manifest ----------------------------------------------------------------------------------

def test_the_manifest_totals_only_the_declared_values_and_says_which_have_none(
    store: StoreHeader, pdf_path: Path
) -> None:
    two_declared = replace(parcel(), lines=(
        ParcelLine("R-10001", "Ring", "Rhodium plating", Decimal("1600.00")),
        ParcelLine("R-10002", "Cuff", "Rhodium plating", Decimal("800.00")),
        ParcelLine("R-10003", "Pendant", "Stone setting", None),
    ))
    render_manifest(store, two_declared, pdf_path)

    text = flat(pdf_text(pdf_path))
    assert "Insured value: $2,400.00 for 2 pieces; 1 piece has no declared value" in text
    assert "3 envelopes" in text


def test_a_manifest_of_pieces_none_declared_says_so(store: StoreHeader, pdf_path: Path) -> None:
    lines = tuple(replace(line, declared_value=None) for line in parcel().lines)
    render_manifest(store, replace(parcel(), lines=lines), pdf_path)

    assert "Insured value: none declared for any of the 3 pieces" in flat(pdf_text(pdf_path))


def test_a_long_description_is_cut_short_on_the_manifest_and_keeps_it_on_one_page(
    store: StoreHeader, pdf_path: Path
) -> None:
    long = replace(parcel(), lines=tuple(
        replace(line, description=f"14k white gold ring: {long_description()}")
        for line in parcel().lines))
    render_manifest(store, long, pdf_path)

    pages = pdf_pages(pdf_path)
    assert len(pages) == 1
    text = flat(pages[0])
    assert "Victorian rose gold locket" in text and "…" in text
    assert LAST_WORDS not in text  # the whole text is on the claim receipt
    assert text_off_the_page(pdf_path) == []


def test_a_manifest_over_pages_says_whose_and_which_on_every_later_page(
    store: StoreHeader, pdf_path: Path
) -> None:
    render_manifest(store, parcel(60), pdf_path)

    pages = [flat(page) for page in pdf_pages(pdf_path)]
    assert len(pages) >= 2
    for page in pages[1:]:
        assert "PARCEL MANIFEST S-12" in page and store.name in page
    assert "Insured value: $103,000.00 for 40 pieces; 20 pieces have no declared value" \
        in pages[-1]
    assert text_off_the_page(pdf_path) == []
    assert CUSTOMER in pages[0]


def test_a_long_cjk_description_is_cut_as_wide_as_it_prints(
    store: StoreHeader, pdf_path: Path
) -> None:
    jade = "翡翠手镯，边缘有细小裂纹，客户希望保留原有的金属扣。" * 30
    render_manifest(store, replace(parcel(), lines=tuple(
        replace(line, description=jade) for line in parcel().lines)), pdf_path)

    pages = pdf_pages(pdf_path)
    assert len(pages) == 1 and text_off_the_page(pdf_path) == []
    rows = flat(pages[0]).split("R-100")[1:]
    assert all("…" in row and row.count("翡") <= 5 for row in rows)
