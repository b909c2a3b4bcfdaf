"""The rule catalogue, ``RULES.md`` (Chinese) and ``RULES.en.md``: ``python hooks/policy.py rules``.

Both files are made from ``data/rules/rules.yml`` alone (each rule's ``title``,
``requirement``, ``source``, ``severity`` and ``looks_at``), so that what a compliance
officer reads is what ``check`` applies; ``tests/check/test_rule_catalogue.py`` fails when a
committed file differs from what this module makes. One table a family, in the order of
:data:`FAMILIES`; within a family, the order of ``rules.yml``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from zhiqing.check.engine import load_rules
from zhiqing.errors import PolicyError
from zhiqing.languages import DEFAULT_LANGUAGE, LANGUAGES

# language -> the catalogue's file, relative to the repository root
FILES = {"zh": "RULES.md", "en": "RULES.en.md"}

# rule-id prefix -> the family's name (the order of the tables, the order `check` runs them in)
FAMILIES = {
    "META": {"zh": "个人信息处理者和隐私政策的基本信息", "en": "The handler and the policy itself"},
    "COL": {"zh": "个人信息的收集和使用", "en": "Collection and use"},
    "SHR": {"zh": "委托处理、共享和转移", "en": "Entrusting, sharing and transfer"},
    "RGT": {"zh": "个人的权利", "en": "Individuals' rights"},
    "MIN": {"zh": "未成年人的个人信息", "en": "Children"},
    "TXT": {"zh": "文本质量", "en": "The text"},
    "UPD": {"zh": "隐私政策的更新", "en": "Updates"},
    "WX": {"zh": "微信小程序", "en": "WeChat mini programs"},
}

SEVERITY_NAMES = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}

# a family's heading: its name and its prefix
HEADINGS = {"zh": "## {name}（{prefix}）", "en": "## {name} ({prefix})"}

COLUMNS = {
    "zh": ("编号", "标题", "要求", "法律依据", "严重程度", "检查内容"),
    "en": ("Id", "Title", "Requirement", "Legal source", "Severity", "What it reads"),
}

INTRO = {
    "zh": """\
<!-- 本文件由 data/rules/rules.yml 生成，请勿手工修改；修改 rules.yml 后运行：python hooks/policy.py rules --write -->

# 合规检查规则目录

`python hooks/policy.py check` 的全部 {count} 条规则，按类别列出。本目录由 `data/rules/rules.yml` 生成；
各规则如何检查，见 `hooks/zhiqing/check/` 中对应函数的说明。English: [RULES.en.md](RULES.en.md)。

严重程度：**错误**，`check` 以退出码 1 结束（发布工作流仅在 `POLICY_CHECK_BLOCKING` 为 true 时因此停止部署）；**警告**，需要复核；**提示**，仅供参考。

法律依据的写法：PIPL 指《中华人民共和国个人信息保护法》，“Art. 17 ¶1(二)”指第十七条第一款第（二）项，
“¶2”指第二款；《App违法违规收集使用个人信息行为认定方法》“二(1)”指第二部分第1项。
GB/T 35273-2020《信息安全技术 个人信息安全规范》是推荐性国家标准，仅以其为依据的规则不作为错误。
""",
    "en": """\
<!-- Generated from data/rules/rules.yml: do not edit. After editing rules.yml, run: python hooks/policy.py rules --write -->

# The compliance check's rules

The {count} rules of `python hooks/policy.py check`, family by family. This catalogue is made
from `data/rules/rules.yml`; how each rule checks is the docstring of its function in
`hooks/zhiqing/check/`. 中文：[RULES.md](RULES.md).

Severity: **error** makes `check` exit 1 (the publish workflow stops deploying on it only when `POLICY_CHECK_BLOCKING` is true); **warning** asks for a look; **info** is advice.

How sources are written: PIPL is the Personal Information Protection Law
(《中华人民共和国个人信息保护法》); “Art. 17 ¶1(二)” is Article 17, paragraph 1, item (二), and
“¶2” paragraph 2; in 《App违法违规收集使用个人信息行为认定方法》, “二(1)” is part 二, item 1.
GB/T 35273-2020 (the Personal Information Security Specification) is a recommended standard: a
rule that rests on it alone is never an error.
""",
}


def cell(text: str) -> str:
    """``text`` as one cell of a Markdown table: on one line, ``|`` escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def render(catalogue: dict, language: str) -> str:
    """The catalogue in ``language`` (``zh`` or ``en``) as Markdown text, ending in one newline.

    ``catalogue`` is ``data/rules/rules.yml`` as loaded (rule id -> ``{severity, source,
    title, requirement, looks_at}``, the last three ``{zh, en}``). Raises ValueError for a
    language other than those of :data:`FILES`, or a rule id whose family is not in
    :data:`FAMILIES` (the schema refuses both before this runs).
    """
    if language not in FILES:
        raise ValueError(f"no catalogue in {language!r}; expected one of {', '.join(FILES)}")
    by_family: dict[str, list[str]] = {prefix: [] for prefix in FAMILIES}
    for rule_id in catalogue:
        prefix = rule_id.split("-")[0]
        if prefix not in by_family:
            raise ValueError(f"rule {rule_id}: no family {prefix}; expected one of {', '.join(FAMILIES)}")
        by_family[prefix].append(rule_id)
    lines = [INTRO[language].format(count=len(catalogue))]
    columns = COLUMNS[language]
    for prefix, rule_ids in by_family.items():
        if not rule_ids:
            continue
        lines += [HEADINGS[language].format(name=FAMILIES[prefix][language], prefix=prefix), "",
                  "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        for rule_id in rule_ids:
            entry = catalogue[rule_id]
            row = (rule_id, entry["title"][language], entry["requirement"][language], entry["source"],
                   SEVERITY_NAMES[language][entry["severity"]], entry["looks_at"][language])
            lines.append("| " + " | ".join(cell(value) for value in row) + " |")
        lines.append("")
    return "\n".join(lines)


def catalogues(root: Path) -> tuple[int, dict[str, str]]:
    """``(number of rules, {file: text})``: every catalogue, made from the rule files under ``root``.

    Raises PolicyError (file and key) when a file of ``data/rules/`` does not load.
    """
    catalogue = load_rules(root).catalogue
    return len(catalogue), {FILES[language]: render(catalogue, language) for language in LANGUAGES}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``python hooks/policy.py rules``."""
    parser.add_argument("--lang", choices=tuple(FILES),
                        help=f"the catalogue's language (default: {DEFAULT_LANGUAGE}; with --write: both)")
    parser.add_argument("--write", action="store_true",
                        help=f"write {' and '.join(FILES.values())} at the repository root instead of printing")


def run(args: argparse.Namespace, root: Path) -> int:
    """Print the catalogue in ``--lang``, or with ``--write`` write the file(s); return 0.

    Raises PolicyError when a rule file does not load or a catalogue cannot be written.
    """
    count, made = catalogues(root)
    if not args.write:
        print(made[FILES[args.lang or DEFAULT_LANGUAGE]], end="")
        return 0
    names = [FILES[args.lang]] if args.lang else list(made)
    for name in names:
        try:
            (root / name).write_text(made[name], encoding="utf-8", newline="\n")
        except OSError as error:
            raise PolicyError(f"cannot write '{name}': {error.strerror}; expected a writable file at the "
                              f"repository root") from None
    print(f"rules: wrote {' and '.join(names)} ({count} rules)")
    return 0
