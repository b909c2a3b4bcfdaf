"""The English pages against their Chinese originals: the same structure, and every defect marked.

The English adds no structure the Chinese lacks: each ``docs/X.en.md`` has the blocks of
``docs/X.md`` in the same order (headings with the same level, id and numbering, paragraphs,
list items, markers), so that "the same paragraph" in both languages is the same position.
Where ``check`` reports a cut-off (TXT-01) or a garble (TXT-02) in the Chinese, the English
paragraph at that position carries a translator's note in the one form of
``data/glossary.yml`` (``[the Chinese original …]``): a new garble in the original cannot be
smoothed over in the translation silently. Only the rule ids and the findings' path and line
are read, never their messages.
"""

from __future__ import annotations

import re
from pathlib import Path

from zhiqing.check.command import check_policy
from zhiqing.data.files import load_yaml, read_text
from zhiqing.pages.markdown import Block, read_blocks, split_front_matter

ROOT = Path(__file__).resolve().parent.parent
CUT_OFF_AND_GARBLE = ("TXT-01", "TXT-02")
CUT_OFF = "[the Chinese original ends here, mid-sentence]"
CHINESE_NUMERAL = "一二三四五六七八九"
ZH_NUMBERING = [  # (pattern, style): 一、 and 1、 are "N.", （一） and (一) are "(N)"
    (re.compile(r"^([一二三四五六七八九十]+)、"), "N."),
    (re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]"), "(N)"),
    (re.compile(r"^(\d+)、"), "N."),
]
EN_NUMBERING = [(re.compile(r"^(\d+(?:\.\d+)*)\.?\s"), "N."), (re.compile(r"^\((\d+)\)\s"), "(N)")]
# Square brackets in the English that are not a translator's note: a Markdown link's text, and
# 【特别提示】 (a label in lenticular brackets in the Chinese) rendered as [Special notice].
NOT_A_NOTE = ("[Special notice]",)
BRACKETED = re.compile(r"\[[^\[\]]*\](?!\()")
QUOTED = re.compile(r"reads “([^”]*)”")


def note_start(root: Path = ROOT) -> str:
    """What every translator's note starts with (``data/glossary.yml`` ``note.starts``)."""
    return load_yaml(root / "data" / "glossary.yml", root)["note"]["starts"]


def number(text: str) -> str:
    """A Chinese numeral up to 99 (``十二``) or digits as digits: ``二`` → ``2``."""
    if text.isdigit():
        return text
    tens, _, units = text.rpartition("十")
    value = (CHINESE_NUMERAL.index(tens) + 1 if tens else 1) * 10 if "十" in text else 0
    return str(value + (CHINESE_NUMERAL.index(units) + 1 if units else 0))


def numbering(text: str, language: str) -> str:
    """The number a heading or paragraph starts with, in the English form: ``1.``, ``(2)``,
    ``1.1.`` (a sub-number the Chinese never has), or ``""``."""
    for pattern, style in ZH_NUMBERING if language == "zh" else EN_NUMBERING:
        match = pattern.match(text)
        if match:
            value = number(match.group(1)) if language == "zh" else match.group(1)
            return style.replace("N", value)
    return ""


def blocks(root: Path, relative: str) -> list[Block]:
    """The blocks of a page (front matter left out; lines are the file's)."""
    _, body, offset = split_front_matter(read_text(root / relative, root))
    return read_blocks(body, offset, relative)


def shape(block: Block, language: str) -> str:
    """What must be equal in both languages: kind, level and id of a heading, numbering, marker."""
    if block.kind == "marker":
        return f"marker {block.text}"
    if block.kind == "heading":
        return f"h{block.level} #{block.anchor} {numbering(block.text, language) or 'unnumbered'}".rstrip()
    return f"{block.kind} {numbering(block.text, language) or 'unnumbered'}"


def page_pairs(root: Path) -> list[tuple[str, str]]:
    """``(docs/X.md, docs/X.en.md)`` of every current page (the history page included)."""
    docs = root / "docs"
    pages = sorted(docs.glob("*.md")) + [docs / "archive" / "index.md"]
    return [(path.relative_to(root).as_posix(), path.relative_to(root).as_posix()[:-3] + ".en.md")
            for path in pages if not path.name.endswith(".en.md")]


def structure_problems(root: Path = ROOT) -> list[str]:
    """One line per English block whose shape differs from the Chinese block at its position."""
    problems = []
    for zh_path, en_path in page_pairs(root):
        zh, en = blocks(root, zh_path), blocks(root, en_path)
        for index in range(max(len(zh), len(en))):
            if index >= len(en):
                problems.append(f"{en_path}: ends before “{shape(zh[index], 'zh')}” of {zh_path}:{zh[index].line}")
                break
            if index >= len(zh):
                problems.append(f"{en_path}:{en[index].line}: “{shape(en[index], 'en')}” has nothing in {zh_path}")
                break
            if shape(zh[index], "zh") != shape(en[index], "en"):
                problems.append(f"{en_path}:{en[index].line}: “{shape(en[index], 'en')}” where {zh_path}:"
                                f"{zh[index].line} has “{shape(zh[index], 'zh')}”")
                break  # the blocks after it are out of step
    return problems


def block_at(page: list[Block], line: int) -> int:
    """The index of the block of ``page`` that holds file line ``line`` (the last to start before it)."""
    return max(index for index, block in enumerate(page) if block.line <= line)


def note_problems(root: Path = ROOT) -> list[str]:
    """One line per Chinese paragraph with more TXT-01/TXT-02 findings than its English has notes.

    Each finding's Chinese block is found by its line; the English block at the same position
    (:func:`structure_problems` keeps them in step) must hold a note starting
    ``[the Chinese original`` per finding, and for a cut-off (TXT-01) the cut-off note itself.
    """
    start = note_start(root)
    findings: dict[tuple[str, int], list] = {}
    for finding in check_policy(root, CUT_OFF_AND_GARBLE):
        if finding.path.startswith("docs/") and finding.path.endswith(".md"):
            index = block_at(blocks(root, finding.path), finding.line)
            findings.setdefault((finding.path, index), []).append(finding)
    problems = []
    for (zh_path, index), found in findings.items():
        en_path = zh_path[:-3] + ".en.md"
        english = blocks(root, en_path)[index]
        notes = english.raw.count(start)
        rules = ", ".join(f"{finding.rule} at line {finding.line}" for finding in found)
        if notes < len(found):
            problems.append(f"{en_path}:{english.line}: {notes} translator's note(s) “{start}…]” for "
                            f"{len(found)} finding(s) of check in {zh_path} ({rules})")
        if any(finding.rule == "TXT-01" for finding in found) and CUT_OFF not in english.raw:
            problems.append(f"{en_path}:{english.line}: the Chinese is cut off ({zh_path}, {rules}) and the "
                            f"English does not say so with “{CUT_OFF}”")
    return problems


def test_the_english_pages_have_the_structure_of_the_chinese():
    assert structure_problems() == []


def test_a_heading_the_chinese_lacks_is_found(tmp_path):
    (tmp_path / "docs" / "archive").mkdir(parents=True)
    for name in ("archive/index.md", "archive/index.en.md"):
        (tmp_path / "docs" / name).write_text("# 历史版本 {#archive}\n", encoding="utf-8")
    (tmp_path / "docs" / "collection.md").write_text(
        "# 一、收集 {#collection}\n\n## 1、功能 {#collection-functions}\n\n正文。\n\n## （二）更新 {#collection-updates}\n",
        encoding="utf-8")
    (tmp_path / "docs" / "collection.en.md").write_text(
        "# 1. Collection {#collection}\n\n## 1.1 Functions {#collection-functions}\n\nText.\n\n"
        "## (2) Updates {#collection-updates}\n", encoding="utf-8")
    (tmp_path / "docs" / "storage.md").write_text("# 二、存储 {#storage}\n\n1、存储期限：一句。\n", encoding="utf-8")
    (tmp_path / "docs" / "storage.en.md").write_text(
        "# 2. Storage {#storage}\n\n1\\. Retention period: a sentence.\n\nAn added paragraph.\n", encoding="utf-8")
    assert structure_problems(tmp_path) == [
        "docs/collection.en.md:3: “h2 #collection-functions 1.1.” where docs/collection.md:3 has "
        "“h2 #collection-functions 1.”",
        "docs/storage.en.md:5: “paragraph unnumbered” has nothing in docs/storage.md",
    ]


def test_numbering_reads_both_languages():
    assert [numbering(text, "zh") for text in ("一、我们如何", "（二）个人信息", "(三) 公开", "5、设备", "十二、其他", "正文")] == [
        "1.", "(2)", "(3)", "5.", "12.", ""]
    assert [numbering(text, "en") for text in ("1. How we", "(2) Storage", "1.5 Invocation", "5. Invocation", "Text")] == [
        "1.", "(2)", "1.5.", "5.", ""]


def test_every_note_has_the_one_form_and_quotes_the_chinese():
    """Every bracketed note of the English starts as data/glossary.yml says, and what it quotes
    (“…” after ``reads``, ``……`` eliding a stretch) stands in the Chinese block at its position."""
    start, problems = note_start(), []
    for zh_path, en_path in page_pairs(ROOT):
        zh, en = blocks(ROOT, zh_path), blocks(ROOT, en_path)
        for index, block in enumerate(en):
            for note in BRACKETED.findall(block.raw):
                if note in NOT_A_NOTE:
                    continue
                if not note.startswith(start):
                    problems.append(f"{en_path}:{block.line}: “{note}” is not a note of the form “{start}…]”")
                for quoted in QUOTED.findall(note):
                    pattern = ".*?".join(re.escape(part) for part in quoted.split("……"))
                    if not re.search(pattern, zh[index].text):
                        problems.append(f"{en_path}:{block.line}: “{quoted}” is not in {zh_path}:{zh[index].line}")
    assert problems == []


def test_every_cut_off_and_garble_of_check_has_its_note_in_the_english():
    assert note_problems() == []
    # The test reads check's findings: the cut-off of section 五 is one of them.
    assert ("docs/minors.md", 8) in {(f.path, f.line) for f in check_policy(ROOT, CUT_OFF_AND_GARBLE)
                                     if f.rule == "TXT-01"}


def test_a_new_garble_or_cut_off_without_its_note_is_reported(site_copy):
    index = site_copy / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("请您在注册登录", "请您在注册登陆"), encoding="utf-8")
    updates = site_copy / "docs" / "updates.md"
    text = updates.read_text(encoding="utf-8")
    updates.write_text(text.replace("以便及时了解最新的隐私政策。", "以便及时了解最新的隐私政策，"), encoding="utf-8")
    minors = site_copy / "docs" / "minors.en.md"
    minors.write_text(minors.read_text(encoding="utf-8").replace(" [the Chinese original ends here, mid-sentence]", ""),
                      encoding="utf-8")
    assert note_problems(site_copy) == [
        "docs/index.en.md:14: 0 translator's note(s) “[the Chinese original …]” for 1 finding(s) of check in "
        "docs/index.md (TXT-02 at line 14)",
        "docs/minors.en.md:8: the Chinese is cut off (docs/minors.md, TXT-01 at line 8) and the English does not "
        "say so with “[the Chinese original ends here, mid-sentence]”",
        "docs/updates.en.md:10: 0 translator's note(s) “[the Chinese original …]” for 1 finding(s) of check in "
        "docs/updates.md (TXT-01 at line 10)",
        "docs/updates.en.md:10: the Chinese is cut off (docs/updates.md, TXT-01 at line 10) and the English does not "
        "say so with “[the Chinese original ends here, mid-sentence]”",
    ]
