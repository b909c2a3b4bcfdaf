"""UPD rules: how changes to the policy reach people (PIPL Art. 14 ¶2, 17 ¶2)."""

from __future__ import annotations

from typing import Iterator

from zhiqing.check.engine import Context, Finding, rule


@rule("UPD-01", lists=("update_channels", "reconsent", "section_updates"))
def upd_01(ctx: Context) -> Iterator[Finding]:
    """Changes are notified and material changes re-consented (PIPL Art. 14(2), 17(2); GB/T 35273 §5.5 f))."""
    pages = ctx.section("updates")
    if not pages:
        yield ctx.whole("the policy has no section on how it is updated")
        return
    blocks = ctx.text_blocks(pages)
    channel = next((block for block in blocks if ctx.rules.phrase_in("update_channels", block.text)), None)
    reconsent = any(ctx.rules.match("reconsent", block.text) for block in blocks)
    if channel is None:
        yield ctx.whole("the update section names no notification channel (弹窗, 站内信 …)", pages)
    if not reconsent:
        message = "the update section does not say consent is asked again (重新取得同意) for material changes"
        yield ctx.at(channel, message) if channel else ctx.whole(message, pages)
