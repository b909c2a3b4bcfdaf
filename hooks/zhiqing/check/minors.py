"""MIN rules: minors under 14, whose personal information is sensitive (PIPL Art. 28, 31)."""

from __future__ import annotations

from typing import Iterator

from zhiqing.check.engine import Context, Finding, rule


@rule("MIN-01", lists=("guardian_consent", "section_minors"))
def min_01(ctx: Context) -> Iterator[Finding]:
    """Minors under 14 have a dedicated section with guardian consent (PIPL Art. 31).

    Applies when ``audience.minors_u14`` is not none.
    """
    if ctx.policy.operator["audience"]["minors_u14"] == "none":
        return
    pages = ctx.section("minors")
    if not pages:
        yield ctx.in_data("data/operator.yml", ("audience", "minors_u14"),
                          f"audience.minors_u14 is {ctx.policy.operator['audience']['minors_u14']} but the policy "
                          "has no section on minors")
    elif not any(ctx.rules.match("guardian_consent", block.text) for block in ctx.text_blocks(pages)):
        yield ctx.whole("the minors section does not ask for the guardian's consent (监护人同意)", pages)
