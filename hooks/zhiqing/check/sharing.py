"""SHR rules: who receives personal information, in what relationship, where it is stored.

PIPL Art. 21-23 separate entrusted processing, provision to another handler and transfer in a
merger; Art. 38-40 govern transfer outside mainland China.
"""

from __future__ import annotations

from typing import Iterator

from zhiqing.check.engine import Context, Finding, quote, rule, zh


@rule("SHR-01", lists=("sharing_mentions",))
def shr_01(ctx: Context) -> Iterator[Finding]:
    """A third-party sharing list exists when the text mentions sharing (PIPL Art. 23; MIIT 292号)."""
    if ctx.policy.inventory["shared"]:
        return
    for block in ctx.text_blocks():
        word = ctx.rules.phrase_in("sharing_mentions", block.text)
        if word:
            yield ctx.at(block, f"the text mentions “{word}” but the sharing list (shared) is empty",
                         block.text.index(word))
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
        problems = []
        if not recipient:
            problems.append(f"names no recipient (only the category “{category}”)" if category
                            else "names no recipient")
        elif ctx.rules.match("recipient_category", recipient):
            problems.append(f"names a category, not a legal entity: “{recipient}”")
        missing = [key for key, empty in (("purpose", not zh(row["purpose"])), ("pi_types", not row["pi_types"]),
                                          ("method", not row["method"]),
                                          ("policy_url", row["recipient_type"] == "sdk" and not row["policy_url"]))
                   if empty]
        if missing:
            problems.append(f"does not state {', '.join(missing)}")
        if problems:
            yield ctx.in_data("data/inventory.yml", ("shared", index, "recipient"),
                              f"shared row {row['id']} {'; '.join(problems)}")


@rule("SHR-03", lists=("separate_consent",))
def shr_03(ctx: Context) -> Iterator[Finding]:
    """Entrusted processing and provision are told apart (PIPL Art. 21, 23).

    Each shared row's ``relationship`` is entrusted, provided or joint; when information
    is provided, the text asks for 单独同意.
    """
    text = "".join(block.text for block in ctx.text_blocks())
    for index, row in enumerate(ctx.policy.inventory["shared"]):
        if not row["relationship"]:
            yield ctx.in_data("data/inventory.yml", ("shared", index, "relationship"),
                              f"shared row {row['id']} does not say whether the recipient processes on our behalf "
                              "(entrusted), receives the information (provided) or decides jointly (joint)")
        elif row["relationship"] == "provided" and not ctx.rules.phrase_in("separate_consent", text):
            yield ctx.in_data("data/inventory.yml", ("shared", index, "relationship"),
                              f"shared row {row['id']} provides information to another handler but the policy "
                              "never asks for 单独同意 (separate consent)")


@rule("SHR-04", lists=("storage_location", "cross_border", "negation", "section_storage"))
def shr_04(ctx: Context) -> Iterator[Finding]:
    """The storage location and any cross-border transfer are stated (PIPL Art. 38-40).

    The text says where information is stored; a sentence about transfer abroad (not one
    that rules it out) needs the overseas recipient's name, contact and rights method,
    which the inventory cannot yet record: it is reported for the operator to check.
    """
    blocks = ctx.text_blocks()
    if not any(ctx.rules.match("storage_location", block.text) for block in blocks):
        yield ctx.whole("the policy does not say where personal information is stored",
                        ctx.section("storage") or None)
    for block in blocks:
        for offset, sentence in block.sentences():
            word = ctx.rules.phrase_in("cross_border", sentence)
            if word and not ctx.rules.phrase_in("negation", sentence):
                yield ctx.at(block, f"the text mentions a transfer abroad ({word}): state the overseas "
                             f"recipient's name, contact and how to exercise rights: {quote(sentence)}", offset)


@rule("SHR-05", lists=("transfer", "transfer_notice"))
def shr_05(ctx: Context) -> Iterator[Finding]:
    """A transfer notice names the recipient and its contact (PIPL Art. 22)."""
    for block in ctx.text_blocks():
        word = ctx.rules.phrase_in("transfer", block.text)
        if not word:
            continue
        missing = [phrase for phrase in ctx.rules.words("transfer_notice") if phrase not in block.text]
        if missing:
            yield ctx.at(block, f"the transfer paragraph does not promise to tell the recipient's "
                         f"{'、'.join(missing)}: {quote(block.text)}", block.text.index(word))
