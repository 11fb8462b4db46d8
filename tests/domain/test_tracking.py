import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jeweldesk.domain.tracking import TrackingError, carrier_for, checked_tracking


@pytest.mark.parametrize(("carrier", "typed", "kept"), [
    ("UPS", "1Z999AA10123456784", "1Z999AA10123456784"),  # the interchange example
    ("ups", "1z 999 aa1 0123 4567 84", "1Z999AA10123456784"),
    ("FedEx", "1234 5678 9012", "123456789012"),
    ("FedEx Ground", "961102098765433", "961102098765433"),
    ("USPS", "9205 5901 6491 7312 7510 89", "9205590164917312751089"),
    ("USPS", "9400100000000000000006", "9400100000000000000006"),
    ("DHL Express", "35-1075-4030", "3510754030"),
    ("Royal Mail", "rr 1234 5678 5 gb", "RR123456785GB"),
    ("Royal Mail Special Delivery", "AB123456785GB", "AB123456785GB"),
    ("USPS", "EA123456785US", "EA123456785US"),
    ("Canada Post", "CP123456785CA", "CP123456785CA"),
    ("Canada Post", "1234 5678 9012 3456", "1234567890123456"),
    ("Parcelforce", "PB1234567", "PB1234567"),  # no shape on record: kept as typed
    ("Brink's", "BR-2291-A", "BR-2291-A"),
    (None, "HAND-2291", "HAND-2291"),
    ("UPS", "  ", None),
])
def test_well_formed_numbers_are_kept_as_the_carrier_prints_them(carrier, typed, kept):
    assert checked_tracking(carrier, typed) == kept


@pytest.mark.parametrize(("carrier", "typed", "words"), [
    ("UPS", "1Z999AA10123456785", "UPS tracking number 1Z999AA10123456785 fails its check"),
    ("UPS", "1Z999AA1012345678", "UPS tracking numbers are 1Z and 16 letters or digits"),
    ("UPS", "999AA10123456784", "UPS tracking numbers are 1Z"),
    ("FedEx", "123456789013", "FedEx tracking number 123456789013 fails its check digit"),
    ("FedEx", "961102098765434", "FedEx tracking number"),
    ("FedEx", "1234567890", "FedEx tracking numbers are 12 or 15 digits"),
    ("USPS", "9400100000000000000007", "USPS tracking number"),
    ("USPS", "94001000000000000", "USPS tracking numbers are 20 to 22 digits"),
    ("DHL", "3510754031", "DHL Express tracking number 3510754031 fails its check digit"),
    ("DHL", "35107540", "DHL Express tracking numbers are 10 digits"),
    ("Royal Mail", "RR123456784GB", "Royal Mail tracking number RR123456784GB fails its check"),
    ("Royal Mail", "RR123456785US", "Royal Mail tracking numbers are two letters, nine digits"),
    ("Royal Mail", "1Z999AA10123456784", "Royal Mail tracking numbers are"),
    ("Canada Post", "CP123456786CA", "Canada Post tracking number CP123456786CA fails its check"),
    ("Brink's", "AB1", "tracking number for Brink's should be 4 to 40 characters"),
    ("Brink's", "X" * 41, "should be 4 to 40 characters"),
    ("Brink's", "AB\x07CD", "cannot be printed"),
])
def test_a_malformed_number_is_refused_naming_the_carrier_and_the_fault(carrier, typed, words):
    with pytest.raises(TrackingError) as refused:
        checked_tracking(carrier, typed)
    assert words in str(refused.value)


def test_carrier_names_are_read_the_way_a_person_writes_them():
    assert carrier_for("Fed Ex").name == "FedEx"
    assert carrier_for("U.S.P.S.").name == "USPS"
    assert carrier_for("Riverbend courier") is None


def test_a_ups_number_ending_in_a_letter_is_refused_not_a_crash():
    # The check is always a digit; a letter there used to raise int()'s ValueError.
    with pytest.raises(TrackingError, match="fails its check digit"):
        checked_tracking("UPS", "1Z999AA1012345678A")
    with pytest.raises(TrackingError) as refused:
        checked_tracking("UPS", "1Z999AA1012345678A")
    assert type(refused.value) is TrackingError


def test_full_width_digits_are_kept_as_the_carrier_prints_them():
    assert checked_tracking("FedEx", "１２３４ ５６７８ ９０１２") == "123456789012"


CARRIER_NAMES = st.sampled_from(["UPS", "FedEx", "FedEx Ground", "USPS", "DHL", "Brink's", ""])


@settings(max_examples=400, deadline=None)
@given(carrier=st.one_of(CARRIER_NAMES, st.none(), st.text()),
       typed=st.one_of(
           # Shapes close to the carriers' own, where a check digit is worked out.
           st.from_regex(r"1[Zz][0-9A-Za-z]{16}", fullmatch=True),
           st.from_regex(r"[0-9 \-]{9,24}[0-9A-Za-z]", fullmatch=True),
           st.none(), st.text()))
def test_any_text_for_any_carrier_is_a_number_or_the_checkers_own_refusal(carrier, typed):
    try:
        kept = checked_tracking(carrier, typed)
    except TrackingError as refused:
        assert type(refused) is TrackingError and str(refused)
        return
    assert kept is None or (kept.strip() and kept.isprintable())
    assert checked_tracking(carrier, kept) == kept  # what is kept checks again as itself


def test_the_carriers_offered_put_the_stores_own_post_first():
    from jeweldesk.domain.tracking import carriers_offered

    assert carriers_offered("GB")[:3] == ("Royal Mail", "Parcelforce", "DPD")
    assert carriers_offered("US")[:3] == ("UPS", "FedEx", "USPS")
    assert "USPS" not in carriers_offered("GB")
    for country in ("GB", "US", "CA", "DE"):
        offered = carriers_offered(country)
        assert len(set(offered)) == len(offered) and offered[-1] == "Hand delivery"


@pytest.mark.parametrize("serial", ["00000000", "12345678", "47312482", "99999999"])
def test_an_s10_number_with_its_own_check_digit_passes_and_every_other_digit_fails(serial):
    from jeweldesk.domain.tracking import s10_valid

    passing = [d for d in "0123456789" if s10_valid(f"RR{serial}{d}GB")]
    assert len(passing) == 1
