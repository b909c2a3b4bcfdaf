"""The Atom feeds of releases, ``/feed.xml`` and ``/en/feed.xml``, made with feedgen."""

from __future__ import annotations

import datetime

from feedgen.feed import FeedGenerator

from zhiqing.archive.snapshot import TITLES
from zhiqing.data.model import Version
from zhiqing.site.urls import site_address

FEED_TITLES = {"zh": "隐私政策", "en": "Privacy Policy"}


def feed(versions: list[Version], language: str, site_url: str, title: str) -> bytes:
    """An Atom feed of the releases in ``language``, newest first (UTF-8 XML bytes).

    Each entry links the redline (or the full text of the first version) and carries the
    summary. Without ``site_url`` the ids are ``urn:`` names and the links relative.
    """
    generator = FeedGenerator()
    base = site_address(site_url, language, "")
    generator.id(base + "feed.xml" if site_url else f"urn:zhiqing:policy:{language}")
    generator.title(title)
    generator.language(language)
    generator.link(href=base + "archive/" if site_url else ("archive/"), rel="alternate")
    generator.link(href=base + "feed.xml" if site_url else "feed.xml", rel="self")
    latest = max(versions, key=lambda v: v.updated)
    generator.updated(_moment(latest.updated))
    for index, version in enumerate(versions):
        entry = generator.add_entry(order="prepend")
        target = f"archive/{version.id}/changes/" if index else f"archive/{version.id}/"
        entry.id(base + target if site_url else f"urn:zhiqing:policy:{language}:{version.id}")
        entry.title(TITLES[language].format(id=version.id))
        entry.link(href=base + target if site_url else target, rel="alternate")
        entry.summary(version.summary[language])
        entry.updated(_moment(version.updated))
        entry.published(_moment(version.updated))
    return generator.atom_str(pretty=True)


def _moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)
