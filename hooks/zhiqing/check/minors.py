"""MIN rules: minors under 14, whose personal information is sensitive (PIPL Art. 28, 31)."""

from __future__ import annotations

from typing import Iterator

from zhiqing.check.engine import Context, Finding, rule


@rule("MIN-01", lists=("guardian_consent", "age_threshold"))
def min_01(ctx: Context) -> Iterator[Finding]:
    """Minors under 14 have a dedicated section that states the age and asks for the guardian's
    consent (PIPL Art. 31; 儿童个人信息网络保护规定 Art. 9).

    Applies when ``audience.minors_u14`` is not none: the minors section states the 14-year
    threshold (不满十四周岁、14 周岁以下 …) and asks for the consent of a parent or guardian.
    """
    audience = ctx.policy.operator["audience"]["minors_u14"]
    if audience == "none":
        return
    clauses = ctx.clauses.about("minors")
    if not ctx.section("minors"):
        yield ctx.in_data("data/operator.yml", ("audience", "minors_u14"), "no_section", audience=audience)
        return
    age = any(ctx.rules.match("age_threshold", clause.text) for clause in clauses)
    consent = any(ctx.rules.match("guardian_consent", clause.text) for clause in clauses)
    if not age and not consent:
        yield ctx.whole("no_age_no_consent", "minors")
    elif not age:
        yield ctx.whole("no_age", "minors")
    elif not consent:
        yield ctx.whole("no_consent", "minors")
