"""Hostile and broken input: one line naming the file (and line, key or option), exit 1, nothing changed.

Each row breaks a copy of the site as an attacker or a careless editor might (links out of
the repository, YAML that expands to gigabytes, control characters, page names no URL can
hold, templates that compute, markup that runs, emptied pages, dates that end the archive),
then runs ``mkdocs build --strict -d <deploy folder>`` or ``python hooks/policy.py release``.
Every row asserts the exact message, that no traceback was printed, and that every byte of
the sources and of the deploy folder (``.git/``, ``.well-known/``, an earlier build) is as it
was before the run (the release lock file aside). The kinds are those of issue 10; killed
and concurrent releases are in ``test_release_faults.py``.
"""

from __future__ import annotations

import datetime
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from conftest import RELEASE_TODAY, ROOT, deploy_folder, digest, mkdocs_build, policy_py, problems

pytestmark = pytest.mark.build
RELEASE = ("release", "--effective", "2031-01-01", "--summary-zh", "修改。", "--summary-en", "Changed.",
           "--updated", "2030-12-01")
EXPECTED_MARKUP = ("expected text, links to web pages and the Markdown of the policy (a page of the policy may "
                   "not carry scripts, event handlers, styles, frames or forms)")
EXPECTED_ANCHOR = ("expected every value written out (anchors and aliases are refused: a few lines of them can "
                   "expand to gigabytes)")
EXPECTED_CONTROL = "expected text without control characters (tab and newline are allowed)"
LINK_EXPECTED = ("expected a regular file or folder: links are refused so that no file from outside the repository "
                 "reaches site/ (copy the file into the repository instead)")
NAME_EXPECTED = ("cannot be a URL of the site; expected lowercase ASCII letters, digits and hyphens (such as "
                 "'faq' or 'third-parties'), since data/published-urls.txt keeps every URL the site publishes")
TEMPLATE_EXPECTED = "expected a key of data/operator.yml such as operator.handler.name"
# The lines of the shipped data/versions.yml.
VERSIONS_LINES = len((ROOT / "data" / "versions.yml").read_text(encoding="utf-8").splitlines())
MACROS_LINES = len((ROOT / "overrides" / "policy" / "macros.html").read_text(encoding="utf-8").splitlines())

BILLION_LAUGHS = "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9) if previous else ', '.join(['lol'] * 9)}]\n"
    for previous, name in zip([""] + list("abcdefgh"), "abcdefghi"))


# --- changes ----------------------------------------------------------------------------------

def replace(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return change


def append(relative: str, text: str) -> Callable[[Path], None]:
    return lambda root: (root / relative).write_bytes((root / relative).read_bytes() + text.encode("utf-8"))


def write(relative: str, data: bytes) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(data)
    return change


def link(relative: str, target: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        if (root / relative).exists():
            (root / relative).unlink()
        os.symlink(target, root / relative)
    return change


def fifo(relative: str) -> Callable[[Path], None]:
    """Put a FIFO at ``relative`` (in place of the file a release leaves there, such as its lock)."""
    def change(root: Path) -> None:
        (root / relative).unlink(missing_ok=True)
        os.mkfifo(root / relative)
    return change


def nav_page(name: str) -> Callable[[Path], None]:
    """A page ``name`` (and its translation) listed in nav."""
    def change(root: Path) -> None:
        stem = name[:-3]
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text("# 常见问题 {#faq}\n\n说明。\n", encoding="utf-8")
        (root / "docs" / f"{stem}.en.md").write_text("# FAQ {#faq}\n\nText.\n", encoding="utf-8")
        replace("mkdocs.yml", "  - archive/index.md\n", f"  - archive/index.md\n  - {name}\n")(root)
    return change


def hard_link(relative: str, target: str) -> Callable[[Path], None]:
    return lambda root: os.link(root / target, root / relative)


def make_folder(relative: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        if (root / relative).is_file():
            (root / relative).unlink()
        (root / relative).mkdir(parents=True)
    return change


def read_only(relative: str) -> Callable[[Path], None]:
    return lambda root: (root / relative).chmod(0o444)


EDIT = replace("docs/contact.md", "15 天内", "15 个工作日内")  # an edit to release


# --- the table --------------------------------------------------------------------------------

@dataclass
class Row:
    id: str
    changes: list
    message: str
    command: tuple = ("build",)
    env: dict = field(default_factory=dict)


def page_refuses(line: int, what: str, page: str = "docs/contact.md") -> str:
    return (f"Error reading '{page}': line {line} uses {what}, which a page may not use; expected a key of "
            f"data/operator.yml such as {{{{ operator.handler.name }}}}, with if/else, or, and ~")


ROWS = [
    # links and special files
    Row("link-to-proc-environ", [link("docs/assets/env.txt", "/proc/self/environ")],
        f"Error reading 'docs/assets/env.txt': it is a symbolic link (to /proc/self/environ); {LINK_EXPECTED}"),
    Row("link-to-a-folder-outside", [link("docs/assets/etc", "/etc")],
        f"Error reading 'docs/assets/etc': it is a symbolic link (to /etc); {LINK_EXPECTED}"),
    Row("link-inside-the-repository", [link("docs/assets/operator.txt", "../../data/operator.yml")],
        f"Error reading 'docs/assets/operator.txt': it is a symbolic link (to ../../data/operator.yml); {LINK_EXPECTED}"),
    Row("link-in-overrides", [link("overrides/assets/passwd.txt", "/etc/passwd")],
        f"Error reading 'overrides/assets/passwd.txt': it is a symbolic link (to /etc/passwd); {LINK_EXPECTED}"),
    Row("data-file-as-link", [link("data/operator.yml", "/proc/self/environ")],
        f"Error reading 'data/operator.yml': it is a symbolic link (to /proc/self/environ); {LINK_EXPECTED}"),
    Row("snapshot-as-link", [link("docs/archive/2023-11-01/index.en.md", "../../index.en.md")],
        f"Error reading 'docs/archive/2023-11-01/index.en.md': it is a symbolic link (to ../../index.en.md); "
        f"{LINK_EXPECTED}"),
    Row("fifo-in-docs", [fifo("docs/assets/pipe")],
        "Error reading 'docs/assets/pipe': it is not a regular file (a pipe, socket or device); expected a regular "
        "file or folder"),
    Row("link-refused-by-release-too", [EDIT, link("docs/assets/env.txt", "/proc/self/environ")],
        f"Error reading 'docs/assets/env.txt': it is a symbolic link (to /proc/self/environ); {LINK_EXPECTED}",
        command=RELEASE),

    # YAML that expands
    Row("billion-laughs-in-operator", [write("data/operator.yml", BILLION_LAUGHS.encode())],
        f"Error reading 'data/operator.yml': line 1 column 4 uses the YAML anchor '&a'; {EXPECTED_ANCHOR}"),
    Row("merge-key-in-inventory", [replace("data/inventory.yml", "collected:\n", "x: &x {a: 1}\ncollected:\n")],
        f"Error reading 'data/inventory.yml': line 18 column 4 uses the YAML anchor '&x'; {EXPECTED_ANCHOR}"),
    # The alias is on the line after the shipped manifest's last (which grows with every release).
    Row("alias-in-versions", [append("data/versions.yml", "x: *y\n")],
        f"Error reading 'data/versions.yml': line {VERSIONS_LINES + 1} column 4 uses the YAML alias '*y'; "
        f"{EXPECTED_ANCHOR}"),
    Row("anchor-in-front-matter", [replace("docs/minors.md", "policy: section", "policy: &k section")],
        f"Error reading 'docs/minors.md': line 2 column 9 uses the YAML anchor '&k'; {EXPECTED_ANCHOR}"),
    Row("laughs-in-a-page-outside-nav", [write("docs/notes.md", f"---\n{BILLION_LAUGHS}---\n\n# x\n".encode())],
        f"Error reading 'docs/notes.md': line 2 column 4 uses the YAML anchor '&a'; {EXPECTED_ANCHOR}"),

    Row("flow-nesting-that-crashes-libyaml", [write("data/operator.yml", ("x: " + "[" * 100000 + "]" * 100000 + "\n").encode())],
        "Error reading 'data/operator.yml': line 1 column 35 nests values more than 32 levels deep; expected at most "
        "32 (the data files need 5)"),
    Row("block-nesting-that-exhausts-recursion",
        [write("data/inventory.yml", "".join(" " * level + f"k{level}:\n" for level in range(40)).encode())],
        "Error reading 'data/inventory.yml': line 33 column 33 nests values more than 32 levels deep; expected at most "
        "32 (the data files need 5)"),
    Row("nesting-in-front-matter", [replace("docs/minors.md", "policy: section", "policy: " + "[" * 5000 + "]" * 5000)],
        "Error reading 'docs/minors.md': line 2 column 40 nests values more than 32 levels deep; expected at most "
        "32 (the data files need 5)"),

    # control and invisible characters
    Row("escaped-control-in-data", [replace("data/operator.yml", 'name: {zh: "", en: ""}', 'name: {zh: "a\\x01", en: ""}')],
        f"Error reading 'data/operator.yml': line 7 key 'handler.name.zh' holds the control character U+0001; "
        f"{EXPECTED_CONTROL}"),
    Row("raw-next-line-in-data", [replace("data/operator.yml", 'name: {zh: "", en: ""}', 'name: {zh: "a\x85b", en: ""}')],
        f"Error reading 'data/operator.yml': line 7 column 16 holds the control character U+0085; {EXPECTED_CONTROL}"),
    Row("invisible-only-data", [replace("data/operator.yml", 'name: {zh: "", en: ""}', 'name: {zh: "\\u200b", en: ""}')],
        "Error reading 'data/operator.yml': line 7 key 'handler.name.zh' holds only invisible characters ('\\u200b'); "
        "expected visible text, or \"\" for none"),
    Row("delete-character-in-page", [replace("docs/minors.md", "监护人", "监护\x7f人")],
        f"Error reading 'docs/minors.md': line 8 column 66 holds the control character U+007F; {EXPECTED_CONTROL}"),
    Row("nul-in-summary", [EDIT], f"release refused: --summary-zh holds the control character U+0000; {EXPECTED_CONTROL}",
        command=("release", "--effective", "2031-01-01", "--summary-zh", "a\x00b", "--summary-en", "x")),
    Row("control-in-summary", [EDIT], f"release refused: --summary-en holds the control character U+0001; "
                                      f"{EXPECTED_CONTROL}",
        command=("release", "--effective", "2031-01-01", "--summary-zh", "改", "--summary-en", "a\x01")),
    Row("next-line-in-summary", [EDIT], f"release refused: --summary-zh holds the control character U+0085; "
                                        f"{EXPECTED_CONTROL}",
        command=("release", "--effective", "2031-01-01", "--summary-zh", "改\x85", "--summary-en", "x")),
    Row("delete-in-summary", [EDIT], f"release refused: --summary-zh holds the control character U+007F; "
                                     f"{EXPECTED_CONTROL}",
        command=("release", "--effective", "2031-01-01", "--summary-zh", "\x7f改", "--summary-en", "x")),
    Row("invisible-summary", [EDIT], "release refused: --summary-en holds only invisible characters ('\\u200b\\u3000'); "
                                     "expected visible text",
        command=("release", "--effective", "2031-01-01", "--summary-zh", "改", "--summary-en", "\u200b\u3000")),
    Row("summary-not-utf8", [EDIT], "release refused: --summary-zh holds a byte that is not UTF-8 (0xff); "
                                    "expected UTF-8 text",
        command=("release", "--effective", "2031-01-01", "--summary-zh", "改\udcff", "--summary-en", "x")),

    # page names the URL ledger cannot hold
    Row("page-name-with-space-and-han", [nav_page("FAQ 说明.md")], f"Error reading 'docs/FAQ 说明.md': the name "
                                                                    f"'FAQ 说明' {NAME_EXPECTED}"),
    Row("page-name-uppercase", [nav_page("Guide.md")], f"Error reading 'docs/Guide.md': the name 'Guide' {NAME_EXPECTED}"),
    Row("page-name-underscore", [nav_page("third_parties.md")],
        f"Error reading 'docs/third_parties.md': the name 'third_parties' {NAME_EXPECTED}"),
    Row("folder-name-with-dot", [nav_page("v1.2/faq.md")], f"Error reading 'docs/v1.2/faq.md': the name 'v1.2' {NAME_EXPECTED}"),
    Row("page-name-refused-by-release", [EDIT, nav_page("FAQ 说明.md")],
        f"Error reading 'docs/FAQ 说明.md': the name 'FAQ 说明' {NAME_EXPECTED}", command=RELEASE),

    # templates that compute
    Row("division-by-zero", [append("docs/contact.md", "\n{{ 1/0 }}\n")], page_refuses(14, "arithmetic ('/')")),
    Row("recursive-macro", [append("docs/contact.md", "\n{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}\n")],
        page_refuses(14, "{% macro %}")),
    Row("huge-range", [append("docs/contact.md", "\n{% for i in range(10**9) %}x{% endfor %}\n")],
        page_refuses(14, "{% for %} (a loop)")),
    Row("string-method", [append("docs/contact.md", '\n{{ "x".ljust(900000000) }}\n')],
        page_refuses(14, "a call of a function or method")),
    Row("format-method", [append("docs/contact.md", '\n{{ "{:>900000000}".format(1) }}\n')],
        page_refuses(14, "a call of a function or method")),
    Row("set-and-join", [append("docs/contact.md", '\n{% set x = "x" %}{{ [x, x]|join }}\n')],
        page_refuses(14, "{% set %}")),
    Row("control-character-from-a-literal", [append("docs/contact.md", '\n{{ "\\x01" }}\n')],
        "Error reading 'docs/contact.md': line 14 makes the control character U+0001; " + EXPECTED_CONTROL),
    Row("huge-string-by-filter", [append("docs/contact.md", '\n{{ "x"|center(1000000000) }}\n')],
        "Error reading 'docs/contact.md': line 14 has a template error: No filter named 'center'.; expected a "
        "variable such as {{ operator.handler.name }}"),
    Row("include", [append("docs/contact.md", '\n{% include "x.html" %}\n')], page_refuses(14, "{% include %}")),
    Row("versions-read-only", [EDIT, read_only("data/versions.yml")],
        "release refused: 'data/versions.yml' is read-only; expected the release's files to be writable (nothing "
        "was written)", command=RELEASE),
    Row("ledger-read-only", [EDIT, read_only("data/published-urls.txt")],
        "release refused: 'data/published-urls.txt' is read-only; expected the release's files to be writable "
        "(nothing was written)", command=RELEASE),

    # markup that changes what the page does
    Row("title-breaking-out-of-a-link",
        [replace("docs/minors.md", "# 五、未成年人的个人信息保护 {#minors}", "# 五、未成年人](javascript:alert(1)) [ {#minors}")],
        f"Error reading 'docs/minors.md': line 6 has a link to javascript: URL; {EXPECTED_MARKUP}"),
    Row("script-element", [append("docs/rights.md", "\n<script>alert(1)</script>\n")],
        f"Error reading 'docs/rights.md': line 12 has a <script> element; {EXPECTED_MARKUP}"),
    Row("event-handler", [append("docs/rights.md", '\n<p onclick="alert(1)">点击</p>\n')],
        f"Error reading 'docs/rights.md': line 12 has the event handler attribute onclick= on <p>; {EXPECTED_MARKUP}"),
    Row("image-onerror", [append("docs/rights.md", "\n<img src=x onerror=alert(1)>\n")],
        f"Error reading 'docs/rights.md': line 12 has the event handler attribute onerror= on <img>; {EXPECTED_MARKUP}"),
    Row("style-attribute", [append("docs/rights.md", '\n<span style="display:none">隐藏条款</span>\n')],
        f"Error reading 'docs/rights.md': line 12 has the attribute style= on <span>; {EXPECTED_MARKUP}"),
    Row("markdown-javascript-link", [append("docs/rights.md", "\n[详情](JaVaScRiPt:alert(1))\n")],
        f"Error reading 'docs/rights.md': line 12 has a link to javascript: URL; {EXPECTED_MARKUP}"),
    Row("encoded-javascript-href", [append("docs/rights.md", '\n<a href="java&#115;cript:alert(1)">x</a>\n')],
        f"Error reading 'docs/rights.md': line 12 has a javascript: URL in href= on <a>; {EXPECTED_MARKUP}"),
    Row("reference-javascript-link", [append("docs/rights.md", "\n[详情][x]\n\n[x]: javascript:alert(1)\n")],
        f"Error reading 'docs/rights.md': line 14 has a link to javascript: URL; {EXPECTED_MARKUP}"),
    Row("iframe", [append("docs/rights.md", '\n<iframe src="/"></iframe>\n')],
        f"Error reading 'docs/rights.md': line 12 has a <iframe> element; {EXPECTED_MARKUP}"),
    Row("script-in-the-archive-page", [append("docs/archive/index.md", "\n<script>alert(1)</script>\n")],
        f"Error reading 'docs/archive/index.md': line 11 has a <script> element; {EXPECTED_MARKUP}"),

    # emptied pages
    Row("zero-byte-page", [write("docs/minors.md", b"")],
        "Error reading 'docs/minors.md': the page has no text; expected its title ('# …') and its text (to drop a "
        "page, remove it from nav and declare a redirect for its URL)"),
    Row("zero-byte-page-refused-by-release", [EDIT, write("docs/minors.md", b"")],
        "Error reading 'docs/minors.md': the page has no text; expected its title ('# …') and its text (to drop a "
        "page, remove it from nav and declare a redirect for its URL)", command=RELEASE),
    Row("title-only-page", [write("docs/minors.md", "---\npolicy: section\n---\n\n# 五、未成年人的个人信息保护 {#minors}\n".encode())],
        "Error reading 'docs/minors.md': the page has only headings; expected the text of '五、未成年人的个人信息保护' "
        "under its title"),
    Row("front-matter-lost", [replace("docs/minors.md", "---\npolicy: section\ncovers: [minors]\n---\n", "")],
        "Error reading 'docs/minors.md': the front matter has no 'policy' key; expected 'policy: section' as in "
        "'docs/minors.en.md'"),

    # found by an outsider's attack (a second round)
    Row("markup-in-front-matter-title", [replace("docs/rights.md", "policy: section", "policy: section\ntitle: '<script>x()</script>'")],
        "Error reading 'docs/rights.md': front matter 'title' is '<script>x()</script>', which holds markup; expected "
        "plain text (the theme writes it into the HTML of every page as it is)"),
    Row("comment-that-browsers-end-at-once", [append("docs/rights.md", '\n<!--> <script>x()</script> -->\n')],
        f"Error reading 'docs/rights.md': line 12 has the markup '<!-->', which browsers read otherwise than it looks; "
        f"{EXPECTED_MARKUP}"),
    Row("cdata-section", [append("docs/rights.md", "\n<![CDATA[ ><img src=x onerror=x()> ]]>\n")],
        f"Error reading 'docs/rights.md': line 12 has the markup '<![CDATA[', which browsers read otherwise than it "
        f"looks; {EXPECTED_MARKUP}"),
    Row("html-file-in-docs", [write("docs/evil.html", b"<script>x()</script>")],
        "Error reading 'docs/evil.html': a .html file is published as it is and a browser runs it; expected the "
        "policy's pages in Markdown (*.md), and images or stylesheets beside them"),
    Row("svg-in-assets", [write("docs/assets/e.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>x()</script></svg>")],
        "Error reading 'docs/assets/e.svg': a .svg file is published as it is and a browser runs it; expected the "
        "policy's pages in Markdown (*.md), and images or stylesheets beside them"),
    Row("markdown-not-named-md", [write("docs/faq.markdown", "# FAQ\n\n\x01\n".encode())],
        "Error reading 'docs/faq.markdown': a file named like a page (.markdown); expected pages as files named *.md"),
    Row("folder-named-like-a-page", [make_folder("docs/x.md")],
        "Error reading 'docs/x.md': a folder named like a page (.md); expected pages as files named *.md"),
    Row("front-matter-closed-by-dots", [write("docs/notes.md", f"---\n{BILLION_LAUGHS}title: *i\n...\n\n# x\n".encode())],
        f"Error reading 'docs/notes.md': line 2 column 4 uses the YAML anchor '&a'; {EXPECTED_ANCHOR}"),
    Row("hard-link-to-another-file", [hard_link("docs/assets/operator.txt", "data/operator.yml")],
        "Error reading 'docs/assets/operator.txt': it is a hard link, one of 2 names of the same file; expected a file of its "
        "own (a hard link can bring a file from outside the repository into site/; copy it instead)"),
    Row("section-empty-but-for-a-variable", [write("docs/rights.md", "---\npolicy: section\n---\n\n# 四、您如何行使个人信息权利 {#rights}\n\n{{ \"\" }}\n".encode())],
        "Error reading 'docs/rights.md': the page has no text under its headings once its variables are filled in; "
        "expected the section's text"),
    Row("section-empty-but-for-a-comment-and-a-rule", [write("docs/rights.md", "---\npolicy: section\n---\n\n# 四、您如何行使个人信息权利 {#rights}\n\n<!-- x -->\n\n---\n\n&nbsp;\n".encode())],
        "Error reading 'docs/rights.md': the page has no text under its headings once its variables are filled in; "
        "expected the section's text"),
    Row("summary-of-a-variation-selector", [EDIT], "release refused: --summary-en holds only invisible characters "
                                                   "('\ufe0f\u0301'); expected visible text",
        command=("release", "--effective", "2031-01-01", "--summary-zh", "改", "--summary-en", "\ufe0f\u0301")),
    Row("summary-with-a-bidi-override", [EDIT], "release refused: --summary-en holds the bidirectional control U+202E, "
                                                "which reorders what a reader sees; expected text in its reading order",
        command=("release", "--effective", "2031-01-01", "--summary-zh", "改", "--summary-en", "a\u202eb")),
    Row("schema-not-json", [write("schemas/operator.schema.json", b"{")],
        "Error reading 'schemas/operator.schema.json': line 1 column 2 is not valid JSON (Expecting property name "
        "enclosed in double quotes); expected the schema as shipped (restore it from version control)"),
    Row("data-file-as-folder", [make_folder("data/versions.yml")],
        "Error reading 'data/versions.yml': it is a folder; expected a file"),
    Row("macros-broken", [append("overrides/policy/macros.html", "{% macro x( %}")],
        # The appended line: the one after the shipped file's last.
        f"Error reading 'overrides/policy/macros.html': line {MACROS_LINES + 1} has a template error: expected token 'name', got "
        "'%'; expected the macros as shipped (restore them from version control)"),
    Row("data-file-of-megabytes", [append("data/operator.yml", "# " + "x" * 2_100_000 + "\n")],
        "Error reading 'data/operator.yml': the file is 2,101,493 bytes; expected at most 2,000,000 (the policy's "
        "largest file is about 40,000)"),
    Row("escape-sequence-in-a-key", [append("data/operator.yml", '"\\e[31mRED": 1\n')],
        "Error reading 'data/operator.yml': line 26 has the key '\\x1b[31mRED', which holds the control character "
        "U+001B; " + EXPECTED_CONTROL),
    Row("export-over-the-manifest", [], "拒绝导出：--output 'data/versions.yml' 位于仓库的源文件中；应写到源文件之外"
                                        "（如仓库根目录下的 wechat-privacy.json 或其他位置）",
        command=("export", "wechat", "--output", "data/versions.yml")),
    Row("export-over-the-manifest-in-english", [], "export refused: --output 'data/versions.yml' is in the repository's "
                                                   "sources; expected a file outside them (e.g. wechat-privacy.json in "
                                                   "the repository root or elsewhere)",
        command=("export", "wechat", "--lang", "en", "--output", "data/versions.yml")),
    Row("usage-mistake", [], "the following arguments are required: --effective; expected the arguments "
                             "`python hooks/policy.py release --help` lists", command=("release",)),

    # a third round
    Row("journal-moving-a-file-from-outside",
        [write("data/.release-journal.json",
               b'{"release": "2023-11-01", "moves": [["/etc/hostname", "docs/assets/notes.txt"]]}')],
        "Error reading 'data/.release-journal.json': it is not a journal release writes; expected the renames of one "
        "release, or no journal (remove it if no release was interrupted)"),
    Row("journal-nested-deep", [write("data/.release-journal.json", ('{"release": "x", "moves": ' + "[" * 200000
                                                                    + "]" * 200000 + "}").encode())],
        "Error reading 'data/.release-journal.json': it is not a journal release writes; expected the renames of one "
        "release, or no journal (remove it if no release was interrupted)"),
    Row("journal-as-fifo", [fifo("data/.release-journal.json")],
        "Error reading 'data/.release-journal.json': it is not a regular file; expected the file release makes "
        "(remove it when no release is running)"),
    Row("lock-as-fifo", [fifo("data/.release.lock")],
        "Error reading 'data/.release.lock': it is not a regular file; expected the file release makes (remove it "
        "when no release is running)"),
    Row("lock-as-folder-in-release", [EDIT, make_folder("data/.release.lock")],
        "Error reading 'data/.release.lock': it is not a regular file; expected the file release makes (remove it "
        "when no release is running)", command=RELEASE),
    Row("link-in-another-theme-folder", [lambda root: __import__("shutil").copytree(root / "overrides", root / "theme2"),
                                         link("theme2/passwd.txt", "/etc/passwd"),
                                         replace("mkdocs.yml", "custom_dir: overrides", "custom_dir: theme2")],
        f"Error reading 'theme2/passwd.txt': it is a symbolic link (to /etc/passwd); {LINK_EXPECTED}"),
    Row("image-from-another-host-unquoted", [append("docs/rights.md", "\n<img src=https://evil.example/t.gif alt=x>\n")],
        "Error reading 'docs/rights.md': line 12 loads https://evil.example/t.gif from another host; expected every "
        "image, script and stylesheet to be in docs/ (no page may contact another host)"),
    Row("image-from-another-host-entity-slashes", [append("docs/rights.md", '\n<img src="&#47;&#47;evil.example/e.gif">\n')],
        "Error reading 'docs/rights.md': line 12 loads //evil.example/e.gif from another host; expected every "
        "image, script and stylesheet to be in docs/ (no page may contact another host)"),
    Row("image-from-another-host-backslash", [append("docs/rights.md", '\n<img src="/\\evil.example/b.gif">\n')],
        "Error reading 'docs/rights.md': line 12 loads /\\evil.example/b.gif from another host; expected every "
        "image, script and stylesheet to be in docs/ (no page may contact another host)"),
    Row("video-poster-from-another-host", [append("docs/rights.md", "\n<video poster=https://evil.example/p.jpg></video>\n")],
        "Error reading 'docs/rights.md': line 12 loads https://evil.example/p.jpg from another host; expected every "
        "image, script and stylesheet to be in docs/ (no page may contact another host)"),
    Row("markdown-image-by-reference", [append("docs/rights.md", "\n![x][logo]\n\n[logo]: https://evil.example/l.png\n")],
        "Error reading 'docs/rights.md': line 12 loads https://evil.example/l.png from another host; expected every "
        "image, script and stylesheet to be in docs/ (no page may contact another host)"),
    Row("release-refuses-a-load-from-another-host",
        [EDIT, append("docs/rights.md", "\n<img src=https://evil.example/q.gif alt=x>\n")],
        "Error reading 'docs/rights.md': line 12 loads https://evil.example/q.gif from another host; expected every "
        "image, script and stylesheet to be in docs/ (no page may contact another host)", command=RELEASE),
    Row("right-to-left-mark-in-summary", [EDIT], "release refused: --summary-zh holds the bidirectional control U+200F, "
                                                 "which reorders what a reader sees; expected text in its reading order",
        command=("release", "--effective", "2031-01-01", "--summary-zh", "修改\u200f了", "--summary-en", "x")),
    Row("laughs-in-mkdocs-yml-for-release", [EDIT, append("mkdocs.yml", "\n" + BILLION_LAUGHS)],
        f"Error reading 'mkdocs.yml': line 112 column 4 uses the YAML anchor '&a'; {EXPECTED_ANCHOR}", command=RELEASE),

    # dates that end the archive
    Row("effective-9999", [EDIT], "release refused: effective date 9999-12-31 is more than 366 days after today "
                                  "2030-12-16; expected a date up to 2031-12-17 (every later release must take effect "
                                  "after it)",
        command=("release", "--effective", "9999-12-31", "--summary-zh", "改", "--summary-en", "x")),
    Row("effective-a-year-and-two-days-ahead", [EDIT], "release refused: effective date 2031-12-18 is more than 366 "
                                                       "days after today 2030-12-16; expected a date up to 2031-12-17 "
                                                       "(every later release must take effect after it)",
        command=("release", "--effective", "2031-12-18", "--summary-zh", "改", "--summary-en", "x")),
]


def without_lock(tree: dict[str, str]) -> dict[str, str]:
    return {key: value for key, value in tree.items() if key != "site-src/data/.release.lock"}


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_hostile_input_is_refused_in_one_line_and_changes_nothing(site_copy, tmp_path, row):
    deploy_folder(tmp_path / "deploy")
    for change in row.changes:
        change(site_copy)
    before = digest(tmp_path)
    started = time.perf_counter()
    if row.command[0] == "build":
        result = mkdocs_build(site_copy, "-d", str(tmp_path / "deploy"), env=RELEASE_TODAY)
        seen = problems(result)
        expected = [f"ERROR   -  {row.message}"]
    else:
        result = policy_py(site_copy, *row.command, env=RELEASE_TODAY)
        seen = result.stderr.splitlines()
        expected = [f"policy.py {row.command[0]}: {row.message}"]
    elapsed = time.perf_counter() - started
    for path in (site_copy / "data/versions.yml", site_copy / "data/published-urls.txt"):
        path.chmod(0o644)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert (result.returncode, seen) == (1, expected), result.reproduce
    assert without_lock(digest(tmp_path)) == without_lock(before), "the run changed files"
    assert elapsed < 10, f"{row.id} took {elapsed:.1f} s"


def test_at_least_forty_rows():
    assert len(ROWS) >= 40


def test_the_day_of_release_rows_is_before_their_horizon():
    today = datetime.date(2030, 12, 16)
    assert datetime.datetime.fromtimestamp(int(RELEASE_TODAY["SOURCE_DATE_EPOCH"]), datetime.timezone.utc).date() == today
