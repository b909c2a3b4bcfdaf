"""Dates as printed on the policy: Babel's long format per language, and the build date."""

import datetime

import pytest

from zhiqing.data import dates


@pytest.mark.parametrize("day, language, expected", [
    (datetime.date(2023, 11, 1), "zh", "2023年11月1日"),
    (datetime.date(2023, 11, 1), "en", "November 1, 2023"),
    (datetime.date(2031, 1, 1), "zh", "2031年1月1日"),
    (datetime.date(2031, 1, 1), "en", "January 1, 2031"),
    (datetime.date(2024, 2, 29), "zh", "2024年2月29日"),
    (datetime.date(2024, 12, 31), "en", "December 31, 2024"),
])
def test_format_date(day, language, expected):
    assert dates.format_date(day, language) == expected


def test_format_date_unknown_language():
    with pytest.raises(KeyError):
        dates.format_date(datetime.date(2023, 11, 1), "fr")


@pytest.mark.parametrize("epoch, expected", [
    ("1701388800", datetime.date(2023, 12, 1)),   # 2023-12-01T00:00:00Z
    ("1701475199", datetime.date(2023, 12, 1)),   # 2023-12-01T23:59:59Z
    ("1924992000", datetime.date(2031, 1, 1)),
])
def test_build_date_from_source_date_epoch(epoch, expected):
    assert dates.build_date({"SOURCE_DATE_EPOCH": epoch}) == expected


def test_build_date_defaults_to_today():
    assert dates.build_date({}) == datetime.datetime.now(datetime.timezone.utc).date()


def test_build_date_rejects_a_non_number():
    with pytest.raises(ValueError, match=r"^SOURCE_DATE_EPOCH is 'tomorrow', expected a whole number of seconds$"):
        dates.build_date({"SOURCE_DATE_EPOCH": "tomorrow"})
