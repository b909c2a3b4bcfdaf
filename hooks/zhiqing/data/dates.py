"""Dates as the policy shows them: Babel's long format per language, and the build date."""

from __future__ import annotations

import datetime
import os

from babel.dates import format_date as _babel_format_date

# Babel locale for each site language: Simplified Chinese as used in mainland China.
BABEL_LOCALES = {"zh": "zh_Hans_CN", "en": "en_US"}


def format_date(day: datetime.date, language: str) -> str:
    """Return ``day`` written out for ``language``: ``2023年11月1日``, ``November 1, 2023``.

    ``language`` is a site language code (``zh`` or ``en``); raises KeyError for another.
    Uses Babel's CLDR ``long`` format, so the wording follows the locale's conventions.
    """
    return _babel_format_date(day, format="long", locale=BABEL_LOCALES[language])


def build_date(environ: dict | None = None) -> datetime.date:
    """Return the date the site is built for: today (UTC), or ``SOURCE_DATE_EPOCH`` when set.

    ``SOURCE_DATE_EPOCH`` is seconds since 1970-01-01 UTC (reproducible-builds.org); a
    value that is not a whole number from 0 to 9999-12-31 raises ValueError with the value
    in the message.
    """
    environ = os.environ if environ is None else environ
    value = environ.get("SOURCE_DATE_EPOCH")
    if value is None or value == "":
        return datetime.datetime.now(datetime.timezone.utc).date()
    try:
        seconds = int(value)
    except ValueError:
        raise ValueError(f"SOURCE_DATE_EPOCH is {value!r}, expected a whole number of seconds") from None
    if not 0 <= seconds <= _LAST_SECOND:
        raise ValueError(f"SOURCE_DATE_EPOCH is {value!r}, expected a whole number of seconds from 0 to "
                         f"{_LAST_SECOND} (1970-01-01 to 9999-12-31 UTC)")
    return (_EPOCH + datetime.timedelta(seconds=seconds)).date()


_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
# 9999-12-31 23:59:59 UTC: datetime's last day (and fromtimestamp overflows time_t before it).
_LAST_SECOND = 253402300799
