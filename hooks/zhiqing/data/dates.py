"""Dates as the policy shows them: Babel's long format per language, ISO dates typed by people, the build date."""

from __future__ import annotations

import datetime
import os
import re

from babel.dates import format_date as babel_format_date

# Babel locale for each site language: Simplified Chinese as used in mainland China.
BABEL_LOCALES = {"zh": "zh_Hans_CN", "en": "en_US"}
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


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
