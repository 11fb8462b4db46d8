from datetime import date

from jeweldesk.domain.calendar import StoreCalendar

CAL = StoreCalendar.of([1, 2, 3, 4, 5, 6], [date(2026, 11, 26)])


def test_sunday_and_thanksgiving_are_not_open_days():
    assert not CAL.is_open(date(2026, 11, 22))  # Sunday
    assert not CAL.is_open(date(2026, 11, 26))  # closed date
    assert CAL.next_open(date(2026, 11, 26)) == date(2026, 11, 27)


def test_counting_open_days_skips_closed_days():
    # Wed Nov 25 + 2 open days: Thanksgiving is closed, so Fri 27 then Sat 28.
    assert CAL.add_open_days(date(2026, 11, 25), 2) == date(2026, 11, 28)
    assert CAL.open_days_between(date(2026, 11, 21), date(2026, 11, 28)) == 5


def test_a_store_open_tuesday_to_saturday():
    cal = StoreCalendar.of([2, 3, 4, 5, 6])
    assert cal.add_open_days(date(2026, 11, 14), 1) == date(2026, 11, 17)  # Sat -> Tue
