"""``sitemap.xml``: written only with absolute URLs, dated in the operator's time zone.

MkDocs and static-i18n write ``sitemap.xml`` (and ``sitemap.xml.gz``) with each page and its
translation as ``hreflang`` alternates. The sitemaps.org protocol requires absolute URLs in
``<loc>``: without ``site_url`` they would be relative (``<loc>./</loc>``), so the build writes
no sitemap then. Each ``<lastmod>`` is MkDocs' build date, taken in UTC; it becomes the build
date in the operator's zone, like every other date of the build.
"""

from __future__ import annotations

import datetime
import gzip
import re
from pathlib import Path

FILES = ("sitemap.xml", "sitemap.xml.gz")
_LASTMOD = re.compile(r"<lastmod>[^<]*</lastmod>")


def finish(site_dir: Path, site_url: str, today: datetime.date) -> None:
    """Remove the sitemap without ``site_url``; else date each ``<lastmod>`` ``today`` (YYYY-MM-DD).

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
    path.write_text(text, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
