"""The site under a subpath of another host: `site_url: https://example.cn/privacy/`.

Every link and resource of every page in both languages (href and src, the language switch,
the 404 pages), the URLs of /policy.json, the feeds and the sitemap resolve to a file of the
built site. Links to other hosts are only collected: no page may load anything from them
(tests/test_site.py checks that), and a link checker must not fetch them.
"""

from __future__ import annotations

import datetime
import json
import zoneinfo
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from conftest import SUBPATH_SITE_URL, copy_site, mkdocs_build, pages_per_language, shipped_releases

SITE_URL = SUBPATH_SITE_URL
SESSION_START = datetime.datetime.now(datetime.timezone.utc)
BASE_PATH = urlsplit(SITE_URL).path  # /privacy/
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")


def page_path(site: Path, html: Path) -> str:
    """The URL path a page is served at: ``/privacy/en/collection/``.

    A 404 page is served for any missing URL, at any depth: its links are resolved from a
    missing page three folders down in its language (``/privacy/en/no/such/page/``).
    """
    relative = html.relative_to(site).as_posix()
    if relative.endswith("404.html"):
        return BASE_PATH + relative[: -len("404.html")] + "no/such/page/"
    return BASE_PATH + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def resolve(site: Path, base: str, link: str) -> tuple[Path | None, str]:
    """The file of ``site`` that ``link`` (seen from URL path ``base``) points to.

    The link is resolved as a browser does (``urljoin``, RFC 3986 §5.2) against the page's
    address on the published host. Returns ``(file, fragment)``; ``file`` is None for a link
    to another host. Raises AssertionError naming the link when it leaves the site's base path.
    """
    host = urlsplit(SITE_URL)
    absolute = urlsplit(urljoin(f"{host.scheme}://{host.netloc}{base}", link))
    if absolute.netloc != host.netloc:
        return None, ""
    normal = unquote(absolute.path)
    assert normal.startswith(BASE_PATH) or normal + "/" == BASE_PATH, \
        f"{link!r} from {base} leaves {BASE_PATH}: resolves to {normal}"
    relative = normal[len(BASE_PATH):] if normal.startswith(BASE_PATH) else ""
    target = site / relative
    if relative == "" or normal.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, absolute.fragment


def links_of(html: BeautifulSoup):
    for tag in html.find_all(True):
        for attribute in ("href", "src"):
            value = tag.get(attribute)
            if value and not value.startswith(SKIPPED_SCHEMES):
                yield tag.name, value


def broken_links(site: Path, pages: list[Path]) -> tuple[list[str], set[str], int]:
    """Resolve every link and resource of ``pages`` (of ``site`` served under /privacy/).

    Returns the broken ones (with page and reason), the links to other hosts, and how many
    links were checked.
    """
    broken, external, checked, ids_cache = [], set(), 0, {}
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        base = page_path(site, page)
        for tag, link in links_of(soup):
            try:
                target, fragment = resolve(site, base, link)
            except AssertionError as error:
                broken.append(f"{page.relative_to(site)}: {error}")
                continue
            if target is None:
                external.add(link)
                continue
            checked += 1
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: <{tag}> {link!r} → missing {target.relative_to(site)}")
                continue
            if fragment and target.suffix == ".html" and tag == "a":
                if target not in ids_cache:
                    document = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
                    ids_cache[target] = ({el.get("id") for el in document.find_all(id=True)}
                                         | {el.get("name") for el in document.find_all(attrs={"name": True})})
                if unquote(fragment) not in ids_cache[target]:
                    broken.append(f"{page.relative_to(site)}: {link!r} → no id {fragment!r} in "
                                  f"{target.relative_to(site)}")
    return broken, external, checked


def test_every_link_of_every_page_resolves(subpath_site):
    pages = sorted(subpath_site.rglob("*.html"))
    assert len(pages) == 2 * (pages_per_language() + 1)  # the pages and a 404 page per language
    broken, external, checked = broken_links(subpath_site, pages)
    assert broken == []
    assert checked > 900
    assert all(urlsplit(link).netloc != "example.cn" for link in external)


def test_without_site_url_every_link_but_the_404_pages_works_under_a_subpath(built_site):
    """The shipped ``site_url: ""``, uploaded under /privacy/: every link is relative.

    The 404 pages are served at any depth, so their links are absolute from ``/`` without
    ``site_url`` (the build says so); they are the one exception.
    """
    pages = sorted(page for page in built_site.rglob("*.html") if page.name != "404.html")
    assert len(pages) == 2 * pages_per_language()
    broken, external, checked = broken_links(built_site, pages)
    assert broken == []
    assert checked > 850


@pytest.mark.parametrize("page, expected", [
    ("index.html", {"zh": "./", "en": "en/"}),
    ("collection/index.html", {"zh": "./", "en": "../en/collection/"}),
    ("en/collection/index.html", {"zh": "../../collection/", "en": "./"}),
    ("en/index.html", {"zh": "../", "en": "./"}),
    ("archive/2023-11-01/index.html", {"zh": "./", "en": "../../en/archive/2023-11-01/"}),
])
def test_language_switch_stays_under_the_subpath(subpath_site, page, expected):
    soup = BeautifulSoup((subpath_site / page).read_text(encoding="utf-8"), "html.parser")
    links = {a["hreflang"]: a["href"] for a in soup.select(".md-select a[hreflang]")}
    base = page_path(subpath_site, subpath_site / page)
    for language, href in links.items():
        target, _ = resolve(subpath_site, base, href)
        assert target is not None and target.is_file(), (language, href)
    assert links == expected


def test_policy_json_and_feeds_use_the_site_url(subpath_site):
    manifest = json.loads((subpath_site / "policy.json").read_text(encoding="utf-8"))
    urls = [url for version in manifest["versions"] for url in version["url"].values()]
    assert urls == [url for day in shipped_releases() for url in (f"{SITE_URL}archive/{day}/", f"{SITE_URL}en/archive/{day}/")]
    for url in urls:
        target, _ = resolve(subpath_site, BASE_PATH, url)
        assert target.is_file(), url
    atom = "{http://www.w3.org/2005/Atom}"
    for feed, prefix in (("feed.xml", SITE_URL), ("en/feed.xml", f"{SITE_URL}en/")):
        root = ElementTree.parse(subpath_site / feed).getroot()
        links = [link.get("href") for link in root.iter(f"{atom}link")]
        assert links and all(link.startswith(prefix) for link in links), links
        for link in links:
            target, _ = resolve(subpath_site, BASE_PATH, link)
            assert target.is_file(), link


def test_sitemap_urls_are_absolute_and_pair_each_page_with_its_translation(subpath_site):
    """sitemaps.org: every ``<loc>`` an absolute URL; each page lists itself and its translation (hreflang)."""
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    xhtml = "{http://www.w3.org/1999/xhtml}"
    root = ElementTree.parse(subpath_site / "sitemap.xml").getroot()
    locations, pairs = [], {}
    for url in root.iter(f"{namespace}url"):
        location = url.findtext(f"{namespace}loc")
        locations.append(location)
        pairs[location] = {link.get("hreflang"): link.get("href") for link in url.iter(f"{xhtml}link")}
    # Every page in each language, the 404 pages aside.
    assert len(locations) == len(set(locations)) == 2 * pages_per_language()
    assert f"{SITE_URL}full/" in locations and f"{SITE_URL}en/full/" in locations
    assert f"{SITE_URL}archive/2023-11-01/since/" in locations and f"{SITE_URL}en/archive/2023-11-01/since/" in locations
    for location in locations:
        assert location.startswith(SITE_URL), location
        target, _ = resolve(subpath_site, BASE_PATH, location)
        assert target.is_file(), location
        path = location[len(SITE_URL):]
        zh = path[len("en/"):] if path.startswith("en/") else path
        assert pairs[location] == {"zh": SITE_URL + zh, "en": SITE_URL + "en/" + zh}, location
    assert "site_url is empty" not in (subpath_site.parent / "build.log").read_text(encoding="utf-8")
    # lastmod is the build date in Beijing (the subpath build ran during this session).
    beijing = zoneinfo.ZoneInfo("Asia/Shanghai")
    lastmod = {url.findtext(f"{namespace}lastmod") for url in root.iter(f"{namespace}url")}
    assert len(lastmod) == 1 and lastmod.pop() in {SESSION_START.astimezone(beijing).date().isoformat(),
                                                  datetime.datetime.now(beijing).date().isoformat()}


def test_without_site_url_no_sitemap_and_the_build_says_what_site_url_is_for(built_site):
    from zhiqing.site.outputs import SITE_URL_NEEDED

    assert not (built_site / "sitemap.xml").exists()
    assert not (built_site / "sitemap.xml.gz").exists()
    lines = (built_site.parent / "build.log").read_text(encoding="utf-8").splitlines()
    assert lines.count(f"INFO    -  {SITE_URL_NEEDED}") == 1
    assert SITE_URL_NEEDED.startswith("site_url is empty in mkdocs.yml: every page links relatively")


def test_search_index_of_every_page_resolves(subpath_site):
    """Material fetches ``<base>/search/search_index.json``; each language has its own index."""
    for page in sorted(subpath_site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        if soup.select_one("#__config") is None:
            continue  # the lean /full/ has no search (it is one self-contained page)
        config = json.loads(soup.select_one("#__config").string)
        # Material: base = new URL(config.base, location); new URL("search/search_index.json", base).
        base = urljoin("https://example.cn" + page_path(subpath_site, page), config["base"])
        target, _ = resolve(subpath_site, urlsplit(base).path, "search/search_index.json")
        assert target.is_file(), (page, config["base"])
        language = "en" if page.relative_to(subpath_site).parts[0] == "en" else "zh"
        assert target.parent.parent == (subpath_site / "en" if language == "en" else subpath_site), page


@pytest.mark.parametrize("base, link, expected", [
    ("/privacy/en/collection/", "../../collection/", "collection/index.html"),
    ("/privacy/en/collection/", "../rights/#rights", "en/rights/index.html"),
    ("/privacy/404.html", "/privacy/assets/policy.css", "assets/policy.css"),
    ("/privacy/", "https://example.cn/privacy/en/", "en/index.html"),
    ("/privacy/", "https://example.org/x", None),
    ("/privacy/full/", "#collection", "full/index.html"),
])
def test_the_checker_resolves(tmp_path, base, link, expected):
    (tmp_path / "en").mkdir()
    target, _ = resolve(tmp_path, base, link)
    assert (target.relative_to(tmp_path).as_posix() if target else None) == expected


@pytest.mark.parametrize("base, link", [("/privacy/", "/en/"), ("/privacy/full/", "../../x/")])
def test_the_checker_refuses_a_link_that_leaves_the_subpath(tmp_path, base, link):
    with pytest.raises(AssertionError, match="leaves /privacy/"):
        resolve(tmp_path, base, link)


@pytest.mark.build
def test_a_config_that_inherits_mkdocs_yml_sets_the_published_address(tmp_path):
    """What .github/workflows/publish.yml does: site_url from the Pages address, mkdocs.yml untouched."""
    work = copy_site(tmp_path / "work")
    (work / ".publish.yml").write_text(f'INHERIT: mkdocs.yml\nsite_url: "{SITE_URL}"\n', encoding="utf-8")
    result = mkdocs_build(work, "-f", ".publish.yml")
    assert result.returncode == 0, f"{result.reproduce}\n{result.stderr}"
    manifest = json.loads((work / "site/policy.json").read_text(encoding="utf-8"))
    assert manifest["versions"][0]["url"]["en"] == f"{SITE_URL}en/archive/2023-11-01/"
    assert 'href="/privacy/en/"' in (work / "site/404.html").read_text(encoding="utf-8")


def test_sitemap_dates_are_the_build_date_in_beijing_and_none_without_site_url(tmp_path):
    import gzip

    from zhiqing.site import sitemap

    text = ('<urlset><url><loc>https://example.cn/privacy/</loc><lastmod>2026-12-31</lastmod></url>'
            '<url><loc>https://example.cn/privacy/en/</loc><lastmod>2026-12-31</lastmod></url></urlset>')
    (tmp_path / "sitemap.xml").write_text(text, encoding="utf-8")
    (tmp_path / "sitemap.xml.gz").write_bytes(b"old")
    sitemap.finish(tmp_path, SITE_URL, datetime.date(2027, 1, 1))
    expected = text.replace("2026-12-31", "2027-01-01")
    assert (tmp_path / "sitemap.xml").read_text(encoding="utf-8") == expected
    assert gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes()).decode("utf-8") == expected
    sitemap.finish(tmp_path, "", datetime.date(2027, 1, 1))
    assert sorted(path.name for path in tmp_path.iterdir()) == []


def test_the_sitemap_adds_the_pages_static_i18n_leaves_out_in_every_language(tmp_path):
    """The cumulative redline pages are added after static-i18n sorted the files: the build adds them."""
    from zhiqing.site import sitemap

    text = ('<urlset>\n    <url>\n        <loc>https://example.cn/privacy/</loc>\n        <lastmod>2026-12-31</lastmod>\n'
            '    </url>\n</urlset>')
    (tmp_path / "sitemap.xml").write_text(text, encoding="utf-8")
    sitemap.finish(tmp_path, "https://example.cn/a&b/", datetime.date(2027, 1, 1), ["archive/2023-11-01/since/"])
    assert (tmp_path / "sitemap.xml").read_text(encoding="utf-8") == (
        '<urlset>\n    <url>\n        <loc>https://example.cn/privacy/</loc>\n        <lastmod>2027-01-01</lastmod>\n'
        '    </url>\n'
        '    <url>\n        <loc>https://example.cn/a&amp;b/archive/2023-11-01/since/</loc>\n'
        '        <lastmod>2027-01-01</lastmod>\n        <changefreq>daily</changefreq>\n'
        '        <xhtml:link rel="alternate" hreflang="zh" href="https://example.cn/a&amp;b/archive/2023-11-01/since/"/>\n'
        '        <xhtml:link rel="alternate" hreflang="en" href="https://example.cn/a&amp;b/en/archive/2023-11-01/since/"/>\n'
        '    </url>\n'
        '    <url>\n        <loc>https://example.cn/a&amp;b/en/archive/2023-11-01/since/</loc>\n'
        '        <lastmod>2027-01-01</lastmod>\n        <changefreq>daily</changefreq>\n'
        '        <xhtml:link rel="alternate" hreflang="zh" href="https://example.cn/a&amp;b/archive/2023-11-01/since/"/>\n'
        '        <xhtml:link rel="alternate" hreflang="en" href="https://example.cn/a&amp;b/en/archive/2023-11-01/since/"/>\n'
        '    </url>\n</urlset>')
