"""The Atom feeds against RFC 4287: the elements it requires, with the handler as author."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import ROOT, shipped_versions
from zhiqing.build import BuildState
from zhiqing.site import feeds

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3339 §5.6 date-time, as RFC 4287 §3.3 requires for atom:updated and atom:published.
DATE_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")


def rfc4287_problems(xml: bytes) -> list[str]:
    """What a feed lacks of RFC 4287's required elements (§4.1.1 feed, §4.1.2 entry).

    The feed: exactly one ``id``, ``title`` and ``updated``; an ``author`` with a ``name``
    unless every entry has one; at most one ``link rel=alternate`` per type and hreflang.
    Each entry: exactly one ``id``, ``title`` and ``updated``; a ``link rel=alternate`` or
    a ``content``; a ``summary`` when it has no inline content. Dates are RFC 3339.
    """
    root = ElementTree.fromstring(xml)
    problems = []
    if root.tag != f"{ATOM}feed":
        return [f"the root is {root.tag}, expected atom:feed"]

    def once(element, name, where):
        found = element.findall(f"{ATOM}{name}")
        if len(found) != 1 or not (found[0].text or "").strip():
            problems.append(f"{where} has {len(found)} non-empty atom:{name}, expected exactly one")
        elif name in ("updated", "published") and not DATE_TIME.fullmatch(found[0].text.strip()):
            problems.append(f"{where} atom:{name} {found[0].text!r} is not an RFC 3339 date-time")

    for name in ("id", "title", "updated"):
        once(root, name, "the feed")
    entries = root.findall(f"{ATOM}entry")

    def authored(element):
        return any((a.findtext(f"{ATOM}name") or "").strip() for a in element.findall(f"{ATOM}author"))

    if not authored(root) and not (entries and all(authored(e) for e in entries)):
        problems.append("no atom:author with a name on the feed nor on every entry (RFC 4287 §4.1.1)")
    alternates = [(l.get("type"), l.get("hreflang")) for l in root.findall(f"{ATOM}link")
                  if l.get("rel", "alternate") == "alternate"]
    if len(alternates) != len(set(alternates)):
        problems.append("the feed has two alternate links of one type and hreflang")
    for number, entry in enumerate(entries, start=1):
        where = f"entry {number}"
        for name in ("id", "title", "updated"):
            once(entry, name, where)
        if entry.find(f"{ATOM}published") is not None:
            once(entry, "published", where)
        links = [l for l in entry.findall(f"{ATOM}link") if l.get("rel", "alternate") == "alternate"]
        content = entry.find(f"{ATOM}content")
        if not links and content is None:
            problems.append(f"{where} has neither a link rel=alternate nor atom:content")
        if (content is None or content.get("src")) and entry.find(f"{ATOM}summary") is None:
            problems.append(f"{where} has no inline content and no atom:summary")
    return problems


@pytest.mark.parametrize("feed, author", [("feed.xml", "隐私政策"), ("en/feed.xml", "Privacy Policy")])
def test_built_feeds_have_what_rfc_4287_requires(built_site, feed, author):
    xml = (built_site / feed).read_bytes()
    assert rfc4287_problems(xml) == []
    root = ElementTree.fromstring(xml)
    # The shipped operator.yml has no handler name yet: the site name stands for it.
    assert [a.findtext(f"{ATOM}name") for a in root.findall(f"{ATOM}author")] == [author]
    # The feed was updated when the newest release was: 00:00 of its updated date in Beijing.
    assert root.findtext(f"{ATOM}updated") == f"{shipped_versions()[-1]['updated']}T00:00:00+08:00"


def test_the_checker_finds_a_feed_without_author():
    xml = b"""<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id><title>t</title>
    <updated>2023-11-01T00:00:00+08:00</updated><entry><id>urn:x:1</id><title>e</title>
    <updated>2023-11-01</updated><link href="a/"/></entry></feed>"""
    assert rfc4287_problems(xml) == [
        "no atom:author with a name on the feed nor on every entry (RFC 4287 §4.1.1)",
        "entry 1 atom:updated '2023-11-01' is not an RFC 3339 date-time",
        "entry 1 has no inline content and no atom:summary",
    ]


@pytest.mark.parametrize("name, language, expected", [
    ({"zh": "", "en": ""}, "zh", "隐私政策"),
    ({"zh": "", "en": ""}, "en", "Privacy Policy"),
    ({"zh": "示例科技有限公司", "en": "Example Technology Co., Ltd."}, "zh", "示例科技有限公司"),
    ({"zh": "示例科技有限公司", "en": "Example Technology Co., Ltd."}, "en", "Example Technology Co., Ltd."),
    ({"zh": "示例科技有限公司", "en": ""}, "en", "示例科技有限公司"),
])
def test_the_author_is_the_handler(name, language, expected):
    operator = {"handler": {"name": name}}
    site_name = {"zh": "隐私政策", "en": "Privacy Policy"}[language]
    assert feeds.feed_author(operator, language, site_name) == expected
    policy = BuildState.load(ROOT, today=datetime.date(2026, 12, 1)).policy
    xml = feeds.feed(policy.versions, language, "https://example.cn/privacy/", site_name,
                     feeds.feed_author(operator, language, site_name))
    assert rfc4287_problems(xml) == []
    assert ElementTree.fromstring(xml).find(f"{ATOM}author").findtext(f"{ATOM}name") == expected
