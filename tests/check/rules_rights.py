"""RGT: routes to exercise each right, the reply time, the complaint channel, account deletion.

The rows of the rights family, run by ``test_rules.py`` over ``tests/sample_policy.py``.
"""

# (rule, edits [(file, old, new)], expected findings of that rule: (path, line, severity, message))
FAILING = [
    ("RGT-01", [("docs/rights.md", "您可以在“我的 > 设置 > 个人信息”中查阅", "您可以通过本政策第七条的联系方式查阅"),
                ("docs/rights.md", "撤回同意，", ""),
                ("docs/rights.md", "您可以在“我的 > 设置 > 注销账号”中", "您可以"),
                ("docs/contact.md", "电话{{ operator.handler.phone }}或电子邮件{{ operator.handler.email }}", "以下方式")],
     [("docs/rights.md", 5, "error", "the rights section does not mention the right(s) 撤回同意"),
      ("docs/rights.md", 7, "error", "the route to exercise rights is the contact section, which gives no contact: "
       "“您可以通过本政策第七条的联系方式查阅、复制、更正、补充、删除您的个人信息，或要求…”")]),
    ("RGT-02", [("docs/contact.md", "15 个工作日内答复", "30 天内答复")],
     [("docs/contact.md", 7, "warning", "the answer comes later than 15 working days: “30 天内答复”")]),
    ("RGT-03", [("docs/contact.md", "市场监管部门投诉", "工商部门投诉")],
     [("docs/contact.md", 9, "info", "“工商” is no longer the authority's name; it is now “市场监管”")]),
    ("RGT-03", [("docs/contact.md", "可以向网信、市场监管部门投诉", "可以再次联系我们")],
     [("docs/contact.md", 5, "warning", "the contact section gives no way to complain (投诉) to an outside body")]),
    ("RGT-04", [("docs/rights.md", "，我们将在 15 个工作日内完成。", "。")],
     [("docs/rights.md", 9, "warning", "account deletion (注销) is mentioned without a path and a time limit")]),
]

# (rule, edits): another wording that keeps the rule satisfied
PASSING = [
    ("RGT-02", [("docs/contact.md", "15 个工作日内答复", "10 天内回复")]),
]
