"""RGT rules: how a person exercises their rights, how fast they get an answer, where to complain.

PIPL Art. 15 and 44–48, 50 give the rights (withdrawing consent and having information
transferred included) and ask for a convenient way to exercise them; 《App违法违规收集使用个人
信息行为认定方法》六 and WeChat's template promise a time limit for complaints and account
deletion. Periods are read with Chinese numerals and every unit (:func:`~zhiqing.check.clauses.periods`).
"""

from __future__ import annotations

from typing import Iterator

from zhiqing.check.clauses import periods
from zhiqing.check.engine import Context, Finding, quote, rule

# 15 working days (认定方法 六), in calendar days as periods() counts them (a working day is 7/5 day).
LIMIT_DAYS = 15 * 1.4


@rule("RGT-01", lists=("rights", "ui_path", "contact_reference", "contact_value"))
def rgt_01(ctx: Context) -> Iterator[Finding]:
    """Each right has a concrete route (PIPL Art. 15, 44–48, 50).

    The rights section names each right of ``rights`` and gives a route: a path in the
    product (我的 > 设置 > …) or the contact section, which must then give a contact.
    """
    pages = ctx.section("rights")
    if not pages:
        yield ctx.whole("no_section")
        return
    clauses = ctx.clauses.about("rights")
    text = "".join(clause.text for clause in clauses)
    missing = [name for name, words in ctx.rules.groups("rights").items() if not any(w in text for w in words)]
    if missing:
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
    or only 尽快/及时, is reported at that clause.
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
            yield ctx.at(clause, "vague", clause.text.index(word), text=quote(clause.text))
            stated = True
    if not stated:
        yield ctx.at(clauses[0], "no_limit", text=quote(clauses[0].text))


@rule("RGT-03", lists=("complaint", "outdated_authority"))
def rgt_03(ctx: Context) -> Iterator[Finding]:
    """A complaint channel is stated (PIPL Art. 50; GB/T 35273-2020 §5.5 a) 8)); an outdated
    authority's name is info."""
    clauses = ctx.clauses.about("contact") or ctx.clauses.items
    if not any(ctx.rules.phrase_in("complaint", clause.text) for clause in clauses):
        yield ctx.whole("no_complaint", "contact")
    for clause in clauses:
        if not ctx.rules.phrase_in("complaint", clause.text):
            continue
        for current, old_words in ctx.rules.groups("outdated_authority").items():
            for word in old_words:
                if word in clause.text:
                    yield ctx.at(clause, "outdated", clause.text.index(word), severity="info", old=word, new=current)


@rule("RGT-04", lists=("account_deletion", "ui_path", "contact_reference"))
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
    for block in blocks.values():
        if (ctx.rules.match("ui_path", block.text) or ctx.rules.phrase_in("contact_reference", block.text)) \
                and periods(block.text):
            return
    clause = clauses[0]
    word = ctx.rules.phrase_in("account_deletion", clause.text)
    has_route = any(ctx.rules.match("ui_path", block.text) or ctx.rules.phrase_in("contact_reference", block.text)
                    for block in blocks.values())
    key = "no_limit" if has_route else "no_route" if any(periods(b.text) for b in blocks.values()) else "no_route_limit"
    yield ctx.at(clause, key, clause.text.index(word), text=quote(clause.text))
