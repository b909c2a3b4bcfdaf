"""The lean /full/ page: one request, the releases for "changed since", the links it keeps."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from zhiqing.data import model
from zhiqing.site import full_page
from conftest import en_date, shipped_versions, zh_date


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


VERSIONS = [model.Version("2023-11-01", datetime.date(2023, 11, 1), datetime.date(2023, 11, 1),
                         {"zh": "首次发布。", "en": "First published version."}),
            model.Version("2031-01-01", datetime.date(2031, 1, 1), datetime.date(2030, 12, 1),
                         {"zh": "新增第八节。", "en": "Adds section 8."})]


@pytest.mark.parametrize("language, expected", [
    ("zh", [{"id": "2023-11-01", "effective": "2023-11-01", "date": "2023年11月1日", "summary": "首次发布。",
             "upcoming": False},
            {"id": "2031-01-01", "effective": "2031-01-01", "date": "2031年1月1日", "summary": "新增第八节。",
             "upcoming": True}]),
    ("en", [{"id": "2023-11-01", "effective": "2023-11-01", "date": "November 1, 2023",
             "summary": "First published version.", "upcoming": False},
            {"id": "2031-01-01", "effective": "2031-01-01", "date": "January 1, 2031", "summary": "Adds section 8.",
             "upcoming": True}]),
])
def test_releases(language, expected):
    assert full_page.releases(VERSIONS, language, datetime.date(2030, 12, 16)) == expected


@pytest.mark.parametrize("path", ["full/index.html", "en/full/index.html"])
def test_full_loads_nothing(built_site, path):
    html = page(built_site, path)
    assert html.select("link[rel~=stylesheet], script[src], img, iframe, object, video, audio, source") == []
    assert [link["href"] for link in html.select("link[rel~=icon]")] == ["data:,"]
    assert "assets/" not in str(html.head)


@pytest.mark.parametrize("path, links", [
    ("full/index.html", {"../": "分章节阅读", "../archive/": "历史版本", "../en/full/": "English"}),
    ("en/full/index.html", {"../../en/": "Read by section", "../../en/archive/": "Version history",
                            "../../full/": "中文"}),
])
def test_full_links_site_archive_and_other_language(built_site, path, links):
    nav = page(built_site, path).select("nav a")
    assert {a["href"]: a.get_text() for a in nav} == links


def release_items(language: str) -> list[str]:
    """The items of the shipped releases (data/versions.yml) in /full/'s "changed since" box, oldest
    first: each but the newest carries the redline since it, each but the first links its redline."""
    shipped = shipped_versions()
    items = []
    for number, entry in enumerate(shipped):
        day, summary = entry["id"], entry["summary"][language]
        if language == "zh":
            since = f' data-since="../archive/{day}/since/"'
            text = f'<time datetime="{day}">{zh_date(day)}</time>：{summary}'
            changes = f' <a href="../archive/{day}/changes/">查看修改对照</a>'
        else:
            since = f' data-since="../../en/archive/{day}/since/"'
            text = f'<time datetime="{day}">{en_date(day)}</time>: {summary}'
            changes = f' <a href="../../en/archive/{day}/changes/">See the changes</a>'
        items.append(f"<li{since if number < len(shipped) - 1 else ''}>{text}{changes if number else ''}</li>")
    return items


@pytest.mark.parametrize("path, expected", [
    ("full/index.html", ['<li data-since="../archive/2023-11-01/since/"><time datetime="2023-11-01">2023年11月1日</time>'
                         '：首次发布。</li>', *release_items("zh")[1:]]),
    ("en/full/index.html", ['<li data-since="../../en/archive/2023-11-01/since/"><time datetime="2023-11-01">'
                            'November 1, 2023</time>: First published version.</li>', *release_items("en")[1:]]),
])
def test_full_carries_the_releases(built_site, path, expected):
    """Every release, oldest first, in the hidden "changed since" box (the first has no redline to link,
    the newest no redline since it)."""
    assert [str(li) for li in page(built_site, path).select("#policy-since ol li")] == expected


@pytest.mark.parametrize("path", ["full/index.html", "en/full/index.html"])
def test_changed_since_is_hidden_without_script(built_site, path):
    assert page(built_site, path).select_one("#policy-since").has_attr("hidden")


def test_other_pages_keep_material(built_site):
    assert page(built_site, "collection/index.html").select("link[href*='assets/stylesheets/main']")


def test_compact_trims_only_what_the_browser_ignores():
    html = ('<table class="policy-inventory">\n<thead><tr><th scope="col">编号</th></tr></thead>\n<tbody>\n'
            '<tr id="row-c01">\n<td data-label="编号">C01</td>\n<td data-label="保存期限">'
            '<span class="policy-unstated">未说明</span></td>\n</tr>\n</tbody>\n</table>\n'
            '<p><strong>a</strong>\n<a href="#x">b</a></p>\n<p>c</p>')
    assert full_page.compact(html) == (
        '<table class="policy-inventory">\n<thead><tr><th>编号</th></tr></thead><tbody><tr id="row-c01">'
        '<td data-label="编号">C01</td><td data-label="保存期限"><i>未说明</i></td></tr></tbody></table>'
        '<p><strong>a</strong>\n<a href="#x">b</a></p><p>c</p>')
