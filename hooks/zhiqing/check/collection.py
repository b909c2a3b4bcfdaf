"""COL rules: what is collected, why, how long it is kept, and on what consent.

PIPL Art. 17 ¶1(二) asks for the purposes, methods, kinds of personal information and retention
periods; the MIIT two-list notice (工信部信管函〔2021〕292号) asks for a list of what is collected;
《App违法违规收集使用个人信息行为认定方法》 names the ways a policy fails to say it. Each rule
reads the clause its requirement is about (the clause a row cites in ``source``, the clause
that states a retention period, the clause that asks for a permission), never a word anywhere.
"""

from __future__ import annotations

import re
from typing import Iterator

from zhiqing.check.clauses import CLAUSE_SEPARATORS, Clause, asks, periods, stance
from zhiqing.check.engine import Context, Finding, quote, rule, zh
from zhiqing.data.model import collection_methods, self_collected_keys
from zhiqing.pages.markdown import LINK



def affecting(ids: list[str]) -> dict[str, str]:
    """“（影响 C01–C08）” / “ (affects C01–C08)” for a message, nothing when no row is affected."""
    if not ids:
        return {"zh": "", "en": ""}
    return {"zh": f"（影响 {row_ids(ids)}）", "en": f" (affects {row_ids(ids)})"}


def row_ids(ids: list[str]) -> str:
    """``C01–C08`` for a run of consecutive ids, ``C01、C03`` otherwise."""
    if len(ids) > 2 and all(re.fullmatch(r"[A-Z]+\d+", i) for i in ids):
        numbers = [int(re.sub(r"\D", "", i)) for i in ids]
        if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            return f"{ids[0]}–{ids[-1]}"
    return "、".join(ids)


@rule("COL-01", lists=("document_title", "law_title"))
def col_01(ctx: Context) -> Iterator[Finding]:
    """A collected-information list exists and every referenced document resolves (PIPL Art. 17 ¶1(二)).

    ``collected`` is not empty; every row's ``source`` is a heading id of the policy; every
    《…》 the text mentions (laws and standards aside) is a link to a page of the site or
    the title of a policy page.
    """
    inventory = ctx.policy.inventory
    if not inventory["collected"]:
        yield ctx.in_data("data/inventory.yml", ("collected",), "empty")
    for table in ("collected", "shared"):
        for index, row in enumerate(inventory[table]):
            if row["source"] not in ctx.anchors:
                yield ctx.in_data("data/inventory.yml", (table, index, "source"), "unknown_source",
                                  table={"zh": "收集清单" if table == "collected" else "共享清单", "en": table}, row=row["id"], source=row["source"])
    titles = set(ctx.titles.values())
    pages = {part.src for part in ctx.parts}
    for block in ctx.blocks:
        if block.kind == "marker":
            continue
        linked = set()
        for link in LINK.finditer(block.raw):
            target = link.group(2).split("#")[0].strip()
            for mention in ctx.rules.patterns("document_title")[0].finditer(link.group(1)):
                if target in pages or target in ctx.docs_files or target.startswith(("https://", "http://")):
                    linked.add(mention.group(1))
        for mention in ctx.rules.patterns("document_title")[0].finditer(block.text):
            title = mention.group(1)
            if title in linked or title in titles or ctx.rules.match("law_title", title):
                continue
            yield ctx.at(block, "unlinked_document", mention.start(), title=title)


@rule("COL-02")
def col_02(ctx: Context) -> Iterator[Finding]:
    """Each collected row is complete (工信部信管函〔2021〕292号; GB/T 35273-2020 §5.5 a) 2)).

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
            yield ctx.in_data("data/inventory.yml", ("collected", index, missing[0]), "incomplete", row=row["id"],
                              keys=", ".join(missing))


@rule("COL-03", lists=("vague_purpose", "vague_purpose_text", "min_purpose_length"))
def col_03(ctx: Context) -> Iterator[Finding]:
    """Each purpose is specific (认定方法 二(3)(4); PIPL Art. 17 ¶1: 清晰易懂的语言).

    At least 6 characters, and none of the vague phrases of ``vague_purpose``.
    """
    for index, row in enumerate(ctx.policy.inventory["collected"]):
        purpose = zh(row["purpose"])
        if not purpose:
            continue  # COL-02 reports it
        vague = ctx.rules.phrase_in("vague_purpose", purpose)
        if vague:
            yield ctx.in_data("data/inventory.yml", ("collected", index, "purpose"), "vague",
                              row=row["id"], vague=vague, purpose=quote(purpose))
        elif not ctx.rules.match("min_purpose_length", purpose):
            yield ctx.in_data("data/inventory.yml", ("collected", index, "purpose"), "short",
                              row=row["id"], purpose=quote(purpose))
    for clause in ctx.clauses.about("collection"):
        found = ctx.rules.match("vague_purpose_text", clause.text)
        if found and stance(clause.text, found.start()) == "does":
            yield ctx.at(clause, "vague_text", found.start(), vague=quote(found.group(0)), text=quote(clause.text))


@rule("COL-04", lists=("refusal_effect", "basic_function", "extended_function"))
def col_04(ctx: Context) -> Iterator[Finding]:
    """Basic and extended functions are told apart, with the effect of refusing (PIPL Art. 16;
    GB/T 35273-2020 §5.3).

    Every row's ``function_type`` is basic or extended; the text names both kinds of
    function and says what refusing does.
    """
    rows = ctx.policy.inventory["collected"]
    for index, row in enumerate(rows):
        if row["function_type"] not in ("basic", "extended"):
            yield ctx.in_data("data/inventory.yml", ("collected", index, "function_type"), "no_type", row=row["id"])
    if not rows:
        return
    text = "".join(clause.text for clause in ctx.clauses.items)
    kinds = [row["function_type"] for row in rows]
    wanted = ["basic_function"] + (["extended_function"] if "extended" in kinds else [])
    missing = [name for name in wanted if not ctx.rules.phrase_in(name, text)]
    if missing:
        yield ctx.whole("unnamed", "collection", words="、".join(ctx.rules.words(name)[0] for name in missing))
        return
    naming = [clause for clause in ctx.clauses.items
              if any(ctx.rules.phrase_in(name, clause.text) for name in wanted)]
    if not any(ctx.rules.match("refusal_effect", clause.text) for clause in naming):
        yield ctx.at(naming[0], "no_refusal_effect")


@rule("COL-05", lists=("separate_consent_asked", "necessity", "impact", "sensitive_definition", "promise_to_tell",
                       "guardian_consent", "age_threshold"))
def col_05(ctx: Context) -> Iterator[Finding]:
    """Sensitive personal information is marked, with necessity, impact and separate consent
    (PIPL Art. 28–30).

    A PI type of a sensitive kind (``synonyms.yml``) is marked sensitive. For a row holding
    sensitive information, the clause it cites (``source``) — or a section on sensitive
    personal information that names it — asks for 单独同意 (a guardian's consent for a child's
    information), and states the necessity (必要性、所必需) and the impact on the person (泄露、
    歧视、损害 …; not the legal definition, not a promise to tell them later). What a shared
    section lacks is reported once, at that section; what a cited clause lacks, once per clause,
    naming the rows it affects.
    """
    sensitive_kinds = {kind["name"] for kind in ctx.rules.kinds if kind["sensitive"]}
    lacking: dict[tuple, list[tuple[str, list[str]]]] = {}
    for index, row in enumerate(ctx.policy.inventory["collected"]):
        for number, pi in enumerate(row["pi_types"]):
            name = zh(pi["name"])
            if not pi["sensitive"] and ctx.row_kinds([name]) & sensitive_kinds:
                yield ctx.in_data("data/inventory.yml", ("collected", index, "pi_types", number), "unmarked",
                                  row=row["id"], name=name)
        sensitive = [zh(pi["name"]) for pi in row["pi_types"] if pi["sensitive"]]
        if not sensitive or row["source"] not in ctx.anchors:
            continue
        cited = ctx.clauses.under(row["source"])
        sections = sensitive_sections(ctx, sensitive + [zh(row["function"])])
        shared = [clause for _, clauses in sections for clause in clauses]
        children = any(ctx.rules.match("age_threshold", name) or "儿童" in name for name in sensitive)

        def has(element: str, clauses: list[Clause]) -> bool:
            if element == "consent":
                patterns = ctx.rules.patterns("separate_consent_asked") + (
                    ctx.rules.patterns("guardian_consent") if children else [])
                return any(asks(clause.text, pattern) for clause in clauses for pattern in patterns)
            stated = [clause.text for clause in clauses if not ctx.rules.phrase_in("sensitive_definition", clause.text)
                      and not ctx.rules.match("promise_to_tell", clause.text)]
            return any(ctx.rules.match(element, text) for text in stated)

        for element in ("consent", "necessity", "impact"):
            if has(element, cited + shared) or (element == "consent" and children):
                continue  # a child's information is consented to by the guardian: MIN-01 reads that
            # Where to state it: the shared section when there is one (its subsection on the element), else the clause.
            where = ("section", sections[0][0].anchor) if sections and element != "consent" else ("clause", row["source"])
            lacking.setdefault(where, []).append((row["id"], sensitive, element))
    for (kind, anchor), entries in lacking.items():
        elements = sorted({element for _, _, element in entries}, key=["consent", "necessity", "impact"].index)
        key = "no_consent" if elements == ["consent"] else "no_necessity" if "consent" not in elements \
            else "no_consent_necessity"
        names = "、".join(dict.fromkeys(name for _, sensitive, _ in entries for name in sensitive))
        lacks = [element for element in elements if element != "consent"]
        what = {"zh": "和".join({"necessity": "处理的必要性", "impact": "对您个人权益的影响"}[e] for e in lacks),
                "en": " and ".join({"necessity": "the necessity", "impact": "the impact on the person"}[e] for e in lacks)}
        params = dict(affected=affecting(list(dict.fromkeys(row for row, _, _ in entries))), names=names, anchor=anchor,
                      what=what)
        clauses = ctx.clauses.under(anchor)
        if kind == "section":
            word = "影响" if elements == ["impact"] else "必要"
            headed = [block.anchor for block in ctx.blocks if block.kind == "heading" and word in block.text
                      and block.anchor and any(c.anchor == block.anchor for c in clauses)]
            target = [c for c in clauses if headed and c.anchor == headed[0]] or clauses
        else:
            target = [clause for clause in clauses if any(name in clause.text for name in names.split("、"))] or clauses
        if target:
            yield ctx.at(target[0], key, **params)
        else:
            path, line = ctx.anchors[anchor]
            yield ctx.finding(path, line, key, **params)


def core(name: str) -> str:
    """What a PI type's name is about: ``不满十四周岁来访者的性别`` → ``性别``; ``订单号`` stays."""
    tail = name.split("的")[-1].split("（")[0].strip()
    return tail if len(tail) >= 2 else name


def sensitive_sections(ctx: Context, names: list[str]) -> list[tuple]:
    """``[(heading, clauses)]`` of the sections on sensitive personal information (a heading of
    level 1 or 2 naming 敏感) that speak of one of ``names`` (or of children, for a child's
    information): a policy may state necessity, impact and separate consent once for all its
    sensitive information."""
    found = []
    children = any(ctx.rules.match("age_threshold", name) or "儿童" in name for name in names)
    for block in ctx.blocks:
        if block.kind != "heading" or block.level > 2 or "敏感" not in block.text or not block.anchor:
            continue
        clauses = ctx.clauses.under(block.anchor)
        text = "".join(clause.text for clause in clauses)
        kinds = {kind["name"] for _, _, kind in ctx.kinds_in(text)}
        if any(name and (name in text or core(name) in text) for name in names) or ctx.row_kinds(names) & kinds \
                or (children and ctx.rules.match("age_threshold", text)):
            found.append((block, clauses))
    return found


def requests_permission(ctx: Context, clause: Clause) -> bool:
    """True when ``clause`` asks for a permission (申请/获取/开启…权限), not when it tells how to
    switch one off (关闭/撤回/取消…) or promises not to ask."""
    found = ctx.rules.phrase_in("permission_words", clause.text)
    if not found or ctx.rules.phrase_in("permission_off", clause.text):
        return False
    return stance(clause.text, clause.text.index(found)) == "does"


@rule("COL-06", lists=("purpose_markers", "permission_words", "permission_off"))
def col_06(ctx: Context) -> Iterator[Finding]:
    """Permissions and WeChat privacy interfaces are tied to purposes and rows (认定方法 二(3);
    小程序用户隐私保护指引).

    A row with a privacy key collects through the WeChat interface (or, for the keys of
    information the mini program collects itself, by itself), names a PI type of that key and
    states its purpose; a row collecting through the interface has a key; a clause asking for
    a permission ties each permission to a purpose in the same part of the sentence or the one
    next to it, and each has a row with its key.
    """
    rows = ctx.policy.inventory["collected"]
    keys = set()
    keyless = set()  # kinds of rows that should have a key: reported at the row, not again in the text
    self_collected = self_collected_keys(ctx.root)
    for index, row in enumerate(rows):
        key = row["wechat_privacy_key"]
        if key is None:
            keyless |= ctx.row_kinds([zh(pi["name"]) for pi in row["pi_types"]])
            if row["method"] == "wechat_api":
                yield ctx.in_data("data/inventory.yml", ("collected", index, "wechat_privacy_key"), "no_key",
                                  row=row["id"])
            continue
        keys.add(key)
        names = [zh(pi["name"]) for pi in row["pi_types"]]
        kinds = {kind["name"] for kind in ctx.rules.kinds if kind["privacy_key"] == key}
        if not ctx.row_kinds(names) & kinds:
            yield ctx.in_data("data/inventory.yml", ("collected", index, "wechat_privacy_key"), "key_mismatch",
                              row=row["id"], key=key, names="、".join(names))
        elif not zh(row["purpose"]):
            yield ctx.in_data("data/inventory.yml", ("collected", index, "wechat_privacy_key"), "key_no_purpose",
                              row=row["id"], key=key)
        allowed = collection_methods(key, self_collected)
        if row["method"] not in allowed + ("",):
            yield ctx.in_data("data/inventory.yml", ("collected", index, "method"), "key_method",
                              row=row["id"], key=key, method=row["method"], expected=" / ".join(allowed))
    markers = ctx.rules.words("purpose_markers")
    for clause in ctx.clauses.items:
        if not requests_permission(ctx, clause):
            continue
        parts = CLAUSE_SEPARATORS.split(clause.text)
        explained = [any(word in part for word in markers) or part.strip().startswith("为") for part in parts]
        bare, unrowed = [], []
        for number, part in enumerate(parts):
            if re.match(r"^\s*(?:在|当)?[^，]*时\s*$", part):
                continue  # “在您上传头像时”: when, not what is asked for
            named = [(word, kind) for _, word, kind in ctx.kinds_in(part) if kind["permission"] or kind["privacy_key"]]
            if not named:
                continue
            # A purpose in brackets after the permission counts: 摄像头（线上咨询）.
            if not any(explained[max(0, number - 1): number + 2]) and not re.search(r"[（(][^）)]{2,}[）)]", part):
                bare.append(part.strip())
            for word, kind in named:
                if kind["privacy_key"] not in keys and word not in unrowed and kind["name"] not in keyless:
                    unrowed.append(word)
        if bare:
            yield ctx.at(clause, "bare_permission", clause.text.index(bare[0]), text=quote("，".join(bare)))
        for word in unrowed:
            yield ctx.at(clause, "unrowed_permission", clause.text.index(word), word=word)


def retention_clauses(ctx: Context) -> list[Clause]:
    """The clauses that state how long information is kept: a retention label (保存期限 …) or a
    keeping verb (保存、存储、保留) with a period or a vague period, but not a clause about
    deletion being technically infeasible or one that only names the period as a topic."""
    found = []
    for clause in ctx.clauses.items:
        text = clause.text
        if ctx.rules.phrase_in("deletion_infeasible", text):
            continue
        labelled = ctx.rules.phrase_in("retention_labels", text)
        keeping = ctx.rules.match("retention_verbs", text)
        period = periods(text) or ctx.rules.phrase_in("vague_retention", text) \
            or ctx.rules.match("concrete_retention", text)
        if (labelled or keeping) and period:
            found.append(clause)
        elif labelled and ctx.rules.match("retention_statement", text):
            found.append(clause)
    return found


def blanket(ctx: Context, clause: Clause) -> bool:
    """True for a retention period stated for all information, in the storage section: naming no
    kind of information (“我们保存您的个人信息直至您注销账号”), or for the rest of it
    (“其余个人信息自收集之日起保存一年”)."""
    return clause.page in ctx.section("storage") and (not clause_kinds(ctx, clause)
                                                      or bool(ctx.rules.match("retention_rest", clause.text)))


def clause_kinds(ctx: Context, clause: Clause) -> set[str]:
    """The names of the kinds of information ``clause`` names."""
    return {kind["name"] for _, _, kind in ctx.kinds_in(clause.text)}


def concrete(ctx: Context, text: str) -> bool:
    """True when ``text`` states a period (any unit, Chinese numerals included), deletion on
    account closure, or how the period is determined."""
    return bool(periods(text) or ctx.rules.match("concrete_retention", text))


@rule("COL-07", lists=("retention_labels", "retention_verbs", "retention_statement", "concrete_retention",
                       "vague_retention", "deletion_infeasible", "retention_exception", "retention_rest"))
def col_07(ctx: Context) -> Iterator[Finding]:
    """Retention periods are concrete (PIPL Art. 17 ¶1(二), Art. 19).

    Each clause that states a retention period gives a period (小时、日、个月、年 …, Chinese
    numerals included), deletion on account closure, or how the period is determined, not
    only 必要期限. A collected row states its own concrete period, or a concrete clause of
    the text covers it. A vague clause is reported once, naming the rows it leaves without
    a period; rows are reported one by one only for their own vague value.
    """
    clauses = retention_clauses(ctx)
    concrete_clauses = [clause for clause in clauses if concrete(ctx, clause.text)]
    vague_clauses = [clause for clause in clauses if clause not in concrete_clauses]
    # A lead-in (“具体保存期限如下：”) is not vague: the items that follow state the periods.
    vague_clauses = [clause for clause in vague_clauses
                     if not (clause.text.rstrip().endswith(("：", ":")) and concrete_clauses)]
    rows = ctx.policy.inventory["collected"]
    uncovered = []
    for index, row in enumerate(rows):
        retention = zh(row["retention"])
        if retention and not concrete(ctx, retention):
            if any(clause.anchor == row["source"] or clause in ctx.clauses.under(row["source"])
                   for clause in vague_clauses):
                uncovered.append(row["id"])  # reported once, with the vague clause it cites
                continue
            yield ctx.in_data("data/inventory.yml", ("collected", index, "retention"), "row_vague",
                              row=row["id"], retention=quote(retention))
        elif not retention:
            names = [zh(pi["name"]) for pi in row["pi_types"]]
            kinds = ctx.row_kinds(names)
            cited = {id(clause) for clause in ctx.clauses.under(row["source"])}
            covering = [clause for clause in concrete_clauses
                        if id(clause) in cited or all(name in clause.text or core(name) in clause.text for name in names)
                        or zh(row["function"]) and zh(row["function"]) in clause.text
                        or blanket(ctx, clause)]
            if not covering:
                uncovered.append(row["id"])
        else:
            names = [zh(pi["name"]) for pi in row["pi_types"]]
            own = periods(retention)
            cited = {id(clause) for clause in ctx.clauses.under(row["source"])}
            stating = [clause for clause in concrete_clauses if periods(clause.text)
                       and (id(clause) in cited or all(name in clause.text for name in names)
                            or zh(row["function"]) and zh(row["function"]) in clause.text)
                       and not ctx.rules.match("retention_exception", clause.text)]
            if own and stating and not any(abs(p.days - q.days) < 0.5 for clause in stating
                                           for p in periods(clause.text) for q in own):
                yield ctx.in_data("data/inventory.yml", ("collected", index, "retention"), "row_contradicts",
                                  row=row["id"], retention=quote(retention), text=quote(stating[0].text))
    for clause in vague_clauses:
        vague = ctx.rules.phrase_in("vague_retention", clause.text)
        where = clause.text.index(vague) if vague else 0
        yield ctx.at(clause, "vague" if vague else "no_period", where, vague=quote(vague or ""),
                     text=quote(clause.text), affected=affecting(uncovered))
    if uncovered and not vague_clauses:
        if clauses:
            by_source: dict[str, list[str]] = {}
            for row in rows:
                if row["id"] in uncovered:
                    by_source.setdefault(row["source"], []).append(row["id"])
            for source, ids in by_source.items():
                cited = ctx.clauses.under(source)
                if cited:
                    yield ctx.at(cited[0], "row_missing", affected=row_ids(ids), source=source)
                else:
                    index = next(i for i, row in enumerate(rows) if row["id"] == ids[0])
                    yield ctx.in_data("data/inventory.yml", ("collected", index, "retention"), "row_missing",
                                      affected=row_ids(ids), source=source)
        else:
            yield ctx.whole("none", "storage", affected=affecting(uncovered))


@rule("COL-08", lists=("implied_consent",))
def col_08(ctx: Context) -> Iterator[Finding]:
    """No consent implied from use (PIPL Art. 14 ¶1; 认定方法 三): using, opening or clicking
    is not consent."""
    for clause in ctx.clauses.items:
        for pattern in ctx.rules.patterns("implied_consent"):
            found = pattern.search(clause.text)
            if found and stance(clause.text, found.start()) != "not":
                yield ctx.at(clause, "implied", found.start(), text=quote(found.group(0), 60))
                break


@rule("COL-09", lists=("profiling", "opt_out", "ui_path"))
def col_09(ctx: Context) -> Iterator[Finding]:
    """Profiling and personalised push can be switched off by a stated path (PIPL Art. 24 ¶2).

    When a row's purpose or function is profiling (``profiling``), a clause on it says how
    to switch it off (关闭) with a path such as 我的 > 设置.
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
        yield ctx.at(block, "no_path", offset, text=quote(sentence))
    else:
        index, row = rows[0]
        yield ctx.in_data("data/inventory.yml", ("collected", index, "purpose"), "no_opt_out", row=row["id"])


@rule("COL-10", lists=("umbrella_kinds", "permission_words", "permission_off", "vague_quantifiers", "our_contact"))
def col_10(ctx: Context) -> Iterator[Finding]:
    """The text and the collected list name the same kinds of information (PIPL Art. 17 ¶1(二);
    工信部信管函〔2021〕292号).

    Every kind the text says is collected (through ``synonyms.yml``; not in a clause that
    promises not to collect it, not the operator's own contact details, not an umbrella term
    such as 账号信息 whose parts a row lists) is in a collected row; every PI type of a row is
    named in the clause the row cites.
    """
    rows = ctx.policy.inventory["collected"]
    listed = set().union(*(ctx.row_kinds([zh(pi["name"]) for pi in row["pi_types"]], row["wechat_privacy_key"])
                           for row in rows)) if rows else set()
    umbrellas = ctx.rules.groups("umbrella_kinds")
    reported = set()
    contact_pages = set(ctx.section("contact"))
    for clause in ctx.clauses.in_pages([part.src for part in ctx.parts if part.kind in ("intro", "section")]):
        if clause.page in contact_pages or ctx.contact_values(clause.text):
            continue
        for offset, word, kind in ctx.kinds_in(clause.text):
            name = kind["name"]
            if name in listed or name in reported or stance(clause.text, offset) == "not":
                continue
            if kind["permission"] and requests_permission(ctx, clause):
                continue  # a permission the clause asks for: COL-06 reports it
            if kind["category"] == "contact" and ctx.rules.match("our_contact", clause.text):
                continue  # “通过本政策第七条所列的电子邮箱”: the handler's contact, not collected
            if name in umbrellas and set(umbrellas[name]) & listed:
                continue
            reported.add(name)
            yield ctx.at(clause, "unlisted", offset, word=word, kind=name)
    for index, row in enumerate(rows):
        cited = "".join(clause.text for clause in ctx.clauses.under(row["source"]))
        if not cited:
            continue  # COL-01 reports an unknown source
        if ctx.rules.match("vague_quantifiers", cited):
            continue  # the clause leaves its list open (…等): TXT-03 reports it, the rows' items are behind it
        cited_kinds = {kind["name"] for _, _, kind in ctx.kinds_in(cited)}
        for number, pi in enumerate(row["pi_types"]):
            name = zh(pi["name"])
            kinds = ctx.row_kinds([name])
            if name in cited or core(name) in cited or kinds & cited_kinds:
                continue
            if any(set(umbrellas.get(kind, ())) & kinds for kind in cited_kinds):
                continue
            yield ctx.in_data("data/inventory.yml", ("collected", index, "pi_types", number), "not_in_source",
                              row=row["id"], name=name, source=row["source"])
