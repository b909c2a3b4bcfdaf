"""SHR rules: who receives personal information, in what relationship, where it is stored.

PIPL Art. 21–23 separate entrusted processing, provision to another handler and transfer in a
merger; Art. 38–40 govern transfer outside mainland China. A place outside mainland China is
recognised by name (``places_abroad``: 境外、新加坡、美国 …; 香港、澳门、台湾 count, as the
regulators treat transfers there as leaving the mainland), and a clause that promises not to
transfer, or states the condition on which it would, is told apart from one that transfers.
"""

from __future__ import annotations

from typing import Iterator

from zhiqing.check.clauses import stance
from zhiqing.check.engine import Context, Finding, quote, rule, zh


@rule("SHR-01", lists=("sharing_mentions",))
def shr_01(ctx: Context) -> Iterator[Finding]:
    """A third-party sharing list exists when the text mentions sharing (PIPL Art. 23; 工信部信管函〔2021〕292号)."""
    if ctx.policy.inventory["shared"]:
        return
    for clause in ctx.clauses.items:
        word = ctx.rules.phrase_in("sharing_mentions", clause.text)
        if word and stance(clause.text, clause.text.index(word)) == "does":
            yield ctx.at(clause, "no_list", clause.text.index(word), word=word)
            return


@rule("SHR-02", lists=("recipient_category",))
def shr_02(ctx: Context) -> Iterator[Finding]:
    """Recipients are named, with what they receive and how (PIPL Art. 23).

    Each shared row names a legal entity (not a category such as 合作伙伴), the purpose,
    the PI types shared and the method; an SDK row gives its privacy policy URL.
    """
    for index, row in enumerate(ctx.policy.inventory["shared"]):
        recipient = zh(row["recipient"])
        category = zh(row["category"])
        missing = [key for key, empty in (("purpose", not zh(row["purpose"])), ("pi_types", not row["pi_types"]),
                                          ("method", not row["method"]),
                                          ("policy_url", row["recipient_type"] == "sdk" and not row["policy_url"]))
                   if empty]
        where = ("shared", index, "recipient")
        if not recipient:
            yield ctx.in_data("data/inventory.yml", where, "no_recipient", row=row["id"], category=category or "—",
                              missing=", ".join(missing) or "—")
        elif ctx.rules.match("recipient_category", recipient):
            yield ctx.in_data("data/inventory.yml", where, "category_recipient", row=row["id"], recipient=recipient,
                              missing=", ".join(missing) or "—")
        elif missing:
            yield ctx.in_data("data/inventory.yml", where, "incomplete", row=row["id"], missing=", ".join(missing))


@rule("SHR-03", lists=("separate_consent",))
def shr_03(ctx: Context) -> Iterator[Finding]:
    """Entrusted processing and provision are told apart (PIPL Art. 21, 23).

    Each shared row's ``relationship`` is entrusted, provided or joint; when information is
    provided to another handler, the clause the row cites (``source``) asks for 单独同意.
    """
    for index, row in enumerate(ctx.policy.inventory["shared"]):
        if not row["relationship"]:
            yield ctx.in_data("data/inventory.yml", ("shared", index, "relationship"), "no_relationship",
                              row=row["id"])
        elif row["relationship"] == "provided":
            cited = ctx.clauses.under(row["source"])
            if cited and not any(ctx.rules.phrase_in("separate_consent", clause.text) for clause in cited):
                yield ctx.in_data("data/inventory.yml", ("shared", index, "relationship"), "no_consent",
                                  row=row["id"], source=row["source"])


@rule("SHR-04", lists=("storage_location", "places_abroad", "transfer_verbs", "separate_consent",
                       "cross_border_notice"))
def shr_04(ctx: Context) -> Iterator[Finding]:
    """The storage location and any transfer outside mainland China are stated (PIPL Art. 38–40).

    The text says where information is stored. A clause that stores or provides information
    in a place outside mainland China (named: 境外、新加坡、香港 …) needs the overseas
    recipient's name and contact, and separate consent (Art. 39); a clause that promises not
    to, or makes it a condition that names separate consent, needs nothing more.
    """
    clauses = ctx.clauses.items
    if not any(ctx.rules.match("storage_location", clause.text) for clause in clauses):
        yield ctx.whole("no_location", "storage")
    for clause in clauses:
        text = clause.text
        for place in ctx.rules.words("places_abroad"):
            start = text.find(place)
            if start < 0 or not ctx.rules.match("transfer_verbs", text):
                continue
            said = stance(text, start)
            if said == "not":
                break
            if said == "if":
                if not ctx.rules.phrase_in("separate_consent", text):
                    yield ctx.at(clause, "condition_without_consent", start, place=place, text=quote(text))
                break
            notice = [word for word in ctx.rules.words("cross_border_notice") if word not in text]
            if notice or not ctx.rules.phrase_in("separate_consent", text):
                yield ctx.at(clause, "abroad", start, place=place, text=quote(text))
            break


@rule("SHR-05", lists=("transfer", "transfer_notice"))
def shr_05(ctx: Context) -> Iterator[Finding]:
    """A transfer notice names the recipient and its contact (PIPL Art. 22)."""
    for block in ctx.text_blocks():
        word = ctx.rules.phrase_in("transfer", block.text)
        if not word:
            continue
        missing = [phrase for phrase in ctx.rules.words("transfer_notice") if phrase not in block.text]
        if missing:
            yield ctx.at(block, "incomplete", block.text.index(word), missing="、".join(missing), text=quote(block.text))
