"""TXT: text cut off, garbled stock phrases, open-ended lists, ASCII punctuation in Chinese.

The rows of the text family, run by ``test_rules.py`` over ``tests/sample_policy.py``.
"""

# (rule, edits [(file, old, new)], expected findings of that rule: (path, line, severity, message))
FAILING = [
    ("TXT-01", [("docs/minors.md", "监护人的同意。", "监护人的同意之后，")],
     [("docs/minors.md", 7, "error", "the text stops mid-sentence: “…，应当取得父母或者其他监护人的同意之后，”")]),
    ("TXT-02", [("docs/rights.md", "删除您的个人信息", "删除您的个人信心")],
     [("docs/rights.md", 7, "warning", "“个人信心” looks garbled; the stock phrase is “个人信息”")]),
    ("TXT-03", [("docs/disclosure.md", "我们委托示例云计算有限公司", "我们委托示例云计算有限公司等第三方")],
     [("docs/disclosure.md", 7, "warning", "the list stays open (“等第三方”): name every item")]),
    ("TXT-04", [("docs/index.md", "（“我们”）", "(“我们”)")],
     [("docs/index.md", 9, "info", "ASCII punctuation in Chinese text: “例科技有限公司(“我们”)是” (use ，（）)")]),
]

# (rule, edits): another wording that keeps the rule satisfied
PASSING = [
    ("TXT-01", [("docs/minors.md", "应当取得父母或者其他监护人的同意。",
                 "应当：\n\n1. 取得父母或者其他监护人的同意；\n2. 与监护人一起阅读本政策。")]),
]
