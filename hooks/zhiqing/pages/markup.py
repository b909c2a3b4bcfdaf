"""Markup a page of the policy may not carry: what would change what the page does.

Legal text has no use for scripts, event handlers, inline styles, frames, forms or
``javascript:`` links; and the site's Content-Security-Policy hashes every inline script of a
built page (:mod:`zhiqing.site.headers`), so a ``<script>`` in a page would be blessed, not
blocked. The build therefore refuses them in every Markdown file under ``docs/`` (naming the
file and line, :func:`source_problem`) and, as a second net, in every page's HTML after
Markdown (:func:`content_problem`), which also catches what Markdown itself would make of an
encoded link.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Elements that run code, load other documents, submit data or restyle the page.
ELEMENTS = ("script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base",
            "meta", "link", "svg", "math", "template", "noscript")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster", "background", "cite", "xlink:href")
# Schemes that run code or smuggle a document in a URL.
SCHEMES = ("javascript:", "vbscript:", "data:")
# [text](url "title"), ![alt](url) and [ref]: url in Markdown.
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+)", re.M)


def bad_scheme(url: str) -> str | None:
    """The scheme of a URL that runs code (``javascript:``), however it is spelt
    (``JaVaScRiPt:``, ``java&#115;cript:``, ``java\\tscript:``, as browsers read them), or None."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url)).lower()
    return next((scheme for scheme in SCHEMES if cleaned.startswith(scheme)), None)


class _Refusals(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if tag in ELEMENTS:
            self.found.append((line, f"a <{tag}> element"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, f"the event handler attribute {name}= on <{tag}>"))
            elif name in ("style", "srcdoc"):
                self.found.append((line, f"the attribute {name}= on <{tag}>"))
            elif name in URL_ATTRIBUTES and value and bad_scheme(value):
                self.found.append((line, f"a {bad_scheme(value)} URL in {name}= on <{tag}>"))

    handle_startendtag = handle_starttag


# What browsers read otherwise than Python's parser: "<!-->" and "<!--->" end a comment at once
# (what follows is markup), and CDATA sections do not exist in HTML.
_ODD_MARKUP = re.compile(r"<!---?>|<!\[CDATA\[", re.I)


def _html_refusals(text: str) -> list[tuple[int, str]]:
    parser = _Refusals()
    parser.feed(text)
    parser.close()
    found = parser.found
    for match in _ODD_MARKUP.finditer(text):
        found.append((text.count("\n", 0, match.start()) + 1, f"the markup {match.group(0)!r}, which browsers read "
                                                               f"otherwise than it looks"))
    return found


def source_problem(text: str) -> tuple[int, str] | None:
    """The first refused markup of a Markdown file as ``(line, what)`` (lines from 1), or None.

    Raw HTML elements of :data:`ELEMENTS`, ``on…=``, ``style=`` and ``srcdoc=`` attributes, and
    links (HTML or Markdown) whose URL scheme is one of :data:`SCHEMES`.
    """
    found = _html_refusals(text)
    for match in _MARKDOWN_LINK.finditer(text):
        scheme = bad_scheme(match.group(1) or match.group(2) or "")
        if scheme:
            found.append((text.count("\n", 0, match.start()) + 1, f"a link to {scheme} URL"))
    return min(found) if found else None


def content_problem(content: str) -> str | None:
    """What refused markup a page's HTML (after Markdown) holds, or None."""
    found = _html_refusals(content)
    return min(found)[1] if found else None


EXPECTED = ("expected text, links to web pages and the Markdown of the policy (a page of the policy may "
            "not carry scripts, event handlers, styles, frames or forms)")
