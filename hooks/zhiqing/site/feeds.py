"""The Atom feeds of releases, ``/feed.xml`` and ``/en/feed.xml``, made with feedgen."""

from __future__ import annotations

import datetime

from feedgen.feed import FeedGenerator

from zhiqing.archive.snapshot import TITLES
from zhiqing.archive.status import statuses
from zhiqing.data.dates import format_date
from zhiqing.data.dates import DEFAULT_TIME_ZONE, start_of_day, time_zone
from zhiqing.data.model import Version
from zhiqing.site.urls import site_address

FEED_TITLES = {"zh": "隐私政策", "en": "Privacy Policy"}
# What an entry says before the summary: the effective date and the status on the build date.
ENTRY_HEAD = {"zh": "生效日期：{date}（{state}）。", "en": "Effective date: {date} ({state})."}
STATES = {"zh": {"in_force": "现行有效", "superseded": "已被取代", "upcoming": "即将生效"},
          "en": {"in_force": "in force", "superseded": "superseded", "upcoming": "upcoming"}}


def feed_author(operator: dict, language: str, site_name: str) -> str:
    """The feed's author (RFC 4287 §4.2.1 ``atom:author``): the personal-information handler.

    ``operator`` is ``data/operator.yml`` as loaded: the handler's name in ``language``, else
    in Chinese (the legal name), else ``site_name`` while the operator has not filled it in.
    """
    name = operator.get("handler", {}).get("name") or {}
    if isinstance(name, str):
        return name.strip() or site_name
    return (name.get(language) or "").strip() or (name.get("zh") or "").strip() or site_name


def feed(versions: list[Version], language: str, site_url: str, title: str, author: str | None = None,
         zone: datetime.tzinfo | None = None, today: datetime.date | None = None) -> bytes:
    """An Atom feed (RFC 4287) of the releases in ``language``, newest first (UTF-8 XML bytes).

    Each entry links the redline (or the full text of the first version) and its summary
    says first when the version takes effect and its status on ``today`` (the build date,
    default today in ``zone``): ``生效日期：2031年1月1日（即将生效）。`` /
    ``Effective date: January 1, 2031 (upcoming).``, then the release's summary. Without ``site_url`` the ids are ``urn:`` names and the links relative.
    ``author`` (default ``title``) is the feed's ``atom:author`` name, which RFC 4287 §4.1.1
    requires on the feed unless every entry has one (:func:`feed_author`). An entry's
    ``updated`` and ``published`` are 00:00 of the release's updated date in ``zone`` (the
    operator's time zone, default Asia/Shanghai): ``2023-11-01T00:00:00+08:00``.
    """
    zone = zone or time_zone(DEFAULT_TIME_ZONE)
    today = today or datetime.datetime.now(zone).date()
    states = {status.version.id: status.state for status in statuses(versions, today)}
    generator = FeedGenerator()
    base = site_address(site_url, language, "")
    generator.id(base + "feed.xml" if site_url else f"urn:zhiqing:policy:{language}")
    generator.title(title)
    generator.author({"name": author or title})
    generator.language(language)
    generator.link(href=base + "archive/" if site_url else ("archive/"), rel="alternate")
    generator.link(href=base + "feed.xml" if site_url else "feed.xml", rel="self")
    latest = max(versions, key=lambda v: v.updated)
    generator.updated(start_of_day(latest.updated, zone))
    for index, version in enumerate(versions):
        entry = generator.add_entry(order="prepend")
        target = f"archive/{version.id}/changes/" if index else f"archive/{version.id}/"
        entry.id(base + target if site_url else f"urn:zhiqing:policy:{language}:{version.id}")
        entry.title(TITLES[language].format(id=version.id))
        entry.link(href=base + target if site_url else target, rel="alternate")
        head = ENTRY_HEAD[language].format(date=format_date(version.effective, language),
                                           state=STATES[language][states[version.id]])
        entry.summary(f"{head}\n{version.summary[language]}")
        entry.updated(start_of_day(version.updated, zone))
        entry.published(start_of_day(version.updated, zone))
    return generator.atom_str(pretty=True)

