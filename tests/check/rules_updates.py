"""UPD: how changes are notified and when consent is asked again.

The rows of the updates family, run by ``test_rules.py`` over ``tests/sample_policy.py``.
"""

# (rule, edits [(file, old, new)], expected findings of that rule: (path, line, severity, message))
FAILING = [
    ("UPD-01", [("docs/updates.md", "；变更涉及处理目的、方式或个人信息种类的，我们会重新取得您的同意。", "。")],
     [("docs/updates.md", 8, "warning", "更新一节没有说明重大变更时将重新取得您的同意")]),
    # no channel
    ("UPD-01", [("docs/updates.md", "本政策更新时，我们会通过弹窗通知您；", "本政策更新后，新版本自发布之日起生效；")],
     [("docs/updates.md", 8, "warning", "更新一节没有写明通知方式（弹窗、站内信等）")]),
    # no page covers updates
    ("UPD-01", [("docs/updates.md", "covers: [updates]\n", "")],
     [("docs/index.md", 6, "warning", "本政策没有说明如何更新的一节")]),
]

# (rule, edits): another wording that keeps the rule satisfied
PASSING = [
    ("UPD-01", [("docs/updates.md", "本政策更新时，我们会通过弹窗通知您；变更涉及处理目的、方式或个人信息种类的，我们会重新取得您的同意。",
               "本政策如有更新，我们将以站内信告知；发生重大变更时，我们会重新征得您的同意。")]),
    # issue 11: 再次征求 … 同意, and the heading renamed
    ("UPD-01", [("docs/updates.md", "我们会重新取得您的同意", "我们会再次征求您的同意"),
               ("docs/updates.md", "# 六、本政策如何更新 {#updates}", "# 六、本政策的修订 {#updates}")]),
]
