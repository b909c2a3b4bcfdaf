"""The site under a subpath of another host: `site_url: https://example.cn/privacy/`.

Every link and resource of every page in both languages (href and src, the language switch,
the 404 pages), the URLs of /policy.json, the feeds and the sitemap resolve to a file of the
built site. Links to other hosts are only collected: no page may load anything from them
(tests/test_site.py checks that), and a link checker must not fetch them.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from conftest import copy_site, mkdocs_build

SITE_URL = "https://example.cn/privacy/"
BASE_PATH = urlsplit(SITE_URL).path  # /privacy/
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory) -> Path:
    work = copy_site(tmp_path_factory.mktemp("subpath"))
    config = work / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert 'site_url: ""' in text
    config.write_text(text.replace('site_url: ""', f'site_url: "{SITE_URL}"', 1), encoding="utf-8")
    result = mkdocs_build(work)
    assert result.returncode == 0, f"{result.reproduce}\n{result.stderr}"
    return work / "site"


def page_path(site: Path, html: Path) -> str:
    """The URL path a page is served at: ``/privacy/en/collection/``; 404 pages at any depth."""
    relative = html.relative_to(site).as_posix()
    if relative.endswith("404.html"):
        return BASE_PATH + relative  # served for a missing URL: its links must not be relative
    return BASE_PATH + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def resolve(site: Path, base: str, link: str) -> tuple[Path | None, str]:
    """The file of ``site`` that ``link`` (seen from URL path ``base``) points to.

    Returns ``(file, fragment)``; ``file`` is None for a link to another host. Raises
    AssertionError naming the link when it leaves the site's base path.
    """
    parts = urlsplit(link)
    if parts.scheme in ("http", "https") or link.startswith("//"):
        if not (parts.netloc == urlsplit(SITE_URL).netloc and parts.path.startswith(BASE_PATH)):
            return None, ""
        path = parts.path
    elif parts.path.startswith("/"):
        path = parts.path
    else:
        path = posixpath.join(posixpath.dirname(base) + "/", parts.path) if parts.path else base
    normal = posixpath.normpath(unquote(path)) + ("/" if path.endswith("/") or not parts.path else "")
    assert normal.startswith(BASE_PATH) or normal + "/" == BASE_PATH, \
        f"{link!r} from {base} leaves {BASE_PATH}: resolves to {normal}"
    relative = normal[len(BASE_PATH):] if normal.startswith(BASE_PATH) else ""
    target = site / relative
    if relative == "" or normal.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def links_of(html: BeautifulSoup):
    for tag in html.find_all(True):
        for attribute in ("href", "src"):
            value = tag.get(attribute)
            if value and not value.startswith(SKIPPED_SCHEMES):
                yield tag.name, value


def test_every_link_of_every_page_resolves(subpath_site):
    pages = sorted(subpath_site.rglob("*.html"))
    assert len(pages) == 28  # 13 pages and a 404 page per language
    broken, external, checked, ids_cache = [], set(), 0, {}
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        base = page_path(subpath_site, page)
        for tag, link in links_of(soup):
            try:
                target, fragment = resolve(subpath_site, base, link)
            except AssertionError as error:
                broken.append(f"{page.relative_to(subpath_site)}: {error}")
                continue
            if target is None:
                external.add(link)
                continue
            checked += 1
            if not target.is_file():
                broken.append(f"{page.relative_to(subpath_site)}: <{tag}> {link!r} → missing {target.relative_to(subpath_site)}")
                continue
            if fragment and target.suffix == ".html" and tag == "a":
                if target not in ids_cache:
                    ids_cache[target] = {el.get("id") for el in BeautifulSoup(
                        target.read_text(encoding="utf-8"), "html.parser").find_all(id=True)} | {
                        el.get("name") for el in BeautifulSoup(target.read_text(encoding="utf-8"),
                                                               "html.parser").find_all(attrs={"name": True})}
                if unquote(fragment) not in ids_cache[target]:
                    broken.append(f"{page.relative_to(subpath_site)}: {link!r} → no id {fragment!r} in "
                                  f"{target.relative_to(subpath_site)}")
    assert broken == []
    assert checked > 900
    assert all(urlsplit(link).netloc != "example.cn" for link in external)


@pytest.mark.parametrize("page, expected", [
    ("index.html", {"zh": "./", "en": "en/"}),
    ("collection/index.html", {"zh": "./", "en": "../en/collection/"}),
    ("en/collection/index.html", {"zh": "../../collection/", "en": "./"}),
])
def test_language_switch_stays_under_the_subpath(subpath_site, page, expected):
    soup = BeautifulSoup((subpath_site / page).read_text(encoding="utf-8"), "html.parser")
    links = {a["hreflang"]: a["href"] for a in soup.select(".md-select a[hreflang]")}
    base = page_path(subpath_site, subpath_site / page)
    for language, href in links.items():
        target, _ = resolve(subpath_site, base, href)
        assert target is not None and target.is_file(), (language, href)
    assert set(links) == {"zh", "en"}


def test_policy_json_and_feeds_use_the_site_url(subpath_site):
    manifest = json.loads((subpath_site / "policy.json").read_text(encoding="utf-8"))
    urls = [url for version in manifest["versions"] for url in version["url"].values()]
    assert urls == [f"{SITE_URL}archive/2023-11-01/", f"{SITE_URL}en/archive/2023-11-01/"]
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


def test_sitemap_urls_resolve(subpath_site):
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locations = [loc.text for loc in ElementTree.parse(subpath_site / "sitemap.xml").getroot().iter(f"{namespace}loc")]
    assert f"{SITE_URL}full/" in locations and f"{SITE_URL}en/full/" in locations
    for url in locations:
        target, _ = resolve(subpath_site, BASE_PATH, url)
        assert target.is_file(), url


def test_search_index_of_every_page_resolves(subpath_site):
    """Material fetches ``<base>/search/search_index.json``; each language has its own index."""
    for page in sorted(subpath_site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        if soup.select_one("#__config") is None:
            continue  # the lean /full/ has no search (it is one self-contained page)
        config = json.loads(soup.select_one("#__config").string)
        base = page_path(subpath_site, page)
        target, _ = resolve(subpath_site, base, config["base"].rstrip("/") + "/search/search_index.json")
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
