"""UPD rules: how changes to the policy reach people (PIPL Art. 14 ¶2, Art. 17 ¶2)."""

from __future__ import annotations

from typing import Iterator

from zhiqing.check.engine import Context, Finding, rule


@rule("UPD-01", lists=("update_channels", "reconsent", "update_words", "implied_consent"))
def upd_01(ctx: Context) -> Iterator[Finding]:
    """Changes are notified and material changes re-consented (PIPL Art. 14 ¶2, Art. 17 ¶2;
    认定方法 二(2)).

    The update section names a channel (弹窗、站内信 …) and says consent is asked again
    (重新取得、再次征求 … 同意) when the purposes, methods or kinds change.
    """
    pages = ctx.section("updates")
    if not pages:
        yield ctx.whole("no_section")
        return
    clauses = ctx.clauses.about("updates")
    channel = next((clause for clause in clauses if ctx.rules.phrase_in("update_channels", clause.text)), None)
    reconsent = any(ctx.rules.match("reconsent", clause.text) for clause in clauses)
    if channel is None:
        changing = [clause for clause in clauses if "生效" in clause.text or "发生变" in clause.text] or \
            [clause for clause in clauses if ctx.rules.phrase_in("update_words", clause.text)]
        yield ctx.at(changing[0], "no_channel") if changing else ctx.whole("no_channel", "updates")
    implied = any(pattern.search(clause.text) for clause in clauses for pattern in ctx.rules.patterns("implied_consent"))
    if not reconsent and not implied:  # a change accepted by continued use is COL-08's finding, at that clause
        yield ctx.at(channel, "no_reconsent") if channel else ctx.whole("no_reconsent", "updates")
