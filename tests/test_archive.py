"""The version archive: release refusals, status at the boundaries, redlines, integrity, manifest."""

from __future__ import annotations

import datetime
import hashlib
import json
import sys
import xml.etree.ElementTree as ElementTree

import jsonschema
import pytest
from bs4 import BeautifulSoup

from zhiqing.archive import redline, status
from zhiqing.data import model
from zhiqing.render.templates import Templates
from conftest import (RELEASE_TODAY, ROOT, copy_site, digest, en_date, mkdocs_build, policy_py, run, shipped_versions,
                      zh_date)

D = datetime.date
# The released copy and its two builds are module fixtures: every test here runs in one pytest-xdist worker
# (--dist loadgroup), so they are made once, as without xdist.
pytestmark = pytest.mark.xdist_group("archive")
# The releases shipped in data/versions.yml, oldest first; the tests below release 2031-01-01 after
# them, so PREVIOUS is the release it follows.
SHIPPED_VERSIONS = shipped_versions()
SHIPPED = [entry["id"] for entry in SHIPPED_VERSIONS]
PREVIOUS = SHIPPED[-1]


def version(day: str, updated: str | None = None) -> model.Version:
    return model.Version(day, D.fromisoformat(day), D.fromisoformat(updated or day), {"zh": "摘要", "en": "summary"})


# --- status -------------------------------------------------------------------------------

VERSIONS = [version("2023-11-01"), version("2031-01-01", "2026-11-29")]


@pytest.mark.parametrize("today, states, force", [
    (D(2023, 10, 31), ["upcoming", "upcoming"], None),
    (D(2023, 11, 1), ["in_force", "upcoming"], "2023-11-01"),
    (D(2023, 11, 2), ["in_force", "upcoming"], "2023-11-01"),
    (D(2030, 12, 31), ["in_force", "upcoming"], "2023-11-01"),
    (D(2031, 1, 1), ["superseded", "in_force"], "2031-01-01"),
    (D(2031, 1, 2), ["superseded", "in_force"], "2031-01-01"),
])
def test_status_at_the_boundaries(today, states, force):
    found = status.statuses(VERSIONS, today)
    assert [s.state for s in found] == states
    assert [s.until for s in found] == [D(2030, 12, 31), None]
    assert (status.in_force(VERSIONS, today) or model.Version("", today, today, {})).id == (force or "")


# --- redline ------------------------------------------------------------------------------

@pytest.mark.parametrize("old, new, language, expected", [
    ("我们将在 15 天内答复您的请求；", "我们将在 15 个工作日内答复您的请求；", "zh",
     [("=", "我们将在 15 "), ("-", "天"), ("+", "个工作日"), ("=", "内答复您的请求；")]),
    ("生效日期: 2023年11月1日", "生效日期: 2031年1月1日", "zh",
     [("=", "生效日期: "), ("-", "2023年11月1日"), ("+", "2031年1月1日")]),
    ("自2023年11月1日起", "自2023年12月1日起", "zh", [("=", "自"), ("-", "2023年11月1日"), ("+", "2023年12月1日"), ("=", "起")]),
    ("Since November 1, 2023 we", "Since November 2, 2023 we", "en",
     [("=", "Since "), ("-", "November 1, 2023"), ("+", "November 2, 2023"), ("=", " we")]),
    ("kept 120 days", "kept 180 days", "en", [("=", "kept "), ("-", "120"), ("+", "180"), ("=", " days")]),
    ("We keep it for a reasonable period after.", "We keep it for 30 days after.", "en",
     [("=", "We keep it for "), ("-", "a reasonable period"), ("+", "30 days"), ("=", " after.")]),
    ("We will reply within 15 days.", "We will reply within 15 working days.", "en",
     [("=", "We will reply within 15 "), ("+", "working "), ("=", "days.")]),
    ("You may contact us by telephone;", "You may write to us;", "en",
     [("=", "You may "), ("-", "contact"), ("+", "write to"), ("=", " us"), ("-", " by telephone"), ("=", ";")]),
])
def test_inline_diff(old, new, language, expected):
    parts = redline.inline_diff(old, new, language)
    assert parts == expected
    assert "".join(t for op, t in parts if op != "+") == old
    assert "".join(t for op, t in parts if op != "-") == new


def macros():
    return Templates(ROOT / "overrides").macros("policy/archive.html")


def redline_page(old: str, new: str, language: str, inventory=None) -> str:
    blocks = redline.redline(old, new, language)
    view = redline.layout(blocks, redline.section_titles(new))
    day = {"zh": ("2023年11月1日", "2031年1月1日"), "en": ("November 1, 2023", "January 1, 2031")}[language]
    return str(macros().redline({"id": "2023-11-01", "effective": {"iso": "2023-11-01", "text": day[0]}},
                                {"id": "2031-01-01", "effective": {"iso": "2031-01-01", "text": day[1]}}, view,
                                inventory or {"collected": [], "shared": []}, language))


# A policy of 12 paragraphs in two sections; one sentence changes in the second.
POLICY_ZH = ("# 隐私政策 {#privacy-policy}\n\n<div class=\"policy-dates\">\n<p>生效日期: <time datetime=\"2023-11-01\">"
             "2023年11月1日</time></p>\n</div>\n\n" + "".join(f"第{i}段。\n\n" for i in range(1, 6)) +
             "## 七、如何联系我们 {#contact}\n\n" + "".join(f"联系第{i}段。\n\n" for i in range(1, 4)) +
             "我们将在 15 天内答复您的请求；\n\n" + "".join(f"结尾第{i}段。\n\n" for i in range(1, 4)))


def test_redline_page_of_a_one_sentence_change_zh():
    new = POLICY_ZH.replace("15 天内", "15 个工作日内").replace("2023-11-01\">2023年11月1日", "2031-01-01\">2031年1月1日")
    html = redline_page(POLICY_ZH, new, "zh")
    assert html == (
        '<div class="policy-redline">\n'
        '<p>本页对照 2023-11-01 版本与 2031-01-01 版本： <del>删除的文字</del> <ins>新增的文字</ins></p>\n'
        '<p class="policy-redline-dates">生效日期：<time datetime="2023-11-01">2023年11月1日</time> → '
        '<time datetime="2031-01-01">2031年1月1日</time></p>\n'
        '<h2 id="changed-sections">有修改的章节</h2>\n'
        '<p>1 个章节中的 1 段有修改：</p>\n'
        '<ul><li><a href="#change-1">七、如何联系我们</a>（1 段）</li></ul>\n'
        '<p>个人信息清单没有修改。</p>\n'
        '<div class="policy-redline-text">\n'
        '<details class="policy-unchanged">\n<summary>未修改的 6 段（展开）</summary>\n'
        '<h2 id="privacy-policy" class="policy-same">隐私政策</h2>\n'
        + "".join(f'<p class="policy-same">第{i}段。</p>\n' for i in range(1, 6)) +
        '</details>\n'
        '<h3 id="contact" class="policy-same">七、如何联系我们</h3>\n'
        '<details class="policy-unchanged">\n<summary>未修改的 2 段（展开）</summary>\n'
        '<p class="policy-same">联系第1段。</p>\n<p class="policy-same">联系第2段。</p>\n</details>\n'
        '<p class="policy-same">联系第3段。</p>\n'
        '<p id="change-1" class="policy-changed">我们将在 15 <del>天</del><ins>个工作日</ins>内答复您的请求；</p>\n'
        '<p class="policy-same">结尾第1段。</p>\n'
        '<details class="policy-unchanged">\n<summary>未修改的 2 段（展开）</summary>\n'
        '<p class="policy-same">结尾第2段。</p>\n<p class="policy-same">结尾第3段。</p>\n</details>\n'
        '</div>\n'
        '<h2 id="inventory-changes">个人信息清单的修改</h2>\n'
        '<h3 id="inventory-changes-collected">小程序收集的个人信息种类及收集目的</h3>\n<p>没有修改。</p>\n'
        '<h3 id="inventory-changes-shared">与第三方共享个人信息清单</h3>\n<p>没有修改。</p>\n</div>')
    assert "2023年11月1日</p>" not in html  # the stamped dates are never a change of the text


def test_redline_html_en():
    old = "# Privacy Policy {#privacy-policy}\n\n## 7. How to contact us {#contact}\n\nWe will reply to your request within a reasonable period;\n"
    new = old.replace("a reasonable period", "15 working days")
    html = redline_page(old, new, "en", {"collected": [{"id": "C01", "change": "changed",
                                                       "fields": [("retention", "", "30 days")]}], "shared": []})
    assert ('<p id="change-1" class="policy-changed">We will reply to your request within <del>a reasonable period</del>'
            '<ins>15 working days</ins>;</p>') in html
    assert '<ul><li><a href="#change-1">7. How to contact us</a> (1 paragraph)</li></ul>' in html
    assert '<p>1 paragraph changed in 1 section:</p>' in html
    assert '<p><a href="#inventory-changes">1 row of the personal information lists changed</a></p>' in html
    assert ('<tr><td data-label="ID">C01</td><td data-label="Change">Changed</td><td data-label="Field"><code>retention'
            '</code></td><td data-label="Before"><del></del></td><td data-label="After"><ins>30 days</ins></td></tr>') in html


def test_redline_html_en_paragraph_added_and_removed():
    old = "# Privacy Policy {#privacy-policy}\n\nFirst paragraph stays.\n\nThis one goes away entirely now.\n"
    new = "# Privacy Policy {#privacy-policy}\n\nFirst paragraph stays.\n\nA wholly different sentence arrives.\n"
    blocks = redline.redline(old, new, "en")
    assert [(b.state, b.parts) for b in blocks[2:]] == [
        ("removed", [("-", "This one goes away entirely now.")]),
        ("added", [("+", "A wholly different sentence arrives.")])]


def test_a_small_edit_of_a_long_english_paragraph_stays_inside_it():
    # A paragraph over 200 characters: difflib's autojunk once made the pair look unrelated
    # (ratio 0.08), and the redline showed it deleted and inserted whole.
    paragraph = (ROOT / "docs/storage.en.md").read_text(encoding="utf-8").split("\n\n")
    long = next(p for p in paragraph if p.startswith("We strive to safeguard the security of users"))
    assert len(long) > 200
    old = f"# Storage {{#storage}}\n\n{long}\n"
    new = old.replace("We strive to safeguard the security of users", "We do our best to protect the security of users")
    [_, changed] = redline.redline(old, new, "en")
    assert changed.state == "changed"
    assert changed.parts[:6] == [("=", "We "), ("-", "strive"), ("+", "do our best"), ("=", " to "),
                                 ("-", "safeguard"), ("+", "protect")]


def test_inventory_changes():
    old = {"collected": [{"id": "C01", "purpose": {"zh": "交易", "en": "Trade"}}, {"id": "C02", "purpose": {"zh": "a", "en": "a"}}],
           "shared": []}
    new = {"collected": [{"id": "C01", "purpose": {"zh": "交易与售后", "en": "Trade"}}, {"id": "C03", "purpose": {"zh": "b", "en": "b"}}],
           "shared": []}
    assert redline.inventory_changes(old, new, "zh") == {
        "collected": [{"id": "C01", "change": "changed", "fields": [("purpose", "交易", "交易与售后")]},
                      {"id": "C03", "change": "added", "fields": []},
                      {"id": "C02", "change": "removed", "fields": []}],
        "shared": []}


# --- release and the built site -----------------------------------------------------------

def edit_reply_time(work) -> None:
    """The operator's edit: 15 天 becomes 15 个工作日 in section 七."""
    contact = work / "docs/contact.md"
    contact.write_text(contact.read_text(encoding="utf-8").replace("15 天内", "15 个工作日内"), encoding="utf-8")


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """A copy of the site where 15 天 became 15 个工作日 and 2031-01-01 was released."""
    work = copy_site(tmp_path_factory.mktemp("released"))
    edit_reply_time(work)
    result = policy_py(work, "release", "--effective", "2031-01-01", "--summary-zh", "答复期限改为 15 个工作日。",
                        "--summary-en", "Reply within 15 working days.", "--updated", "2030-12-01",
                        "--translation-unchanged", env=RELEASE_TODAY)
    assert result.returncode == 0, result.stderr
    return work, result


def test_release_refuses_a_change_of_the_chinese_only(site_copy):
    edit_reply_time(site_copy)
    before = digest(site_copy)
    result = policy_py(site_copy, "release", "--effective", "2031-01-01", "--summary-zh", "改。", "--summary-en", "Changed.",
                       "--updated", "2030-12-01", env=RELEASE_TODAY)
    assert (result.returncode, result.stderr) == (1, (
        "policy.py release: release refused: the Chinese original changed but its English translation did not: "
        "docs/contact.md (docs/contact.en.md unchanged); expected the translation updated too, or "
        "--translation-unchanged to release the original with the translation as it was (recorded in the release)\n"))
    lock = {"data/.release.lock": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}  # empty, kept
    assert digest(site_copy) == dict(before, **lock)


@pytest.mark.build
def test_unreleased_edit_fails_the_strict_build(site_copy):
    edit_reply_time(site_copy)
    draft = mkdocs_build(site_copy)
    assert draft.returncode == 1
    assert (f"WARNING -  The current text differs from the newest release {PREVIOUS} (zh): the pages are marked "
            "as a draft. Release it with `python hooks/policy.py release --effective YYYY-MM-DD --summary-zh TEXT "
            "--summary-en TEXT`.") in draft.stderr


@pytest.mark.build
def test_unreleased_edit_marks_every_current_page_as_draft(site_copy, tmp_path):
    edit_reply_time(site_copy)
    result = mkdocs_build(site_copy, "-d", str(tmp_path / "out"), strict=False)
    assert result.returncode == 0, result.stderr
    for page in ("index.html", "contact/index.html", "full/index.html", "en/inventory/index.html"):
        notice = BeautifulSoup((tmp_path / "out" / page).read_text(encoding="utf-8"), "html.parser").select_one(".policy-draft")
        assert notice is not None, page
    snapshot = BeautifulSoup((tmp_path / "out/archive/2023-11-01/index.html").read_text(encoding="utf-8"), "html.parser")
    assert snapshot.select_one(".policy-draft") is None


def test_release_writes_snapshot_and_manifest(released):
    work, result = released
    versions = model.load_versions(work, today=D(2030, 12, 16))  # RELEASE_TODAY: updated 2030-12-01 is in the past
    assert [v.id for v in versions] == [*SHIPPED, "2031-01-01"]
    assert versions[-1].updated == D(2030, 12, 1)
    for language, name in (("zh", "index.md"), ("en", "index.en.md")):
        path = work / "docs/archive/2031-01-01" / name
        assert versions[-1].sha256[language] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert "我们将在 15 个工作日内答复您的请求；" in (work / "docs/archive/2031-01-01/index.md").read_text(encoding="utf-8")
    assert sorted(p.name for p in (work / "docs/archive/2031-01-01").iterdir()) == [
        "changes.en.md", "changes.md", "index.en.md", "index.md", "inventory.yml"]
    assert result.stdout.startswith("released 2031-01-01: docs/archive/2031-01-01/")
    assert result.stderr.strip() == ("policy.py release: note: released with --translation-unchanged: the Chinese "
                                     "original changed and the English translation was kept as it was (recorded in "
                                     "data/versions.yml)")
    entry = (work / "data/versions.yml").read_text(encoding="utf-8").split('- id: "2031-01-01"\n')[1]
    assert entry.startswith('  effective: "2031-01-01"\n  updated: "2030-12-01"\n  summary:\n    zh: "答复期限改为 15 个工作日。"\n'
                            '    en: "Reply within 15 working days."\n  translation_unchanged: true\n  sha256:\n')
    assert versions[-1].translation_unchanged and not any(v.translation_unchanged for v in versions[:-1])


@pytest.mark.parametrize("args, message", [
    (["--effective", "2031-06-01", "--summary-zh", "x", "--summary-en", "y"],
     "policy.py release: release refused: the text is identical to the last release 2031-01-01; expected an edit "
     "of the pages or of data/ to release"),
    (["--effective", "2031-01-01", "--summary-zh", "x", "--summary-en", "y"],
     "policy.py release: release refused: version 2031-01-01 exists already; expected a new effective date"),
    (["--effective", "2030-06-01", "--summary-zh", "x", "--summary-en", "y"],
     "policy.py release: release refused: effective date 2030-06-01 is not after the last release 2031-01-01; "
     "expected a later date"),
    (["--effective", "next-year", "--summary-zh", "x", "--summary-en", "y"],
     "policy.py release: release refused: --effective is 'next-year', expected a date written YYYY-MM-DD"),
    (["--effective", "../x", "--summary-zh", "x", "--summary-en", "y"],
     "policy.py release: release refused: --effective is '../x', expected a date written YYYY-MM-DD"),
    (["--effective", "2032-02-30", "--summary-zh", "x", "--summary-en", "y"],
     "policy.py release: release refused: --effective is '2032-02-30', not a date that exists (expected YYYY-MM-DD)"),
    (["--effective", "2031-06-01", "--summary-en", "y"],
     "policy.py release: release refused: the summary in zh is missing; expected --summary-zh TEXT"),
    (["--effective", "2031-06-01", "--summary-zh", "x", "--summary-en", " "],
     "policy.py release: release refused: the summary in en is missing; expected --summary-en TEXT"),
    (["--effective", "2031-06-01", "--summary-zh", "x", "--summary-en", "y", "--updated", "2030-11-30"],
     "policy.py release: release refused: updated date 2030-11-30 is before the last release's updated date "
     "2030-12-01; expected a date on or after it"),
    (["--effective", "2031-06-01", "--summary-zh", "x", "--summary-en", "y", "--updated", "2031-06-02"],
     "policy.py release: release refused: updated date 2031-06-02 is after the effective date 2031-06-01; "
     "expected --updated on or before --effective"),
])
def test_release_refusals(released, args, message):
    work, _ = released
    before = (work / "data/versions.yml").read_bytes()
    result = policy_py(work, "release", *args, env=RELEASE_TODAY)
    assert result.returncode == 1
    assert result.stderr.strip() == message
    assert (work / "data/versions.yml").read_bytes() == before
    assert sorted(p.name for p in (work / "docs/archive").iterdir()) == [*SHIPPED, "2031-01-01", "index.en.md", "index.md"]


def test_release_cannot_take_effect_in_the_past(site_copy):
    edit_reply_time(site_copy)
    # After the last shipped release, before the day of the release (2030-12-16).
    result = policy_py(site_copy, "release", "--effective", "2030-12-01", "--updated", "2030-11-30",
                        "--summary-zh", "x", "--summary-en", "y", env=RELEASE_TODAY)
    assert result.returncode == 1
    assert result.stderr.strip() == ("policy.py release: release refused: effective date 2030-12-01 is before today "
                                     "2030-12-16; expected today or a later date (a release cannot take effect in the past)")


@pytest.mark.build
def test_commands_work_from_another_folder(released, tmp_path):
    work, _ = released
    result = run([sys.executable, str(work / "hooks/policy.py"), "diff", "2023-11-01", "2031-01-01"], tmp_path,
                 env=RELEASE_TODAY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("--- 2023-11-01\n+++ 2031-01-01\n")


def test_diff_command(released):
    work, _ = released
    result = policy_py(work, "diff", "2023-11-01", "2031-01-01", env=RELEASE_TODAY)
    assert result.returncode == 0
    assert "您可以通过以下方式与我们联系，我们将在 15 [-天-]{+个工作日+}内答复您的请求；" in result.stdout.split("\n")
    assert "@@ 七、如何联系我们 (#contact) @@" in result.stdout.split("\n")
    unknown = policy_py(work, "diff", "2023-11-01", "2099-01-01", env=RELEASE_TODAY)
    assert unknown.returncode == 1
    assert unknown.stderr.strip() == ("policy.py diff: version '2099-01-01' is not released; "
                                      f"expected one of {', '.join([*SHIPPED, '2031-01-01'])}")


EPOCHS = {"2030-12-15": "1923609600", "2031-01-15": "1926288000"}


@pytest.fixture(scope="module", params=sorted(EPOCHS))
def built(request, released, tmp_path_factory):
    work, _ = released
    target = tmp_path_factory.mktemp("out") / "site"
    result = mkdocs_build(work, "-d", str(target), env={"SOURCE_DATE_EPOCH": EPOCHS[request.param]})
    assert result.returncode == 0, result.stderr
    return request.param, target, work


def test_status_on_the_site(built):
    day, site, _ = built
    manifest = json.loads((site / "policy.json").read_text(encoding="utf-8"))
    if day == "2030-12-15":
        assert (manifest["in_force"], manifest["upcoming"]) == (PREVIOUS, "2031-01-01")
        notice = BeautifulSoup((site / "full/index.html").read_text(encoding="utf-8"), "html.parser").select_one(".policy-status")
        assert notice.get_text(" ", strip=True) == f"本版本将于 2031年1月1日 生效。在此之前，适用 {PREVIOUS} 版本 。"
        assert notice.select_one("a")["href"] == f"../archive/{PREVIOUS}/"
        # The notice comes after the title, so MkDocs still takes the page title from the H1.
        collection = BeautifulSoup((site / "collection/index.html").read_text(encoding="utf-8"), "html.parser")
        assert collection.title.get_text() == "一、我们如何收集和使用您的个人信息 - 隐私政策"
        labels = {a.get_text(strip=True) for a in collection.select("nav.md-nav--primary .md-nav__link")}
        assert {"一、我们如何收集和使用您的个人信息", "二、我们如何存储和保护您的个人信息", "七、如何联系我们"} <= labels
        assert not labels & {"Collection", "Storage", "Contact"}
    else:
        assert (manifest["in_force"], manifest["upcoming"]) == ("2031-01-01", None)
        banner = BeautifulSoup((site / f"en/archive/{PREVIOUS}/index.html").read_text(encoding="utf-8"),
                               "html.parser").select_one(".policy-status")
        assert banner["data-policy-state"] == "superseded"
        assert banner.get_text(" ", strip=True) == (f"This version was in force from {en_date(PREVIOUS)} to "
                                                    "December 31, 2030 and has been superseded by version 2031-01-01 . "
                                                    "See what changed in this version .")


def test_manifest_validates_and_hashes_match(built):
    day, site, work = built
    manifest = json.loads((site / "policy.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(json.loads((ROOT / "schemas/policy.schema.json").read_text(encoding="utf-8")),
                                    format_checker=jsonschema.FormatChecker()).validate(manifest)
    for entry in manifest["versions"]:
        for language, name in (("zh", "index.md"), ("en", "index.en.md")):
            data = (work / "docs/archive" / entry["id"] / name).read_bytes()
            assert entry["sha256"][language] == hashlib.sha256(data).hexdigest()
    assert [entry["id"] for entry in manifest["versions"]] == [*SHIPPED, "2031-01-01"]
    assert manifest["versions"][-2]["until"] == "2030-12-31"
    assert manifest["versions"][-1]["changes"] == {"zh": "archive/2031-01-01/changes/", "en": "en/archive/2031-01-01/changes/"}
    assert [entry["since"] for entry in manifest["versions"]] == [
        *({"zh": f"archive/{day}/since/", "en": f"en/archive/{day}/since/"} for day in SHIPPED), {"zh": None, "en": None}]


@pytest.mark.parametrize("path, since", [("archive/2031-01-01/changes/index.html", PREVIOUS),
                                         ("archive/2023-11-01/since/index.html", "2023-11-01")])
def test_changes_page_marks_the_edit(built, path, since):
    """The step redline (from the release before) and the cumulative one from the first release
    (the Chinese text changed only in this release: the same paragraphs): the changed paragraph
    with its heading, every unchanged paragraph folded, no stamped date diffed."""
    _, site, _ = built
    page = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
    text = page.select_one(".policy-redline-text")
    shown = [str(p) for p in text.find_all(recursive=False) if p.name != "details"]
    assert shown == ['<h3 class="policy-same" id="contact">七、如何联系我们</h3>',
                     '<p class="policy-changed" id="change-1">您可以通过以下方式与我们联系，我们将在 15 <del>天</del>'
                     '<ins>个工作日</ins>内答复您的请求；</p>',
                     '<p class="policy-same">您可以通过电话与我们联系；</p>']
    assert [a["href"] for a in page.select(".policy-redline > ul a")] == ["#change-1"]
    assert page.select_one(".policy-redline-dates").get_text() == f"生效日期：{zh_date(since)} → 2031年1月1日"
    assert "生效日期" not in text.get_text() and "最新更新日期" not in text.get_text()


def shipped_summaries(language: str, previous_state: str) -> list[str]:
    """The feed summaries of the shipped releases, newest first: the release before 2031-01-01 in
    ``previous_state`` (``in force`` / ``superseded``), every earlier one superseded."""
    words = {"zh": {"in force": "现行有效", "superseded": "已被取代"}, "en": {"in force": "in force", "superseded": "superseded"}}
    summaries = []
    for entry in reversed(SHIPPED_VERSIONS):
        state = words[language][previous_state if entry["id"] == PREVIOUS else "superseded"]
        if language == "zh":
            summaries.append(f"生效日期：{zh_date(entry['id'])}（{state}）。\n{entry['summary']['zh']}")
        else:
            summaries.append(f"Effective date: {en_date(entry['id'])} ({state}).\n{entry['summary']['en']}")
    return summaries


def test_feeds_are_atom_with_an_entry_per_release(built):
    """Each entry links its redline (the first release: its text) and says when it takes effect
    and its status on the build date."""
    day, site, _ = built
    atom = "{http://www.w3.org/2005/Atom}"
    for feed in ("feed.xml", "en/feed.xml"):
        root = ElementTree.parse(site / feed).getroot()
        assert root.tag == f"{atom}feed"
        entries = root.findall(f"{atom}entry")
        assert [e.find(f"{atom}link").get("href") for e in entries] == [
            "archive/2031-01-01/changes/", *(f"archive/{day}/changes/" for day in reversed(SHIPPED[1:])), "archive/2023-11-01/"]
    summaries = [e.find(f"{atom}summary").text for e in ElementTree.parse(site / "feed.xml").getroot().findall(f"{atom}entry")]
    english = [e.find(f"{atom}summary").text for e in ElementTree.parse(site / "en/feed.xml").getroot().findall(f"{atom}entry")]
    if day == "2030-12-15":
        assert summaries == ["生效日期：2031年1月1日（即将生效）。\n答复期限改为 15 个工作日。",
                             *shipped_summaries("zh", "in force")]
        assert english == ["Effective date: January 1, 2031 (upcoming).\nReply within 15 working days.",
                           *shipped_summaries("en", "in force")]
    else:
        assert summaries == ["生效日期：2031年1月1日（现行有效）。\n答复期限改为 15 个工作日。",
                             *shipped_summaries("zh", "superseded")]


def test_archive_page_lists_versions_newest_first(built):
    _, site, _ = built
    rows = BeautifulSoup((site / "archive/index.html").read_text(encoding="utf-8"), "html.parser").select("table.policy-archive tbody tr")
    assert [r["id"] for r in rows] == ["version-2031-01-01", *(f"version-{day}" for day in reversed(SHIPPED))]
    assert [a["href"] for a in rows[0].select("a")] == ["2031-01-01/", "2031-01-01/changes/"]
    for row, day in zip(rows[1:-1], reversed(SHIPPED[1:])):
        assert [a["href"] for a in row.select("a")] == [f"{day}/", f"{day}/changes/", f"{day}/since/"]
    assert [a["href"] for a in rows[-1].select("a")] == ["2023-11-01/", "2023-11-01/since/"]
    assert str(rows[0].select_one(".policy-translation-unchanged")) == (
        '<p class="policy-translation-unchanged">本版本只修改了中文原文，英文译文未随之更新。中文为原文，英文为译文；'
        '两者不一致时以中文为准。</p>')
    assert [row.select_one(".policy-translation-unchanged") for row in rows[1:]] == [None] * len(SHIPPED)


@pytest.mark.parametrize("change, message", [
    ("append", "Error reading 'docs/archive/2023-11-01/index.md': its SHA-256 is {actual}, expected {expected} as "
               "recorded in data/versions.yml; an archived version must never change (restore it from version control)"),
    ("delete", "Error reading 'docs/archive/2023-11-01/index.en.md': the snapshot of version 2023-11-01 is missing; "
               "expected the file recorded in data/versions.yml (restore it from version control)"),
    ("extra", "Error reading 'docs/archive/2024-01-01': the folder is not a release listed in data/versions.yml; "
              "expected only folders made by `python hooks/policy.py release`"),
])
@pytest.mark.build
def test_snapshot_integrity(site_copy, change, message):
    snapshot = site_copy / "docs/archive/2023-11-01/index.md"
    expected = hashlib.sha256(snapshot.read_bytes()).hexdigest()
    if change == "append":
        snapshot.write_bytes(snapshot.read_bytes() + b"x")
    elif change == "delete":
        (site_copy / "docs/archive/2023-11-01/index.en.md").unlink()
    else:
        (site_copy / "docs/archive/2024-01-01").mkdir()
        (site_copy / "docs/archive/2024-01-01/index.md").write_text("# x {#x}\n", encoding="utf-8")
    result = mkdocs_build(site_copy)
    assert result.returncode == 1
    actual = hashlib.sha256(snapshot.read_bytes()).hexdigest()
    assert f"ERROR   -  {message.format(actual=actual, expected=expected)}" in result.stderr.splitlines()
    assert "Traceback" not in result.stderr
