import pytest

from jeweldesk.domain.tracking import TrackingError, carrier_for, checked_tracking


@pytest.mark.parametrize(("carrier", "typed", "kept"), [
    ("UPS", "1Z999AA10123456784", "1Z999AA10123456784"),  # the interchange example
    ("ups", "1z 999 aa1 0123 4567 84", "1Z999AA10123456784"),
    ("FedEx", "1234 5678 9012", "123456789012"),
    ("FedEx Ground", "961102098765433", "961102098765433"),
    ("USPS", "9205 5901 6491 7312 7510 89", "9205590164917312751089"),
    ("USPS", "9400100000000000000006", "9400100000000000000006"),
    ("DHL Express", "35-1075-4030", "3510754030"),
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
