"""TXT: text cut off, garbled stock phrases, open-ended lists, ASCII punctuation in Chinese.

The rows of the text family, run by ``test_rules.py`` over ``tests/sample_policy.py``.
"""

# (rule, edits [(file, old, new)], expected findings of that rule: (path, line, severity, message))
FAILING = [
    ("TXT-01", [("docs/minors.md", "监护人的同意。", "监护人的同意之后，")],
     [("docs/minors.md", 8, "error", "文字在句中中断：“…，应当取得父母或者其他监护人的同意之后，”")]),
    # a paragraph in the middle of a page ending on 并 (issue 11, kind 7)
    ("TXT-01", [("docs/rights.md", "或要求我们解释个人信息处理规则。", "或要求我们解释个人信息处理规则并")],
     [("docs/rights.md", 8, "error", "文字在句中中断：“…回同意，或要求我们解释个人信息处理规则并”")]),
    # the last paragraph of a page without a full stop
    ("TXT-01", [("docs/updates.md", "我们会重新取得您的同意。", "我们会重新取得您的同意")],
     [("docs/updates.md", 8, "error", "文字在句中中断：“…或个人信息种类的，我们会重新取得您的同意”")]),
    ("TXT-02", [("docs/rights.md", "删除您的个人信息", "删除您的个人信心")],
     [("docs/rights.md", 8, "warning", "“个人信心”疑为错字，常用表述为“个人信息”")]),
    ("TXT-03", [("docs/disclosure.md", "我们委托示例云计算有限公司", "我们委托示例云计算有限公司等第三方")],
     [("docs/disclosure.md", 10, "warning", "列举没有穷尽（“等第三方”）")]),
    ("TXT-04", [("docs/index.md", "（“我们”）", "(“我们”)")],
     [("docs/index.md", 10, "info", "中文中使用了英文标点：“例科技有限公司(“我们”)是”")]),
]

# (rule, edits): another wording that keeps the rule satisfied
PASSING = [
    ("TXT-01", [("docs/minors.md", "应当取得父母或者其他监护人的同意。", "应当：\n\n1. 取得父母或者其他监护人的同意；\n2. 与监护人一起阅读本政策。")]),
    # every item named
    ("TXT-03", [("docs/disclosure.md", "存储您的订单信息", "存储您的订单号、支付状态和订单金额")]),
    # ASCII inside an identifier
    ("TXT-04", [("docs/index.md", "本政策适用于示例小程序。", "本政策适用于示例小程序（AppID: wx0123456789abcdef）。")]),
]
