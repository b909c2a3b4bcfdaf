"""What the build writes after every language is built."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from zhiqing.check.engine import summary
from zhiqing.errors import PolicyError
from zhiqing.languages import DEFAULT_LANGUAGE, LANGUAGES, url_prefix
from zhiqing.site import archive_pages, headers, language_outputs, published, sitemap
from zhiqing.site.feeds import FEED_TITLES, feed, feed_author
from zhiqing.site.manifest import manifest

if TYPE_CHECKING:  # pragma: no cover
    from zhiqing.build import BuildState

log = logging.getLogger("mkdocs.hooks.zhiqing")


def write_after_pages(state: BuildState, site_dir: Path, site_url: str, redirect_maps: dict | None) -> None:
    """Complete ``site_dir`` once static-i18n has built every language, in this order.

    Each language's 404 page and search index; the sitemap (:func:`zhiqing.site.sitemap.finish`:
    none without ``site_url``, and then one INFO line saying what ``site_url`` is needed for; with
    it, the cumulative redline pages added);
    ``/policy.json`` and the Atom feeds; the English side of the redirects
    (``redirect_maps`` of mkdocs-redirects, None without the plugin); a warning for each
    published URL the site lacks; one INFO line with the compliance check's counts
    (:func:`compliance_line`); last
    ``_headers``, which hashes the inline code of every page.
    """
    language_outputs.write(site_dir, state.not_found_pages)
    since = [dest[:-len("index.html")] for _, dest, _ in archive_pages.since_pages(state, DEFAULT_LANGUAGE)]
    sitemap.finish(site_dir, site_url, state.today, since)
    if not site_url:
        log.info(SITE_URL_NEEDED)
    data = manifest(state.policy.versions, state.today, site_url)
    (site_dir / "policy.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for language in LANGUAGES:
        target = site_dir / url_prefix(language) / "feed.xml"
        target.parent.mkdir(parents=True, exist_ok=True)
        author = feed_author(state.policy.operator, language, FEED_TITLES[language])
        target.write_bytes(feed(state.policy.versions, language, site_url, FEED_TITLES[language], author,
                                state.policy.time_zone, state.today))
    if redirect_maps is not None:
        published.write_language_redirects(site_dir, redirect_maps)
    published.warn_missing(state.published_urls, site_dir)
    # INFO, not a warning: --strict must not fail on what is the operator's decision.
    log.info(compliance_line(state.findings))
    (site_dir / "_headers").write_text(headers.headers_file(*headers.site_headers(site_dir)), encoding="utf-8")


def compliance_line(findings: list, language: str = "zh") -> str:
    """The build's one line about the compliance check: the counts as ``python hooks/policy.py
    check`` prints them (:func:`zhiqing.check.engine.summary`, Chinese by default as the check's
    messages are), that the findings do not stop the build, and the command that lists them.

    ``合规检查：46 个错误、18 个警告、12 条提示（不影响构建；详情：python hooks/policy.py check）``;
    ``language="en"``: ``Compliance check: 46 errors, 18 warnings, 12 info (does not block the
    build; details: python hooks/policy.py check --lang en)``. ``findings`` is a list of
    :class:`~zhiqing.check.engine.Finding`.
    """
    if language == "zh":
        return f"合规检查：{summary(findings, 'zh')}（不影响构建；详情：python hooks/policy.py check）"
    return (f"Compliance check: {summary(findings, 'en')} (does not block the build; "
            f"details: python hooks/policy.py check --lang en)")


# What an empty site_url costs: the places where the web requires an absolute URL.
SITE_URL_NEEDED = (
    "site_url is empty in mkdocs.yml: every page links relatively and works under any path, but "
    "no sitemap.xml was written (the sitemap protocol requires absolute URLs), the 404 pages link "
    "to / (they work only at the root of a host), and /policy.json and the feeds carry relative "
    "URLs. Set site_url to the published address (e.g. https://example.cn/privacy/) before "
    "publishing; `gh-deploy` and the publish workflow refuse an empty one.")


def require_site_url(command: str, site_url: str) -> None:
    """Refuse ``gh-deploy`` without ``site_url`` (PolicyError): what it publishes needs the address.

    The 404 pages, the sitemap, ``/policy.json`` and the feeds need absolute URLs
    (:data:`SITE_URL_NEEDED`). ``build`` and ``serve`` accept an empty one (a local copy, a
    preview) and say what is missing.
    """
    if command == "gh-deploy" and not (site_url or "").strip():
        raise PolicyError("Error reading 'mkdocs.yml': site_url is empty, expected the published address "
                          "(e.g. https://example.cn/privacy/) for gh-deploy: the 404 pages, the sitemap, "
                          "/policy.json and the feeds need it")

