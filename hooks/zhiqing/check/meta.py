"""META rules: who the handler is, how to reach them, when the policy took effect, what it covers.

PIPL Art. 17 ¶1(一) asks a handler to state its name and contact before processing; the MIIT
notice 工信部信管函〔2020〕164号 asks a policy to show when it takes effect and when it was updated.
"""

from __future__ import annotations

import datetime
import re
from typing import Iterator

from zhiqing.check.engine import Context, Finding, quote, rule, zh


@rule("META-01", lists=("defined_term_without_name",))
def meta_01(ctx: Context) -> Iterator[Finding]:
    """The handler's legal name is stated (PIPL Art. 17 ¶1(一)).

    The name in ``data/operator.yml`` is set, appears in the first 500 characters of the
    policy, and no paragraph opens with the defined term (“我们”) without a name before it
    (unless the page writes the name as ``{{ operator.handler.name }}`` and the data leaves it
    empty: that is one cause, reported at the data).
    """
    name = zh(ctx.policy.operator["handler"]["name"])
    if not name:
        yield ctx.in_data("data/operator.yml", ("handler", "name"), "name_empty")
    opening = "".join(block.text for block in ctx.text_blocks())[:500]
    if name and name not in opening:
        first = next(iter(ctx.text_blocks()), None)
        if first is not None:
            yield ctx.at(first, "name_late", name=name)
        else:
            path, line, page = ctx.first_line()
            yield ctx.finding(path, line, "name_late", page, name=name)
    for block in ctx.text_blocks():
        found = ctx.rules.match("defined_term_without_name", block.text)
        if found and not (not name and "operator.handler.name" in ctx.raw.get(block.page, "")):
            yield ctx.at(block, "defined_term", found.start(), term=quote(found.group(0)), text=quote(block.text))


@rule("META-02", lists=("contact_promise", "contact_value", "referred_channel"))
def meta_02(ctx: Context) -> Iterator[Finding]:
    """A working contact method is stated (PIPL Art. 17 ¶1(一), Art. 50).

    The 联系我们 section gives a phone number, email or postal address; a sentence that
    promises contact by phone or mail gives the value; ``data/operator.yml`` has at least
    one, and a phone or email in the text is the one in the data. A promise left without a
    value because the data leaves the variable it shows empty is one cause, reported at the data.
    """
    handler = ctx.policy.operator["handler"]
    empty = [field_ for field_ in ("phone", "email") if not handler[field_].strip()]
    if not (handler["phone"].strip() or handler["email"].strip() or zh(handler["address"])):
        yield ctx.in_data("data/operator.yml", ("handler", "phone"), "no_contact_data")
    else:
        for field_ in empty:
            used = [page for page, body in ctx.raw.items() if f"operator.handler.{field_}" in body]
            if used:
                yield ctx.in_data("data/operator.yml", ("handler", field_), "empty_variable", field=field_)
    empty_promises = set()
    for block in ctx.text_blocks():
        for offset, sentence in block.sentences():
            found = ctx.rules.match("contact_promise", sentence)
            if found and not ctx.contact_values(sentence):
                empty_promises.add(block.page)
                if not any(f"operator.handler.{field_}" in ctx.raw.get(block.page, "") for field_ in empty):
                    yield ctx.at(block, "empty_promise", offset, text=quote(sentence))
                continue
            # “通过本政策第七条所列的电子邮箱”: the channel it points to is given somewhere.
            channel = ctx.rules.match("referred_channel", sentence)
            if channel:
                field_ = "email" if "邮" in channel.group(1) else "phone"
                given = handler[field_].strip() or any(
                    value for b in ctx.text_blocks() for value in ctx.contact_values(b.text)
                    if ("@" in value) == (field_ == "email"))
                if not given:
                    yield ctx.at(block, "missing_channel", offset + channel.start(1), channel=channel.group(1),
                                 text=quote(sentence))
    pages = ctx.section("contact")
    if not pages:
        yield ctx.whole("no_section")
        return
    values = [value for block in ctx.text_blocks(pages) for value in ctx.contact_values(block.text)]
    if not values and not empty_promises & set(pages) and (handler["phone"].strip() or handler["email"].strip()
                                                         or zh(handler["address"])):
        yield ctx.whole("no_value", "contact")
    for value in values:
        digits = re.sub(r"\D", "", value)
        phone = re.sub(r"\D", "", handler["phone"])
        known = {handler["email"].strip(), handler["dpo"]["contact"].strip()}
        if "@" in value and handler["email"].strip() and value not in known:
            block = next(b for b in ctx.text_blocks(pages) if value in b.text)
            yield ctx.at(block, "other_email", block.text.index(value), value=value, data=handler["email"])
        elif "@" not in value and phone and digits and not (digits.endswith(phone) or phone.endswith(digits)) \
                and value != zh(handler["address"]):
            block = next(b for b in ctx.text_blocks(pages) if value in b.text)
            yield ctx.at(block, "other_phone", block.text.index(value), value=value, data=handler["phone"])


@rule("META-03", lists=("dates_labels", "written_date"))
def meta_03(ctx: Context) -> Iterator[Finding]:
    """The effective and updated dates are present and real (PIPL Art. 17 ¶2; 工信部信管函〔2020〕164号; GB/T 35273-2020 Annex D).

    The introduction carries ``<!-- policy:dates -->`` (stamped from data/versions.yml), or
    both labels with a written date that exists and is the newest release's.
    """
    intro = [part.src for part in ctx.parts if part.kind == "intro"]
    pages = intro or [part.src for part in ctx.parts[:1]]
    latest = ctx.policy.latest
    # A date the text gives for this version (“本版本于 … 更新，自 … 起生效”) is the newest release's.
    for clause in ctx.clauses.items:
        if "本版本" not in clause.text and "本政策" not in clause.text:
            continue
        for label, word, expected_date in (("生效日期", "生效", latest.effective), ("更新日期", "更新", latest.updated)):
            for found in ctx.rules.patterns("written_date")[0].finditer(clause.text):
                after = clause.text[found.end():found.end() + 6]
                if word not in after:
                    continue
                try:
                    written = datetime.date(*(int(group) for group in found.groups()[:3]))
                except ValueError:
                    continue
                if written != expected_date:
                    yield ctx.at(clause, "other_date", found.start(), label=label, date=quote(found.group(0)),
                                 expected=expected_date.isoformat())
    if any(block.kind == "marker" and block.text == "dates" and block.page in pages for block in ctx.blocks):
        return
    expected = {"生效日期": latest.effective, "更新日期": latest.updated}
    for label in ctx.rules.words("dates_labels"):
        block = next((b for b in ctx.text_blocks(pages) if label in b.text), None)
        if block is None:
            yield ctx.whole("no_date", "intro", label=label)
            continue
        after = block.text[block.text.index(label):]
        found = ctx.rules.match("written_date", after)
        if not found:
            yield ctx.at(block, "unwritten_date", block.text.index(label), label=label, text=quote(after))
            continue
        try:
            written = datetime.date(*(int(group) for group in found.groups()[:3]))
        except ValueError:
            yield ctx.at(block, "impossible_date", block.text.index(label), label=label, date=quote(found.group(0)))
            continue
        if label in expected and written != expected[label]:
            yield ctx.at(block, "other_date", block.text.index(label), label=label, date=quote(found.group(0)),
                         expected=expected[label].isoformat())


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
            yield ctx.finding(block.path, line, "leftover", block.page, text=quote(found.group(0)))


@rule("META-05", lists=("vague_scope", "scope_markers"))
def meta_05(ctx: Context) -> Iterator[Finding]:
    """The product is named and the scope is precise (PIPL Art. 7, 17).

    ``product.name`` is set and appears in the title or the first paragraph; a sentence
    stating the scope does not say 包括但不限于.
    """
    name = zh(ctx.policy.operator["product"]["name"])
    if not name:
        yield ctx.in_data("data/operator.yml", ("product", "name"), "product_empty")
    else:
        texts = [block for block in ctx.blocks if block.kind in ("heading", "paragraph")][:2]
        if not any(name in block.text for block in texts):
            path, line, page = ctx.first_line()
            yield ctx.finding(path, line, "product_late", page, name=name)
    for block in ctx.text_blocks():
        for offset, sentence in block.sentences():
            vague = ctx.rules.phrase_in("vague_scope", sentence)
            if vague and ctx.rules.phrase_in("scope_markers", sentence):
                yield ctx.at(block, "open_scope", offset + sentence.index(vague), vague=vague, text=quote(sentence))


@rule("META-06", lists=("dpo", "dpo_like"))
def meta_06(ctx: Context) -> Iterator[Finding]:
    """A large handler names its data-protection officer (PIPL Art. 52).

    When ``handler.large_handler`` is true: ``handler.dpo.contact`` is set and the text
    says 个人信息保护负责人.
    """
    handler = ctx.policy.operator["handler"]
    if not handler["large_handler"]:
        return
    if not handler["dpo"]["contact"].strip():
        yield ctx.in_data("data/operator.yml", ("handler", "dpo", "contact"), "no_dpo_contact")
    if not any(ctx.rules.phrase_in("dpo", block.text) for block in ctx.text_blocks()):
        officer = next((clause for clause in ctx.clauses.items if ctx.rules.phrase_in("dpo_like", clause.text)), None)
        yield ctx.at(officer, "other_officer", officer.text.index(ctx.rules.phrase_in("dpo_like", officer.text)),
                     text=quote(officer.text)) if officer else ctx.whole("no_dpo", "contact")
