"""RGT rules: how a person exercises their rights, how fast they get an answer, where to complain.

PIPL Art. 15 and 44–48, 50 give the rights (withdrawing consent and having information
transferred included) and ask for a convenient way to exercise them; 《App违法违规收集使用个人
信息行为认定方法》六 and WeChat's template promise a time limit for complaints and account
deletion. Periods are read with Chinese numerals and every unit (:func:`~zhiqing.check.clauses.periods`).
"""

from __future__ import annotations

import re
from typing import Iterator

from zhiqing.check.clauses import Clause, periods, stance
from zhiqing.check.engine import Context, Finding, quote, rule

# 15 working days (认定方法 六), in calendar days as periods() counts them (a working day is 7/5 day).
LIMIT_DAYS = 15 * 1.4


@rule("RGT-01", lists=("rights", "ui_path", "contact_reference", "contact_value", "request_route", "others_rights"))
def rgt_01(ctx: Context) -> Iterator[Finding]:
    """Each right has a concrete route (PIPL Art. 15, 44–48, 50).

    The rights section offers each right of ``rights`` (named in a clause that is not a
    condition such as “您撤回同意的，…”, nor about a deceased person's relatives) with a route:
    a path in the product (我的 > 设置 > …), a contact or a request, in its paragraph or
    subsection, or a clause saying all rights are exercised through the contact section; the
    contact section must then give a contact.
    """
    pages = ctx.section("rights")
    if not pages:
        yield ctx.whole("no_section")
        return
    clauses = [clause for clause in ctx.clauses.about("rights") if not ctx.rules.phrase_in("others_rights", clause.text)]
    # “您通过客服、电话或者电子邮件提出的请求……”: every right goes through the contact section.
    general = any(ctx.rules.phrase_in("contact_reference", clause.text) and re.search(r"请求|申请|行使", clause.text)
                  for clause in clauses)
    missing = [name for name, words in ctx.rules.groups("rights").items()
               if not any(offered(clause.text, word) and (general or has_route(ctx, clause))
                          for clause in clauses for word in words)]
    anywhere = any(ctx.rules.match("ui_path", clause.text) or ctx.rules.phrase_in("contact_reference", clause.text)
                   or ctx.rules.phrase_in("request_route", clause.text) for clause in clauses)
    if missing and (anywhere or len(missing) < len(ctx.rules.groups("rights"))):
        yield ctx.whole("missing_rights", "rights", rights="、".join(missing))
    if any(ctx.rules.match("ui_path", clause.text) for clause in clauses):
        return
    contact = [value for clause in ctx.clauses.about("contact") for value in ctx.contact_values(clause.text)]
    referring = [clause for clause in clauses if ctx.rules.phrase_in("contact_reference", clause.text)]
    if referring and contact:
        return
    if referring:
        clause = referring[0]
        word = ctx.rules.phrase_in("contact_reference", clause.text)
        yield ctx.at(clause, "contact_without_value", clause.text.index(word), text=quote(clause.text))
    else:
        yield ctx.whole("no_route", "rights")


def offered(text: str, word: str) -> bool:
    """True when ``text`` offers the right ``word`` names: somewhere the word stands as an act
    (:func:`~zhiqing.check.clauses.stance` ``does``), not as a condition (“您撤回同意的，…”) or
    a negation."""
    return any(stance(text, match.start()) == "does" for match in re.finditer(re.escape(word), text))


def has_route(ctx: Context, clause: Clause) -> bool:
    """True when the paragraph or list item of ``clause`` (or, in a subsection named for the right,
    any paragraph of it) gives a route: a path in the product, a contact, or a request to make."""
    blocks = [clause.block]
    heading = next((b for b in ctx.blocks if b.kind == "heading" and b.anchor == clause.anchor and b.level > 1), None)
    if heading is not None:
        blocks += [other.block for other in ctx.clauses.under(clause.anchor)]
    return any(ctx.rules.match("ui_path", block.text) or ctx.rules.phrase_in("contact_reference", block.text)
               or ctx.rules.phrase_in("request_route", block.text) for block in blocks)


def answer_clauses(ctx: Context) -> list:
    """The clauses (rights and contact sections) that promise an answer to requests or complaints,
    not those about deleting the account (RGT-04's)."""
    clauses = ctx.clauses.about("rights") + ctx.clauses.about("contact")
    return [clause for clause in clauses if ctx.rules.match("answer", clause.text)
            and not ctx.rules.phrase_in("account_deletion", clause.text)]


@rule("RGT-02", lists=("answer", "vague_time", "account_deletion"))
def rgt_02(ctx: Context) -> Iterator[Finding]:
    """Requests and complaints are answered within a stated limit of at most 15 working days
    (认定方法 六; WeChat 小程序用户隐私保护指引 template; a warning).

    The clause that promises an answer states a period; a period longer than 15 working days,
    or only 尽快/及时, is reported at that clause, quoting it from the part of the sentence that
    promises the answer (a sentence may open with the contact details).
    """
    clauses = answer_clauses(ctx)
    if not clauses:
        yield ctx.whole("no_answer", "contact")
        return
    stated = False
    for clause in clauses:
        found = periods(clause.text)
        if found:
            stated = True
            for period in found:
                if period.days > LIMIT_DAYS:
                    yield ctx.at(clause, "late", period.start, text=quote(period.text))
        elif ctx.rules.phrase_in("vague_time", clause.text):
            word = ctx.rules.phrase_in("vague_time", clause.text)
            yield ctx.at(clause, "vague", clause.text.index(word), text=quote(part_at(clause.text, clause.text.index(word))))
            stated = True
    if not stated:
        clause = clauses[0]
        yield ctx.at(clause, "no_limit", text=quote(part_at(clause.text, ctx.rules.match("answer", clause.text).start())))


def part_at(text: str, start: int) -> str:
    """``text`` from the beginning of its part (after ，；：) that holds position ``start``."""
    return text[max((m.end() for m in re.finditer(r"[，,；;：:]", text[:start])), default=0):]


@rule("RGT-03", lists=("complaint", "complaint_body", "outdated_authority"))
def rgt_03(ctx: Context) -> Iterator[Finding]:
    """A complaint channel is stated (PIPL Art. 50; GB/T 35273-2020 §5.5 a) 8)); an outdated
    authority's name is info."""
    clauses = ctx.clauses.about("contact") or ctx.clauses.items
    if not any(ctx.rules.phrase_in("complaint", clause.text) and ctx.rules.phrase_in("complaint_body", clause.text)
               for clause in clauses):
        # Where a complaint channel belongs: after “如您对答复不满意”, else by the last mention of 投诉.
        about = [clause for clause in clauses if "不满意" in clause.text] or \
            [clause for clause in clauses if ctx.rules.phrase_in("complaint", clause.text)][-1:]
        yield ctx.at(about[0], "no_complaint") if about else ctx.whole("no_complaint", "contact")
    for clause in clauses:
        if not ctx.rules.phrase_in("complaint", clause.text):
            continue
        for current, old_words in ctx.rules.groups("outdated_authority").items():
            for word in old_words:
                if word in clause.text:
                    yield ctx.at(clause, "outdated", clause.text.index(word), severity="info", old=word, new=current)


@rule("RGT-04", lists=("account_deletion", "ui_path", "contact_reference", "unreasonable_deletion"))
def rgt_04(ctx: Context) -> Iterator[Finding]:
    """Account deletion has a route and a time limit (认定方法 六; GB/T 35273-2020 §8.5).

    A clause of the rights section on deleting the account (注销) gives a route (a path in
    the product, or a contact) and a period (any unit, Chinese numerals included).
    """
    clauses = [clause for clause in ctx.clauses.about("rights") if ctx.rules.phrase_in("account_deletion", clause.text)]
    if not clauses:
        yield ctx.whole("no_deletion", "rights")
        return
    blocks = {id(clause.block): clause.block for clause in clauses}
    # A subsection on deleting the account states the route and the period in any of its paragraphs.
    for clause in clauses:
        heading = next((b for b in ctx.blocks if b.kind == "heading" and b.anchor == clause.anchor), None)
        if heading is not None and ctx.rules.phrase_in("account_deletion", heading.text):
            for other in ctx.clauses.under(clause.anchor):
                blocks[id(other.block)] = other.block
    text = "".join(block.text for block in blocks.values())
    condition = ctx.rules.match("unreasonable_deletion", text)
    if condition:
        block = next(block for block in blocks.values() if condition.group(0) in block.text)
        yield ctx.at(block, "unreasonable", block.text.index(condition.group(0)), text=quote(condition.group(0)))
    route = ctx.rules.match("ui_path", text) or ctx.rules.phrase_in("contact_reference", text)
    found = periods(text)
    late = [period for period in found if period.days > LIMIT_DAYS]
    if route and found:
        if late:
            block = next(block for block in blocks.values() if late[0].text in block.text)
            yield ctx.at(block, "late", block.text.index(late[0].text), text=quote(late[0].text))
        return
    subsection = [c for c in ctx.clauses.under(clauses[0].anchor)
                  if any(b.kind == "heading" and b.anchor == clauses[0].anchor and ctx.rules.phrase_in("account_deletion", b.text)
                         for b in ctx.blocks)]
    clause = (subsection or clauses)[0]
    word = ctx.rules.phrase_in("account_deletion", clause.text) or ""
    has_route = any(ctx.rules.match("ui_path", block.text) or ctx.rules.phrase_in("contact_reference", block.text)
                    for block in blocks.values())
    key = "no_limit" if has_route else "no_route" if any(periods(b.text) for b in blocks.values()) else "no_route_limit"
    yield ctx.at(clause, key, clause.text.index(word) if word else 0, text=quote(clause.text))
