"""SHR rules: who receives personal information, in what relationship, where it is stored.

PIPL Art. 21–23 separate entrusted processing, provision to another handler and transfer in a
merger; Art. 38–40 govern transfer outside mainland China. A place outside mainland China is
recognised by name (``places_abroad``: 境外、新加坡、美国 …; 香港、澳门、台湾 count, as the
regulators treat transfers there as leaving the mainland), and a clause that promises not to
transfer, or states the condition on which it would, is told apart from one that transfers.
"""

from __future__ import annotations

from typing import Iterator

import re

from zhiqing.check.clauses import asks, stance
from zhiqing.check.engine import Context, Finding, quote, rule, zh


@rule("SHR-01", lists=("sharing_mentions", "legal_entity", "recipient_category"))
def shr_01(ctx: Context) -> Iterator[Finding]:
    """A third-party sharing list exists when the text mentions sharing, and lists every recipient
    the sharing section names (PIPL Art. 23; 工信部信管函〔2021〕292号).

    A legal entity (…有限公司) named in the sharing section, other than the handler, is a row's
    recipient; one missing is reported once, at the list.
    """
    shared = ctx.policy.inventory["shared"]
    if shared:
        known = [zh(row["recipient"]) for row in shared if zh(row["recipient"])] + [zh(ctx.policy.operator["handler"]["name"])]
        if any(not zh(row["recipient"]) or ctx.rules.match("recipient_category", zh(row["recipient"])) for row in shared):
            return  # a row without a named recipient (SHR-02) may be the one the text names
        reported = set()
        for clause in ctx.clauses.about("sharing"):
            for found in ctx.rules.patterns("legal_entity")[0].finditer(clause.text):
                entity = re.sub(r"^.*(?:委托|由|向|与|和|及|将|为|是|经|通过|使用|给|包括|：|:)", "", found.group(0))
                if len(entity) < 6 or any(name and (name in entity or entity in name) for name in known) \
                        or entity in reported or stance(clause.text, found.start()) == "not":
                    continue
                reported.add(entity)
                yield ctx.in_data("data/inventory.yml", ("shared",), "unlisted_recipient", entity=entity,
                                  text=quote(clause.text))
        return
    for clause in ctx.clauses.items:
        word = ctx.rules.phrase_in("sharing_mentions", clause.text)
        if word and stance(clause.text, clause.text.index(word)) == "does":
            # The place to fix it is the list: the text stays.
            yield ctx.in_data("data/inventory.yml", ("shared",), "no_list", word=word, text=quote(clause.text))
            return


@rule("SHR-02", lists=("recipient_category", "recipient_contact", "contact_value"))
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
        unstated = {"zh": "；未写明：" + ", ".join(missing), "en": "; not stated: " + ", ".join(missing)} if missing \
            else {"zh": "", "en": ""}
        if not recipient:
            yield ctx.in_data("data/inventory.yml", where, "no_recipient", row=row["id"], category=category or "—",
                              missing=unstated)
        elif ctx.rules.match("recipient_category", recipient):
            yield ctx.in_data("data/inventory.yml", where, "category_recipient", row=row["id"], recipient=recipient,
                              missing=unstated)
        elif missing:
            yield ctx.in_data("data/inventory.yml", ("shared", index, missing[0]), "incomplete", row=row["id"],
                              missing=", ".join(missing))
        elif row["relationship"] == "provided":
            cited = [clause for clause in ctx.clauses.under(row["source"]) if recipient in clause.text]
            text = "".join(clause.text for clause in cited)
            if cited and not (ctx.contact_values(text) or ctx.rules.match("recipient_contact", text)):
                yield ctx.at(cited[0], "no_contact", cited[0].text.index(recipient), row=row["id"], recipient=recipient)


@rule("SHR-03", lists=("separate_consent_asked", "consent_waived"))
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
            recipient = zh(row["recipient"])
            naming = [clause for clause in cited if recipient and recipient in clause.text]
            waiving = [clause for clause in naming if ctx.rules.match("consent_waived", clause.text)]
            if waiving:
                found = ctx.rules.match("consent_waived", waiving[0].text)
                yield ctx.at(waiving[0], "consent_waived", found.start(), row=row["id"], text=quote(found.group(0)))
            elif cited and not any(asks(clause.text, pattern) for clause in cited
                                   for pattern in ctx.rules.patterns("separate_consent_asked")):
                recipient = zh(row["recipient"])
                naming = [clause for clause in cited if recipient and recipient in clause.text]
                yield ctx.at((naming or cited)[0], "no_consent", row=row["id"], source=row["source"])


@rule("SHR-04", lists=("storage_location", "storage_place_words", "places_abroad", "transfer_verbs",
                       "separate_consent_asked", "cross_border_notice"))
def shr_04(ctx: Context) -> Iterator[Finding]:
    """The storage location and any transfer outside mainland China are stated (PIPL Art. 38–40).

    The text says where information is stored. A clause that stores or provides information
    in a place outside mainland China (named: 境外、新加坡、香港 …) needs the overseas
    recipient's name and contact, and separate consent (Art. 39); a clause that promises not
    to, or makes it a condition that names separate consent, needs nothing more.
    """
    clauses = ctx.clauses.items
    stored_abroad = any(ctx.rules.match("transfer_verbs", clause.text) and ctx.rules.phrase_in("places_abroad", clause.text)
                        and stance(clause.text, clause.text.index(ctx.rules.phrase_in("places_abroad", clause.text))) == "does"
                        for clause in clauses)
    if not stored_abroad and not any(ctx.rules.match("storage_location", clause.text) for clause in clauses):
        storing = [clause for clause in ctx.clauses.about("storage") if ctx.rules.match("storage_place_words", clause.text)]
        yield ctx.at(storing[0], "no_location") if storing else ctx.whole("no_location", "storage")
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
                if not any(asks(text, pattern) for pattern in ctx.rules.patterns("separate_consent_asked")):
                    yield ctx.at(clause, "condition_without_consent", start, place=place, text=quote(text))
                break
            notice = [word for word in ctx.rules.words("cross_border_notice") if word not in text]
            if notice or not any(asks(text, pattern) for pattern in ctx.rules.patterns("separate_consent_asked")):
                named = place if place in ("境外", "跨境", "出境", "海外", "国外") else {"zh": f"{place}（境外）", "en": place}
                yield ctx.at(clause, "abroad", start, place=named, text=quote(text))
            break


@rule("SHR-05", lists=("transfer", "transfer_notice", "reconsent"))
def shr_05(ctx: Context) -> Iterator[Finding]:
    """A transfer notice names the recipient and its contact, and consent is asked again if the
    recipient changes the purpose or method (PIPL Art. 22).

    One finding per paragraph on a merger or transfer: ``incomplete`` (名称、联系方式 not
    promised), ``no_reconsent`` (no new consent), or ``incomplete_no_reconsent`` (both).
    """
    for block in ctx.text_blocks(ctx.section("sharing") or None):
        found = ctx.rules.match("transfer", block.text)
        if not found:
            continue
        missing = [phrase for phrase in ctx.rules.words("transfer_notice") if phrase not in block.text]
        reconsent = ctx.rules.match("reconsent", block.text)
        if missing or not reconsent:
            key = "incomplete" if reconsent else "incomplete_no_reconsent" if missing else "no_reconsent"
            yield ctx.at(block, key, found.start(), missing="、".join(missing), text=quote(block.text))


@rule("SHR-06", lists=("public_disclosure", "separate_consent_asked", "lawful_disclosure_only"))
def shr_06(ctx: Context) -> Iterator[Finding]:
    """Making personal information public needs separate consent (PIPL Art. 25).

    A clause of the sharing section that says information may be made public (公开披露、公开您的
    个人信息; not one promising it will not be, unless separate consent is given) asks for
    单独同意 in the same sentence.
    """
    for clause in ctx.clauses.about("sharing"):
        found = ctx.rules.match("public_disclosure", clause.text)
        if not found:
            continue
        if stance(clause.text, found.start()) == "not" and "除非" not in clause.text:
            continue  # a promise not to, without an exception
        if ctx.rules.match("lawful_disclosure_only", clause.text):
            continue  # only where the law requires it: no consent is asked (PIPL Art. 13 ¶1(三))
        if not any(asks(clause.text, pattern) for pattern in ctx.rules.patterns("separate_consent_asked")):
            yield ctx.at(clause, "no_consent", found.start(), text=quote(clause.text))
