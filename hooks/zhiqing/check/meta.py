"""META rules: who the handler is, how to reach them, when the policy took effect, what it covers.

PIPL Art. 17 ¶1(一) asks a handler to state its name and contact before processing; the MIIT
notice 工信部〔2020〕164号 asks a policy to show when it takes effect and when it was updated.
"""

from __future__ import annotations

import datetime
import re
from typing import Iterator

from zhiqing.check.engine import Context, Finding, quote, rule, zh


@rule("META-01", lists=("defined_term_without_name",))
def meta_01(ctx: Context) -> Iterator[Finding]:
    """The handler's legal name is stated (PIPL Art. 17(1)).

    The name in ``data/operator.yml`` is set, appears in the first 500 characters of the
    policy, and no paragraph opens with the defined term (“我们”) without a name before it.
    """
    name = zh(ctx.policy.operator["handler"]["name"])
    if not name:
        yield ctx.in_data("data/operator.yml", ("handler", "name"),
                          "the handler's legal name (handler.name) is empty")
    opening = "".join(block.text for block in ctx.text_blocks())[:500]
    if name and name not in opening:
        path, line, page = ctx.first_line()
        yield ctx.finding(path, line, f"the handler's name “{name}” is not in the first 500 "
                          "characters of the policy", page)
    for block in ctx.text_blocks():
        found = ctx.rules.match("defined_term_without_name", block.text)
        if found:
            yield ctx.at(block, f"the defined term {quote(found.group(0))} has no handler's name "
                         f"before it: {quote(block.text)}", found.start())


@rule("META-02", lists=("contact_promise", "contact_value", "section_contact"))
def meta_02(ctx: Context) -> Iterator[Finding]:
    """A working contact method is stated (PIPL Art. 17(1), 50).

    The 联系我们 section gives a phone number, email or postal address; a sentence that
    promises contact by phone or mail gives the value; ``data/operator.yml`` has at least
    one, and a phone or email in the text is the one in the data.
    """
    handler = ctx.policy.operator["handler"]
    if not (handler["phone"].strip() or handler["email"].strip() or zh(handler["address"])):
        yield ctx.in_data("data/operator.yml", ("handler", "phone"),
                          "data/operator.yml gives no phone, email or address of the handler")
    empty_promises = set()
    for block in ctx.text_blocks():
        for offset, sentence in block.sentences():
            found = ctx.rules.match("contact_promise", sentence)
            if found and not ctx.contact_values(sentence):
                empty_promises.add(block.page)
                yield ctx.at(block, f"the sentence promises contact but gives no value: "
                             f"{quote(sentence)}", offset)
    pages = ctx.section("contact")
    if not pages:
        yield ctx.whole("the policy has no section titled 联系我们 (contact us)")
        return
    values = [value for block in ctx.text_blocks(pages) for value in ctx.contact_values(block.text)]
    if not values and not empty_promises & set(pages):
        yield ctx.whole("the contact section gives no phone number, email or postal address", pages)
    for value in values:
        digits = re.sub(r"\D", "", value)
        phone = re.sub(r"\D", "", handler["phone"])
        if "@" in value and handler["email"].strip() and value != handler["email"].strip():
            block = next(b for b in ctx.text_blocks(pages) if value in b.text)
            yield ctx.at(block, f"the text gives the email “{value}” but data/operator.yml "
                         f"handler.email is “{handler['email']}”", block.text.index(value))
        elif "@" not in value and phone and digits and not (digits.endswith(phone) or phone.endswith(digits)) \
                and value != zh(handler["address"]):
            block = next(b for b in ctx.text_blocks(pages) if value in b.text)
            yield ctx.at(block, f"the text gives the phone “{value}” but data/operator.yml "
                         f"handler.phone is “{handler['phone']}”", block.text.index(value))


@rule("META-03", lists=("dates_labels", "written_date"))
def meta_03(ctx: Context) -> Iterator[Finding]:
    """The effective and updated dates are present and real (PIPL Art. 17; 工信部〔2020〕164号).

    The introduction carries ``<!-- policy:dates -->`` (stamped from data/versions.yml), or
    both labels with a written date that exists and is the newest release's.
    """
    intro = [part.src for part in ctx.parts if part.kind == "intro"]
    pages = intro or [part.src for part in ctx.parts[:1]]
    if any(block.kind == "marker" and block.text == "dates" and block.page in pages for block in ctx.blocks):
        return
    latest = ctx.policy.latest
    expected = {"生效日期": latest.effective, "更新日期": latest.updated}
    for label in ctx.rules.words("dates_labels"):
        block = next((b for b in ctx.text_blocks(pages) if label in b.text), None)
        if block is None:
            yield ctx.whole(f"the introduction does not state the {label} "
                            "(add <!-- policy:dates -->)", pages)
            continue
        after = block.text[block.text.index(label):]
        found = ctx.rules.match("written_date", after)
        if not found:
            yield ctx.at(block, f"{label} has no date written YYYY年M月D日: {quote(after)}",
                         block.text.index(label))
            continue
        try:
            written = datetime.date(*(int(group) for group in found.groups()[:3]))
        except ValueError:
            yield ctx.at(block, f"{label} {quote(found.group(0))} is not a date that exists",
                         block.text.index(label))
            continue
        if label in expected and written != expected[label]:
            yield ctx.at(block, f"{label} {quote(found.group(0))} is not the newest release's "
                         f"({expected[label].isoformat()} in data/versions.yml)", block.text.index(label))


@rule("META-04", lists=("placeholder", "placeholder_words"))
def meta_04(ctx: Context) -> Iterator[Finding]:
    """No template leftovers (PIPL Art. 17 真实、准确、完整).

    Placeholders such as XX, ___, an empty （）, an empty link, or a bracket holding what
    should be filled in (【公司名称】), in the text with variables resolved.
    """
    brackets = re.compile(r"(?<!!)\[([^\]]{0,12})\](?!\()|【([^】]{0,20})】")
    for block in ctx.blocks:
        if block.kind == "marker":
            continue
        raw = block.raw
        hits = [m for pattern in ctx.rules.patterns("placeholder") for m in pattern.finditer(raw)]
        for found in brackets.finditer(raw):
            inner = found.group(1) if found.group(1) is not None else found.group(2)
            if not inner.strip() or ctx.rules.phrase_in("placeholder_words", inner):
                hits.append(found)
        for found in sorted(hits, key=lambda m: m.start())[:1]:
            line = block.lines[raw[:found.start()].count("\n")][1] if block.lines else block.line
            yield ctx.finding(block.path, line, f"a template leftover {quote(found.group(0))} "
                              f"is in the text", block.page)


@rule("META-05", lists=("vague_scope", "scope_markers"))
def meta_05(ctx: Context) -> Iterator[Finding]:
    """The product is named and the scope is precise (PIPL Art. 7, 17).

    ``product.name`` is set and appears in the title or the first paragraph; a sentence
    stating the scope does not say 包括但不限于.
    """
    name = zh(ctx.policy.operator["product"]["name"])
    if not name:
        yield ctx.in_data("data/operator.yml", ("product", "name"),
                          "the product's name (product.name) is empty")
    else:
        texts = [block for block in ctx.blocks if block.kind in ("heading", "paragraph")][:2]
        if not any(name in block.text for block in texts):
            path, line, page = ctx.first_line()
            yield ctx.finding(path, line, f"the product's name “{name}” is not in the title "
                              "or the first paragraph", page)
    for block in ctx.text_blocks():
        for offset, sentence in block.sentences():
            vague = ctx.rules.phrase_in("vague_scope", sentence)
            if vague and ctx.rules.phrase_in("scope_markers", sentence):
                yield ctx.at(block, f"the scope is open-ended ({vague}): {quote(sentence)}",
                             offset + sentence.index(vague))


@rule("META-06", lists=("dpo", "section_contact"))
def meta_06(ctx: Context) -> Iterator[Finding]:
    """A large handler names its data-protection officer (PIPL Art. 52).

    When ``handler.large_handler`` is true: ``handler.dpo.contact`` is set and the text
    says 个人信息保护负责人.
    """
    handler = ctx.policy.operator["handler"]
    if not handler["large_handler"]:
        return
    if not handler["dpo"]["contact"].strip():
        yield ctx.in_data("data/operator.yml", ("handler", "dpo", "contact"),
                          "handler.large_handler is true but handler.dpo.contact is empty")
    if not any(ctx.rules.phrase_in("dpo", block.text) for block in ctx.text_blocks()):
        yield ctx.whole("the policy does not name the 个人信息保护负责人 (data-protection officer)",
                        ctx.section("contact") or None)
