"""Dates as printed on the policy: Babel's long format per language, and the build date."""

import datetime
import zoneinfo

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


# Instants (SOURCE_DATE_EPOCH) and the date they are in Beijing (UTC+8), the policy's zone.
@pytest.mark.parametrize("epoch, expected", [
    ("1701388800", datetime.date(2023, 12, 1)),   # 2023-12-01T00:00:00Z = 08:00 in Beijing
    ("1701446399", datetime.date(2023, 12, 1)),   # 2023-12-01T15:59:59Z = 23:59:59 in Beijing
    ("1701446400", datetime.date(2023, 12, 2)),   # 2023-12-01T16:00:00Z = 2023-12-02 00:00 in Beijing
    ("1798736400", datetime.date(2027, 1, 1)),    # 2026-12-31T17:00:00Z = 2027-01-01 01:00 in Beijing (issue 14)
    ("1798732860", datetime.date(2027, 1, 1)),    # 2026-12-31T16:01:00Z = 2027-01-01 00:01 in Beijing
    ("1798732740", datetime.date(2026, 12, 31)),  # 2026-12-31T15:59:00Z = 2026-12-31 23:59 in Beijing
    ("1798819140", datetime.date(2027, 1, 1)),    # 2027-01-01T15:59:00Z = 2027-01-01 23:59 in Beijing
    ("1924963200", datetime.date(2031, 1, 1)),    # 2030-12-31T16:00:00Z = 2031-01-01 00:00 in Beijing
])
def test_build_date_is_the_date_in_beijing(epoch, expected):
    assert dates.build_date({"SOURCE_DATE_EPOCH": epoch}) == expected


@pytest.mark.parametrize("zone, expected", [
    ("Asia/Shanghai", datetime.date(2027, 1, 1)),
    ("UTC", datetime.date(2026, 12, 31)),
    ("America/Los_Angeles", datetime.date(2026, 12, 31)),
    ("Pacific/Kiritimati", datetime.date(2027, 1, 1)),   # UTC+14
])
def test_build_date_in_another_zone(zone, expected):
    # 2026-12-31T16:01:00Z
    assert dates.build_date({"SOURCE_DATE_EPOCH": "1798732860"}, dates.time_zone(zone)) == expected


def test_build_date_defaults_to_today_in_beijing():
    before = datetime.datetime.now(zoneinfo.ZoneInfo("Asia/Shanghai")).date()
    assert dates.build_date({}) in {before, datetime.datetime.now(zoneinfo.ZoneInfo("Asia/Shanghai")).date()}
    assert dates.DEFAULT_TIME_ZONE == "Asia/Shanghai"


@pytest.mark.parametrize("name", ["Asia/Beijing", "UTC+8", "", " Asia/Shanghai", "../etc/passwd", None])
def test_time_zone_refuses_what_is_not_an_iana_name(name):
    with pytest.raises(ValueError, match=r"^.* is not an IANA time zone name$"):
        dates.time_zone(name)


def test_start_of_day_is_midnight_in_the_zone():
    moment = dates.start_of_day(datetime.date(2027, 1, 1), dates.time_zone("Asia/Shanghai"))
    assert moment.isoformat() == "2027-01-01T00:00:00+08:00"
    assert moment.astimezone(datetime.timezone.utc).isoformat() == "2026-12-31T16:00:00+00:00"


def test_build_date_rejects_a_non_number():
    with pytest.raises(ValueError, match=r"^SOURCE_DATE_EPOCH is 'tomorrow', expected a whole number of seconds$"):
        dates.build_date({"SOURCE_DATE_EPOCH": "tomorrow"})
