"""MIN: the minors section and the guardian's consent.

The rows of the minors family, run by ``test_rules.py`` over ``tests/sample_policy.py``.
"""

# (rule, edits [(file, old, new)], expected findings of that rule: (path, line, severity, message))
FAILING = [
    ("MIN-01", [("docs/minors.md", "应当取得父母或者其他监护人的同意", "应当阅读本政策")],
     [("docs/minors.md", 8, "error", "未成年人一节缺少：父母或其他监护人的同意")]),
    # an age under 14
    ("MIN-01", [("docs/minors.md", "不满十四周岁的未成年人", "不满十二周岁的未成年人")],
     [("docs/minors.md", 8, "error", "取得监护人同意的年龄界限写成了“不满十二周岁”，法律规定为不满十四周岁：“不满十二周岁的未成年人使用本小程序前，应当取得父母或者其他监护人的同意。”")]),
    # no age
    ("MIN-01", [("docs/minors.md", "不满十四周岁的未成年人", "未成年人")],
     [("docs/minors.md", 8, "error", "未成年人一节缺少：十四周岁的年龄界限")]),
    # no dedicated rules (儿童个人信息网络保护规定 Art. 8): at the section's title
    ("MIN-01", [("docs/minors.md", "\n\n我们对儿童个人信息适用专门规则：指定专人负责儿童个人信息保护，并仅允许为实现相应功能所必需的工作人员访问。", "")],
     [("docs/minors.md", 6, "error", "未成年人一节缺少：专门的儿童个人信息保护规则")]),
    # neither age nor consent: one finding
    ("MIN-01", [("docs/minors.md", "不满十四周岁的未成年人使用本小程序前，应当取得父母或者其他监护人的同意。", "我们重视未成年人的个人信息保护。")],
     [("docs/minors.md", 8, "error", "未成年人一节缺少：十四周岁的年龄界限、父母或其他监护人的同意")]),
    # no page covers minors although minors_u14 is possible
    ("MIN-01", [("docs/minors.md", "covers: [minors]\n", "")],
     [("data/operator.yml", 15, "error", "audience.minors_u14 为 possible，但本政策没有未成年人保护一节")]),
]

# (rule, edits): another wording that keeps the rule satisfied
PASSING = [
    # digits, and 未满
    ("MIN-01", [("docs/minors.md", "不满十四周岁的未成年人使用本小程序前，应当取得父母或者其他监护人的同意。", "未满 14 周岁的儿童须在监护人陪同下阅读本政策，并经监护人同意后使用本小程序。")]),
    # the age in another sentence of the paragraph; 未成年人 before the consent is no negation
    ("MIN-01", [("docs/minors.md", "不满十四周岁的未成年人使用本小程序前，应当取得父母或者其他监护人的同意。",
               "未成年人使用本小程序须经父母或者其他监护人同意；我们所称儿童是指不满十四周岁的未成年人。")]),
    # the heading renamed; dedicated rules said another way
    ("MIN-01", [("docs/minors.md", "我们对儿童个人信息适用专门规则：", "我们制定了专门的儿童个人信息保护规则："),
               ("docs/minors.md", "# 五、未成年人的个人信息保护 {#minors}", "# 五、儿童和青少年 {#minors}")]),
]
