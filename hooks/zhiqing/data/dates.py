"""Dates as the policy shows them: Babel's long format per language, ISO dates typed by people, the build date.

The policy lives in China time: a version takes effect at 00:00 of its effective date in the
operator's time zone (``Asia/Shanghai`` unless ``data/operator.yml`` names another IANA zone
under ``time_zone``), so every "today" of the project (the build's status of each version,
``release``'s defaults and refusals, ``check``, the feeds' times) is the date in that zone,
never in UTC or in the machine's zone. ``SOURCE_DATE_EPOCH`` is an instant, converted to it.
"""

from __future__ import annotations

import datetime
import os
import re
import zoneinfo

from babel.dates import format_date as babel_format_date

# Babel locale for each site language: Simplified Chinese as used in mainland China.
BABEL_LOCALES = {"zh": "zh_Hans_CN", "en": "en_US"}
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# The zone the policy's dates are in when data/operator.yml names none: mainland China (UTC+8, no DST).
DEFAULT_TIME_ZONE = "Asia/Shanghai"


def format_date(day: datetime.date, language: str) -> str:
    """Return ``day`` written out for ``language``: ``2023年11月1日``, ``November 1, 2023``.

    ``language`` is a site language code (``zh`` or ``en``); raises KeyError for another.
    Uses Babel's CLDR ``long`` format, so the wording follows the locale's conventions.
    """
    return babel_format_date(day, format="long", locale=BABEL_LOCALES[language])


class DateError(ValueError):
    """A typed date that is not a day: ``wrong_form`` for ``2023-1-1``, not for ``2023-02-30`` (right form, no such day)."""

    def __init__(self, value, wrong_form: bool):
        super().__init__(f"{value!r} is not a date written YYYY-MM-DD")
        self.value = value
        self.wrong_form = wrong_form


def parse_iso_date(value) -> datetime.date:
    """Parse a date typed as ``YYYY-MM-DD`` (the data files and the command line).

    Raises :class:`DateError` with ``wrong_form`` True when the form is wrong (``2023-1-1``,
    ``None``) and False when the form is right but the day does not exist (``2023-02-30``);
    callers word the message for their file or option.
    """
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise DateError(value, wrong_form=True)
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise DateError(value, wrong_form=False) from None


def time_zone(name: str) -> zoneinfo.ZoneInfo:
    """The time zone of IANA name ``name`` (``Asia/Shanghai``), from the tz database via :mod:`zoneinfo`.

    Raises ValueError for a name the database does not hold (``Asia/Beijing``, ``UTC+8``,
    ``""``), with the name in the message.
    """
    if not isinstance(name, str) or not name or name != name.strip():
        raise ValueError(f"{name!r} is not an IANA time zone name")
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{name!r} is not an IANA time zone name") from None


def build_date(environ: dict | None = None, zone: datetime.tzinfo | None = None) -> datetime.date:
    """Return the date the site is built for in ``zone``: today, or ``SOURCE_DATE_EPOCH`` when set.

    ``zone`` is a ``tzinfo`` (default: :data:`DEFAULT_TIME_ZONE`, Asia/Shanghai): the date is
    the calendar day there at the build's instant, so 2026-12-31T16:01Z is 2027-01-01.
    ``SOURCE_DATE_EPOCH`` is seconds since 1970-01-01 UTC (reproducible-builds.org), an
    instant; a value that is not a whole number from 0 to 2106-02-07 UTC (the 32 bits of the
    time in a gzip header, RFC 1952: ``sitemap.xml.gz``) raises ValueError with the value in
    the message.
    """
    environ = os.environ if environ is None else environ
    zone = zone or time_zone(DEFAULT_TIME_ZONE)
    value = environ.get("SOURCE_DATE_EPOCH")
    if value is None or value == "":
        return datetime.datetime.now(zone).date()
    try:
        seconds = int(value)
    except ValueError:
        raise ValueError(f"SOURCE_DATE_EPOCH is {value!r}, expected a whole number of seconds") from None
    if not 0 <= seconds <= _LAST_SECOND:
        raise ValueError(f"SOURCE_DATE_EPOCH is {value!r}, expected a whole number of seconds from 0 to "
                         f"{_LAST_SECOND} (1970-01-01 to 2106-02-07 UTC)")
    instant = _EPOCH + datetime.timedelta(seconds=seconds)
    try:
        return instant.astimezone(zone).date()
    except OverflowError:  # the last hours of 9999-12-31 UTC east of Greenwich are year 10000
        return datetime.date.max


def start_of_day(day: datetime.date, zone: datetime.tzinfo) -> datetime.datetime:
    """00:00 of ``day`` in ``zone`` (an aware datetime): when a version dated ``day`` takes effect."""
    return datetime.datetime(day.year, day.month, day.day, tzinfo=zone)


_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
# 2106-02-07 06:28:15 UTC: the last time a gzip header holds (RFC 1952, MTIME: 32 bits); far enough.
_LAST_SECOND = 4294967295
