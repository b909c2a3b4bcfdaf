"""MkDocs hook: the per-language outputs static-i18n does not make.

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

from mkdocs.plugins import event_priority

from zhiqing import build as build_context
from zhiqing.data import model as core

# Material's own defaults: its Chinese separator splits on the zero-width spaces that jieba
# segmentation inserts at build time and on CJK punctuation.
SEPARATORS = {"zh": r"[\s\u200b\u3000\-、。，．？！；]+", "en": r"[\s\-]+"}

_not_found_pages: dict[str, str] = {}


def on_config(config, **kwargs):
    if not build_context.nested_i18n_build(config):
        _not_found_pages.clear()


def on_post_template(output_content, *, template_name, config, **kwargs):
    """Keep each language's 404 page; the English build would overwrite the Chinese one."""
    if template_name == "404.html":
        language = build_context.language(config)
        if language != core.DEFAULT_LANGUAGE:
            # A 404 page is served at any depth: its base must be absolute, like the Chinese one.
            root = urllib.parse.urlsplit(config.site_url or "").path.rstrip("/")
            output_content = search_base(output_content, language, root or "/")
        _not_found_pages[language] = output_content
    return output_content


def on_post_page(output, *, page, config, **kwargs):
    """Drop the head's per-page language alternates; point English search at ``en/search/``."""
    output = without_alternate_links(output)
    language = build_context.language(config)
    if language == core.DEFAULT_LANGUAGE:
        return output
    return search_base(output, language)


_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def without_alternate_links(html: str) -> str:
    """Remove ``<link rel="alternate" hreflang=…>`` from a page.

    Material reads these links as language roots and fetches ``<link>/sitemap.xml`` from
    each; static-i18n makes them point at the page itself, so every page load made two
    requests that fail (404). The language selector in the header keeps the page without
    them.
    """
    return _ALTERNATE.sub("", html)


@event_priority(-200)  # after static-i18n (-100) has built every language
def on_post_build(*, config, **kwargs):
    if build_context.nested_i18n_build(config):
        return
    site = Path(config.site_dir)
    for language, html in _not_found_pages.items():
        target = site / "404.html" if language == core.DEFAULT_LANGUAGE else site / language / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    index = site / "search" / "search_index.json"
    if index.exists():
        for language, data in split_search_index(json.loads(index.read_text(encoding="utf-8"))).items():
            target = site / "search" / "search_index.json" if language == core.DEFAULT_LANGUAGE \
                else site / language / "search" / "search_index.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def split_search_index(data: dict) -> dict[str, dict]:
    """Split Material's combined index ``{"config": ..., "docs": [...]}`` by language.

    An entry whose ``location`` starts with ``en/`` belongs to English and loses that
    prefix (its index lives under ``en/``); every other entry is Chinese. Each part gets
    the separator that suits its language. Returns ``{"zh": index, "en": index}``.
    """
    parts = {language: {"config": dict(data["config"], lang=["en"], separator=SEPARATORS[language]),
                        "docs": []} for language in core.LANGUAGES}
    for entry in data["docs"]:
        language = next((code for code in core.LANGUAGES[1:] if entry["location"].startswith(f"{code}/")),
                        core.DEFAULT_LANGUAGE)
        if language != core.DEFAULT_LANGUAGE:
            entry = dict(entry, location=entry["location"][len(language) + 1:])
        parts[language]["docs"].append(entry)
    return parts


_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def search_base(html: str, language: str, base: str | None = None) -> str:
    """Rewrite Material's ``__config`` so that search loads ``<base>/<language>/search/``.

    Material fetches ``{base}/search/search_index.json``; static-i18n gives English pages
    the site root as base. Returns ``html`` unchanged when it has no such config.
    """
    def replace(match: re.Match) -> str:
        config = json.loads(match.group(2))
        root = (base if base is not None else config.get("base", ".")).rstrip("/")
        config["base"] = f"{root}/{language}"
        return match.group(1) + json.dumps(config, ensure_ascii=False) + match.group(3)

    return _CONFIG.sub(replace, html, count=1)

