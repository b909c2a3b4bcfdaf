"""``sitemap.xml``: written only with absolute URLs, dated in the operator's time zone.

MkDocs and static-i18n write ``sitemap.xml`` (and ``sitemap.xml.gz``) with each page and its
translation as ``hreflang`` alternates. The sitemaps.org protocol requires absolute URLs in
``<loc>``: without ``site_url`` they would be relative (``<loc>./</loc>``), so the build writes
no sitemap then. Each ``<lastmod>`` is MkDocs' build date, taken in UTC; it becomes the build
date in the operator's zone, like every other date of the build.

static-i18n's sitemap lists the pages it sorted into each language; the cumulative redline
pages the build adds after it (``/archive/<id>/since/``, :func:`zhiqing.site.archive_pages.since_pages`)
are published pages too, so they are added here, each with its translations as alternates.
"""

from __future__ import annotations

import datetime
import gzip
import re
from pathlib import Path
from typing import Sequence
from xml.sax.saxutils import escape, quoteattr

from zhiqing.languages import LANGUAGES, url_prefix

FILES = ("sitemap.xml", "sitemap.xml.gz")
_LASTMOD = re.compile(r"<lastmod>[^<]*</lastmod>")


def finish(site_dir: Path, site_url: str, today: datetime.date, added: Sequence[str] = ()) -> None:
    """Remove the sitemap without ``site_url``; else date each ``<lastmod>`` ``today`` (YYYY-MM-DD)
    and add the pages ``added``.

    ``added``: pages static-i18n's sitemap lacks, each as its URL in the default language relative
    to ``site_url`` (``archive/2023-11-01/since/``); each gets one ``<url>`` per language, in the
    form static-i18n writes, with every language's URL as an ``hreflang`` alternate.
    ``sitemap.xml.gz`` is written again from the corrected ``sitemap.xml`` (gzip, no file name
    or time in its header, so the build stays reproducible).
    """
    if not site_url:
        for name in FILES:
            (site_dir / name).unlink(missing_ok=True)
        return
    path = site_dir / "sitemap.xml"
    if not path.exists():
        return
    text = _LASTMOD.sub(f"<lastmod>{today.isoformat()}</lastmod>", path.read_text(encoding="utf-8"))
    entries = "".join(_entry(site_url, page, language, today) for language in LANGUAGES for page in added)
    if entries:
        end = text.rindex("</urlset>")
        text = text[:end] + entries + text[end:]
    path.write_text(text, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def _entry(site_url: str, page: str, language: str, today: datetime.date) -> str:
    """One ``<url>`` of the sitemap: ``page`` (relative to the default language's root) in ``language``."""
    alternates = "".join(f'\n        <xhtml:link rel="alternate" hreflang="{code}" '
                         f'href={quoteattr(site_url + url_prefix(code) + page)}/>' for code in LANGUAGES)
    location = escape(site_url + url_prefix(language) + page)
    return (f"    <url>\n        <loc>{location}</loc>\n        <lastmod>{today.isoformat()}</lastmod>\n"
            f"        <changefreq>daily</changefreq>{alternates}\n    </url>\n")
