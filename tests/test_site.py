"""The real site, built with `mkdocs build --strict`: pages, dates, contents, fidelity, privacy."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import SEED, en_date, pages_per_language, shipped_versions, zh_date

PAGES = ["index.html", "collection/index.html", "storage/index.html", "disclosure/index.html",
         "rights/index.html", "minors/index.html", "updates/index.html", "contact/index.html",
         "full/index.html", "inventory/index.html", "sharing/index.html", "404.html"]
# The newest release in data/versions.yml: its dates are stamped on every current page.
NEWEST = shipped_versions()[-1]
ZH_DATES = [f"生效日期: {zh_date(NEWEST['effective'])}", f"最新更新日期: {zh_date(NEWEST['updated'])}"]
EN_DATES = [f"Effective date: {en_date(NEWEST['effective'])}", f"Last updated: {en_date(NEWEST['updated'])}"]


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def article(site: Path, page: str):
    """The text of a page: Material's article, or the lean /full/ page's <main>."""
    found = soup(site, page)
    return found.select_one("article.md-content__inner") or found.select_one("main")


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("page", PAGES)
def test_page_exists(built_site, prefix, page):
    assert (built_site / prefix / page).is_file()


@pytest.mark.parametrize("page, lang", [("index.html", "zh"), ("en/index.html", "en"),
                                        ("404.html", "zh"), ("en/404.html", "en")])
def test_language_of_page(built_site, page, lang):
    assert soup(built_site, page).html["lang"] == lang


@pytest.mark.parametrize("page, expected", [
    ("index.html", ZH_DATES), ("full/index.html", ZH_DATES), ("contact/index.html", ZH_DATES),
    ("inventory/index.html", ZH_DATES), ("en/index.html", EN_DATES), ("en/full/index.html", EN_DATES),
    ("en/storage/index.html", EN_DATES),
])
def test_dates_are_stamped(built_site, page, expected):
    block = article(built_site, page).select_one(".policy-dates")
    assert [p.get_text() for p in block.select("p")] == expected
    assert [t["datetime"] for t in block.select("time")] == [NEWEST["effective"], NEWEST["updated"]]


def test_no_date_typed_in_markdown():
    docs = Path(__file__).resolve().parent.parent / "docs"
    for path in docs.rglob("*.md"):
        if "archive" in path.parts:
            continue
        assert not re.search(r"\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2}", path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize("page, prefix", [("index.html", ""), ("en/index.html", "en/")])
def test_toc_links_every_section_to_an_existing_id(built_site, page, prefix):
    links = article(built_site, page).select("ul li a")
    assert [a["href"] for a in links] == ["collection/", "storage/", "disclosure/", "rights/", "minors/",
                                          "updates/", "contact/"]
    for a in links:
        target = article(built_site, f"{prefix}{a['href']}index.html")
        assert target.select_one("h1")["id"] == a["href"].rstrip("/")
        assert target.select_one("h1").get_text() == a.get_text()


@pytest.mark.parametrize("page", ["full/index.html", "en/full/index.html"])
def test_full_toc_links_in_page(built_site, page):
    body = article(built_site, page)
    links = body.select("ul li a[href^='#']")[:7]
    assert [a["href"] for a in links] == ["#collection", "#storage", "#disclosure", "#rights", "#minors",
                                          "#updates", "#contact"]
    for a in links:
        heading = body.select_one(a["href"])
        assert heading.name == "h2" and heading.get_text() == a.get_text()


def seed_paragraphs(text: str) -> list[str]:
    """The seed's paragraphs (list items one each), with its placeholders as the site fills them
    (the date lines with the newest release's dates)."""
    text = text.replace("生效日期: [2023]年[11]月[01]日", ZH_DATES[0]).replace("最新更新日期: [2023]年[11]月[01]日", ZH_DATES[1])
    assert "[2023]" not in text
    text = text.replace("**", "")
    found = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if all(re.match(r"^(- |\d+\. )", line) for line in lines):
            found.extend(re.sub(r"^(- |\d+\. )", "", line) for line in lines)
        else:
            found.append(" ".join(lines))
    return found


def page_blocks(body) -> list[str]:
    return [element.get_text().strip() for element in body.find_all(["h1", "h2", "h3", "h4", "p", "li"])
            if not element.find_parent("table")]


def test_seed_is_the_operators_text_as_received():
    # The seed is the reference the site's Chinese is compared with: an edit of it (to match a
    # changed page) would hide a change of the operator's words. Its SHA-256 as received.
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == (
        "83d2c98ecbd88d21ff7497b3333cee9489b62c74c30322ecd31ed8057c414652")


def test_every_seed_paragraph_is_in_full_in_order(built_site):
    expected = seed_paragraphs(SEED.read_text(encoding="utf-8"))
    assert len(expected) == 64
    blocks = page_blocks(article(built_site, "full/index.html"))
    position = 0
    for paragraph in expected:
        try:
            position = blocks.index(paragraph, position) + 1
        except ValueError:
            pytest.fail(f"not found in /full/ (in order) after block {position}: {paragraph!r}")


def test_cut_off_sentence_is_kept(built_site):
    blocks = page_blocks(article(built_site, "minors/index.html"))
    assert blocks[-1].endswith("未成年人如需成为本产品或服务用户，请在征得父母或监护人同意之后，")
    english = page_blocks(article(built_site, "en/minors/index.html"))
    assert english[-1].endswith("[the Chinese original ends here, mid-sentence]")


@pytest.mark.parametrize("page, count", [("collection/index.html", 2), ("en/collection/index.html", 2),
                                         ("disclosure/index.html", 1), ("full/index.html", 3)])
def test_mentions_of_the_list_link_to_inventory(built_site, page, count):
    hrefs = [a["href"] for a in article(built_site, page).select("a")
             if "小程序收集的个人信息种类及收集目的" in a.get_text()
             or "Collected by the Mini Program" in a.get_text()]
    expected = "#inventory" if page.startswith("full") else "../inventory/"
    assert hrefs == [expected] * count


def test_english_pages_say_chinese_prevails(built_site):
    for page in PAGES[:-1]:
        notice = article(built_site, f"en/{page}").select_one(".policy-prevails")
        assert "The Chinese version" in notice.get_text() and "is the prevailing version" in notice.get_text()
        assert article(built_site, page).select_one(".policy-prevails") is None


def cards(block) -> list[dict]:
    """Each row of a list as {label: value}, with its id, its 未说明 line and its clause link."""
    found = []
    for row in block.select(".policy-row"):
        values = {div.select_one("dt").get_text(): div.select_one("dd").get_text(" ", strip=True)
                  for div in row.select("dl > div")}
        unstated = row.select_one(".policy-unstated-line")
        link = row.select_one(".policy-source a")
        found.append(dict(values, id=row.select_one(".policy-row-id").get_text(), row=row["id"],
                          unstated=unstated.get_text() if unstated else "", clause=(link.get_text(), link["href"])))
    return found


def test_inventory_rows(built_site):
    block = article(built_site, "inventory/index.html").select_one(".policy-list.policy-inventory")
    found = cards(block)
    assert [row["id"] for row in found] == ["C01", "C02", "C03", "C04", "C05", "C06", "C07", "C08", "C09"]
    assert [row["row"] for row in found][:2] == ["row-c01", "row-c02"]
    assert found[0]["个人信息种类"] == "他人姓名、手机号、收货地址"
    assert "功能类型" not in found[0] and "是否必要" not in found[0]
    assert found[0]["unstated"] == "未说明：功能类型、使用目的、是否必要、保存期限"
    assert found[1]["个人信息种类"] == "IMEI、IDFA、通过算法得出的唯一标识"
    assert [row["微信隐私接口"].split("评估")[0].strip() for row in found[3:6]] == ["PhoneNumber", "Location", "Album"]
    assert found[4]["个人信息种类"] == ("位置信息 （敏感个人信息） 评估：个人信息保护法第二十八条将行踪轨迹列为敏感个人信息；"
                                     "政策未说明是否为精确位置")
    assert block.select_one("#row-c05 strong").get_text() == "位置信息"
    assert found[3]["clause"] == ("一、5、设备权限调用", "../collection/#collection-permissions")
    assert found[8]["clause"] == ("隐私政策", "../#privacy-policy")
    assert block.select_one("#row-c09") is not None


def test_sharing_rows(built_site):
    block = article(built_site, "en/sharing/index.html").select_one(".policy-list.policy-sharing")
    found = cards(block)
    assert [row["id"] for row in found] == [f"S0{i}" for i in range(1, 9)]
    assert found[0]["unstated"] == "Not stated: recipient, personal information shared, how shared, recipient's privacy policy"
    assert found[0]["Kind of recipient"] == "SaaS service providers (service provider)"
    assert found[0]["Relationship"] == "Entrusted processing"
    assert found[0]["clause"] == ("Section 3, (1) Provision", "../disclosure/#disclosure-provision")
    assert found[4]["Personal information shared"] == ("Necessary device information, Log information, "
                                                       "Usage habits, Information on frequently used software")
    assert [(a.get_text(), a["href"]) for a in block.select(".policy-not-listed a")] == [
        ("Section 3, (2) Transfer", "../disclosure/#disclosure-transfer"),
        ("Section 3, (3) Public disclosure", "../disclosure/#disclosure-public")]


def test_full_holds_both_lists_with_in_page_sources(built_site):
    body = article(built_site, "full/index.html")
    assert len(body.select(".policy-inventory .policy-row")) == 9
    assert len(body.select(".policy-sharing .policy-row")) == 8
    links = body.select(".policy-list a[href^='#']")
    assert len(links) == 19
    for a in links:
        assert body.select_one(a["href"]) is not None, a["href"]


def test_no_page_references_another_host(built_site):
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        loads = re.findall(r'<(?:script|link|img|iframe|source)\b[^>]*(?:src|href)="((?:https?:)?//[^"]+)"', html)
        assert loads == [], f"{path}: {loads}"
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html, path
    for path in built_site.rglob("*.css"):
        assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize("index, language", [("search/search_index.json", "zh"), ("en/search/search_index.json", "en")])
def test_one_search_index_per_language(built_site, index, language):
    data = json.loads((built_site / index).read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in data["docs"]]
    assert not any(location.startswith("en/") for location in locations)
    titles = " ".join(doc["title"] for doc in data["docs"])
    assert ("个人信息" in titles) == (language == "zh")


def test_chinese_index_segments_personal_information(built_site):
    data = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(data["config"]["separator"])
    hits = {doc["location"].split("#")[0] for doc in data["docs"]
            if "个人信息" in separator.split(doc["title"] + "\u200b" + doc["text"])}
    assert {"collection/", "storage/", "disclosure/", "rights/", "minors/", "full/"} <= hits


@pytest.mark.parametrize("page, base, index", [
    ("index.html", ".", "search/search_index.json"),
    ("collection/index.html", "..", "search/search_index.json"),
    ("en/index.html", "../en/", "en/search/search_index.json"),
    ("en/collection/index.html", "../../en/", "en/search/search_index.json"),
    ("en/archive/2023-11-01/index.html", "../../../en/", "en/search/search_index.json"),
    ("404.html", "/", "search/search_index.json"),
    ("en/404.html", "/en/", "en/search/search_index.json"),
])
def test_search_base_resolves_as_a_browser_does(built_site, page, base, index):
    """Material: ``base = new URL(base, location)``, then ``new URL("search/search_index.json", base)``."""
    config = json.loads(soup(built_site, page).select_one("#__config").string)
    assert config["base"] == base
    location = urljoin("https://example.cn/privacy/", page.removesuffix("index.html"))
    if page.endswith("404.html"):
        location = "https://example.cn/en/no/such/page/" if page.startswith("en/") else "https://example.cn/no/such/"
        assert urljoin(urljoin(location, config["base"]), "search/search_index.json") == "https://example.cn/" + index
        return
    assert urljoin(urljoin(location, config["base"]), "search/search_index.json") == "https://example.cn/privacy/" + index


def test_archived_copies_are_not_searched(built_site):
    data = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    archived = [doc["location"] for doc in data["docs"] if doc["location"].startswith("archive/")]
    assert archived == ["archive/"]


@pytest.mark.parametrize("page", ["collection/index.html", "en/collection/index.html", "archive/index.html"])
def test_no_per_page_alternate_links_that_make_material_fetch_missing_sitemaps(built_site, page):
    assert soup(built_site, page).select("link[rel=alternate][hreflang]") == []
    selector = [a["href"] for a in soup(built_site, page).select(".md-select__link")]
    expected = {"collection/index.html": ["./", "../en/collection/"],
                "en/collection/index.html": ["../../collection/", "./"],
                "archive/index.html": ["./", "../en/archive/"]}[page]
    assert selector == expected


@pytest.mark.parametrize("page, heading, links", [
    ("404.html", "页面不存在", ["/full/", "/", "/archive/"]),
    ("en/404.html", "Page not found", ["/en/full/", "/en/", "/en/archive/"]),
])
def test_404_pages_lead_back_in_their_language(built_site, page, heading, links):
    document = soup(built_site, page)
    assert document.select_one("article h1").get_text() == heading
    assert [a["href"] for a in document.select("article a")] == links
    assert [a["href"] for a in document.select(".md-select__link")] == ["/", "/en/"]
    base = json.loads(document.select_one("#__config").string)["base"]
    assert base == ("/en/" if page.startswith("en/") else "/")


HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def test_the_chrome_of_every_english_page_is_english(built_site):
    """Every ``title``, ``aria-label`` and ``placeholder`` of an English page (the light/dark
    toggle's names included) is free of Han characters; only the switcher's 中文 link is Chinese."""
    pages = sorted((built_site / "en").rglob("*.html"))
    assert len(pages) == pages_per_language() + 1  # and the 404 page
    found = []
    for page in pages:
        for tag in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all(True):
            for attribute in ("title", "aria-label", "placeholder"):
                if HAN.search(tag.get(attribute) or ""):
                    found.append(f"{page.relative_to(built_site)}: <{tag.name} {attribute}={tag[attribute]!r}>")
    assert found == []
    toggles = [label["title"] for label in soup(built_site, "en/index.html").select("form[data-md-component=palette] label")]
    assert toggles == ["Switch to dark mode", "Switch to light mode"]
    assert [label["title"] for label in soup(built_site, "index.html").select(
        "form[data-md-component=palette] label")] == ["切换到深色模式", "切换到浅色模式"]
