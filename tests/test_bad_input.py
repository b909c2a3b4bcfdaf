"""Bad input, end to end: each case breaks a copy of the real site the way an operator might,
then runs `mkdocs build --strict` (or `python hooks/policy.py ...`) and asserts the exact outcome.

Either the input is accepted and the output is right (a BOM, CRLF, tabs in Markdown, HTML in a
data field shown as text), or the run exits 1 with one message naming the file, the row or key,
what was found and what was expected. Never a Python traceback; and a failed build leaves
``site/`` byte for byte as it was (``zhiqing/site/output_folder.py`` builds into a staging folder
swapped in only on success), so nothing half-built can be uploaded and nothing is lost.

A mistake the build stops on while loading is checked by loading the copy exactly as the
build's ``on_config`` does (``conftest.load_as_build``), in milliseconds; every other case runs
the real build in this process. ``tests/test_build_errors.py`` runs a few as separate processes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
from bs4 import BeautifulSoup

from zhiqing.errors import PolicyError
from conftest import (NEWEST_RELEASE, RELEASE_TODAY, ROOT, digest, load_as_build, mkdocs_build, policy_py, problems,
                      shipped_versions)

SNAPSHOT_ZH = "docs/archive/2023-11-01/index.md"
SNAPSHOT_EN = "docs/archive/2023-11-01/index.en.md"
# 2023-10-15 00:00 UTC: a build date before the first release was updated.
EPOCH_2023_10_15 = "1697328000"
# The shipped release manifest (data/versions.yml), oldest first, and the lines of the URL ledger.
SHIPPED = shipped_versions()
LEDGER_LINES = len((ROOT / "data" / "published-urls.txt").read_text(encoding="utf-8").splitlines())


NOT_IN_NAV = "Error reading 'mkdocs.yml': nav does not list 'contact.md', a page of the policy ('policy: section' in its front matter)"
NOT_IN_NAV_FIX = ("; expected it in nav, in the policy's order (to drop a page, remove its 'policy' key or the file, "
                  "and declare a redirect for its URL)")


# --- changes: small edits of a copy of the site ---------------------------------------------

def replace(relative: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / relative
        text = path.read_bytes().decode("utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_bytes(text.replace(old, new, count).encode("utf-8"))
    return change


def write(relative: str, text: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(text.encode("utf-8"))
    return change


def append(relative: str, text: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / relative
        path.write_bytes(path.read_bytes() + text.encode("utf-8"))
    return change


def delete(relative: str) -> Callable[[Path], None]:
    return lambda root: (root / relative).unlink()


def encode(relative: str, encoding: str) -> Callable[[Path], None]:
    """Save a UTF-8 file in another encoding (GBK: what a Chinese Windows editor may do)."""
    def change(root: Path) -> None:
        path = root / relative
        path.write_bytes(path.read_bytes().decode("utf-8").encode(encoding))
    return change


def bom(relative: str) -> Callable[[Path], None]:
    return lambda root: (root / relative).write_bytes(b"\xef\xbb\xbf" + (root / relative).read_bytes())


def crlf(relative: str) -> Callable[[Path], None]:
    return lambda root: (root / relative).write_bytes((root / relative).read_bytes().replace(b"\n", b"\r\n"))


def release(*args: str) -> Callable[[Path], None]:
    """Run `python hooks/policy.py release ...` (the operator releases their edit)."""
    def change(root: Path) -> None:
        # Some cases edit the Chinese only (a list field, a page): released as the operator decided.
        result = policy_py(root, "release", *args, "--translation-unchanged", env=RELEASE_TODAY)
        assert result.returncode == 0, result.stderr
    return change


def second_version(entry_id: str, effective: str | None = None) -> Callable[[Path], None]:
    """Append an entry to data/versions.yml after the shipped ones (a copy of the first, hashes and all)."""
    def change(root: Path) -> None:
        text = (root / "data/versions.yml").read_text(encoding="utf-8")
        start = text.index("- id:")
        end = text.find("\n- id:", start)
        first = text[start:] if end == -1 else text[start:end + 1]
        entry = first.replace('"2023-11-01"', f'"{entry_id}"', 1).replace(
            'effective: "2023-11-01"', f'effective: "{effective or entry_id}"', 1).replace(
            'updated: "2023-11-01"', f'updated: "{entry_id}"', 1)
        (root / "data/versions.yml").write_text(text + entry, encoding="utf-8")
    return change


# --- expected outcomes ----------------------------------------------------------------------

@dataclass
class Fails:
    """The run exits 1 with exactly this one error message.

    A build that fails stops while loading (``on_config``): it is checked by loading the copy
    as the build does, without building.
    """

    message: str


@dataclass
class Warns:
    """The strict build exits 1 because of exactly this one warning."""

    message: str


@dataclass
class Builds:
    """The build succeeds without a warning; ``check(site)`` asserts on the output."""

    check: Callable[[Path], None] | None = None


@dataclass
class Case:
    id: str
    changes: list
    expect: Fails | Warns | Builds
    command: tuple = ("build",)
    env: dict = field(default_factory=dict)


def html(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def article_text(site: Path, page: str) -> str:
    return html(site, page).select_one("article").get_text()


# --- checks of accepted input ---------------------------------------------------------------

def collection_page_is_whole(site: Path) -> None:
    page = html(site, "collection/index.html")
    assert page.select_one("h1")["id"] == "collection"
    assert [t["datetime"] for t in page.select(".policy-dates time")] == [SHIPPED[-1]["effective"], SHIPPED[-1]["updated"]]
    assert "\ufeff" not in page.get_text() and "{#" not in page.get_text()


def english_storage_is_whole(site: Path) -> None:
    page = html(site, "en/storage/index.html")
    assert [h["id"] for h in page.select("h1, h2")] == ["storage", "storage-storing", "storage-protection"]
    assert "\r" not in (site / "en/storage/index.html").read_text(encoding="utf-8")


def inventory_loaded(site: Path) -> None:
    rows = html(site, "inventory/index.html").select(".policy-list .policy-row")
    assert [r.get("id") for r in rows][:2] == ["row-c01", "row-c02"]


def first_release_listed(site: Path) -> None:
    manifest = json.loads((site / "policy.json").read_text(encoding="utf-8"))
    assert [(v["id"], v["effective"], v["updated"]) for v in manifest["versions"]] == [
        ("2023-11-01", "2023-11-01", "2023-11-01"), *((v["id"], v["effective"], v["updated"]) for v in SHIPPED[1:])]


def summary_shown_as_text(site: Path) -> None:
    cell = html(site, "archive/index.html").select_one("#version-2031-01-01")
    assert "首次<b>发布</b>。" in cell.get_text()
    assert cell.select("b") == []
    assert "首次&lt;b&gt;发布&lt;/b&gt;。" in (site / "archive/index.html").read_text(encoding="utf-8")
    manifest = json.loads((site / "policy.json").read_text(encoding="utf-8"))
    assert manifest["versions"][-1]["summary"]["zh"] == "首次<b>发布</b>。"
    assert "首次&lt;b&gt;发布&lt;/b&gt;。" in (site / "feed.xml").read_text(encoding="utf-8")


def markdown_summary_is_text(site: Path) -> None:
    row = html(site, "archive/index.html").select_one("#version-2031-01-01")
    assert "见[说明](javascript:alert(1))。" in row.get_text()
    assert [a["href"] for a in html(site, "archive/index.html").select("a") if "javascript" in a.get("href", "")] == []


def operator_name_shown_as_text(site: Path) -> None:
    for page in ("full/index.html", "index.html"):
        soup = html(site, page)
        assert "<script>alert(1)</script>(“我们”)作为本产品" in soup.select_one("article").get_text(), page
        assert [s for s in soup.select("article script")] == []
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in (site / page).read_text(encoding="utf-8")


def inventory_markup_shown_as_text(site: Path) -> None:
    for page in ("inventory/index.html", "full/index.html", "archive/2031-01-01/index.html"):
        soup = html(site, page)
        assert soup.select("article img") == [], page
        assert '<img src=x onerror=alert(1)>交易' in soup.select_one("article").get_text(), page
        assert '评估：<b>个人信息保护法</b>第二十八条' in soup.select_one("article").get_text(), page
    changes = html(site, "archive/2031-01-01/changes/index.html")
    assert changes.select("article img") == []
    assert "<img src=x onerror=alert(1)>" in changes.select_one("article").get_text()


def markdown_in_data_is_text(site: Path) -> None:
    soup = html(site, "full/index.html")
    text = soup.select_one("article").get_text()
    assert "[官网](https://evil.example/) **公司**(“我们”)" in text
    assert not [a for a in soup.select("article a") if "evil.example" in a.get("href", "")]


def template_in_data_is_text(site: Path) -> None:
    text = html(site, "full/index.html").select_one("article").get_text()
    assert "{{ 7*7 }}公司(“我们”)" in text and "49公司" not in text


def tabs_in_markdown(site: Path) -> None:
    page = html(site, "contact/index.html")
    assert page.select_one("h1")["id"] == "contact"
    assert page.select_one("h1").get_text(strip=True) == "七、如何联系我们"
    assert "我们将在 15 个工作日内答复您的请求；" in page.select_one("article").get_text()


# --- the cases ------------------------------------------------------------------------------

V = "Error reading 'data/versions.yml': "
I = "Error reading 'data/inventory.yml': "
O = "Error reading 'data/operator.yml': "
# The cases that release build on the day of the release (RELEASE_TODAY): updated 2030-12-01 is in the past then.
RELEASE_2031 = release("--effective", "2031-01-01", "--summary-zh", "修改。", "--summary-en", "Changed.",
                       "--updated", "2030-12-01")

CASES = [
    # YAML that does not parse, files of the wrong shape
    Case("yaml-does-not-parse", [replace("data/versions.yml", "- id:", "id:")],
         Fails(V + "line 5 column 3 is not valid YAML: expected <block end>, but found '<block mapping start>'")),
    Case("yaml-unclosed-bracket", [replace("data/operator.yml", 'name: {zh: "", en: ""}', 'name: {zh: "", en: ""')],
         Fails(O + "line 8 column 3 is not valid YAML: expected ',' or '}', but got '<scalar>'")),
    Case("yaml-full-width-colon", [replace("data/operator.yml", '  phone: ""', '  phone： ""')],
         Fails(O + "line 8 column 8 is not valid YAML: could not find expected ':' "
                   "(a full-width colon '：' is not YAML's ':'; type ': ' with a half-width colon)")),
    Case("yaml-python-tag", [replace("data/operator.yml", '  appid: ""', '  appid: !!python/name:os.system ""')],
         Fails(O + "line 18 column 10 is not valid YAML: could not determine a constructor for the tag "
                   "'tag:yaml.org,2002:python/name:os.system'")),
    Case("yaml-duplicate-key", [replace("data/operator.yml", '  phone: ""', '  phone: ""\n  phone: "021-1234"')],
         Fails(O + "line 9 column 3 is not valid YAML: the key 'phone' is used twice "
                   "(first on line 8); expected each key once")),
    Case("empty-file", [write("data/versions.yml", "# nothing here\n")],
         Fails(V + "the top level is empty, expected a list of releases, oldest first, each starting with '- id:'")),
    Case("list-for-mapping", [write("data/operator.yml", "- handler: {}\n")],
         Fails(O + "the top level is a list, expected a mapping with the keys handler, product, audience and (optional) wechat and time_zone")),
    Case("mapping-for-list", [write("data/inventory.yml", "collected: {}\nshared: []\n")],
         Fails(I + "key 'collected' is a mapping, expected a list of the collected personal information "
                   "(已收集个人信息清单), each row starting with '- id:'")),
    Case("missing-required-field", [replace("data/versions.yml", '  updated: "2023-11-01"\n', "")],
         Fails(V + "entry 1 (id 2023-11-01) key 'updated' is missing (expected a date written YYYY-MM-DD)")),
    Case("missing-operator-key", [replace("data/operator.yml", '  phone: ""\n', "")],
         Fails(O + "key 'handler.phone' is missing (expected a phone number or \"\")")),
    Case("unknown-field-typo", [replace("data/inventory.yml", "    purpose: {zh: 确保", "    purpse: {zh: 确保")],
         Fails(I + "collected row 4 (id C04) key 'purpse' is not a known key (expected one of: function, "
                   "function_type, id, method, pi_types, purpose, required, retention, source, trigger, "
                   "wechat_privacy_key)")),
    Case("wrong-type-number-id", [replace("data/versions.yml", '- id: "2023-11-01"', "- id: 20231101")],
         Fails(V + "entry 1 (id 20231101) key 'id' is 20231101 (YAML read an unquoted number, so a leading 0 or "
                   "the digits may have changed; put the value in quotes), expected a date written YYYY-MM-DD, "
                   "such as \"2023-11-01\"")),
    Case("unquoted-iso-date-accepted", [replace("data/versions.yml", 'updated: "2023-11-01"', "updated: 2023-11-01")],
         Builds(first_release_listed)),
    Case("yaml-no-is-false", [replace("data/versions.yml", "en: First published version.", "en: no")],
         Fails(V + "entry 1 (id 2023-11-01) key 'summary.en' is false (an unquoted yes, no, on or off is read as "
                   "true/false; put the text in quotes), expected a non-empty English summary")),

    # dates
    Case("date-that-does-not-exist", [replace("data/versions.yml", 'effective: "2023-11-01"', 'effective: "2023-02-30"')],
         Fails(V + "entry 1 (id 2023-11-01) key 'effective' is '2023-02-30', not a date that exists "
                   "(expected YYYY-MM-DD)")),
    Case("date-full-width-digits", [replace("data/versions.yml", 'updated: "2023-11-01"', 'updated: "２０２３-１１-０１"')],
         Fails(V + "entry 1 (id 2023-11-01) key 'updated' is '２０２３-１１-０１', expected a date written "
                   "YYYY-MM-DD, such as \"2023-11-01\"")),
    Case("date-chinese-style", [replace("data/versions.yml", 'updated: "2023-11-01"', "updated: 2023年11月1日")],
         Fails(V + "entry 1 (id 2023-11-01) key 'updated' is '2023年11月1日', expected a date written "
                   "YYYY-MM-DD, such as \"2023-11-01\"")),
    Case("date-empty", [replace("data/versions.yml", 'updated: "2023-11-01"', "updated:")],
         Fails(V + "entry 1 (id 2023-11-01) key 'updated' is empty, expected a date written YYYY-MM-DD, "
                   "such as \"2023-11-01\"")),
    Case("updated-after-build-date", [], env={"SOURCE_DATE_EPOCH": EPOCH_2023_10_15},
         expect=Fails(V + "entry 1 (id 2023-11-01) key 'updated' is '2023-11-01', after the build date "
                          "2023-10-15; expected a date on or before the build date (today, or "
                          "SOURCE_DATE_EPOCH when set)")),
    Case("time-zone-not-iana", [replace("data/operator.yml", "time_zone: Asia/Shanghai", "time_zone: Asia/Beijing")],
         Fails(O + "key 'time_zone' is 'Asia/Beijing', expected an IANA time zone name such as 'Asia/Shanghai'")),
    Case("time-zone-offset", [replace("data/operator.yml", "time_zone: Asia/Shanghai", 'time_zone: "UTC+8"')],
         Fails(O + "key 'time_zone' is 'UTC+8', expected an IANA time zone name such as 'Asia/Shanghai'")),
    Case("cli-check-time-zone-not-iana", [replace("data/operator.yml", "time_zone: Asia/Shanghai", "time_zone: Beijing")],
         command=("check",),
         expect=Fails(O + "key 'time_zone' is 'Beijing', expected an IANA time zone name such as 'Asia/Shanghai'")),
    Case("build-date-not-a-number", [], env={"SOURCE_DATE_EPOCH": "yesterday"},
         expect=Fails("SOURCE_DATE_EPOCH is 'yesterday', expected a whole number of seconds")),
    Case("build-date-out-of-range", [], env={"SOURCE_DATE_EPOCH": "99999999999999999999"},
         expect=Fails("SOURCE_DATE_EPOCH is '99999999999999999999', expected a whole number of seconds from 0 to "
                      "4294967295 (1970-01-01 to 2106-02-07 UTC)")),
    Case("build-date-after-gzip-time", [], env={"SOURCE_DATE_EPOCH": "253402214400"},  # 9999-12-31
         expect=Fails("SOURCE_DATE_EPOCH is '253402214400', expected a whole number of seconds from 0 to "
                      "4294967295 (1970-01-01 to 2106-02-07 UTC)")),
    Case("build-date-negative", [], env={"SOURCE_DATE_EPOCH": "-86400"}, command=("diff", "2023-11-01", "2023-11-01"),
         expect=Fails("SOURCE_DATE_EPOCH is '-86400', expected a whole number of seconds from 0 to "
                      "4294967295 (1970-01-01 to 2106-02-07 UTC)")),
    Case("releases-out-of-order", [second_version("2023-10-01")],
         Fails(V + f"entry {len(SHIPPED) + 1} (id 2023-10-01) is out of order; expected entries oldest first, "
                   f"each effective after {NEWEST_RELEASE}")),
    Case("duplicate-release-id", [second_version(NEWEST_RELEASE)],
         Fails(V + f"entry {len(SHIPPED) + 1} (id {NEWEST_RELEASE}) is used twice; expected entries oldest first, "
                   f"each effective after {NEWEST_RELEASE}")),
    Case("id-not-a-date", [replace("data/versions.yml", '- id: "2023-11-01"', '- id: "v2"')],
         Fails(V + "entry 1 (id v2) key 'id' is 'v2', expected a date written YYYY-MM-DD, such as \"2023-11-01\"")),
    Case("id-tries-a-path", [replace("data/versions.yml", '- id: "2023-11-01"', '- id: "../x"')],
         Fails(V + "entry 1 (id ../x) key 'id' is '../x', expected a date written YYYY-MM-DD, such as \"2023-11-01\"")),
    Case("id-differs-from-effective", [replace("data/versions.yml", 'effective: "2023-11-01"', 'effective: "2023-11-02"')],
         Fails(V + "entry 1 (id 2023-11-01) has effective '2023-11-02', expected the same date as its id")),
    Case("cli-diff-path-id", [], command=("diff", "2023-11-01", "../x"),
         expect=Fails(f"version '../x' is not released; expected one of {', '.join(v['id'] for v in SHIPPED)}")),
    Case("cli-release-date-that-does-not-exist", [],
         command=("release", "--effective", "2031-02-30", "--summary-zh", "x", "--summary-en", "y"),
         expect=Fails("release refused: --effective is '2031-02-30', not a date that exists (expected YYYY-MM-DD)")),
    Case("cli-release-full-width-date", [],
         command=("release", "--effective", "２０３１-０１-０１", "--summary-zh", "x", "--summary-en", "y"),
         expect=Fails("release refused: --effective is '２０３１-０１-０１', expected a date written YYYY-MM-DD")),
    Case("cli-release-updated-in-the-future", [], env={"SOURCE_DATE_EPOCH": "1923609600"},  # 2030-12-16
         command=("release", "--effective", "2031-01-01", "--updated", "2031-01-01", "--summary-zh", "x",
                  "--summary-en", "y"),
         expect=Fails("release refused: updated date 2031-01-01 is after today 2030-12-16; "
                      "expected --updated on or before today")),
    Case("cli-release-bad-yaml", [replace("data/versions.yml", "- id:", "id:")],
         command=("release", "--effective", "2031-01-01", "--summary-zh", "x", "--summary-en", "y"),
         expect=Fails(V + "line 5 column 3 is not valid YAML: expected <block end>, but found '<block mapping start>'")),
    Case("cli-release-build-date-not-a-number", [], env={"SOURCE_DATE_EPOCH": "yesterday"},
         command=("release", "--effective", "2031-01-01", "--summary-zh", "x", "--summary-en", "y"),
         expect=Fails("SOURCE_DATE_EPOCH is 'yesterday', expected a whole number of seconds")),

    # encodings, BOM, line endings, tabs
    Case("page-saved-as-gbk", [encode("docs/contact.md", "gbk")],
         Fails("Error reading 'docs/contact.md': line 6 is not UTF-8 (byte 0xc6); save the file as UTF-8, "
               "not GBK or another encoding")),
    Case("data-saved-as-gbk", [encode("data/versions.yml", "gbk")],
         Fails(V + "line 8 is not UTF-8 (byte 0xca); save the file as UTF-8, not GBK or another encoding")),
    Case("page-with-bom", [bom("docs/collection.md")], Builds(collection_page_is_whole)),
    Case("data-with-bom", [bom("data/versions.yml"), bom("data/inventory.yml")], Builds(inventory_loaded)),
    Case("page-with-crlf", [crlf("docs/storage.en.md"), crlf("docs/collection.md")], Builds(english_storage_is_whole)),
    Case("data-with-crlf", [crlf("data/inventory.yml"), crlf("data/versions.yml")], Builds(inventory_loaded)),
    Case("yaml-tab-indentation", [replace("data/operator.yml", '  phone: ""', '\tphone: ""')],
         Fails(O + "line 8 column 1 is not valid YAML: found character '\\t' that cannot start any token "
                   "(YAML does not allow tabs for indentation; use spaces)")),
    Case("markdown-tabs-then-release",
         [replace("docs/contact.md", "# 七、如何联系我们 {#contact}", "#\t七、如何联系我们\t{#contact}"),
          replace("docs/contact.md", "15 天内", "15 个工作日内"), RELEASE_2031],
         Builds(tabs_in_markdown), env=RELEASE_TODAY),

    # pages
    Case("undefined-variable", [replace("docs/contact.md", "{{ operator.handler.phone }}", "{{ operator.handler.fax }}")],
         Fails("Error reading 'docs/contact.md': line 10 uses an undefined variable ('dict object' has no attribute "
               "'fax'); expected a key of data/operator.yml such as operator.handler.name")),
    Case("undefined-variable-in-english", [replace("docs/contact.en.md", "operator.handler.phone }}", "operator.handler.fax }}")],
         Fails("Error reading 'docs/contact.en.md': line 10 uses an undefined variable ('dict object' has no "
               "attribute 'fax'); expected a key of data/operator.yml such as operator.handler.name")),
    Case("template-syntax-error", [replace("docs/contact.md", "{{ operator.handler.phone }}", "{{ operator.handler.phone }")],
         Fails("Error reading 'docs/contact.md': line 10 has a template error: unexpected '}'; "
               "expected a variable such as {{ operator.handler.name }}")),
    # A marker of the site's pages in a page of the policy would be frozen into the next
    # snapshot: every page refuses it, as check and release do.
    Case("changes-marker-in-a-section", [append("docs/contact.md", "\n<!-- policy:changes -->\n")],
         Fails("Error reading 'docs/contact.md': line 14 has the marker 'policy:changes' in a page with policy: "
               "section; expected it only in the redline pages release writes (docs/archive/<id>/changes.md)")),
    Case("archive-marker-in-a-section", [append("docs/rights.en.md", "\n<!-- policy:archive -->\n")],
         Fails("Error reading 'docs/rights.en.md': line 12 has the marker 'policy:archive' in a page with policy: "
               "section; expected it only in the page with policy: archive (docs/archive/index.md)")),
    # A page may not pull in another template: the theme's files are not the operator's text.
    Case("template-include-in-page", [append("docs/contact.md", '\n{% include "main.html" %}\n')],
         Fails("Error reading 'docs/contact.md': line 14 uses {% include %}, which a page may not use; expected a key "
               "of data/operator.yml such as {{ operator.handler.name }}, with if/else, or, and ~")),
    Case("template-extends-in-page", [replace("docs/rights.md", "# 四、", '{% extends "base.html" %}\n# 四、')],
         Fails("Error reading 'docs/rights.md': line 6 uses {% extends %}, which a page may not use; expected a key "
               "of data/operator.yml such as {{ operator.handler.name }}, with if/else, or, and ~")),
    Case("heading-without-id", [replace("docs/updates.md", " {#updates}", "")],
         Fails("Error reading 'docs/updates.md': line 6 is a heading without an explicit id ('# 六、本隐私政策如何更新'); "
               "expected an ASCII id not used elsewhere, such as '# 六、本隐私政策如何更新 {#my-section}'")),
    Case("heading-id-not-ascii", [replace("docs/updates.md", "{#updates}", "{#更新}")],
         Fails("Error reading 'docs/updates.md': line 6 has the heading id '更新'; expected lowercase ASCII "
               "letters, digits and hyphens such as 'collection'")),
    Case("id-used-twice-across-pages", [replace("docs/storage.md", "{#storage-storing}", "{#collection}")],
         Fails("Error reading 'docs/storage.md': line 8 uses the heading id 'collection' already used in "
               "docs/collection.md; expected an id used once in the policy")),
    Case("heading-id-full-width-braces", [replace("docs/storage.md", "{#storage-storing}", "｛#storage-storing｝")],
         Fails("Error reading 'docs/storage.md': line 8 is a heading whose id is written with full-width characters "
               "('## （一）个人信息的存储 ｛#storage-storing｝'); expected half-width ASCII such as "
               "'## （一）个人信息的存储 {#storage-storing}'")),
    Case("id-used-twice-in-a-page", [replace("docs/storage.md", "{#storage-protection}", "{#storage-storing}")],
         Fails("Error reading 'docs/storage.md': line 16 uses the heading id 'storage-storing' twice; "
               "expected an id used once in the policy")),
    Case("section-missing-in-english", [delete("docs/minors.en.md")],
         Fails("Error reading 'docs/minors.en.md': the file does not exist; expected the en translation of "
               "'docs/minors.md'")),
    Case("english-lacks-a-heading-id", [replace("docs/storage.en.md", " {#storage-protection}", " {#storage-protect}")],
         Fails("Error reading 'docs/storage.en.md': it lacks the heading id 'storage-protection'; expected the "
               "same heading ids as 'docs/storage.md', in the same order")),
    Case("section-missing-in-chinese", [delete("docs/minors.md")],
         Fails("Error reading 'mkdocs.yml': nav lists 'minors.md', which is not in docs/; expected the page (to "
               "rename or remove a page, change nav and declare a redirect for its URL)")),
    # A page of the policy that nav does not list: MkDocs only mentions it, and a release would
    # freeze the policy without it.
    Case("nav-misspells-a-section", [replace("mkdocs.yml", "  - contact.md\n", "  - contacts.md\n")],
         Fails(NOT_IN_NAV + " (nav lists 'contacts.md', which is not in docs/)" + NOT_IN_NAV_FIX)),
    Case("cli-release-nav-misspells-a-section", [replace("mkdocs.yml", "  - contact.md\n", "  - contacts.md\n")],
         command=("release", "--effective", "2031-01-01", "--summary-zh", "x", "--summary-en", "y"),
         expect=Fails(NOT_IN_NAV + " (nav lists 'contacts.md', which is not in docs/)" + NOT_IN_NAV_FIX)),
    Case("cli-check-nav-lacks-a-section", [replace("mkdocs.yml", "  - contact.md\n", "")], command=("check",),
         expect=Fails(NOT_IN_NAV + NOT_IN_NAV_FIX)),
    Case("nav-lists-a-translation", [replace("mkdocs.yml", "  - rights.md\n", "  - rights.en.md\n")],
         Fails("Error reading 'mkdocs.yml': nav lists 'rights.en.md', a translation; expected the Chinese file "
               "'rights.md' (static-i18n adds the translations)")),
    Case("nav-lists-a-page-twice", [replace("mkdocs.yml", "  - contact.md\n", "  - contact.md\n  - ./rights.md\n")],
         Fails("Error reading 'mkdocs.yml': nav lists 'rights.md' twice; expected each page once")),
    Case("policy-page-in-a-folder-not-in-nav",
         [write("docs/extra/annex.md", "---\npolicy: annex\n---\n\n# 附录 {#annex}\n\n正文。\n"),
          write("docs/extra/annex.en.md", "---\npolicy: annex\n---\n\n# Annex {#annex}\n\nText.\n")],
         Fails("Error reading 'mkdocs.yml': nav does not list 'extra/annex.md', a page of the policy ('policy: annex' "
               "in its front matter)" + NOT_IN_NAV_FIX)),
    Case("section-without-title", [replace("docs/minors.md", "# 五、", "## 五、")],
         Fails("Error reading 'docs/minors.md': line 6 is a '##' heading, expected the page's title first, a '# ' "
               "heading such as '# 五、未成年人的个人信息保护 {#minors}'")),
    Case("english-section-without-any-heading",
         [replace("docs/minors.en.md", "# 5. Protection of minors' personal information {#minors}\n", "")],
         Fails("Error reading 'docs/minors.en.md': the page has no heading, expected the page's title first, a "
               "'# ' heading such as '# 五、未成年人的个人信息保护 {#minors}'")),
    Case("front-matter-unknown-kind", [replace("docs/minors.md", "policy: section", "policy: sectoin")],
         Fails("Error reading 'docs/minors.md': front matter 'policy' is 'sectoin', expected one of intro, "
               "section, annex, full, archive")),
    Case("front-matter-not-yaml", [replace("docs/minors.md", "policy: section", "policy: [section")],
         Fails("Error reading 'docs/minors.md': line 3 is not valid YAML front matter (expected ',' or ']', but got "
               "':')")),
    Case("link-to-missing-page", [append("docs/archive/index.md", "\n见[说明](guide.md)。\n")],
         Warns("Doc file 'archive/index.md' contains a link 'guide.md', but the target 'archive/guide.md' is not found "
               "among documentation files.")),
    Case("link-to-missing-anchor", [append("docs/archive/index.md", "\n见[收集](../collection.md#collection-nope)。\n")],
         Warns("Doc file 'archive/index.md' contains a link '../collection.md#collection-nope', but the doc "
               "'collection.md' does not contain an anchor '#collection-nope'.")),
    Case("unknown-marker", [replace("docs/inventory.md", "<!-- policy:inventory -->", "<!-- policy:inventroy -->")],
         Fails("Error reading 'docs/inventory.md': line 7 has the unknown marker 'policy:inventroy'; expected one of "
               "policy:dates, policy:toc, policy:inventory, policy:sharing, policy:full, policy:archive, "
               "policy:changes, policy:since")),
    Case("inventory-source-missing", [replace("data/inventory.yml", "source: collection-permissions",
                                              "source: collection-permission")],
         Fails(I + "collected row 4 (id C04) key 'source' is 'collection-permission', expected the id of a "
                   "policy heading such as 'collection-permissions'")),
    Case("unreleased-edit", [replace("docs/contact.md", "15 天内", "15 个工作日内")],
         Warns(f"The current text differs from the newest release {NEWEST_RELEASE} (zh): the pages are marked as a "
               "draft. Release it with `python hooks/policy.py release --effective YYYY-MM-DD --summary-zh "
               "TEXT --summary-en TEXT`.")),

    Case("published-url-dropped", [append("data/published-urls.txt", "/security/\n")],
         Warns("The published URL '/security/' is not in the site: it is listed in data/published-urls.txt, and a "
               "URL the site has published must keep working. Keep the page, or declare a redirect for it in "
               "mkdocs.yml (plugins: redirects: redirect_maps, e.g. 'old.md': 'new.md').")),
    Case("published-url-not-a-path", [append("data/published-urls.txt", "../etc/passwd\n")],
         Fails(f"Error reading 'data/published-urls.txt': line {LEDGER_LINES + 1} is '../etc/passwd', expected a path of the site "
               "such as /collection/ or /en/archive/2023-11-01/")),
    Case("published-urls-deleted", [delete("data/published-urls.txt")],
         Fails("Error reading 'data/published-urls.txt': the file does not exist; expected the list of every URL "
               "the site has published (restore it from version control)")),

    # HTML, script and Markdown in data: shown as text
    Case("html-in-summary", [replace("docs/contact.md", "15 天内", "15 个工作日内"),
                             release("--effective", "2031-01-01", "--summary-zh", "首次<b>发布</b>。",
                                     "--summary-en", "x", "--updated", "2030-12-01")],
         Builds(summary_shown_as_text), env=RELEASE_TODAY),
    Case("script-in-operator-name",
         [replace("data/operator.yml", 'name: {zh: "", en: ""}', 'name: {zh: "<script>alert(1)</script>", en: "x"}'),
          RELEASE_2031],
         Builds(operator_name_shown_as_text), env=RELEASE_TODAY),
    Case("template-in-operator-name",
         [replace("data/operator.yml", 'name: {zh: "", en: ""}', 'name: {zh: "{{ 7*7 }}公司", en: "x"}'), RELEASE_2031],
         Builds(lambda site: template_in_data_is_text(site)), env=RELEASE_TODAY),
    Case("markdown-in-operator-name",
         [replace("data/operator.yml", 'name: {zh: "", en: ""}',
                  'name: {zh: "[官网](https://evil.example/) **公司**", en: "x"}'), RELEASE_2031],
         Builds(markdown_in_data_is_text), env=RELEASE_TODAY),
    Case("html-in-inventory-field",
         [replace("data/inventory.yml", "function: {zh: 交易, en: Transactions}",
                  "function: {zh: '<img src=x onerror=alert(1)>交易', en: Transactions}"),
          replace("data/inventory.yml", "zh: 个人信息保护法第二十八条", "zh: <b>个人信息保护法</b>第二十八条"), RELEASE_2031],
         Builds(inventory_markup_shown_as_text), env=RELEASE_TODAY),

    Case("javascript-url-in-inventory", [replace("data/inventory.yml", '    policy_url: ""', "    policy_url: 'javascript:alert(1)'")],
         Fails(I + "shared row 1 (id S01) key 'policy_url' is 'javascript:alert(1)', expected the recipient's privacy "
                   "policy, an https:// URL, or \"\"")),
    Case("summary-edited-after-release", [replace("data/versions.yml", "zh: 首次发布。", "zh: 首次发布（已修订）。")],
         Fails("Error reading 'data/versions.yml': entry 2023-11-01 key 'summary' is '{\"zh\": \"首次发布（已修订）。\", "
               "\"en\": \"First published version.\"}', but its snapshot docs/archive/2023-11-01/index.md records "
               "'{\"zh\": \"首次发布。\", \"en\": \"First published version.\"}'; expected a released entry never to change")),
    Case("updated-edited-after-release", [replace("data/versions.yml", 'updated: "2023-11-01"', 'updated: "2023-10-15"')],
         Fails("Error reading 'data/versions.yml': entry 2023-11-01 key 'updated' is '2023-10-15', but its snapshot "
               "docs/archive/2023-11-01/index.md records '2023-11-01'; expected a released entry never to change")),
    Case("inventory-copy-edited", [append("docs/archive/2023-11-01/inventory.yml", "# x\n")],
         Fails("Error reading 'docs/archive/2023-11-01/inventory.yml': its SHA-256 is {actual}, expected "
               "777897ccc4783cf5854ca2d69fcb45016a97f4399c1e4e4f456b2532b337e8ec as recorded in "
               "docs/archive/2023-11-01/index.md; an archived version must never change (restore it from version control)")),
    Case("markdown-link-in-summary", [replace("docs/contact.md", "15 天内", "15 个工作日内"),
                                      release("--effective", "2031-01-01", "--summary-zh", "见[说明](javascript:alert(1))。",
                                              "--summary-en", "x", "--updated", "2030-12-01")],
         Builds(markdown_summary_is_text), env=RELEASE_TODAY),

    # snapshots
    Case("snapshot-edited", [append(SNAPSHOT_ZH, "x")],
         Fails("Error reading 'docs/archive/2023-11-01/index.md': its SHA-256 is {actual}, expected "
               "288230fc4b052a75243f51f32348b6701a2e16b56e25a89aff475f8d9bd28f0f as recorded in data/versions.yml; "
               "an archived version must never change (restore it from version control)")),
    Case("snapshot-line-endings-changed", [crlf(SNAPSHOT_EN)],
         Fails("Error reading 'docs/archive/2023-11-01/index.en.md': its SHA-256 is {actual}, expected "
               "4a3fd9499ac00c0da15ca2fa10b41d030f4ae4300f138ac6b21e801262ba53db as recorded in data/versions.yml; "
               "an archived version must never change (restore it from version control)")),
    Case("snapshot-deleted", [delete(SNAPSHOT_EN)],
         Fails("Error reading 'docs/archive/2023-11-01/index.en.md': the snapshot of version 2023-11-01 is missing; "
               "expected the file recorded in data/versions.yml (restore it from version control)")),
    Case("snapshot-added-without-manifest", [write("docs/archive/2024-01-01/index.md", "# x {#x}\n")],
         Fails("Error reading 'docs/archive/2024-01-01': the folder is not a release listed in data/versions.yml; "
               "expected only folders made by `python hooks/policy.py release`")),
    Case("page-added-in-archive", [write("docs/archive/2024-01-01.md", "# 隐私政策 {#privacy-policy}\n\n假的版本。\n")],
         Fails("Error reading 'docs/archive/2024-01-01.md': the file is not part of a release; expected only index.md, "
               "index.en.md and the files `python hooks/policy.py release` writes in docs/archive/<id>/ (index.md, "
               "index.en.md, changes.md, changes.en.md, inventory.yml)")),
    Case("page-added-in-a-release-folder", [write("docs/archive/2023-11-01/notes.md", "# 说明 {#notes}\n")],
         Fails("Error reading 'docs/archive/2023-11-01/notes.md': the file is not part of a release; expected only "
               "index.md, index.en.md and the files `python hooks/policy.py release` writes in docs/archive/<id>/ "
               "(index.md, index.en.md, changes.md, changes.en.md, inventory.yml)")),
    Case("svg-added-in-a-release-folder", [write("docs/archive/2023-11-01/a.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")],
         Fails("Error reading 'docs/archive/2023-11-01/a.svg': a .svg file is published as it is and a browser runs "
               "it; expected the policy's pages in Markdown (*.md), and images or stylesheets beside them")),
    Case("png-added-in-a-release-folder", [write("docs/archive/2023-11-01/a.png", "x")],
         Fails("Error reading 'docs/archive/2023-11-01/a.png': the file is not part of a release; expected only "
               "index.md, index.en.md and the files `python hooks/policy.py release` writes in docs/archive/<id>/ "
               "(index.md, index.en.md, changes.md, changes.en.md, inventory.yml)")),
    Case("manifest-hash-edited", [replace("data/versions.yml", "zh: 288230fc", "zh: 188230fc")],
         Fails("Error reading 'docs/archive/2023-11-01/index.md': its SHA-256 is {actual}, expected "
               "188230fc4b052a75243f51f32348b6701a2e16b56e25a89aff475f8d9bd28f0f as recorded in data/versions.yml; "
               "an archived version must never change (restore it from version control)")),
]


def output_of(case: Case, root: Path):
    if case.command[0] == "build":
        return mkdocs_build(root, env=case.env)
    return policy_py(root, *case.command, env=case.env)


def expected_message(case: Case, root: Path) -> str:
    """The case's message, with ``{actual}`` replaced by the SHA-256 of the file it names."""
    message = case.expect.message
    if "{actual}" in message:
        path = root / message.split("'")[1]
        message = message.format(actual=hashlib.sha256(path.read_bytes()).hexdigest())
    return message


def builds(case: Case) -> bool:
    """True when checking the case builds the site (everything but a mistake found while loading)."""
    return case.command[0] == "build" and not isinstance(case.expect, Fails)


@pytest.mark.parametrize("case", [pytest.param(case, marks=[pytest.mark.build] if builds(case) else [])
                                  for case in CASES], ids=[case.id for case in CASES])
def test_bad_input(site_copy, case):
    # A site built before, and a deploy checkout's dotfiles: a failed build must leave them as they were.
    if isinstance(case.expect, Warns):
        (site_copy / "site/.git").mkdir(parents=True)
        (site_copy / "site/.git/HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
        (site_copy / "site/index.html").write_text("<p>an earlier build</p>", encoding="utf-8")
    for change in case.changes:
        change(site_copy)
    before = digest(site_copy.parent)
    if case.command[0] == "build" and isinstance(case.expect, Fails):
        with pytest.raises(PolicyError) as caught:  # the build's on_config stops with this message
            load_as_build(site_copy, case.env)
        assert str(caught.value) == expected_message(case, site_copy)
        return
    result = output_of(case, site_copy)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, f"{result.reproduce}\n{output}"
    if isinstance(case.expect, Builds):
        assert result.returncode == 0, f"{result.reproduce}\n{output}"
        assert problems(result) == [], output
        if case.expect.check:
            case.expect.check(site_copy / "site")
        return
    assert result.returncode == 1, f"{result.reproduce}\n{output}"
    message = expected_message(case, site_copy)
    if case.command[0] != "build":
        assert result.stderr.strip() == f"policy.py {case.command[0]}: {message}"
        return
    assert problems(result) == [f"WARNING -  {message}"], output
    assert "Aborted with 1 warnings in strict mode!" in output.splitlines()
    assert digest(site_copy.parent) == before, "a failed build changed files"


def test_at_least_thirty_cases():
    assert len(CASES) >= 30
