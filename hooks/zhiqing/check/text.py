"""TXT rules: the text itself is complete, readable and consistently punctuated.

PIPL Art. 17 ¶1 asks that processing rules be stated truly, accurately and completely, in clear
and understandable language; a sentence cut off or a garbled stock phrase fails that without any
rule of substance.
"""

from __future__ import annotations

import re
from typing import Iterator

from zhiqing.check.engine import Context, Finding, quote, rule

CJK = "\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’"
# A paragraph or list item never ends in these: the sentence goes on.
CUT_OFF = "，、（(,：:"
# Words a Chinese sentence cannot end on: conjunctions, the possessive, prepositions.
DANGLING = ("并且", "以及", "或者", "并", "的", "和", "及", "或", "与", "且", "对", "向", "将", "把", "被", "为了", "因为", "如果")
# The last paragraph of a page, and any paragraph of Chinese text, ends in one of these.
TERMINAL = "。！？；）」”』】.!?;)"
ASCII_IN_CJK = re.compile(rf"[{CJK}][,()]|[,()][{CJK}]")
HAN_END = re.compile(r"[\u4e00-\u9fff]$")


def cut_off(text: str, kind: str, last: bool) -> bool:
    """True when ``text`` (a paragraph or list item) stops mid-sentence: it ends in ，、（：, or
    a paragraph ends on a word a sentence cannot end on (并、的、和 …), or without a full stop
    where the page ends."""
    text = text.rstrip()
    if not text:
        return False
    end = text[-1]
    if end in CUT_OFF[:4] or (end in "：:" and last):
        return True
    if kind == "paragraph" and text.endswith(DANGLING):
        return True
    return last and end not in TERMINAL and end not in "：:"


@rule("TXT-01")
def txt_01(ctx: Context) -> Iterator[Finding]:
    """No truncated text (PIPL Art. 17 ¶1: 完整).

    No paragraph or item ends in ，、（; no paragraph ends on 并、的、和 …; the last paragraph
    of a page ends a sentence.
    """
    for part in ctx.parts:
        blocks = [block for block in ctx.blocks if block.page == part.src and block.kind != "heading"]
        for number, block in enumerate(blocks):
            if block.kind not in ("paragraph", "item"):
                continue
            if cut_off(block.text, block.kind, number == len(blocks) - 1):
                yield ctx.at(block, "cut_off", len(block.text) - 1, text=quote("…" + block.text.rstrip()[-20:]))


@rule("TXT-02")
def txt_02(ctx: Context) -> Iterator[Finding]:
    """No known garbles of stock phrases (PIPL Art. 17 ¶1: 清晰易懂的语言); ``garbles.yml`` gives the right form."""
    for block in ctx.blocks:
        if block.kind == "marker":
            continue
        for garble in ctx.rules.garbles:
            start = block.text.find(garble["wrong"])
            while start >= 0:
                yield ctx.at(block, "garbled", start, wrong=garble["wrong"], right=garble["right"])
                start = block.text.find(garble["wrong"], start + 1)


@rule("TXT-03", lists=("vague_quantifiers",))
def txt_03(ctx: Context) -> Iterator[Finding]:
    """No open lists of information or recipients (认定方法 二(1): 未逐一列出).

    In the collection and sharing sections, ``vague_quantifiers`` leave a list open.
    """
    pages = ctx.section("collection") + ctx.section("sharing")
    for block in ctx.text_blocks(pages):
        hits = sorted((m for pattern in ctx.rules.patterns("vague_quantifiers") for m in pattern.finditer(block.text)),
                      key=lambda m: m.start())
        if hits:
            words = "、".join(dict.fromkeys(f"“{m.group(0)}”" for m in hits))
            yield ctx.at(block, "open_list", hits[0].start(), words=words)


@rule("TXT-04")
def txt_04(ctx: Context) -> Iterator[Finding]:
    """Consistent punctuation: Chinese text uses ，（） not ASCII ,() (clarity)."""
    for block in ctx.blocks:
        if block.kind == "marker":
            continue
        found = ASCII_IN_CJK.search(block.text)
        if found:
            context = block.text[max(0, found.start() - 6): found.end() + 6]
            yield ctx.at(block, "ascii", found.start(), text=quote(context))
