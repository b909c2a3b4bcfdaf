"""MkDocs hook: the data the lean whole-policy page (``overrides/policy-full.html``) shows.

``/full/?since=<id>`` lists the releases after ``<id>``: the template writes them into the
page as JSON (id, effective date, summary in the page's language) and a fixed inline script
shows those after ``<id>``. static-i18n calls these events once per language.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from zhiqing import build as build_context
from zhiqing.data import model as core
from zhiqing.data import dates

# Per-build state; `mkdocs serve` keeps this module loaded, so on_config resets it.
_versions: list[core.Version] = []


def on_config(config, **kwargs):
    try:
        _versions[:] = build_context.loaded(config).policy.versions
    except core.PolicyError as error:
        raise PluginError(str(error)) from None
    return config


def on_page_context(context, *, page, config, **kwargs):
    context["policy_releases"] = releases(_versions, build_context.language(config))
    return context


def releases(versions: list[core.Version], language: str) -> list[dict]:
    """The releases, oldest first, as the lean page shows them in ``language``.

    Returns ``[{"id": "2023-11-01", "effective": "2023-11-01", "date": "2023年11月1日",
    "summary": "首次发布。"}, ...]``; the template adds each release's redline URL.
    """
    return [{"id": version.id,
             "effective": version.effective.isoformat(),
             "date": dates.format_date(version.effective, language),
             "summary": version.summary.get(language, "")}
            for version in versions]
