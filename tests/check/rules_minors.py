"""MIN: the minors section and the guardian's consent.

The rows of the minors family, run by ``test_rules.py`` over ``tests/sample_policy.py``.
"""

# (rule, edits [(file, old, new)], expected findings of that rule: (path, line, severity, message))
FAILING = [
    ("MIN-01", [("docs/minors.md", "应当取得父母或者其他监护人的同意", "应当阅读本政策")],
     [("docs/minors.md", 5, "error", "the minors section does not ask for the guardian's consent (监护人同意)")]),
]

# (rule, edits): another wording that keeps the rule satisfied
PASSING = [
    ("MIN-01", [("docs/minors.md", "不满十四周岁的未成年人使用本小程序前，应当取得父母或者其他监护人的同意。",
                 "未满 14 周岁的儿童须在监护人陪同下阅读本政策，并经监护人同意后使用本小程序。")]),
]
