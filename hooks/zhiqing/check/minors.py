"""MIN rules: minors under 14, whose personal information is sensitive (PIPL Art. 28, 31)."""

from __future__ import annotations

from typing import Iterator

import re

from zhiqing.check.clauses import NUMERAL, asks, number
from zhiqing.check.engine import Context, Finding, quote, rule

# An age under which a guardian's consent is asked: 不满十二周岁, 14 周岁以下, 未满十四岁.
AGE_LIMIT = re.compile(rf"(?:不满|未满|低于|小于)\s*({NUMERAL})\s*周?岁|({NUMERAL})\s*周?岁以下")


@rule("MIN-01", lists=("guardian_consent", "dedicated_rules", "minors_requirements"))
def min_01(ctx: Context) -> Iterator[Finding]:
    """Minors under 14 have a dedicated section that states the age, asks for the guardian's
    consent where it speaks of them, and gives dedicated rules (PIPL Art. 28, 31; 儿童个人信息网络
    保护规定 Art. 8, 9).

    Applies when ``audience.minors_u14`` is not none. The minors section states the 14-year
    threshold (不满十四周岁、14 周岁以下 …); the paragraph stating it asks for the consent of a
    parent or guardian (or, without an age, any paragraph of the section does); the section
    gives dedicated rules for children's information (a heading or clause such as 儿童个人信息
    保护规则). One finding lists what is missing, at the paragraph on children (at the section's
    title when only the dedicated rules are missing). An age under 14 stated for the guardian's
    consent is reported as the wrong age, not again as a missing threshold (one cause, one finding).
    """
    audience = ctx.policy.operator["audience"]["minors_u14"]
    if audience == "none":
        return
    pages = ctx.section("minors")
    if not pages:
        yield ctx.in_data("data/operator.yml", ("audience", "minors_u14"), "no_section", audience=audience)
        return
    blocks = ctx.text_blocks(pages)
    # The paragraphs that set an age (不满十四周岁, 14 周岁以下 …); the threshold is stated when one says 14.
    aged = [block for block in blocks if AGE_LIMIT.search(block.text)]
    fourteen = any(number(found.group(1) or found.group(2)) == 14
                   for block in aged for found in AGE_LIMIT.finditer(block.text))
    consenting = [block for block in (aged or blocks)
                  if any(asks(block.text, pattern) for pattern in ctx.rules.patterns("guardian_consent"))]
    headings = [block for block in ctx.blocks if block.page in pages and block.kind == "heading"]
    dedicated = any(ctx.rules.match("dedicated_rules", block.text) for block in blocks + headings)
    missing = [name for name, present in (("age", fourteen), ("consent", consenting), ("rules", dedicated))
               if not present]
    wrong = [(block, found) for block in blocks for found in AGE_LIMIT.finditer(block.text)
             if (number(found.group(1) or found.group(2)) or 14) < 14]
    if wrong:  # one cause: the threshold, reported where it is first written (not also as a missing age)
        block, found = wrong[0]
        yield ctx.at(block, "wrong_age", found.start(), age=found.group(0), text=quote(block.text))
        missing = [name for name in missing if name != "age"]
    if not missing:
        return
    names = ctx.rules.groups("minors_requirements")
    items = {"zh": "、".join(names[name][0] for name in missing), "en": " and ".join(names[name][1] for name in missing)}
    if missing == ["rules"]:
        yield ctx.whole("missing", "minors", items=items)
    else:
        target = (aged or blocks or [None])[0]
        yield ctx.at(target, "missing", items=items) if target else ctx.whole("missing", "minors", items=items)
