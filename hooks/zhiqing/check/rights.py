"""RGT rules: how a person exercises their rights, how fast they get an answer, where to complain.

PIPL Art. 44-48 and 50 give the rights and ask for a convenient way to exercise them; GB/T
35273-2020 §8 describes the routes a policy states.
"""

from __future__ import annotations

from typing import Iterator

from zhiqing.check.engine import Context, Finding, quote, rule


@rule("RGT-01", lists=("rights", "ui_path", "contact_reference", "contact_value", "section_rights", "section_contact"))
def rgt_01(ctx: Context) -> Iterator[Finding]:
    """Each right has a concrete route (PIPL Art. 44-48, 50; GB/T 35273-2020 §8).

    The rights section names each right of ``rights`` and gives a route: a path in the
    product (我的 > 设置 > …) or the contact section, which must then give a contact.
    """
    pages = ctx.section("rights")
    if not pages:
        yield ctx.whole("the policy has no section on how to exercise your rights")
        return
    blocks = ctx.text_blocks(pages)
    text = "".join(block.text for block in blocks)
    missing = [name for name, words in ctx.rules.groups("rights").items() if not any(w in text for w in words)]
    if missing:
        yield ctx.whole(f"the rights section does not mention the right(s) {'、'.join(missing)}", pages)
    if any(ctx.rules.match("ui_path", block.text) for block in blocks):
        return
    contact = [value for block in ctx.text_blocks(ctx.section("contact")) for value in ctx.contact_values(block.text)]
    referring = [block for block in blocks if ctx.rules.phrase_in("contact_reference", block.text)]
    if referring and contact:
        return
    if referring:
        block = referring[0]
        word = ctx.rules.phrase_in("contact_reference", block.text)
        yield ctx.at(block, "the route to exercise rights is the contact section, which gives no "
                     f"contact: {quote(block.text)}", block.text.index(word))
    else:
        yield ctx.whole("the rights section gives no route (a path such as 我的 > 设置, or a contact)",
                        pages)


@rule("RGT-02", lists=("response_time", "section_rights", "section_contact"))
def rgt_02(ctx: Context) -> Iterator[Finding]:
    """Requests are answered within 15 working days (认定方法 六; [U] on the exact text, so a warning)."""
    pages = ctx.section("rights") + ctx.section("contact")
    found_any = False
    for block in ctx.text_blocks(pages):
        for pattern in ctx.rules.patterns("response_time"):
            for found in pattern.finditer(block.text):
                found_any = True
                if int(found.group(1)) > 15:
                    yield ctx.at(block, f"the answer comes later than 15 working days: "
                                 f"{quote(found.group(0))}", found.start())
    if not found_any:
        yield ctx.whole("the policy does not say within how many days a request is answered",
                        pages or None)


@rule("RGT-03", lists=("complaint", "outdated_authority", "section_contact"))
def rgt_03(ctx: Context) -> Iterator[Finding]:
    """A complaint channel is stated (GB/T 35273-2020 §5.5 a) 8)); an outdated authority's name is info."""
    pages = ctx.section("contact")
    blocks = ctx.text_blocks(pages)
    if not any(ctx.rules.phrase_in("complaint", block.text) for block in blocks):
        yield ctx.whole("the contact section gives no way to complain (投诉) to an outside body",
                        pages or None)
    for block in blocks:
        if not ctx.rules.phrase_in("complaint", block.text):
            continue
        for current, old_words in ctx.rules.groups("outdated_authority").items():
            for word in old_words:
                if word in block.text:
                    yield ctx.at(block, f"“{word}” is no longer the authority's name; it is now "
                                 f"“{current}”", block.text.index(word), severity="info")


@rule("RGT-04", lists=("account_deletion", "ui_path", "time_limit", "section_rights"))
def rgt_04(ctx: Context) -> Iterator[Finding]:
    """Account deletion has a route and a time limit (GB/T 35273-2020 §8.5)."""
    pages = ctx.section("rights")
    blocks = [block for block in ctx.text_blocks(pages) if ctx.rules.phrase_in("account_deletion", block.text)]
    if not blocks:
        yield ctx.whole("the rights section does not say how to delete the account (注销)", pages or None)
        return
    if any(ctx.rules.match("ui_path", block.text) and ctx.rules.match("time_limit", block.text) for block in blocks):
        return
    block = blocks[0]
    word = ctx.rules.phrase_in("account_deletion", block.text)
    yield ctx.at(block, "account deletion (注销) is mentioned without a path and a time limit",
                 block.text.index(word))
