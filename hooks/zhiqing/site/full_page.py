"""The data the lean whole-policy page (``overrides/policy-full.html``) shows.

``/full/?since=<id>`` lists the releases after ``<id>``: the template writes them into the
page as JSON (id, effective date, summary in the page's language) and a fixed inline script
shows those after ``<id>``.
"""

from __future__ import annotations

import datetime
import re

from zhiqing.data.dates import format_date
from zhiqing.data.model import Version

TEMPLATE = "policy-full.html"  # the lean page's template, chosen in the front matter of docs/full.md


def releases(versions: list[Version], language: str, today: datetime.date | None = None) -> list[dict]:
    """The releases, oldest first, as the lean page shows them in ``language``.

    Returns ``[{"id": "2023-11-01", "effective": "2023-11-01", "date": "2023年11月1日",
    "summary": "首次发布。", "upcoming": False}, ...]``: ``upcoming`` when the version takes
    effect after ``today`` (the build date; default: none is upcoming). The template adds each
    release's redline URL and, for every release but the newest, the URL of its cumulative
    redline to the newest (``archive/<id>/since/``), which the box links for the version in ``?since=``.
    """
    return [{"id": version.id,
             "effective": version.effective.isoformat(),
             "date": format_date(version.effective, language),
             "summary": version.summary.get(language, ""),
             "upcoming": today is not None and version.effective > today}
            for version in versions]


# Line breaks after a block's end tag (or a table part's start tag) that touch only another tag:
# the browser ignores them there, so the lean page drops them.
_BLOCK_BREAK = re.compile(r"(</(?:p|li|tr|td|th|thead|tbody|table|ul|ol|div|dl|dt|dd|h[1-6])>"
                          r"|<(?:tr|thead|tbody|dl)\b[^>]*>)\n+(?=<)")


def compact(html: str) -> str:
    """The policy's HTML as the lean page carries it: the same document in fewer bytes.

    ``/full/`` must stay within 1.5 times the gzip bytes of a bare page of its text
    (``bench/page.py``); the rendered text is frozen into snapshots, so the lean page trims
    its copy instead of the renderer's output: line breaks between block tags, ``scope="col"``
    on a table's header cells (a ``th`` in ``thead`` is a column header without it, HTML's
    table model), and each 未说明 / "Not stated" as a plain ``<i>`` (italic, as the list's
    CSS shows it). Rendered the same; nothing else changes.
    """
    html = _BLOCK_BREAK.sub(r"\1", html)
    html = html.replace('<th scope="col">', "<th>")
    return re.sub(r'<span class="policy-unstated">([^<]*)</span>', r"<i>\1</i>", html)
