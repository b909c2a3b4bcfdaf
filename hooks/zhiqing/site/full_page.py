"""The data the lean whole-policy page (``overrides/policy-full.html``) shows.

``/full/?since=<id>`` lists the releases after ``<id>``: the template writes them into the
page as JSON (id, effective date, summary in the page's language) and a fixed inline script
shows those after ``<id>``.
"""

from __future__ import annotations

from zhiqing.data.dates import format_date
from zhiqing.data.model import Version

TEMPLATE = "policy-full.html"  # the lean page's template, chosen in the front matter of docs/full.md


def releases(versions: list[Version], language: str) -> list[dict]:
    """The releases, oldest first, as the lean page shows them in ``language``.

    Returns ``[{"id": "2023-11-01", "effective": "2023-11-01", "date": "2023年11月1日",
    "summary": "首次发布。"}, ...]``; the template adds each release's redline URL.
    """
    return [{"id": version.id,
             "effective": version.effective.isoformat(),
             "date": format_date(version.effective, language),
             "summary": version.summary.get(language, "")}
            for version in versions]
