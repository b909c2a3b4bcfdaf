"""The check's findings on the pages of ``mkdocs serve`` (never in a built site).

A page's findings go in a box under its title, rendered by the macro
``overrides/policy/check.html``; findings about ``data/`` go on the list they concern
(``/inventory/``, ``/sharing/``) or the introduction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from zhiqing.check.engine import Finding
from zhiqing.languages import default_source
from zhiqing.render.compose import html_block, insert_after_title

if TYPE_CHECKING:  # pragma: no cover
    from zhiqing.build import BuildState


def findings_for(findings: list[Finding], src_uri: str) -> list[Finding]:
    """The findings shown on the page ``src_uri`` (``collection.md`` or ``collection.en.md``)."""
    page = default_source(src_uri)
    return [finding for finding in findings if finding.page == page]


def with_findings(markdown: str, html: str) -> str:
    """Insert the ``html`` block after the page's first ``#`` heading (at the top without one).

    Blank lines inside the block are dropped: Python-Markdown ends a raw HTML block there.
    """
    return insert_after_title(markdown, html_block(html))


def with_page_findings(state: BuildState, markdown: str, src_uri: str, language: str) -> str:
    """``markdown`` of page ``src_uri`` with its findings in a box under the title (unchanged without any)."""
    items = [finding.in_language(language) for finding in findings_for(state.findings, src_uri)]
    if not items:
        return markdown
    return with_findings(markdown, str(state.templates.macros("policy/check.html").findings(items, language)))
