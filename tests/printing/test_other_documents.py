"""Tags, thank-you notes, manifests and the morning list, read back as a person would."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from jeweldesk.printing import (
    render_manifest,
    render_morning_list,
    render_tags,
    render_thank_you,
)
from jeweldesk.printing.model import PaperTicket, ServiceLine, StoreHeader
from tests.support.paper import (
    CUSTOMER,
    barcodes,
    flat,
    morning_rows,
    page_sizes_mm,
    parcel,
    pdf_pages,
    pdf_text,
    ring_ticket,
    watch_ticket,
)


def test_one_tag_per_ticket_each_scanning_back(visit: list[PaperTicket], pdf_path: Path) -> None:
    render_tags(visit, pdf_path)

    assert barcodes(pdf_path) == [["R-10001"], ["R-10002"]]
    first, second = (flat(page) for page in pdf_pages(pdf_path))
    assert "R-10001" in first and CUSTOMER in first and "Jun 14, 2025" in first
    assert "Tomás Beck" in first
    assert "R-10002" in second and "Jun 6, 2025" in second
    width, height = page_sizes_mm(pdf_path)[0]
    assert (round(width), round(height)) == (102, 51)


def test_a_tag_says_the_piece_in_a_few_words_and_the_stones_as_stated(pdf_path: Path) -> None:
    from dataclasses import replace

    from tests.support.paper import fonts_of, long_description

    ticket = replace(ring_ticket(long_description()),
                     item_stones="1 round diamond, approx. 0.50 ct (customer stated)")
    render_tags([ticket, watch_ticket()], pdf_path)

    ring, watch = (flat(page) for page in pdf_pages(pdf_path))
    assert "14k white gold ring: Victorian rose gold locket" in ring
    assert "…" in ring and "hallmark untouched" not in ring  # cut short on one line
    assert "Stones, as stated: 1 round diamond, approx. 0.50 ct" in ring
    assert "customer stated" not in ring
    assert "Stainless steel watch: Ladies' quartz wristwatch, mother-of-pearl dial" in watch
    assert "Stones" not in watch  # none stated
    assert barcodes(pdf_path) == [["R-10001"], ["R-10002"]]
    assert fonts_of(pdf_path, "李")["李"] == {"DroidSansFallback-Bold"}  # the name is bold


def test_a_tag_with_a_very_long_name_still_shows_it_all(pdf_path: Path) -> None:
    from dataclasses import replace

    name = CUSTOMER + " " + "Bartholomew-Featherstonehaugh " * 4
    render_tags([replace(ring_ticket(), customer_name=name.strip())], pdf_path)

    assert len(pdf_pages(pdf_path)) == 1
    assert name.split()[-1] in flat(pdf_text(pdf_path))
    assert barcodes(pdf_path) == [["R-10001"]]


def test_thank_you_names_the_customer_the_piece_the_work_and_the_occasion(
    store: StoreHeader, pdf_path: Path
) -> None:
    render_thank_you(store, [ring_ticket()], pdf_path, picked_up_on=date(2025, 6, 14))

    text = flat(pdf_text(pdf_path))
    assert "Dear Zoë," in text  # the first name, as the store addresses her unless told
    assert "your solitaire engagement ring" in text  # as she knows it, not "14k white gold"
    assert "resized it" in text and "rhodium" in text
    assert "tenth wedding anniversary" in text and "Jun 21, 2025" in text
    assert "December 2025" in text  # six months on, for the prongs and the sizing
    assert "Ana Ruiz" in text
    assert len(pdf_pages(pdf_path)) == 1


def test_thank_you_after_the_occasion_does_not_wish_for_it(
    store: StoreHeader, pdf_path: Path
) -> None:
    render_thank_you(
        store, [ring_ticket()], pdf_path, picked_up_on=date(2025, 7, 1), signed_by="Lena"
    )

    text = flat(pdf_text(pdf_path))
    assert "anniversary" not in text
    assert "Lena" in text


def test_thank_you_for_a_service_the_store_invented(store: StoreHeader, pdf_path: Path) -> None:
    from dataclasses import replace

    ticket = replace(
        ring_ticket(),
        services=(ServiceLine("pearl_restring", "Pearl restringing", Decimal("80.00")),),
    )
    render_thank_you(store, [ticket], pdf_path, picked_up_on=date(2025, 6, 14))

    assert "taken care of the pearl restringing" in flat(pdf_text(pdf_path))


def test_manifest_lists_every_envelope_and_the_insured_total(
    store: StoreHeader, pdf_path: Path
) -> None:
    render_manifest(store, parcel(), pdf_path)

    text = flat(pdf_text(pdf_path))
    for expected in ("S-12", "Casco Plating", "UPS", "1Z999AA10123456784", "R-10007"):
        assert expected in text
    assert CUSTOMER in text
    assert "$5,150.00" in text  # the envelope with no declared value adds nothing
    assert "Insured value: $5,150.00 for 2 pieces; 1 piece has no declared value" in text
    assert "Wed, Jun 11, 2025" in text
    assert "S-12" in barcodes(pdf_path)[0]


def test_manifest_prints_where_the_parcel_goes_and_says_when_a_value_was_not_declared(
    store: StoreHeader, pdf_path: Path
) -> None:
    from dataclasses import replace

    sent = replace(parcel(), vendor_address="118 Commercial St\nPortland, ME 04101",
                   vendor_contact="Ana Ruiz")
    render_manifest(store, sent, pdf_path)

    text = flat(pdf_text(pdf_path))
    assert "118 Commercial St" in text and "Portland, ME 04101" in text
    assert "Ana Ruiz · (207) 555-0111" in text
    assert "none declared" in text and "1 piece has no declared value" in text
    assert "418 Harbor Street" in text  # the store's address, where it comes back to
    assert len(pdf_pages(pdf_path)) == 1


def test_a_long_manifest_repeats_its_heading_and_counts_pages(
    store: StoreHeader, pdf_path: Path
) -> None:
    render_manifest(store, parcel(40), pdf_path)

    pages = [flat(page) for page in pdf_pages(pdf_path)]
    assert len(pages) >= 2
    # Every page with envelopes on it heads them; every later page says whose and which.
    assert all("WORK REQUESTED" in page for page in pages if "R-100" in page)
    assert all("PARCEL MANIFEST S-12" in page for page in pages[1:])
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
    assert "$71,750.00" in pages[-1]


def test_morning_list_flows_over_pages_with_headers_and_numbers(
    store: StoreHeader, pdf_path: Path
) -> None:
    rows = morning_rows(60)
    render_morning_list(store, rows, date(2025, 6, 10), pdf_path)

    pages = [flat(page) for page in pdf_pages(pdf_path)]
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert "CUSTOMER" in page and "WHY" in page
        assert f"Page {number} of {len(pages)}" in page
    text = " ".join(pages)
    assert CUSTOMER in text and "(207) 555-1000" in text
    assert "R-10159" in pages[-1]
    assert text.index("R-10100") < text.index("R-10101") < text.index("R-10159")
    assert "Casco Plating takes 9 days on average, quoted 5" in text


def test_morning_list_puts_the_calls_first_and_runs_the_watched_reasons_together(
    store: StoreHeader, pdf_path: Path
) -> None:
    from dataclasses import replace

    rows = morning_rows(9)  # late, at risk and watch in turn
    rows[3] = replace(rows[3], handled_by="Kate Pruitt", handled_on=date(2025, 6, 9))
    render_morning_list(store, rows, date(2025, 6, 10), pdf_path)

    text = flat(pdf_text(pdf_path))
    assert "5 to call today (2 late, 3 at risk); 1 already called; 3 to watch." in text
    calls, rest = text.split("Already called", 1)
    called, watched = rest.split("To watch", 1)
    assert [n for n in ("R-10100", "R-10101", "R-10104", "R-10106", "R-10107") if n in calls] == [
        "R-10100", "R-10101", "R-10104", "R-10106", "R-10107"]
    assert "R-10103" in called and "Called by Kate Pruitt, Jun 9." in called
    assert all(n in watched for n in ("R-10102", "R-10105", "R-10108"))
    assert "Casco Plating takes 9 days on average, quoted 5. Waiting for a clasp" in watched
    assert "Jun 12" in text and "Jun 12, 2025" not in text  # the year goes without saying


def test_an_empty_morning_list_says_so(store: StoreHeader, pdf_path: Path) -> None:
    render_morning_list(store, [], date(2025, 6, 10), pdf_path)

    assert "No promise is at risk" in flat(pdf_text(pdf_path))


@pytest.mark.parametrize("render", [render_tags])
def test_nothing_to_print_is_refused(render, pdf_path: Path) -> None:
    with pytest.raises(ValueError):
        render([], pdf_path)


def test_the_morning_list_says_when_the_date_it_offers_misses_the_occasion(
    store: StoreHeader, pdf_path: Path
) -> None:
    from dataclasses import replace

    as_of = date(2026, 12, 10)
    party = replace(
        morning_rows(1)[0],
        customer="Customer number 1",
        promised_for=date(2026, 12, 17),
        occasion_date=date(2026, 12, 19),
        occasion="Retirement party",
        expected_ready=date(2026, 12, 24),
        reasons=("needed for the retirement party on Dec 19, but expected ready only Dec 24",
                 "waiting for a clasp ordered on Dec 2"),
        offer=date(2026, 12, 29),
        ways_out=("A rush at Casco Plating", "A comparable piece from the case", "A loaner"),
    )
    anniversary = replace(party, ticket="R-10101", occasion="Anniversary",
                          occasion_date=date(2027, 1, 9), ways_out=())
    render_morning_list(store, [party, anniversary], as_of, pdf_path)

    text = flat(pdf_text(pdf_path))
    assert ("Dec 29 misses the retirement party on Dec 19. Offer instead: a rush at Casco "
            "Plating; a comparable piece from the case; a loaner; or a new date, Dec 29 "
            "(ready by then 9 times in 10).") in text
    # Each reason reads as a sentence.
    assert "Needed for the retirement party on Dec 19, but expected ready only Dec 24." in text
    assert "Waiting for a clasp ordered on Dec 2." in text
    assert "before it can be ready" not in text
    # A date that still makes the occasion is offered as it was.
    assert "A new date to offer: Dec 29 (ready by then 9 times in 10)" in text


def test_the_morning_list_says_how_far_its_warnings_have_been_right(
    store: StoreHeader, pdf_path: Path
) -> None:
    track = ("Last 30 days: 18 of 20 missed promises were warned about at least two days "
             "ahead; 7 of 10 warnings were right.")
    render_morning_list(store, morning_rows(3), date(2025, 6, 10), pdf_path, track=track)

    text = flat(pdf_text(pdf_path))
    assert track in text
    # Read before the calls it speaks of.
    assert text.index("7 of 10 warnings were right") < text.index("To call today")
