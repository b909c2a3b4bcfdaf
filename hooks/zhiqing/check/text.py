"""TXT rules: the text itself is complete, readable and consistently punctuated.

PIPL Art. 17 asks that processing rules be stated truly, accurately and completely; a sentence
cut off or a garbled stock phrase fails that without any rule of substance.
"""

from __future__ import annotations

import re
from typing import Iterator

from zhiqing.check.engine import Context, Finding, quote, rule

CJK = "\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’"
# A paragraph never ends in these: the sentence goes on.
CUT_OFF = "，、（(,"
# The last paragraph of a page ends in one of these.
TERMINAL = "。！？；）」”』】.!?;)"
ASCII_IN_CJK = re.compile(rf"[{CJK}][,()]|[,()][{CJK}]")


@rule("TXT-01")
def txt_01(ctx: Context) -> Iterator[Finding]:
    """No truncated text (PIPL Art. 17: complete).

    No paragraph ends in ，、（; the last paragraph of a page ends a sentence.
    """
    for part in ctx.parts:
        blocks = [block for block in ctx.blocks if block.page == part.src and block.kind != "heading"]
        for number, block in enumerate(blocks):
            if block.kind == "marker":
                continue
            end = block.text.rstrip()[-1:] if block.text.strip() else ""
            last = number == len(blocks) - 1
            if end and (end in CUT_OFF or (last and end not in TERMINAL)):
                yield ctx.at(block, f"the text stops mid-sentence: {quote('…' + block.text[-20:])}",
                             len(block.text) - 1)


@rule("TXT-02")
def txt_02(ctx: Context) -> Iterator[Finding]:
    """No known garbles of stock phrases (GB/T 35273-2020 §5.5 c)); ``garbles.yml`` gives the right form."""
    for block in ctx.blocks:
        if block.kind == "marker":
            continue
        for garble in ctx.rules.garbles:
            start = block.text.find(garble["wrong"])
            while start >= 0:
                yield ctx.at(block, f"“{garble['wrong']}” looks garbled; the stock phrase is "
                             f"“{garble['right']}”", start)
                start = block.text.find(garble["wrong"], start + 1)


@rule("TXT-03", lists=("vague_quantifiers", "section_collection", "section_sharing"))
def txt_03(ctx: Context) -> Iterator[Finding]:
    """No vague quantifiers in lists of information or recipients (认定方法 二(4)).

    In the collection and sharing sections, ``vague_quantifiers`` leave a list open.
    """
    pages = ctx.section("collection") + ctx.section("sharing")
    for block in ctx.text_blocks(pages):
        hits = sorted((m for pattern in ctx.rules.patterns("vague_quantifiers") for m in pattern.finditer(block.text)),
                      key=lambda m: m.start())
        if hits:
            words = "、".join(dict.fromkeys(f"“{m.group(0)}”" for m in hits))
            yield ctx.at(block, f"the list stays open ({words}): name every item", hits[0].start())


@rule("TXT-04")
def txt_04(ctx: Context) -> Iterator[Finding]:
    """Consistent punctuation: Chinese text uses ，（） not ASCII ,() (clarity)."""
    for block in ctx.blocks:
        if block.kind == "marker":
            continue
        found = ASCII_IN_CJK.search(block.text)
        if found:
            context = block.text[max(0, found.start() - 6): found.end() + 6]
            yield ctx.at(block, f"ASCII punctuation in Chinese text: {quote(context)} "
                         "(use ，（）)", found.start())
