"""COL rules: what is collected, why, how long it is kept, and on what consent.

PIPL Art. 17 ¶1(二) asks for the purposes, methods, kinds of personal information and retention
periods; the MIIT two-list notice (工信部信管函〔2021〕292号) asks for a list of what is collected;
《App违法违规收集使用个人信息行为认定方法》 names the ways a policy fails to say it.
"""

from __future__ import annotations

import re
from typing import Iterator

from zhiqing.check.engine import Context, Finding, quote, rule, zh
from zhiqing.data.model import collection_methods, self_collected_keys

LINK = re.compile(r"!?\[([^\]]*)\]\(([^)]*)\)")
CLAUSE_SPLIT = re.compile(r"[，,；;：:]")


@rule("COL-01", lists=("document_title", "law_title"))
def col_01(ctx: Context) -> Iterator[Finding]:
    """A collected-information list exists and every referenced document resolves (PIPL Art. 17(2)).

    ``collected`` is not empty; every row's ``source`` is a heading id of the policy; every
    《…》 the text mentions (laws and standards aside) is a link to a page of the site or
    the title of a policy page.
    """
    inventory = ctx.policy.inventory
    if not inventory["collected"]:
        yield ctx.in_data("data/inventory.yml", ("collected",),
                          "the collected-information list (collected) is empty")
    for table in ("collected", "shared"):
        for index, row in enumerate(inventory[table]):
            if row["source"] not in ctx.anchors:
                yield ctx.in_data("data/inventory.yml", (table, index, "source"),
                                  f"{table} row {row['id']} rests on “{row['source']}”, which is not a heading "
                                  "id of the policy")
    titles = set(ctx.titles.values())
    pages = {part.src for part in ctx.parts}
    for block in ctx.blocks:
        if block.kind == "marker":
            continue
        linked = set()
        for link in LINK.finditer(block.raw):
            target = link.group(2).split("#")[0].strip()
            for mention in ctx.rules.patterns("document_title")[0].finditer(link.group(1)):
                if target in pages or target in ctx.docs_files:
                    linked.add(mention.group(1))
        for mention in ctx.rules.patterns("document_title")[0].finditer(block.text):
            title = mention.group(1)
            if title in linked or title in titles or ctx.rules.match("law_title", title):
                continue
            yield ctx.at(block, f"《{title}》 is not a page of the site: link it to the page that "
                         "holds it, or add that page", mention.start())


@rule("COL-02")
def col_02(ctx: Context) -> Iterator[Finding]:
    """Each collected row is complete (MIIT 292号; GB/T 35273-2020 §5.5 a) 2)).

    Function, PI types, purpose, collection method and trigger are stated. (Function type is
    COL-04's, retention COL-07's.)
    """
    for index, row in enumerate(ctx.policy.inventory["collected"]):
        missing = [key for key in ("function", "purpose", "trigger") if not zh(row[key])]
        if not row["method"]:
            missing.insert(2, "method")
        if not row["pi_types"]:
            missing.insert(1, "pi_types")
        if missing:
            yield ctx.in_data("data/inventory.yml", ("collected", index),
                              f"collected row {row['id']} does not state {', '.join(missing)}")


@rule("COL-03", lists=("vague_purpose", "min_purpose_length"))
def col_03(ctx: Context) -> Iterator[Finding]:
    """Each purpose is specific (认定方法 二(3)(4); GB/T 35273-2020 §5.5 c)).

    At least 6 characters, and none of the vague phrases of ``vague_purpose``.
    """
    for index, row in enumerate(ctx.policy.inventory["collected"]):
        purpose = zh(row["purpose"])
        if not purpose:
            continue  # COL-02 reports it
        vague = ctx.rules.phrase_in("vague_purpose", purpose)
        if vague:
            yield ctx.in_data("data/inventory.yml", ("collected", index, "purpose"),
                              f"collected row {row['id']} has a vague purpose ({vague}): {quote(purpose)}")
        elif not ctx.rules.match("min_purpose_length", purpose):
            yield ctx.in_data("data/inventory.yml", ("collected", index, "purpose"),
                              f"collected row {row['id']} has a purpose too short to be specific: {quote(purpose)}")


@rule("COL-04", lists=("refusal_effect", "section_collection", "basic_function", "extended_function"))
def col_04(ctx: Context) -> Iterator[Finding]:
    """Basic and extended functions are told apart, with the effect of refusing (GB/T 35273-2020 §5.3; PIPL 16).

    Every row's ``function_type`` is basic or extended; the text names both kinds of
    function and says what refusing does.
    """
    rows = ctx.policy.inventory["collected"]
    for index, row in enumerate(rows):
        if row["function_type"] not in ("basic", "extended"):
            yield ctx.in_data("data/inventory.yml", ("collected", index, "function_type"),
                              f"collected row {row['id']} does not say whether its function is basic or extended")
    if not rows:
        return
    text = "".join(block.text for block in ctx.text_blocks())
    pages = ctx.section("collection") or None
    missing = [name for name in ("basic_function", "extended_function") if not ctx.rules.phrase_in(name, text)]
    if missing:
        words = " and ".join(ctx.rules.words(name)[0] for name in missing)
        yield ctx.whole(f"the policy does not name {words}", pages)
    elif not ctx.rules.match("refusal_effect", text):
        yield ctx.whole("the policy does not say what refusing to provide information does", pages)


@rule("COL-05", lists=("sensitive_notice", "separate_consent", "necessity_impact"))
def col_05(ctx: Context) -> Iterator[Finding]:
    """Sensitive personal information is marked, with necessity, impact and separate consent (PIPL 28-30).

    A PI type of a sensitive kind (``synonyms.yml``) is marked sensitive; when a row holds
    sensitive information the text says 敏感个人信息, its necessity and impact, and asks for
    单独同意.
    """
    text = "".join(block.text for block in ctx.text_blocks())
    lacking = [name for name in ("sensitive_notice", "separate_consent", "necessity_impact")
               if not ctx.rules.phrase_in(name, text)]
    sensitive_kinds = {kind["name"] for kind in ctx.rules.kinds if kind["sensitive"]}
    for index, row in enumerate(ctx.policy.inventory["collected"]):
        for number, pi in enumerate(row["pi_types"]):
            name = zh(pi["name"])
            if not pi["sensitive"] and ctx.row_kinds([name]) & sensitive_kinds:
                yield ctx.in_data("data/inventory.yml", ("collected", index, "pi_types", number),
                                  f"collected row {row['id']}: {name} is sensitive personal information "
                                  "but is not marked sensitive")
        sensitive = [zh(pi["name"]) for pi in row["pi_types"] if pi["sensitive"]]
        if sensitive and lacking:
            number = next(n for n, pi in enumerate(row["pi_types"]) if pi["sensitive"])
            words = ", ".join(ctx.rules.words(name)[0] for name in lacking)
            yield ctx.in_data("data/inventory.yml", ("collected", index, "pi_types", number),
                              f"collected row {row['id']} holds sensitive personal information "
                              f"({'、'.join(sensitive)}) but the policy never says {words}")


@rule("COL-06", lists=("purpose_markers", "permission_words"))
def col_06(ctx: Context) -> Iterator[Finding]:
    """Permissions and WeChat privacy interfaces are tied to purposes and rows (认定方法 二(3)).

    A row with a privacy key collects through the WeChat interface (or, for a key WeChat has no
    interface for, such as DeviceInfo, itself: ``data/rules/wechat_keys.yml``), names a PI type
    of that key and states its purpose; a row collecting through the interface has a key; a
    permission the text asks for has a row with its key and a purpose in the same clause
    or the one next to it.
    """
    rows = ctx.policy.inventory["collected"]
    keys = set()
    self_collected = self_collected_keys(ctx.root)
    for index, row in enumerate(rows):
        key = row["wechat_privacy_key"]
        if key is None:
            if row["method"] == "wechat_api":
                yield ctx.in_data("data/inventory.yml", ("collected", index, "wechat_privacy_key"),
                                  f"collected row {row['id']} collects through a WeChat interface but names "
                                  "no privacy key")
            continue
        keys.add(key)
        names = [zh(pi["name"]) for pi in row["pi_types"]]
        kinds = {kind["name"] for kind in ctx.rules.kinds if kind["privacy_key"] == key}
        if not ctx.row_kinds(names) & kinds:
            yield ctx.in_data("data/inventory.yml", ("collected", index, "wechat_privacy_key"),
                              f"collected row {row['id']} has the privacy key {key} but none of its PI types "
                              f"({'、'.join(names)}) is what {key} collects")
        elif not zh(row["purpose"]):
            yield ctx.in_data("data/inventory.yml", ("collected", index, "wechat_privacy_key"),
                              f"collected row {row['id']} has the privacy key {key} but no purpose")
        methods = collection_methods(key, self_collected)
        if row["method"] not in (*methods, ""):
            yield ctx.in_data("data/inventory.yml", ("collected", index, "method"),
                              f"collected row {row['id']} has the privacy key {key} but its method is "
                              f"{row['method']}, not {' or '.join(methods)}")
    markers = ctx.rules.words("purpose_markers")
    for block in ctx.text_blocks():
        if not ctx.rules.phrase_in("permission_words", block.text):
            continue
        for offset, sentence in block.sentences():
            if not ctx.rules.phrase_in("permission_words", sentence):
                continue  # a sentence about a permission, not one asking for it
            clauses = CLAUSE_SPLIT.split(sentence)
            explained = [any(word in clause for word in markers) for clause in clauses]
            bare, unrowed = [], []
            for number, clause in enumerate(clauses):
                named = [(word, kind) for _, word, kind in ctx.kinds_in(clause)
                         if kind["permission"] or kind["privacy_key"]]
                if not named:
                    continue
                near = explained[max(0, number - 1): number + 2]
                if not any(near):
                    bare.append(clause.strip())
                for word, kind in named:
                    if kind["privacy_key"] not in keys and word not in unrowed:
                        unrowed.append(word)
            if bare:
                yield ctx.at(block, f"permissions are listed without a purpose: {quote('，'.join(bare))}",
                             offset + sentence.index(bare[0]))
            for word in unrowed:
                yield ctx.at(block, f"the text asks for “{word}” but no collected row has its "
                             "privacy key", offset + sentence.index(word))


@rule("COL-07", lists=("retention_labels", "concrete_retention", "vague_retention", "section_storage"))
def col_07(ctx: Context) -> Iterator[Finding]:
    """Retention periods are concrete (PIPL Art. 17(2), 19).

    The paragraph stating the retention period gives a number of days, months or years,
    deletion on account closure, or how the period is determined, not only 所需的期限; a
    row without such a policy-wide period states its own.
    """
    concrete_text = False
    # The storage section when there is one: elsewhere 存储期限 is named, not stated (“… and the retention period change”).
    pages = ctx.section("storage") or None
    labelled = [block for block in ctx.text_blocks(pages) if ctx.rules.phrase_in("retention_labels", block.text)]
    for block in labelled:
        if ctx.rules.match("concrete_retention", block.text):
            concrete_text = True
            continue
        vague = ctx.rules.phrase_in("vague_retention", block.text)
        where = block.text.index(vague) if vague else 0
        what = f"only {quote(vague)}" if vague else "no period"
        yield ctx.at(block, f"the retention period is not concrete: it says {what}", where)
    if not labelled:
        yield ctx.whole("the policy states no retention period (存储期限)", pages)
    if concrete_text:
        return
    for index, row in enumerate(ctx.policy.inventory["collected"]):
        retention = zh(row["retention"])
        if not retention:
            yield ctx.in_data("data/inventory.yml", ("collected", index, "retention"),
                              f"collected row {row['id']} states no retention period")
        elif not ctx.rules.match("concrete_retention", retention):
            yield ctx.in_data("data/inventory.yml", ("collected", index, "retention"),
                              f"collected row {row['id']} has a retention period that is not concrete: "
                              f"{quote(retention)}")


@rule("COL-08", lists=("implied_consent",))
def col_08(ctx: Context) -> Iterator[Finding]:
    """No implied consent (PIPL Art. 14; 认定方法 三): using the product is not consent."""
    for block in ctx.text_blocks():
        for pattern in ctx.rules.patterns("implied_consent"):
            for found in pattern.finditer(block.text):
                yield ctx.at(block, f"consent is implied from use: {quote(found.group(0), 60)}",
                             found.start())


@rule("COL-09", lists=("profiling", "opt_out", "ui_path"))
def col_09(ctx: Context) -> Iterator[Finding]:
    """Profiling and personalised push can be switched off by a stated path (PIPL Art. 24).

    When a row's purpose or function is profiling (``profiling``), a paragraph on it says
    how to switch it off (关闭) with a path such as 我的 > 设置.
    """
    rows = [(index, row) for index, row in enumerate(ctx.policy.inventory["collected"])
            if ctx.rules.phrase_in("profiling", zh(row["purpose"]) + zh(row["function"]))]
    if not rows:
        return
    about = [block for block in ctx.text_blocks() if ctx.rules.phrase_in("profiling", block.text)
             or (ctx.rules.phrase_in("opt_out", block.text) and "个性化" in block.text)]
    for block in about:
        if ctx.rules.phrase_in("opt_out", block.text) and ctx.rules.match("ui_path", block.text):
            return
    opting = [block for block in about if ctx.rules.phrase_in("opt_out", block.text)]
    if opting:
        block = opting[0]
        offset, sentence = next((offset, sentence) for offset, sentence in block.sentences()
                                if ctx.rules.phrase_in("opt_out", sentence))
        yield ctx.at(block, f"the policy says profiling can be switched off but gives no path "
                     f"(such as 我的 > 设置): {quote(sentence)}", offset)
    else:
        index, row = rows[0]
        yield ctx.in_data("data/inventory.yml", ("collected", index, "purpose"),
                          f"collected row {row['id']} is profiling but the policy never says how to switch it off")


@rule("COL-10")
def col_10(ctx: Context) -> Iterator[Finding]:
    """Every kind of personal information the text names is in the collected list (PIPL Art. 6, 17).

    Kinds are found through ``synonyms.yml``; each must map to a PI type of a collected row.
    """
    listed = ctx.row_kinds(zh(pi["name"]) for row in ctx.policy.inventory["collected"] for pi in row["pi_types"])
    reported = set()
    pages = [part.src for part in ctx.parts if part.kind in ("intro", "section")]
    for block in ctx.text_blocks(pages):
        for offset, word, kind in ctx.kinds_in(block.text):
            if kind["name"] in listed or kind["name"] in reported:
                continue
            reported.add(kind["name"])
            yield ctx.at(block, f"the text names “{word}” ({kind['name']}) but no collected row "
                         "lists it", offset)
