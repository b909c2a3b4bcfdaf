"""No page may contact another host: finding what a page would load from elsewhere.

Readers in mainland China cannot reach most foreign hosts, and every such request tells a
third party who reads the policy. Plain links (``<a href>``) are not loads: a reader chooses
to follow them. A URL is read as a browser reads it (entities decoded, unquoted attributes,
``\\`` as ``/``, spaces and control characters dropped), so ``src=//evil.example/t.gif``,
``src="&#47;&#47;evil.example/t.gif"`` and ``src="/\\evil.example/t.gif"`` all count.
The build warns on the HTML of every page (:func:`messages`); the Markdown of every page is
refused before it is built or released (:func:`zhiqing.pages.markup.source_problem`).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Attributes whose URL the browser fetches when the page loads (or, for ping, when a link is followed).
LOAD_ATTRIBUTES = ("src", "srcset", "imagesrcset", "poster", "data", "background", "ping", "xlink:href")
# Elements whose href is fetched, not followed.
HREF_LOADS = ("link", "image", "use")
_CSS_URL = re.compile(r"url\(\s*[\"']?([^\"')]+)", re.I)
_LOOPBACK = re.compile(r"//(?:127\.0\.0\.1|localhost)(?:[:/]|$)")
# ![alt](url) and ![alt][ref] in Markdown, and a reference [ref]: url.
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)|!\[([^\]]*)\]\[([^\]]*)\]")
_REFERENCE = re.compile(r"^[ \t]{0,3}\[([^\]\n]+)\]:[ \t]*\n?[ \t]*<?(\S+?)>?(?:\s|$)", re.M)


def on_another_host(url: str) -> bool:
    """True when a browser would fetch ``url`` from another host than the page's.

    ``//host/x`` and any ``scheme:`` URL (``https:``, ``ftp:``) are; a path (``img/a.png``,
    ``/a.png``), a fragment and loopback addresses are not. ``data:`` is refused elsewhere.
    """
    url = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url)).replace("\\", "/")
    if url.startswith("//"):
        return not _LOOPBACK.match(url)
    scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", url)
    if scheme is None or scheme.group(1).lower() == "data":
        return False
    return not _LOOPBACK.match(url[len(scheme.group(0)):])


def _urls(name: str, value: str) -> list[str]:
    if name in ("srcset", "imagesrcset"):
        return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]
    if name == "ping":
        return value.split()
    return [value]


class _Loads(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            urls = []
            if name in LOAD_ATTRIBUTES or (name == "href" and tag in HREF_LOADS):
                urls = _urls(name, value)
            elif name == "style":
                urls = _CSS_URL.findall(value)
            self.found.extend((line, url) for url in urls if on_another_host(url))

    handle_startendtag = handle_starttag


def html_loads(text: str) -> list[tuple[int, str]]:
    """``(line, url)`` of every URL on another host that the HTML in ``text`` would load."""
    parser = _Loads()
    parser.feed(text)
    parser.close()
    return parser.found


def markdown_loads(text: str) -> list[tuple[int, str]]:
    """``(line, url)`` of every image on another host in Markdown ``text`` (inline or by reference)
    and in its raw HTML, in order of the text."""
    references = {label.lower(): url for label, url in _REFERENCE.findall(text)}
    found = html_loads(text)
    for match in _MARKDOWN_IMAGE.finditer(text):
        url = match.group(1) or references.get((match.group(3) or match.group(2) or "").lower(), "")
        if url and on_another_host(url):
            found.append((text.count("\n", 0, match.start()) + 1, url))
    return sorted(found)


def external_loads(html_text: str) -> list[str]:
    """URLs on another host that a built page's ``html_text`` would load, in order."""
    return [url for _, url in html_loads(html_text)]


def messages(html_text: str, relative: str) -> list[str]:
    """One warning per external load of the page from file ``relative`` (``docs/rights.md``)."""
    return [f"Error reading '{relative}': the page loads {url} from another host; "
            f"expected every image, script and stylesheet to be in docs/ (no page may contact another host)"
            for url in external_loads(html_text)]
