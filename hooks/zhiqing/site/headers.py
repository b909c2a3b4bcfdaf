"""``site/_headers``: the security headers for static hosts (Netlify, Cloudflare Pages).

The Content-Security-Policy allows scripts and styles from the site itself and, inline,
only the exact scripts and style blocks the built pages contain, by SHA-256: Material's
small inline scripts (one per page depth, since they embed the relative base URL) and the
lean ``/full/`` page's "changed since" script and its ``<style>``. The hashes are taken from
the built HTML after every language is built, so the file always matches the pages it
ships with. GUIDE.md ("Headers") gives the nginx equivalent.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

# <script> or <style> elements and their text. A script is executable unless its type says
# it is data (Material's __config and the lean page's release list are application/json).
_ELEMENT = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}

OTHER_HEADERS = (
    ("Referrer-Policy", "no-referrer"),  # a policy page tells nobody who read it
    ("X-Content-Type-Options", "nosniff"),
)


def csp_hash(text: str) -> str:
    """The CSP source expression of an inline element's text: ``'sha256-<base64>'``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_hashes(html: str) -> dict[str, set[str]]:
    """The CSP hashes of the inline executable scripts and style blocks of one HTML page.

    Returns ``{"script": {"'sha256-…'", …}, "style": {…}}``. Scripts with ``src`` and
    data blocks (a ``type`` that is not JavaScript, e.g. ``application/json``) are skipped:
    the browser does not execute them, so CSP does not check them.
    """
    found: dict[str, set[str]] = {"script": set(), "style": set()}
    for match in _ELEMENT.finditer(html):
        name, attributes, text = match.group(1).lower(), match.group(2), match.group(3)
        if name == "script":
            if _SRC.search(attributes):
                continue
            kind = _TYPE.search(attributes)
            if kind and kind.group(1).lower() not in SCRIPT_TYPES:
                continue
        found[name].add(csp_hash(text))
    return found


def content_security_policy(script_hashes: set[str], style_hashes: set[str]) -> str:
    """The Content-Security-Policy value: everything from the site itself, nothing from
    another host (no page makes a request to another host), inline code by hash only.
    """
    return "; ".join([
        "default-src 'self'",
        " ".join(["script-src 'self'", *sorted(script_hashes)]),
        " ".join(["style-src 'self'", *sorted(style_hashes)]),
        "img-src 'self' data:",  # Material's icons and the lean page's empty favicon are data: URIs
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ])


def site_headers(site: Path) -> tuple[str, list[tuple[str, str]]]:
    """Hash every inline script and style of the HTML under ``site``; return the headers.

    Returns ``("/*", [(name, value), ...])``: the path pattern and the headers for it.
    """
    scripts: set[str] = set()
    styles: set[str] = set()
    for path in sorted(site.rglob("*.html")):
        found = inline_hashes(path.read_text(encoding="utf-8"))
        scripts |= found["script"]
        styles |= found["style"]
    return "/*", [("Content-Security-Policy", content_security_policy(scripts, styles)), *OTHER_HEADERS]


def headers_file(pattern: str, headers: list[tuple[str, str]]) -> str:
    """The ``_headers`` file of Netlify and Cloudflare Pages: a path, then indented headers."""
    lines = ["# Security headers for Netlify and Cloudflare Pages, written at build time by hooks/zhiqing/site/headers.py.",
             pattern]
    lines += [f"  {name}: {value}" for name, value in headers]
    return "\n".join(lines) + "\n"
