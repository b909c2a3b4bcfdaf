"""The one reader of the policy's Markdown: front matter, headings with ids, blocks, sentences.

A policy page (or a frozen snapshot) is read into :class:`Block` s in order: headings (with
their level and id), paragraphs, list items, marker comments (``<!-- policy:NAME -->``),
and the paragraphs of raw HTML blocks (the stamped dates; the inventory tables are skipped,
they are compared row by row from the data). Each block keeps its file, its page, the file
line of each of its lines, the section it belongs to and its visible text; a block splits
into sentences. The renderer, the redline and the compliance check all read pages through
this module, so they agree on what a paragraph, a heading or a sentence is.

Policy pages are a small dialect of Markdown (no code, no nested lists, no quotes):
``tests/test_markdown.py`` pins the reading.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Iterator

import yaml

from zhiqing.data.files import Loader, structure_problem
from zhiqing.errors import PolicyError

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.S)  # as MkDocs: closed by --- or ...
# A heading with an explicit id: ``## 标题 {#collection}``.
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*\{#([^}\s]+)\}\s*$")
# Any ATX heading with text (with or without an id).
ANY_HEADING = re.compile(r"^(#{1,6})\s+(\S.*?)\s*$")
MARKER = re.compile(r"^[ \t]*<!--\s*policy:(.*?)\s*-->[ \t]*$")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
LINK = re.compile(r"!?\[([^\]]*)\]\(([^)]*)\)")
HEADING_ID = re.compile(r"\s*\{#[^}]*\}\s*$")
# The lists' HTML: cards (<div class="policy-list …">), tables in snapshots frozen before them.
TABLE_START = re.compile(r'^<div class="policy-(?:table|list)\b')
# A raw HTML block starts with a block-level element (Python-Markdown's rule); a line that
# starts with an inline element such as <span> is a paragraph.
HTML_BLOCK = re.compile(r"^\s*<(?:(?:div|p|table|ul|ol|dl|section|details|figure|blockquote|pre|h[1-6]|hr)\b|!--)", re.I)
HTML_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
TAG = re.compile(r"<[^>]+>")
# Markdown's backslash escapes (``1\.``, a data value's ``\[``) show as the character.
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")
# CJK characters and punctuation: a line break between two of them is no space (CLREQ).
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’]")


def split_front_matter(text: str) -> tuple[dict, str, int]:
    """Split a page into ``(meta, body, lines_before_body)``.

    ``lines_before_body`` lets a message about line N of ``body`` name line
    N + lines_before_body of the file. The front matter is read as the data files are
    (:class:`~zhiqing.data.files.Loader`: dates kept as strings, a key written twice and
    anchors refused). Raises PolicyError (without a path; callers add it, with "Error
    reading 'docs/…': ") when it is not valid YAML or not a mapping.
    """
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text, 0
    front = "\n" + (match.group(1) or "")  # the front matter starts on line 2: the marks are the file's lines
    problem = structure_problem(front)
    if problem:
        raise PolicyError(problem)
    try:
        meta = yaml.load(front, Loader=Loader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1} " if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise PolicyError(f"{where}is not valid YAML front matter ({problem})") from None
    if not isinstance(meta, dict):
        raise PolicyError("the front matter is not a mapping of keys to values")
    return meta, text[match.end():], match.group(0).count("\n")


@dataclass(frozen=True)
class Heading:
    """A heading with an explicit id: its level (1 for ``#``), title as typed, id and line in the body."""

    level: int
    title: str
    anchor: str
    line: int


def headings(body: str) -> list[Heading]:
    """The headings of ``body`` that carry an explicit id, in order (``line`` counts from 1 in ``body``)."""
    found = []
    for number, line in enumerate(body.split("\n"), start=1):
        match = HEADING.match(line)
        if match:
            found.append(Heading(len(match.group(1)), match.group(2), match.group(3), number))
    return found


def section_text(blocks: list[Block], anchor: str) -> str | None:
    """The text a reader sees under the heading ``{#anchor}`` among ``blocks`` (one page, as
    :func:`read_blocks` reads it: a paragraph's lines joined as a reader sees them): that
    heading's title, then each heading, paragraph and list item up to the next heading of the
    same or a higher level, one block per line; None when no heading has that id."""
    for number, block in enumerate(blocks):
        if block.kind == "heading" and block.anchor == anchor:
            found = [block.text]
            for following in blocks[number + 1:]:
                if following.kind == "heading" and following.level <= block.level:
                    break
                if following.kind in ("heading", "paragraph", "item"):
                    found.append(following.text)
            return "\n".join(found)
    return None


def heading_one_level_down(line: str) -> str:
    """``# 标题`` → ``## 标题`` (a level-6 heading, or a line that is not a heading, stays)."""
    match = ANY_HEADING.match(line)
    if match is None or len(match.group(1)) == 6:
        return line
    return "#" + line


def plain(markdown: str) -> str:
    """Inline Markdown → the text a reader sees.

    Links and images become their text; ``**``/``__`` and HTML tags go; backslash escapes
    and HTML entities (a data value's ``\\[`` and ``&amp;``) show as their character.
    """
    text = LINK.sub(r"\1", markdown).replace("**", "").replace("__", "")
    return html.unescape(ESCAPE.sub(r"\1", TAG.sub("", text)))


def _joined(text: str, line: str) -> str:
    """Two lines of one paragraph: no space between CJK characters, a space otherwise."""
    if not text or not line:
        return ""
    return "" if CJK.match(text[-1]) and CJK.match(line[0]) else " "


@dataclass
class Block:
    """A heading, paragraph, list item, marker or raw HTML block of a page.

    ``kind`` is ``heading``, ``paragraph``, ``item``, ``marker`` (``text`` is the marker's
    name) or ``html`` (HTML without paragraphs); ``text`` the visible text; ``raw`` the
    Markdown as written; ``lines`` gives the file line of each line of ``text`` as
    ``(offset in text, file line)``; ``title`` is the page's first heading; ``level`` and
    ``anchor`` belong to headings; ``section`` is the id of the heading (level 1 or 2) the
    block falls under.
    """

    path: str
    page: str
    kind: str
    text: str
    raw: str
    lines: list[tuple[int, int]]
    title: str = ""
    level: int = 0
    anchor: str = ""
    section: str = ""

    @property
    def line(self) -> int:
        """The file line where the block starts."""
        return self.lines[0][1]

    @property
    def tag(self) -> str:
        """The block as an HTML element name: ``h1``…``h6``, ``li`` or ``p``."""
        if self.kind == "heading":
            return f"h{self.level}"
        return "li" if self.kind == "item" else "p"

    def line_at(self, offset: int) -> int:
        """The file line of character ``offset`` of ``text``."""
        line = self.lines[0][1]
        for start, number in self.lines:
            if start <= offset:
                line = number
        return line

    def sentences(self) -> Iterator[tuple[int, str]]:
        """``(offset, sentence)`` of each sentence, split after 。！？；!?;."""
        offset = 0
        for sentence in SENTENCE_END.split(self.text):
            if sentence:
                yield offset, sentence
            offset += len(sentence)


@dataclass
class _Reader:
    path: str
    page: str
    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    section: str = ""
    kind: str = "paragraph"
    current: list[tuple[int, str]] = field(default_factory=list)

    def add(self, kind: str, text: str, raw: str, lines: list[tuple[int, int]], **extra) -> None:
        self.blocks.append(Block(self.path, self.page, kind, text, raw, lines, self.title,
                                 section=self.section, **extra))

    def flush(self) -> None:
        if not self.current:
            return
        if HTML_BLOCK.match(self.current[0][1]):
            self.flush_html()
            return
        text, lines = "", []
        for number, line in self.current:
            content = plain(LIST_ITEM.sub("", line, count=1) if not lines and self.kind == "item" else line).strip()
            text += _joined(text, content)
            lines.append((len(text), number))
            text += content
        self.add(self.kind, text, "\n".join(line for _, line in self.current), lines)
        self.current = []

    def flush_html(self) -> None:
        raw = "\n".join(line for _, line in self.current)
        first = self.current[0][0]
        self.current = []
        if TABLE_START.match(raw.lstrip()):
            return  # the inventory tables: compared row by row from the data
        paragraphs = HTML_PARAGRAPH.findall(raw)
        for paragraph in paragraphs:
            self.add("paragraph", html.unescape(TAG.sub("", paragraph)).strip(), raw, [(0, first)])
        if not paragraphs:
            self.add("html", html.unescape(TAG.sub("", raw)).strip(), raw, [(0, first)])

    def read(self, body: str, offset: int) -> list[Block]:
        for number, line in enumerate(body.split("\n"), start=offset + 1):
            if not line.strip():
                self.flush()
            elif self.current and HTML_BLOCK.match(self.current[0][1]) and not MARKER.match(line):
                self.current.append((number, line))
            elif MARKER.match(line):
                self.flush()
                self.add("marker", MARKER.match(line).group(1), line, [(0, number)])
            elif ANY_HEADING.match(line):
                self.flush()
                match = HEADING.match(line)
                level = len(ANY_HEADING.match(line).group(1))
                title = plain(HEADING_ID.sub("", ANY_HEADING.match(line).group(2))).strip()
                anchor = match.group(3) if match else ""
                if level <= 2:
                    self.section = anchor
                if not self.title:
                    self.title = title
                self.add("heading", title, line, [(0, number)], level=level, anchor=anchor)
            elif LIST_ITEM.match(line):
                self.flush()
                self.kind = "item"
                self.current = [(number, line)]
            else:
                if not self.current:
                    self.kind = "paragraph"
                self.current.append((number, line))
        self.flush()
        return self.blocks


def read_blocks(body: str, offset: int = 0, path: str = "", page: str = "") -> list[Block]:
    """Read a page's body (front matter removed) into :class:`Block` s, in order.

    ``offset`` is the number of lines before the body in the file (so block lines are file
    lines); ``path`` (``docs/collection.md``) and ``page`` (``collection.md``, the
    default-language file) label the blocks. A line break inside a paragraph joins without
    a space between CJK characters and with one otherwise.
    """
    return _Reader(path, page).read(body, offset)
