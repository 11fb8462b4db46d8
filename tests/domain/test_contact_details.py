"""A phone is kept one way (E.164), read with the store's country, refused in a sentence."""

import pytest

from jeweldesk.domain.contact_details import (
    DetailError,
    country_problem,
    normalise_phone,
    shown_phone,
)


@pytest.mark.parametrize("typed", ["(601) 555-0142", "601-555-0142", "601 555 0142",
                                   "+1 601 555 0142", "6015550142", " 1 601 555 0142 "])
def test_every_way_of_typing_a_number_is_kept_one_way(typed):
    assert normalise_phone(typed) == "+16015550142"
    assert shown_phone(normalise_phone(typed)) == "(601) 555-0142"


def test_letters_are_refused_not_turned_into_digits():
    with pytest.raises(DetailError, match="“555-CALL-PAT” has letters in it"):
        normalise_phone("555-CALL-PAT")
    with pytest.raises(DetailError, match="letters"):
        normalise_phone("601-555-O142")  # a letter O for a zero


@pytest.mark.parametrize("typed", ["5550123", "555", "+1 555 225 5728", "601 555 014"])
def test_a_number_that_is_not_a_number_in_the_country_is_refused(typed):
    with pytest.raises(DetailError, match="is not a phone number in the United States: "
                                          "check the area code"):
        normalise_phone(typed)


def test_the_store_country_decides_what_a_number_without_plus_means():
    assert normalise_phone("020 7946 0958", "GB") == "+442079460958"
    assert shown_phone("+442079460958", "GB") == "020 7946 0958"
    # From abroad: shown with its country code, the way it would be dialled.
    assert shown_phone("+442079460958", "US") == "+44 20 7946 0958"
    assert shown_phone("+16015550142", "GB") == "+1 601-555-0142"
    with pytest.raises(DetailError, match="in the United Kingdom"):
        normalise_phone("5550123", "GB")


def test_a_number_brought_in_from_elsewhere_is_shown_as_it_came_when_unreadable():
    assert shown_phone("+1 601 555 0142") == "(601) 555-0142"
    assert shown_phone("call the shop") == "call the shop"
    assert shown_phone(None) is None and normalise_phone("  ") is None


def test_a_country_is_an_iso_region():
    assert country_problem("US") is None and country_problem("CA") is None
    assert "not a country code" in (country_problem("USA") or "")
    assert "not a country code" in (country_problem("") or "")
