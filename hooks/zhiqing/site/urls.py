"""URLs of the site: relative links between pages, and addresses under ``site_url``."""

from __future__ import annotations

import posixpath

from zhiqing.languages import url_prefix


def relative_url(target: str, base: str) -> str:
    """The link from page URL ``base`` to page URL ``target`` (both relative to one language root).

    ``relative_url("collection/", "inventory/")`` → ``../collection/``; the same page → ``./``.
    """
    relative = posixpath.relpath("/" + target, "/" + base)
    if relative == ".":
        return "./"
    return relative + ("/" if target.endswith("/") and not relative.endswith("/") else "")


def site_address(site_url: str, language: str, path: str) -> str:
    """``path`` (relative to a language root) of ``language``: absolute under ``site_url`` when it
    is set, else relative to the site root (``en/archive/2023-11-01/``)."""
    if site_url:
        return site_url.rstrip("/") + "/" + url_prefix(language) + path
    return url_prefix(language) + path
