"""The site in a real browser: Debian's Chromium through Playwright, at phone size (390×844).

The built site is served on 127.0.0.1 with the headers of its ``_headers`` file, so every page
also runs under the Content-Security-Policy it ships with. Skipped, with the reason, only
when /usr/bin/chromium is absent and CI is unset; in CI a missing piece fails.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import browser
from conftest import SEED, shipped_releases, shipped_versions, zh_date

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LANGUAGES = {"zh": "", "en": "en/"}
# Pages every build has; the archive pages come with the archive and are skipped until then.
PAGES = ["", "collection/", "full/", "inventory/"]
ARCHIVE_PAGES = ["archive/", "archive/<id>/"]
# A missing URL, three folders down: the host answers with the language's 404 page.
MISSING = "no/such/page/"
# Where the site is served: at the root of a host, or under a path (without site_url; the
# 404 pages, which need site_url, from the copy built with it).
HOSTS = ["root", "subpath"]
SUBPATH = "/privacy/"


@pytest.fixture(scope="session")
def chromium():
    reason = browser.missing()
    if reason:
        if browser.in_ci() or browser.CHROMIUM.exists():
            pytest.fail(f"the browser tests cannot run: {reason}")
        print(f"\nbrowser tests skipped: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        instance = browser.launch(playwright)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def server(built_site, chromium):
    with browser.SiteServer(built_site) as running:
        yield running


@pytest.fixture(scope="session")
def subpath_server(built_site, chromium):
    """The site built without site_url, served under /privacy/ (nothing exists outside it)."""
    with browser.SiteServer(built_site, prefix=SUBPATH) as running:
        yield running


@pytest.fixture(scope="session")
def subpath_404_server(subpath_site, chromium):
    """The site built with ``site_url: https://example.cn/privacy/``, served under /privacy/: its 404 pages."""
    with browser.SiteServer(subpath_site, prefix=SUBPATH) as running:
        yield running


@pytest.fixture
def host(request):
    """The server for ``(host, path)`` of the test's parameters."""
    def serve(where: str, path: str):
        if where == "root":
            return request.getfixturevalue("server")
        if path.endswith(MISSING):
            return request.getfixturevalue("subpath_404_server")
        return request.getfixturevalue("subpath_server")
    return serve


def resolve(site: Path, path: str) -> str:
    """``[en/]archive/<id>/`` → the first archived version's page; skip when the site has none."""
    if path.removeprefix("en/").startswith("archive/"):
        if not (site / "archive" / "index.html").exists():
            pytest.skip("the site has no /archive/ yet (it comes with the archive issue)")
        if "<id>" in path:
            versions = sorted(p.parent.name for p in (site / "archive").glob("*/index.html"))
            if not versions:
                pytest.skip("the site has no archived version page yet")
            path = path.replace("<id>", versions[0])
    return path


class Tab:
    """A phone-sized page whose requests, failed requests and CSP complaints go to the visit
    that is using it (``listener``).

    A kept tab is cleaned before each visit (:meth:`clean`). Playwright cannot take back an
    init script or extra HTTP headers: a test that needs them, its own routes or its own
    listeners makes its own context (as ``test_full_renders_as_a_lone_file_offline`` does)."""

    def __init__(self, chromium, **context_options):
        self.context = chromium.new_context(viewport=browser.PHONE, **context_options)
        self.page = self.context.new_page()
        self.listener: Visit | None = None
        self.origins: set[str] = set()
        for event in ("request", "requestfailed", "response", "console"):
            self.page.on(event, functools.partial(self._forward, event))

    def _forward(self, event: str, item) -> None:
        if self.listener is not None:
            getattr(self.listener, f"on_{event}")(item)

    def clean(self, color_scheme: str) -> None:
        """As a new tab: on about:blank, at phone size, without routes, no media type or
        feature emulated but ``color_scheme``, and the cookies, local and session storage of
        every origin it opened cleared (Chromium's ``Storage.clearDataForOrigin``). Its HTTP
        cache is kept: a test about every request a page makes uses a ``first_time`` visit."""
        self.listener = None
        self.page.unroute_all()
        self.page.goto("about:blank")
        self.page.set_viewport_size(browser.PHONE)
        self.page.emulate_media(media="null", color_scheme=color_scheme, reduced_motion="null",
                                forced_colors="null", contrast="null")
        session = self.context.new_cdp_session(self.page)
        for origin in self.origins:
            session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        session.detach()


class Visit:
    """One page at phone size, with every request, failed request and CSP complaint recorded.
    A request fails when it gets no answer or a status of 400 or more; the page itself may be
    a 404 page (its own status is not counted).

    A ``first_time`` visit is a reader's first: a new browser context (empty cache, nothing
    stored), and the page waited for until the network is idle (no request for 500 ms), so
    late fetches such as the search index are seen too; tests about every request a page
    makes use it. Every other visit reuses the worker's tab for its options, cleaned
    (``Tab.clean``), and waits for the load event. A visit in a kept tab costs Chromium about
    a quarter of the CPU time of one in a new context, and the idle wait adds over half a
    second (``bench/browser_visits.py``)."""

    def __init__(self, tab: Tab, url: str, wait_until: str):
        self.tab = tab
        self.page = tab.page
        self.url = url
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.csp_errors: list[str] = []
        tab.listener = self
        tab.origins.add("{0.scheme}://{0.netloc}".format(urlsplit(url)))
        self.page.goto(url, wait_until=wait_until)

    def on_request(self, request) -> None:
        self.requests.append(request.url)

    def on_requestfailed(self, request) -> None:
        self.failed.append(f"{request.url} ({request.failure})")

    def on_response(self, response) -> None:
        if response.status >= 400 and response.url != self.url:
            self.failed.append(f"{response.url} ({response.status})")

    def on_console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.csp_errors.append(message.text)


@pytest.fixture(scope="session")
def tabs(chromium):
    """The worker's kept tabs, one per ``bypass_csp`` setting, made when first asked for."""
    kept: dict[bool, Tab] = {}
    yield kept
    for tab in kept.values():
        tab.context.close()


@pytest.fixture
def visit(chromium, tabs):
    first_visits: list[Tab] = []

    def open_(url: str, first_time: bool = False, bypass_csp: bool = False, color_scheme: str = "light") -> Visit:
        if first_time:
            tab = Tab(chromium, bypass_csp=bypass_csp, color_scheme=color_scheme)
            first_visits.append(tab)
            return Visit(tab, url, wait_until="networkidle")
        if bypass_csp not in tabs:
            tabs[bypass_csp] = Tab(chromium, bypass_csp=bypass_csp)
        tab = tabs[bypass_csp]
        tab.clean(color_scheme)
        return Visit(tab, url, wait_until="load")

    yield open_
    for tab in first_visits:
        tab.context.close()
    for tab in tabs.values():
        tab.listener = None


def test_a_kept_tab_starts_each_visit_clean(server, visit):
    """What one test leaves in the worker's kept tab (storage, cookies, print media and other
    emulated features, a dark scheme, another viewport, a route) is gone for the next visit;
    without ``Tab.clean`` it would stay."""
    page = visit(f"{server.url}full/", color_scheme="dark").page
    page.evaluate("localStorage.setItem('kept', '1'); sessionStorage.setItem('kept', '1');"
                  "document.cookie = 'kept=1; path=/'")
    page.emulate_media(media="print", reduced_motion="reduce", forced_colors="active")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.route("**/collection/", lambda route: route.fulfill(body="<title>stub</title>", content_type="text/html"))
    page = visit(f"{server.url}collection/").page
    assert page.evaluate("[sessionStorage.length, document.cookie, matchMedia('print').matches,"
                         " matchMedia('(prefers-color-scheme: dark)').matches,"
                         " matchMedia('(prefers-reduced-motion: reduce)').matches,"
                         " matchMedia('(forced-colors: active)').matches, innerWidth]") == [
        0, "", False, False, False, False, browser.PHONE["width"]]
    assert page.locator("h1#collection").count() == 1  # the page itself, not the stub
    # Only what Material stores on every first load: the light palette of the system's scheme.
    assert page.evaluate("Object.entries(localStorage)") == [[
        "/.__palette", '{"index":0,"color":{"media":"(prefers-color-scheme: light)","scheme":"default",'
        '"primary":"indigo","accent":"indigo"}}']]


def all_pages():
    return [pytest.param(language, path, id=f"{language}-/{path}")
            for language in LANGUAGES for path in PAGES + ARCHIVE_PAGES + [MISSING]]


@pytest.mark.parametrize("language, path", all_pages())
def test_only_this_host_no_failing_request_no_sideways_scrolling_csp_kept(built_site, server, visit, language, path):
    path = resolve(built_site, LANGUAGES[language] + path)
    seen = visit(server.url + path, first_time=True)
    host = urlsplit(server.url).netloc
    others = [url for url in seen.requests if urlsplit(url).netloc != host and not url.startswith("data:")]
    assert others == [], f"requests to other hosts from /{path}: {others}"
    assert seen.failed == [], f"requests of /{path} that failed: {seen.failed}"
    width = seen.page.evaluate("document.documentElement.scrollWidth")
    assert width <= browser.PHONE["width"], f"/{path} scrolls sideways: {width}px wide"
    assert seen.csp_errors == [], f"/{path} breaks its Content-Security-Policy: {seen.csp_errors}"


@pytest.mark.parametrize("language, path", all_pages())
def test_under_a_subpath_no_request_fails_or_leaves_it(built_site, host, visit, language, path):
    path = resolve(built_site, LANGUAGES[language] + path)
    served = host("subpath", path)
    seen = visit(served.url + path, first_time=True)
    assert seen.page.evaluate("document.documentElement.lang") == language
    outside = [url for url in seen.requests if not url.startswith((served.url, "data:"))]
    assert outside == [], f"requests of {SUBPATH}{path} outside {SUBPATH}: {outside}"
    assert seen.failed == [], f"requests of {SUBPATH}{path} that failed: {seen.failed}"
    assert seen.csp_errors == []


def axe_cases():
    dark = [pytest.param(language, path, "dark", id=f"{language}-/{path}-dark")
            for language in LANGUAGES for path in ["full/", "collection/"]]
    return [pytest.param(*case.values, "light", id=case.id) for case in all_pages()] + dark


@pytest.mark.parametrize("language, path, scheme", axe_cases())
def test_axe_finds_no_wcag21_aa_violation(built_site, server, visit, language, path, scheme):
    path = resolve(built_site, LANGUAGES[language] + path)
    # axe is injected as an inline script, which the page's own CSP rightly refuses.
    page = visit(server.url + path, bypass_csp=True, color_scheme=scheme).page
    page.add_script_tag(path=str(browser.AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    problems = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
                for v in result["violations"]]
    assert problems == [], f"/{path}:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_full_makes_one_request(server, visit, language):
    seen = visit(f"{server.url}{LANGUAGES[language]}full/", first_time=True)
    assert seen.requests == [f"{server.url}{LANGUAGES[language]}full/"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_full_contents_scroll_to_their_sections(server, visit, language):
    page = visit(f"{server.url}{LANGUAGES[language]}full/").page
    links = page.locator("main article > ul").first.locator("a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs == ["#collection", "#storage", "#disclosure", "#rights", "#minors", "#updates", "#contact"]
    for number, href in enumerate(hrefs):
        page.evaluate("window.scrollTo(0, 0)")
        links.nth(number).click()
        page.wait_for_function("hash => location.hash === hash", arg=href)
        top = page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", href[1:])
        assert -1 < top < 10, f"{href}: the heading is {top}px from the top after the click"


@pytest.mark.parametrize("language", LANGUAGES)
def test_index_contents_open_their_sections(server, visit, language):
    page = visit(f"{server.url}{LANGUAGES[language]}").page
    page.locator("article ul a", has_text=re.compile(".")).first.click()
    page.wait_for_url(f"{server.url}{LANGUAGES[language]}collection/")
    assert page.locator("h1#collection").is_visible()


def language_pages():
    return [pytest.param(where, language, path, id=f"{where}-{language}-/{path}")
            for where in HOSTS for language in LANGUAGES
            for path in ["", "collection/", "inventory/", "full/"] + ARCHIVE_PAGES]


@pytest.mark.parametrize("where, language, path", language_pages())
def test_language_switch_keeps_the_page(built_site, host, visit, where, language, path):
    path = resolve(built_site, path)
    served = host(where, path)
    other = "en" if language == "zh" else "zh"
    page = visit(served.url + LANGUAGES[language] + path).page
    if page.locator(".md-select").count():  # Material: the language menu in the header
        page.locator(".md-select button").click()
    page.locator(f"a[hreflang={other}]:visible").first.click()
    page.wait_for_url(served.url + LANGUAGES[other] + path)
    assert page.evaluate("document.documentElement.lang") == other


# A word of each language's text (the English one the word issue 14 found nothing for).
QUERIES = {"zh": "个人信息", "en": "location"}


def search_cases():
    return [pytest.param(where, language, path, id=f"{where}-{language}-/{path}")
            for where in HOSTS for language in LANGUAGES for path in ["", "collection/", "archive/<id>/", MISSING]]


@pytest.mark.parametrize("where, language, path", search_cases())
def test_search_finds_only_pages_of_the_page_language(built_site, host, visit, where, language, path):
    path = resolve(built_site, path)
    served = host(where, path)
    seen = visit(served.url + LANGUAGES[language] + path)
    page = seen.page
    page.locator("label.md-header__button[for=__search]").click()
    search = page.locator("input.md-search__input")
    search.fill(QUERIES[language])
    search.press("End")  # Material searches on keyup; fill() alone sends no key
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=15000)
    assert results.count() >= 3
    assert QUERIES[language] in page.locator(".md-search-result").inner_text().lower()
    links = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    english = served.url + "en/"
    assert links and all(link.startswith(served.url) for link in links), links
    assert all(link.startswith(english) == (language == "en") for link in links), links
    assert seen.failed == []


def lone_copy(site: Path, language: str, target: Path) -> Path:
    """``full/index.html`` of ``language`` copied alone into ``target``, as an app ships it."""
    target.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(site / LANGUAGES[language] / "full" / "index.html", target / "index.html"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_full_renders_as_a_lone_file_offline(built_site, chromium, tmp_path, language):
    url = lone_copy(built_site, language, tmp_path).as_uri()
    context = chromium.new_context(viewport=browser.PHONE, offline=True)
    requests: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    text = page.locator("main").inner_text()
    context.close()
    assert requests == [url]
    assert ("C08" in text) and ("S08" in text)  # the last rows of both lists
    if language == "zh":
        last = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()][-1]
        assert re.sub(r"\*", "", last.strip())[:20] in text
    else:
        assert "The Chinese version" in text


@pytest.mark.parametrize("scheme, background", [("light", "rgb(255, 255, 255)"), ("dark", "rgb(20, 20, 20)")])
def test_full_follows_the_system_colour_scheme(server, visit, scheme, background):
    page = visit(f"{server.url}full/", color_scheme=scheme).page
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == background


def test_full_prints_a_clean_document(server, visit):
    page = visit(f"{server.url}full/").page
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
    # A row of the two lists is a card that a page break does not cut.
    assert page.evaluate("getComputedStyle(document.querySelector('.policy-row')).breakInside") == "avoid"
    first_dates = page.evaluate("document.querySelector('.policy-dates').getBoundingClientRect().top")
    assert first_dates < 400  # on the first page, under the title
    page.set_content('<a href="https://example.cn/p">x</a><a href="#a">y</a>'
                     + page.evaluate("document.querySelector('style').outerHTML"))
    after = page.evaluate("[...document.querySelectorAll('a')].map(a => getComputedStyle(a, '::after').content)")
    assert after == ['" (https://example.cn/p)"', "none"]


@pytest.mark.parametrize("language, summary, date", [("zh", "新增第八节。", "2031年1月1日"),
                                                     ("en", "Adds section 8.", "January 1, 2031")])
def test_changed_since_lists_the_later_releases(two_releases, visit, language, summary, date):
    with browser.SiteServer(two_releases) as site:
        full = f"{site.url}{LANGUAGES[language]}full/"
        seen = visit(full + "?since=2023-11-01")
        box = seen.page.locator("#policy-since")
        assert box.is_visible()
        assert box.locator("[data-agreed] time").get_attribute("datetime") == "2023-11-01"
        # Every release after 2023-11-01: the shipped ones, then 2031-01-01.
        items = box.locator("li")
        assert items.count() == len(shipped_releases())
        assert [items.nth(n).locator("time").get_attribute("datetime") for n in range(items.count())] == [
            *shipped_releases()[1:], "2031-01-01"]
        last = items.nth(items.count() - 1)
        assert summary in last.inner_text() and date in last.inner_text()
        assert last.locator("a").evaluate("a => a.href") == f"{site.url}{LANGUAGES[language]}archive/2031-01-01/changes/"
        assert box.locator("[data-all] a").evaluate("a => a.href") == f"{site.url}{LANGUAGES[language]}archive/2023-11-01/since/"
        assert seen.csp_errors == []
        assert (two_releases / LANGUAGES[language] / "archive/2031-01-01/changes/index.html").is_file()

        for since in ["bogus", "", "2024-01-01"]:
            page = visit(f"{full}?since={since}").page
            assert not page.locator("#policy-since").is_visible(), since
            assert page.locator("#policy-since li:visible").count() == 0

        page = visit(full + "?since=2031-01-01").page
        assert page.locator("#policy-since [data-unchanged]").is_visible()
        assert page.locator("#policy-since li").count() == 0


def test_changed_since_box_holds_every_release(two_releases):
    html = (two_releases / "full" / "index.html").read_text(encoding="utf-8")
    box = re.search(r'<section class="policy-since" id="policy-since" hidden>.*?<ol>(.*?)</ol>', html, re.S)
    # The first release, the later shipped ones (each with its redline), and the upcoming 2031-01-01.
    shipped = "".join(
        f'\n<li data-since="../archive/{entry["id"]}/since/"><time datetime="{entry["id"]}">{zh_date(entry["id"])}</time>'
        f'：{entry["summary"]["zh"]} <a href="../archive/{entry["id"]}/changes/">查看修改对照</a></li>'
        for entry in shipped_versions()[1:])
    assert box.group(1) == (
        '\n<li data-since="../archive/2023-11-01/since/"><time datetime="2023-11-01">2023年11月1日</time>：首次发布。</li>'
        + shipped +
        '\n<li><time datetime="2031-01-01">2031年1月1日</time>：新增第八节。（即将生效） '
        '<a href="../archive/2031-01-01/changes/">查看修改对照</a></li>\n')
