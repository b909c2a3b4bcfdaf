"""Security headers for static hosts: site/_headers and its Content-Security-Policy."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from zhiqing.site import headers


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.mark.parametrize("html, scripts, styles", [
    ("<script>a()</script>", {sha("a()")}, set()),
    ('<script type="text/javascript">a()</script>', {sha("a()")}, set()),
    ('<script type="module">a()</script>', {sha("a()")}, set()),
    ('<script id="__config" type="application/json">{"a": 1}</script>', set(), set()),
    ('<script src="x.js"></script>', set(), set()),
    ("<script>\n  a();\n</script><script>a()</script>", {sha("\n  a();\n"), sha("a()")}, set()),
    ("<style>p{color:red}</style>", set(), {sha("p{color:red}")}),
    ("<p>no code</p>", set(), set()),
])
def test_inline_hashes(html, scripts, styles):
    assert headers.inline_hashes(html) == {"script": scripts, "style": styles}


def test_content_security_policy():
    assert headers.content_security_policy({"'sha256-b'", "'sha256-a'"}, set()) == (
        "default-src 'self'; script-src 'self' 'sha256-a' 'sha256-b'; style-src 'self'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
        "base-uri 'none'; form-action 'self'")


def test_headers_file():
    text = headers.headers_file("/*", [("Referrer-Policy", "no-referrer")])
    assert text.splitlines()[1:] == ["/*", "  Referrer-Policy: no-referrer"]


def shipped_headers(site: Path) -> dict[str, str]:
    lines = (site / "_headers").read_text(encoding="utf-8").splitlines()
    assert lines[1] == "/*"
    return dict(line.strip().split(": ", 1) for line in lines[2:])


def csp_directives(site: Path) -> dict[str, list[str]]:
    policy = shipped_headers(site)["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_headers_file_is_shipped(built_site):
    found = shipped_headers(built_site)
    assert found["Referrer-Policy"] == "no-referrer"
    directives = csp_directives(built_site)
    assert directives["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["script-src"] + directives["style-src"]


def test_every_inline_script_and_style_has_its_hash_in_the_csp(built_site):
    """Parsed with BeautifulSoup, not the hook's own pattern: the two must agree."""
    directives = csp_directives(built_site)
    checked = 0
    for path in built_site.rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in page.find_all("script"):
            if script.get("src") or script.get("type", "text/javascript") not in ("text/javascript", "module"):
                continue
            assert sha(script.string or "") in directives["script-src"], f"{path}: {script}"[:300]
            checked += 1
        for style in page.find_all("style"):
            assert sha(style.string or "") in directives["style-src"], f"{path}: {style}"[:300]
        assert not page.select("[style]"), f"{path}: a style attribute needs 'unsafe-inline'"
    assert checked > 20  # Material's pages and the lean /full/ pages were seen


@pytest.mark.parametrize("page", ["full/index.html", "en/full/index.html"])
def test_lean_page_script_is_allowed(built_site, page):
    html = BeautifulSoup((built_site / page).read_text(encoding="utf-8"), "html.parser")
    scripts = [s for s in html.find_all("script") if not s.get("type")]
    assert len(scripts) == 1
    assert sha(scripts[0].string) in csp_directives(built_site)["script-src"]
