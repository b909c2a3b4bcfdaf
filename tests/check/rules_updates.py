"""UPD: how changes are notified and when consent is asked again.

The rows of the updates family, run by ``test_rules.py`` over ``tests/sample_policy.py``.
"""

# (rule, edits [(file, old, new)], expected findings of that rule: (path, line, severity, message))
FAILING = [
    ("UPD-01", [("docs/updates.md", "；变更涉及处理目的、方式或个人信息种类的，我们会重新取得您的同意。", "。")],
     [("docs/updates.md", 7, "warning", "the update section does not say consent is asked again (重新取得同意) "
       "for material changes")]),
]

# (rule, edits): another wording that keeps the rule satisfied
PASSING = [
    ("UPD-01", [("docs/updates.md", "本政策更新时，我们会通过弹窗通知您；变更涉及处理目的、方式或个人信息种类的，我们会重新取得您的同意。",
                 "本政策如有更新，我们将以站内信告知；发生重大变更时，我们会重新征得您的同意。")]),
]
