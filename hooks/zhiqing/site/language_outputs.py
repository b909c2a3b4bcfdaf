"""The per-language outputs static-i18n does not make: a 404 page and a search index per language.

static-i18n builds ``en`` into the same ``site/`` after ``zh``: the English build
overwrites ``404.html`` and the search index is written once with both languages mixed.
Readers of each language should get their own 404 page (``/404.html``, ``/en/404.html``)
and search only their own language (``/search/…``, ``/en/search/…``).
"""

from __future__ import annotations

import json
import re
import urllib.parse
from pathlib import Path

from zhiqing.errors import PolicyError
from zhiqing.languages import DEFAULT_LANGUAGE, LANGUAGES, language_of_url, url_prefix

# How each index is cut into words in the browser. Chinese: Material's own separator, on the
# zero-width spaces jieba segmentation inserts at build time and on CJK punctuation. English:
# whitespace, hyphens and punctuation (the separator Material's documentation recommends, plus
# curly quotes and ; ? for this text): the index's pipeline has no trimmer, so with whitespace
# alone "information," would be a word of its own and a search for "information" would miss it.
SEPARATORS = {"zh": r"[\s\u200b\u3000\-、。，．？！；]+",
              "en": r"[\s\-,:;!?=\[\]()\"“”‘’/]+|\.(?!\d)|&[lg]t;"}
# lunr's pipeline of each index. Material searches as you type with a trailing wildcard
# ("location*"), and lunr does not stem a wildcard term, while the stemmer would have indexed
# "location" as "locat": so English words are indexed as written (no stemmer), and "location",
# "personal" or "right" find every page that has them. Chinese keeps Material's pipeline.
PIPELINES = {"zh": None, "en": []}


# Material features this site refuses, with why (one line each; the build stops on them).
REFUSED_FEATURES = {
    "navigation.instant": (
        "instant loading swaps only the page body and keeps the first page's head, so the language "
        "switcher (static-i18n warns it cannot follow), each language's own search index and the lean "
        "/full/ page would break; remove it"),
}


def refuse_features(features) -> None:
    """Raise PolicyError when ``theme.features`` of ``mkdocs.yml`` holds a feature of :data:`REFUSED_FEATURES`.

    ``features`` is the config's list of Material feature names (or None). The message names
    the file, the key, the feature and why, in one line, before static-i18n's own warning.
    """
    for feature in features or ():
        if feature in REFUSED_FEATURES:
            raise PolicyError(f"Error reading 'mkdocs.yml': theme.features has {feature!r}, which this site "
                              f"does not support: {REFUSED_FEATURES[feature]}")


def not_found_page(html: str, language: str, site_url: str) -> str:
    """The 404 page of ``language`` as it is kept: another language's searches its own index.

    A 404 page is served at any depth, so its search base is absolute (the path of
    ``site_url``, or ``/``), like the Chinese one's. Like every page it loses the
    ``<link rel="alternate">`` links (:func:`without_alternate_links`): static-i18n leaves
    those of the last page built in it, and Material would fetch ``sitemap.xml`` under each.
    """
    html = without_alternate_links(html)
    if language == DEFAULT_LANGUAGE:
        return html
    root = urllib.parse.urlsplit(site_url or "").path.rstrip("/")
    return search_base(html, language, root or "/")


def page_output(html: str, language: str) -> str:
    """A built page as written: no per-page language alternates; other languages search their own index."""
    html = without_alternate_links(html)
    if language == DEFAULT_LANGUAGE:
        return html
    return search_base(html, language)


def write(site_dir: Path, not_found_pages: dict[str, str]) -> None:
    """Write each language's 404 page and split the combined search index by language."""
    for language, html in not_found_pages.items():
        target = site_dir / url_prefix(language) / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    index = site_dir / "search" / "search_index.json"
    if index.exists():
        for language, data in split_search_index(json.loads(index.read_text(encoding="utf-8"))).items():
            target = site_dir / url_prefix(language) / "search" / "search_index.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def without_alternate_links(html: str) -> str:
    """Remove ``<link rel="alternate" hreflang=…>`` from a page.

    Material reads these links as language roots and fetches ``<link>/sitemap.xml`` from
    each; static-i18n makes them point at the page itself, so every page load made two
    requests that fail (404). The language selector in the header keeps the page without
    them.
    """
    return _ALTERNATE.sub("", html)


def split_search_index(data: dict) -> dict[str, dict]:
    """Split Material's combined index ``{"config": ..., "docs": [...]}`` by language.

    An entry whose ``location`` starts with ``en/`` belongs to English and loses that
    prefix (its index lives under ``en/``); every other entry is Chinese. Each part gets
    the separator and pipeline that suit its language (:data:`SEPARATORS`, :data:`PIPELINES`).
    Returns ``{"zh": index, "en": index}``.
    """
    parts = {}
    for language in LANGUAGES:
        config = dict(data["config"], lang=["en"], separator=SEPARATORS[language])
        if PIPELINES[language] is not None:
            config["pipeline"] = PIPELINES[language]
        parts[language] = {"config": config, "docs": []}
    for entry in data["docs"]:
        language = language_of_url(entry["location"])
        if language != DEFAULT_LANGUAGE:
            entry = dict(entry, location=entry["location"][len(language) + 1:])
        parts[language]["docs"].append(entry)
    return parts


_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def search_base(html: str, language: str, base: str | None = None) -> str:
    """Rewrite Material's ``__config`` so that search loads ``<base>/<language>/search/``.

    Material resolves ``base`` against the page's URL, then fetches
    ``new URL("search/search_index.json", base)`` and opens results with
    ``new URL(location, base)``: URL resolution (WHATWG URL; RFC 3986 §5.2) drops the last
    path segment of a base without a trailing slash, so the base ends with ``/``
    (``../en/``, ``/en/``), else English pages would search the Chinese index at the root.
    static-i18n gives English pages the site root as base. Returns ``html`` unchanged when
    it has no such config.
    """
    def replace(match: re.Match) -> str:
        config = json.loads(match.group(2))
        root = (base if base is not None else config.get("base", ".")).rstrip("/")
        config["base"] = f"{root}/{language}/"
        return match.group(1) + json.dumps(config, ensure_ascii=False) + match.group(3)

    return _CONFIG.sub(replace, html, count=1)
