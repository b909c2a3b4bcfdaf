"""No page may contact another host: finding what a built page would load from elsewhere.

Readers in mainland China cannot reach most foreign hosts, and every such request tells a
third party who reads the policy. Plain links (``<a href>``) are not
loads: a reader chooses to follow them.
"""

from __future__ import annotations

import re

# An element that makes the browser fetch its src (or a stylesheet's href) when the page loads.
_EXTERNAL_LOAD = re.compile(
    r'<(?:img|script|iframe|source|video|audio|embed|object|link)\b[^>]*?\b(?:src|href|data)=["\']'
    r'((?:https?:)?//[^"\']+)', re.I)


# Other ways HTML loads a URL: responsive images, a video's poster, CSS url() in a style.
_EXTERNAL_LOAD_MORE = re.compile(
    r'\b(?:srcset|poster|imagesrcset)=["\'][^"\']*?((?:https?:)?//[^\s"\',]+)'
    r'|url\(\s*["\']?((?:https?:)?//[^"\')\s]+)', re.I)


def external_loads(html: str) -> list[str]:
    """URLs on another host that ``html`` would load (images, scripts, frames, stylesheets,
    srcset, poster, CSS ``url()``), in order; loopback addresses are not another host."""
    found = _EXTERNAL_LOAD.findall(html) + [a or b for a, b in _EXTERNAL_LOAD_MORE.findall(html)]
    return [url for url in found
            if not re.match(r"(?:https?:)?//(?:127\.0\.0\.1|localhost)(?:[:/]|$)", url)]


def messages(html: str, relative: str) -> list[str]:
    """One warning per external load of the page from file ``relative`` (``docs/rights.md``)."""
    return [f"Error reading '{relative}': the page loads {url} from another host; "
            f"expected every image, script and stylesheet to be in docs/ (no page may contact another host)"
            for url in external_loads(html)]
