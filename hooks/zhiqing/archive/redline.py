"""The redline between two versions: aligned blocks, changes inside a paragraph, changed list rows.

Blocks come from the one Markdown reader (:mod:`zhiqing.pages.markdown`); words from jieba
for Chinese and from a regular expression otherwise; alignment from Python's ``difflib``.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from zhiqing.archive.snapshot import load_inventory_copy, load_snapshot
from zhiqing.data.model import TABLES, localize
from zhiqing.pages.markdown import Block, read_blocks


# The stamped dates under the title (``<!-- policy:dates -->``, rendered by
# ``overrides/policy/macros.html``): every release changes them, so a redline shows them once in
# its header ("effective date: A → B") and never as a change of the text.
_STAMPED_DATES = re.compile(r'<div class="policy-dates">\n.*?\n</div>\n', re.S)


@functools.lru_cache(maxsize=16)
def blocks(text: str) -> tuple[Block, ...]:
    """The blocks a redline compares: the headings, paragraphs and list items of a snapshot body.

    The inventory tables are left out: they are compared row by row from the inventory
    copies instead (:func:`inventory_changes`). So are the stamped dates under the title
    (``<div class="policy-dates">``): they are the release's, not the text's. Read once per
    text: a redline page asks for each body twice (:func:`redline`, :func:`section_titles`).
    """
    text = _STAMPED_DATES.sub("", text)
    return tuple(block for block in read_blocks(text) if block.kind in ("heading", "paragraph", "item"))


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# Units a redline never splits: a date as each language writes it (Babel's long format,
# zhiqing.data.dates), a number (digits with separators), a Latin word.
_WHOLE_ZH = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|\d+(?:[.,:]\d+)*|[A-Za-z]+(?:['’-][A-Za-z]+)*")
_WORDS_EN = re.compile(rf"(?:{_MONTHS}) \d{{1,2}}, \d{{4}}|\d+(?:[.,:]\d+)*|\w+(?:['’-]\w+)*|\s+|[^\w\s]")


def tokens(text: str, language: str) -> list[str]:
    """Words of ``text``: a date, a number and a Latin word are one token each; the rest of a
    Chinese text is segmented by jieba, of any other language split into words, spaces and
    punctuation. ``"".join(tokens(text, language)) == text``.
    """
    if language != "zh":
        return _WORDS_EN.findall(text)
    import jieba  # loading its dictionary takes a second: only when a Chinese redline is made
    jieba.setLogLevel(60)
    result: list[str] = []
    position = 0
    for match in _WHOLE_ZH.finditer(text):
        if match.start() > position:
            result.extend(jieba.cut(text[position:match.start()]))
        result.append(match.group())
        position = match.end()
    if position < len(text):
        result.extend(jieba.cut(text[position:]))
    return result


def _joins_changes(text: str) -> bool:
    """Whether unchanged ``text`` between two changes is too little to read on its own: only
    spaces, or one character (a particle such as 的, a comma). The two changes and it then
    read as one phrase replaced: ``[-a reasonable period-]{+30 days+}``."""
    return not text.strip() or len(text) == 1


def inline_diff(old: str, new: str, language: str) -> list[tuple[str, str]]:
    """Changes inside one paragraph as ``[(op, text)]``, op in ``=``, ``-``, ``+``.

    Compared word by word (:func:`tokens`); changes separated only by spaces or by one
    character are merged into one phrase (``within [-a reasonable period-]{+30 days+}``,
    never word by word); a replaced run is then trimmed to what differs without splitting a
    date, a number or a Latin word, so ``15 天内`` → ``15 个工作日内`` gives
    ``[("=", "…15 "), ("-", "天"), ("+", "个工作日"), ("=", "内…")]``, and one word changed
    stays one word. Joining the ``=`` and ``-`` parts gives ``old``; the ``=`` and ``+``
    parts give ``new``. Deletions come before insertions at the same place, as a reader expects.
    """
    a, b = tokens(old, language), tokens(new, language)
    runs: list[list[str]] = []  # ["=", text] or ["~", removed, inserted]
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        removed, inserted = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            runs.append(["=", removed])
        elif len(runs) >= 2 and runs[-1][0] == "=" and runs[-2][0] == "~" and _joins_changes(runs[-1][1]):
            between = runs.pop()[1]
            runs[-1][1] += between + removed
            runs[-1][2] += between + inserted
        else:
            runs.append(["~", removed, inserted])
    result: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if result and result[-1][0] == op:
            result[-1] = (op, result[-1][1] + text)
        else:
            result.append((op, text))

    for run in runs:
        if run[0] == "=":
            add("=", run[1])
            continue
        removed, inserted = run[1], run[2]
        prefix = len(os.path.commonprefix([removed, inserted]))
        while prefix and _splits_word(removed, inserted, prefix):
            prefix -= 1  # never split a number or a Latin word: "2023" → "2031" whole
        rest_removed, rest_inserted = removed[prefix:][::-1], inserted[prefix:][::-1]
        suffix = len(os.path.commonprefix([rest_removed, rest_inserted]))
        while suffix and _splits_word(rest_removed, rest_inserted, suffix):
            suffix -= 1
        add("=", removed[:prefix])
        add("-", removed[prefix:len(removed) - suffix])
        add("+", inserted[prefix:len(inserted) - suffix])
        add("=", removed[len(removed) - suffix:])
    return result


_DATE = re.compile(rf"\d{{4}}年\d{{1,2}}月\d{{1,2}}日|日\d{{1,2}}月\d{{1,2}}年\d{{4}}|(?:{_MONTHS}) \d{{1,2}}, \d{{4}}"
                   rf"|\d{{4}} ,\d{{1,2}} (?:{'|'.join(m[::-1] for m in _MONTHS.split('|'))})")


def _splits_word(removed: str, inserted: str, cut: int) -> bool:
    """Whether keeping the first ``cut`` characters common splits a Latin word, a number or a
    date (in either direction: suffixes are trimmed on the reversed texts) in either text."""
    if _word_char(removed[cut - 1]) and (_word_char(removed[cut:cut + 1]) or _word_char(inserted[cut:cut + 1])):
        return True
    return any(match.start() < cut < match.end() for text in (removed, inserted) for match in _DATE.finditer(text))


def _word_char(char: str) -> bool:
    return len(char) == 1 and char.isascii() and char.isalnum()


@dataclass
class RedlineBlock:
    """One aligned block of a redline: ``state`` is ``same``, ``changed``, ``added``, ``removed``.

    ``kind`` is the block's element (``h1``…``h6``, ``p``, ``li``), ``anchor`` its heading id,
    ``section`` the id of the section it is in, ``parts`` its text as ``[(op, text)]``.
    """

    kind: str
    anchor: str
    section: str
    state: str
    parts: list[tuple[str, str]]


def redline(old_text: str, new_text: str, language: str) -> list[RedlineBlock]:
    """Align the blocks of two snapshot bodies, then diff paired blocks inside.

    Blocks are aligned by their text (difflib over the block list); within a replaced run,
    blocks are paired in order while they are similar (ratio ≥ 0.4) so a one-word edit is
    shown inside its paragraph, never as a whole paragraph removed and added.
    """
    old_blocks, new_blocks = blocks(old_text), blocks(new_text)
    matcher = difflib.SequenceMatcher(None, [b.text for b in old_blocks], [b.text for b in new_blocks],
                                      autojunk=False)
    result: list[RedlineBlock] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for block in new_blocks[j1:j2]:
                result.append(RedlineBlock(block.tag, block.anchor, block.section, "same", [("=", block.text)]))
            continue
        olds, news = list(old_blocks[i1:i2]), list(new_blocks[j1:j2])
        while olds or news:
            if olds and news and difflib.SequenceMatcher(None, olds[0].text, news[0].text, autojunk=False).ratio() >= 0.4:
                old, new = olds.pop(0), news.pop(0)
                result.append(RedlineBlock(new.tag, new.anchor, new.section, "changed",
                                           inline_diff(old.text, new.text, language)))
            elif olds and (not news or len(olds) >= len(news)):
                old = olds.pop(0)
                result.append(RedlineBlock(old.tag, old.anchor, old.section, "removed", [("-", old.text)]))
            else:
                new = news.pop(0)
                result.append(RedlineBlock(new.tag, new.anchor, new.section, "added", [("+", new.text)]))
    return result


def changed_sections(lines: list[RedlineBlock], titles: dict[str, str]) -> list[tuple[str, str]]:
    """``[(anchor, title)]`` of the sections with a change, in order of the text."""
    seen: list[str] = []
    for block in lines:
        if block.state != "same" and block.section not in seen:
            seen.append(block.section)
    return [(anchor, titles.get(anchor, anchor)) for anchor in seen]


def layout(lines: list[RedlineBlock], titles: dict[str, str]) -> dict:
    """What a redline page shows of aligned ``lines``: the changes in reach, the rest collapsed.

    Returns ``{"items": [...], "sections": [...], "paragraphs": n}``. Each item is either
    ``{"block": RedlineBlock, "id": "change-3" | None}`` shown as it is, or
    ``{"collapsed": [RedlineBlock, ...]}``, a run of unchanged blocks the page folds into a
    ``<details>``. Shown: every changed, added or removed block (``id`` numbered from 1 in
    order), one block of context before and after it, the heading it falls under and the
    heading of its section. ``sections`` is ``[{"anchor", "title", "changes", "first"}]`` of
    the sections with a change, in order (``changes`` how many blocks changed, ``first`` the id
    of the first); ``paragraphs`` the number of changed blocks. A heading id shown twice
    (a heading removed and added) is kept on the first only, so ids stay unique.
    """
    shown: set[int] = set()
    heading = section_heading = None
    sections: dict[str, dict] = {}
    ids: dict[int, str] = {}
    for index, block in enumerate(lines):
        if block.kind.startswith("h"):
            heading = index
            if block.anchor and block.anchor == block.section:
                section_heading = index
        if block.state == "same":
            continue
        ids[index] = f"change-{len(ids) + 1}"
        shown.update(i for i in (index - 1, index, index + 1, heading, section_heading)
                     if i is not None and 0 <= i < len(lines))
        entry = sections.setdefault(block.section, {"anchor": block.section, "title": titles.get(block.section,
                                                    block.section), "changes": 0, "first": ids[index]})
        entry["changes"] += 1
    items: list[dict] = []
    seen_anchors: set[str] = set()
    for index, block in enumerate(lines):
        if block.anchor in seen_anchors:
            block = RedlineBlock(block.kind, "", block.section, block.state, block.parts)
        elif block.anchor:
            seen_anchors.add(block.anchor)
        if index in shown:
            items.append({"block": block, "id": ids.get(index)})
        elif items and "collapsed" in items[-1]:
            items[-1]["collapsed"].append(block)
        else:
            items.append({"collapsed": [block]})
    return {"items": items, "sections": list(sections.values()), "paragraphs": len(ids)}


def section_titles(text: str) -> dict[str, str]:
    """Heading id → visible title, for the headings of a snapshot body."""
    return {block.anchor: block.text for block in blocks(text) if block.anchor}


def _flatten(value, prefix: str = "") -> dict[str, str]:
    if isinstance(value, dict):
        out: dict[str, str] = {}
        for key, item in value.items():
            out.update(_flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(value, list):
        return {prefix: "; ".join(str(_flatten(item).get("", item) if not isinstance(item, dict)
                                      else ", ".join(f"{v}" for v in _flatten(item).values()))
                                  for item in value)}
    return {prefix: "" if value is None else str(value)}


def _fields(row: dict, language: str) -> dict[str, str]:
    """A row's fields as text for ``language``; a mark (``row["bases"]``, from
    :func:`~zhiqing.data.model.split_bases`) as ``method (basis)``, ``method (reason)``."""
    marks = {f"{path} ({key})": value for path, mark in (row.get("bases") or {}).items() for key, value in mark.items()}
    return _flatten(localize(dict({k: v for k, v in row.items() if k != "bases"}, **marks), language))


def inventory_changes(old: dict, new: dict, language: str) -> dict[str, list[dict]]:
    """Row-level diff of the two lists, by row id, for ``language``.

    ``old`` and ``new`` are inventories as :func:`~zhiqing.data.model.load_inventory` gives them.
    Returns ``{"collected": [...], "shared": [...]}``; each item is ``{"id", "change":
    "added"|"removed"|"changed", "fields": [(field, old, new)]}`` (fields only for changed
    rows; ``pi_types`` and other lists are compared as a whole; a value's mark is the fields
    ``method (basis)`` and ``method (reason)`` or ``(clause)``).
    """
    result: dict[str, list[dict]] = {}
    for table in TABLES:
        before = {row["id"]: _fields(row, language) for row in old.get(table, [])}
        after = {row["id"]: _fields(row, language) for row in new.get(table, [])}
        rows = []
        for row_id in list(after) + [i for i in before if i not in after]:
            if row_id not in before:
                rows.append({"id": row_id, "change": "added", "fields": []})
            elif row_id not in after:
                rows.append({"id": row_id, "change": "removed", "fields": []})
            else:
                fields = [(key, before[row_id].get(key, ""), after[row_id].get(key, ""))
                          for key in list(after[row_id]) + [k for k in before[row_id] if k not in after[row_id]]
                          if before[row_id].get(key, "") != after[row_id].get(key, "")]
                if fields:
                    rows.append({"id": row_id, "change": "changed", "fields": fields})
        result[table] = rows
    return result


def terminal_redline(root: Path, old_id: str, new_id: str, language: str = "zh") -> str:
    """The redline of two released versions as text (:func:`terminal_text`)."""
    return terminal_text(load_snapshot(root, old_id, language), load_snapshot(root, new_id, language),
                         load_inventory_copy(root, old_id), load_inventory_copy(root, new_id), old_id, new_id, language)


def terminal_text(old_text: str, new_text: str, old_inventory: dict, new_inventory: dict, old_label: str,
                  new_label: str, language: str) -> str:
    """The redline of two snapshot bodies as text: ``--- old_label``/``+++ new_label``, then each
    changed block with ``[-old-]{+new+}`` marks under ``@@ title (#section) @@``, then the
    changed list rows (``collected C01 retention: [-…-]{+…+}``, ``shared S05: added``)."""
    lines = redline(old_text, new_text, language)
    out = [f"--- {old_label}", f"+++ {new_label}"]
    titles = section_titles(new_text)
    titles.update({k: v for k, v in section_titles(old_text).items() if k not in titles})
    current = None
    for block in lines:
        if block.state == "same":
            continue
        if block.section != current:
            current = block.section
            out.append(f"@@ {titles.get(current, current)} (#{current}) @@")
        marks = "".join(text if op == "=" else f"[-{text}-]" if op == "-" else f"{{+{text}+}}"
                        for op, text in block.parts)
        out.append(marks)
    changes = inventory_changes(old_inventory, new_inventory, language)
    for table, rows in changes.items():
        for row in rows:
            if row["change"] == "changed":
                for field, before, after in row["fields"]:
                    out.append(f"{table} {row['id']} {field}: [-{before}-]{{+{after}+}}")
            else:
                out.append(f"{table} {row['id']}: {row['change']}")
    if len(out) == 2:
        out.append("(no change)")
    return "\n".join(out) + "\n"
