"""The clause model the rules read: the policy as topics → headings → clauses, with what each says.

A *clause* is a sentence of a paragraph (split after 。！？；) or a sentence of a list item,
with its file, line and the heading it falls under. The model answers the questions a
compliance officer asks of a policy:

- **Which pages cover a topic** (``rights``, ``storage`` …): the page says so in its front
  matter (``covers: [rights]``). Only where no page of the policy declares anything is the
  topic guessed from the words of the page's title, and :meth:`Clauses.pages` says it guessed,
  so that a finding can say so too.
- **Which clauses stand under a heading id**: a list row's ``source`` names the heading of the
  clause it rests on.
- **What a clause says about an act**: whether it does it, promises not to (“我们不会向境外提供”),
  or states the condition on which it would (“如将来确需向境外提供，……取得您的单独同意”) —
  :func:`stance`.
- **Which periods it states**, read with Chinese numerals and every unit of time
  (小时、日/天、工作日、周、个月、年): :func:`periods`, compared as periods, not strings.

Chinese numerals are read by cn2an (a maintained library), not by a home-made parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

import cn2an

from zhiqing.pages.discover import TOPICS  # what a page may declare it covers
from zhiqing.pages.markdown import Block


CLAUSE_SEPARATORS = re.compile(r"[，,；;：:]")
# Where a comma-clause ends: a separator or the sentence's end.
CLAUSE_END = re.compile(r"[，,；;：:。]")
# A condition opens the sentence (or the clause) before the act: 如、如果、若、如需、一旦、在……时/情况下.
CONDITION = re.compile(r"(?:^|[，,；;])\s*(?:如果|如若|假如|倘若|若|如需|如确需|如将来|如|一旦|除非|在[^，,。]{0,20}(?:情况|情形)下)")
# Negation directly governing the act: 不会/不/未/绝不/禁止/不得/无需/不再 before it in the same clause.
# Not the 不/未 of an age or a person (不满十四周岁、未满 14 周岁、未成年人), which negate nothing.
NEGATION = re.compile(r"(?:不会|不得|绝不|禁止|从不|不再|无需|没有|并非|不(?!满)|未(?!满|成年))")

NUMERAL = r"(?:\d+(?:\.\d+)?|[〇零一二两三四五六七八九十百千]+)"
UNIT_DAYS = {"小时": 1 / 24, "个工作日": 1.4, "工作日": 1.4, "日": 1.0, "天": 1.0, "周": 7.0,
             "星期": 7.0, "个星期": 7.0, "个月": 30.0, "月": 30.0, "年": 365.0}
PERIOD = re.compile(rf"({NUMERAL})\s*(个工作日|工作日|小时|个星期|星期|个月|月|周|年|日|天)(?![日号])")


@dataclass(frozen=True)
class Period:
    """A stated period: ``number`` of ``unit`` as written, ``days`` in calendar days (a working day
    counts 7/5 of a day, a month 30 days, a year 365), ``start``/``end`` its place in the text."""

    number: float
    unit: str
    days: float
    start: int
    end: int
    text: str


def number(numeral: str) -> float | None:
    """``15`` → 15.0, ``十五`` → 15.0, ``两`` → 2.0; None when ``numeral`` is not a number."""
    if re.fullmatch(r"\d+(?:\.\d+)?", numeral):
        return float(numeral)
    try:
        return float(cn2an.cn2an(numeral, "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def periods(text: str) -> list[Period]:
    """Every period ``text`` states (``15 个工作日``、``二十四小时``、``三年``), in order.

    A date (``2024年1月1日``) is not a period: a year number of four digits followed by 年 and
    a month, or a 月/日 that is part of a date, is skipped.
    """
    found = []
    for match in PERIOD.finditer(text):
        value = number(match.group(1))
        unit = match.group(2)
        if value is None:
            continue
        after = text[match.end():match.end() + 3]
        if unit == "年" and value >= 1000:
            continue  # 2024年
        if unit in ("月", "日") and (re.match(r"\s*\d", after) or re.search(r"[年月]\s*$", text[:match.start()])):
            continue  # 1月1日: a date's month or day
        if unit == "月" and re.match(r"\s*\d+\s*日", after):
            continue
        found.append(Period(value, unit, value * UNIT_DAYS[unit], match.start(), match.end(), match.group(0)))
    return found


def stance(text: str, start: int) -> str:
    """What the clause of ``text`` holding position ``start`` says of the act written there.

    ``"not"``: a negation stands before the act in its comma-clause (我们不会向境外提供);
    ``"if"``: the sentence makes the act a condition (如将来确需向境外提供，…), or its
    comma-clause is one, ending in 的 (您撤回同意的，…);
    ``"does"``: otherwise. ``start`` is an offset in ``text`` (one sentence).
    """
    clause_start = max((m.end() for m in CLAUSE_SEPARATORS.finditer(text, 0, start)), default=0)
    ending = CLAUSE_END.search(text, start)
    before = text[clause_start:start]
    if NEGATION.search(before):
        return "not"
    if CONDITION.search(text[:start]) or CONDITION.match(text[clause_start:]) or \
            text[start:ending.start() if ending else len(text)].rstrip().endswith("的"):
        return "if"
    return "does"


def asks(text: str, pattern: re.Pattern | str) -> re.Match | None:
    """The first place ``text`` asks for a consent ``pattern`` finds (单独同意, 监护人…同意), not
    one that speaks of withdrawing it (撤回单独同意), waives it (无需…同意) or describes its
    absence (在未取得监护人同意的情况下); None when there is none."""
    compiled = re.compile(pattern) if isinstance(pattern, str) else pattern
    for found in compiled.finditer(text):
        clause_start = max((m.end() for m in CLAUSE_SEPARATORS.finditer(text, 0, found.start())), default=0)
        before = text[clause_start:found.start()] + found.group(0)
        if re.search(r"撤回|取消|撤销", before):
            continue
        if stance(text, found.start()) == "not" and not re.search(r"不得|不能|不可|禁止|无法|不会", text[found.end():]):
            continue  # 未取得……同意 (unless what follows forbids going on without it: a double negative asks)
        return found
    return None


@dataclass(frozen=True)
class Clause:
    """One sentence of a paragraph or list item: the text a rule quotes and points at.

    ``offset`` is where the sentence starts in ``block.text``; ``anchor`` is the id of the
    nearest heading above it (any level); ``kind`` is ``paragraph`` or ``item``.
    """

    block: Block
    offset: int
    text: str
    anchor: str

    @property
    def path(self) -> str:
        return self.block.path

    @property
    def page(self) -> str:
        return self.block.page

    @property
    def kind(self) -> str:
        return self.block.kind

    @property
    def line(self) -> int:
        """The file line where the sentence starts."""
        return self.block.line_at(self.offset + len(self.text) - len(self.text.lstrip()))

    def line_at(self, offset: int) -> int:
        """The file line of character ``offset`` of this sentence."""
        return self.block.line_at(self.offset + offset)


class Clauses:
    """The policy's clauses in order, with the topics each page covers and the heading tree.

    ``blocks`` come from the one Markdown reader (:func:`zhiqing.pages.markdown.read_blocks`);
    ``covers`` maps a page (``rights.md``) to the topics its front matter declares;
    ``titles`` a page to its title; ``guess`` a topic to the words a title of that topic uses
    (``section_<topic>`` lists of ``phrases.yml``).
    """

    def __init__(self, blocks: list[Block], covers: dict[str, tuple[str, ...]], titles: dict[str, str],
                 guess: dict[str, list[str]], order: list[str]):
        self.blocks = blocks
        self.covers = covers
        self.titles = titles
        self.guess = guess
        self.order = order
        self.items: list[Clause] = []
        self._under: dict[str, list[Clause]] = {}
        open_headings: list[tuple[int, str]] = []
        for block in blocks:
            if block.kind == "heading":
                while open_headings and open_headings[-1][0] >= block.level:
                    open_headings.pop()
                if block.anchor:
                    open_headings.append((block.level, block.anchor))
                    self._under.setdefault(block.anchor, [])
                continue
            if block.kind not in ("paragraph", "item"):
                continue
            anchor = open_headings[-1][1] if open_headings else ""
            for offset, sentence in block.sentences():
                if not sentence.strip():
                    continue
                clause = Clause(block, offset, sentence, anchor)
                self.items.append(clause)
                for _, open_anchor in open_headings:
                    self._under[open_anchor].append(clause)

    @property
    def declared(self) -> bool:
        """True when some page of the policy declares what it covers."""
        return any(self.covers.values())

    def pages(self, topic: str) -> tuple[list[str], bool]:
        """``(pages covering topic in nav order, guessed)``; ``guessed`` is True when no page of
        the policy declares ``covers`` and the pages were found by the words of their titles."""
        if self.declared:
            return [page for page in self.order if topic in self.covers.get(page, ())], False
        words = self.guess.get(topic, [])
        return [page for page in self.order if any(word in self.titles.get(page, "") for word in words)], True

    def about(self, topic: str) -> list[Clause]:
        """The clauses of the pages covering ``topic``."""
        pages = set(self.pages(topic)[0])
        return [clause for clause in self.items if clause.page in pages]

    def under(self, anchor: str) -> list[Clause]:
        """The clauses under the heading ``anchor``, its sub-headings included ([] for an unknown id)."""
        return list(self._under.get(anchor, []))

    def in_pages(self, pages: Iterable[str] | None) -> list[Clause]:
        """The clauses of ``pages`` (all clauses when ``pages`` is None)."""
        if pages is None:
            return list(self.items)
        wanted = set(pages)
        return [clause for clause in self.items if clause.page in wanted]
