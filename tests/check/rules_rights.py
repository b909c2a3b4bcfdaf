"""RGT: routes to exercise each right, the reply time, the complaint channel, account deletion.

The rows of the rights family, run by ``test_rules.py`` over ``tests/sample_policy.py``.
"""

# (rule, edits [(file, old, new)], expected findings of that rule: (path, line, severity, message))
FAILING = [
    ("RGT-01", [("docs/rights.md", "您可以在“我的 > 设置 > 个人信息”中查阅", "您可以通过本政策第七条的联系方式查阅"),
               ("docs/rights.md", "撤回同意，", ""),
               ("docs/rights.md", "您可以在“我的 > 设置 > 注销账号”中", "您可以"),
               ("docs/contact.md", "电话{{ operator.handler.phone }}或电子邮件{{ operator.handler.email }}", "以下方式")],
     [("docs/rights.md", 6, "error", "“个人信息权利”一节没有写明以下权利及其行使途径：撤回同意"),
      ("docs/rights.md", 8, "error", "行使权利的途径是联系我们，但“联系我们”一节没有给出联系方式：“您可以通过本政策第七条的联系方式查阅、复制、更正、补充、删除您的个人信息，请求将…”")]),
    # the transfer right (PIPL Art. 45 ¶3)
    ("RGT-01", [("docs/rights.md", "请求将您的个人信息转移至您指定的个人信息处理者，", "")],
     [("docs/rights.md", 6, "error", "“个人信息权利”一节没有写明以下权利及其行使途径：转移")]),
    # a right named without a route
    ("RGT-01", [("docs/rights.md", "撤回同意，", ""),
               ("docs/rights.md", "\n\n您可以在“我的 > 设置 > 注销账号”中", "\n\n您也有权撤回同意。\n\n您可以在“我的 > 设置 > 注销账号”中")],
     [("docs/rights.md", 6, "error", "“个人信息权利”一节没有写明以下权利及其行使途径：撤回同意")]),
    # no route for any right
    ("RGT-01", [("docs/rights.md", "您可以在“我的 > 设置 > 个人信息”中查阅", "您有权查阅"),
               ("docs/rights.md", "您可以在“我的 > 设置 > 注销账号”中注销账号", "您可以注销账号")],
     [("docs/rights.md", 6, "error", "“个人信息权利”一节没有给出行使权利的途径（产品内路径或联系方式）")]),  # one cause
    # no page covers rights
    ("RGT-01", [("docs/rights.md", "covers: [rights]\n", "")],
     [("docs/index.md", 6, "error", "本政策没有说明您如何行使个人信息权利的一节")]),
    ("RGT-02", [("docs/contact.md", "15 个工作日内答复", "30 天内答复")],
     [("docs/contact.md", 8, "warning", "答复期限超过 15 个工作日：“30 天”")]),
    # only 尽快
    ("RGT-02", [("docs/contact.md", "我们将在 15 个工作日内答复您的请求", "我们将尽快答复您的请求")],
     [("docs/contact.md", 8, "warning", "答复期限只写了“尽快”等，没有具体期限：“我们将尽快答复您的请求。”")]),
    # no period
    ("RGT-02", [("docs/contact.md", "，我们将在 15 个工作日内答复您的请求。", "，我们会答复您的请求。")],
     [("docs/contact.md", 8, "warning", "承诺答复的条款没有写明期限：“我们会答复您的请求。”")]),
    # no clause promises an answer (“如您对答复不满意” reworded: the rule reads it as a promise to answer)
    ("RGT-02", [("docs/contact.md", "，我们将在 15 个工作日内答复您的请求。", "。"),
               ("docs/contact.md", "如您对答复不满意，", "如您对我们的处理不满意，")],
     [("docs/contact.md", 6, "warning", "本政策没有说明多长时间内答复您的请求或投诉")]),
    ("RGT-03", [("docs/contact.md", "市场监管部门投诉", "工商部门投诉")],
     [("docs/contact.md", 10, "info", "“工商”已不是主管部门的名称，现为“市场监管”")]),
    ("RGT-03", [("docs/contact.md", "可以向网信、市场监管部门投诉", "可以再次联系我们")],
     [("docs/contact.md", 10, "warning", "本政策没有给出向监管部门投诉或向法院起诉的途径")]),
    ("RGT-04", [("docs/rights.md", "，我们将在 15 个工作日内完成。", "。")],
     [("docs/rights.md", 10, "warning", "注销账号没有写明完成期限：“您可以在“我的 > 设置 > 注销账号”中注销账号。”")]),
    ("RGT-04", [("docs/rights.md", "您可以在“我的 > 设置 > 注销账号”中注销账号", "您可以注销账号")],
     [("docs/rights.md", 10, "warning", "注销账号没有写明操作途径：“您可以注销账号，我们将在 15 个工作日内完成。”")]),
    # neither a route nor a period
    ("RGT-04", [("docs/rights.md", "您可以在“我的 > 设置 > 注销账号”中注销账号，我们将在 15 个工作日内完成。", "您可以注销账号。")],
     [("docs/rights.md", 10, "warning", "注销账号既没有操作途径，也没有完成期限：“您可以注销账号。”")]),
    # an unnecessary condition (认定方法 六(2))
    ("RGT-04", [("docs/rights.md", "中注销账号，", "中上传手持身份证照片后注销账号，")],
     [("docs/rights.md", 10, "warning", "注销账号设置了不必要的条件：“手持身份证”")]),
    # later than 15 working days
    ("RGT-04", [("docs/rights.md", "我们将在 15 个工作日内完成", "我们将在 30 个工作日内完成")],
     [("docs/rights.md", 10, "warning", "注销账号的完成期限超过 15 个工作日：“30 个工作日”")]),
    # no account deletion at all
    ("RGT-04", [("docs/rights.md", "\n\n您可以在“我的 > 设置 > 注销账号”中注销账号，我们将在 15 个工作日内完成。", "")],
     [("docs/rights.md", 6, "warning", "“个人信息权利”一节没有说明如何注销账号")]),
]

# (rule, edits): another wording that keeps the rule satisfied
PASSING = [
    ("RGT-02", [("docs/contact.md", "15 个工作日内答复", "10 天内回复")]),
    # Chinese numerals (issue 11, kind 4)
    ("RGT-02", [("docs/contact.md", "15 个工作日内答复", "十五个工作日内答复")]),
    # hours
    ("RGT-04", [("docs/rights.md", "我们将在 15 个工作日内完成", "我们将在二十四小时内完成")]),
    # a necessary identity check is no unreasonable condition
    ("RGT-04", [("docs/rights.md", "中注销账号，", "中通过短信验证码验证身份后注销账号，")]),
    # every right through the contact section
    ("RGT-01", [("docs/rights.md", "您可以在“我的 > 设置 > 个人信息”中查阅", "您可以通过本政策“如何联系我们”所列方式提出请求，查阅"),
               ("docs/rights.md", "您可以在“我的 > 设置 > 注销账号”中注销账号", "您可以通过本政策“如何联系我们”所列方式申请注销账号")]),
    # the heading renamed (issue 11, kind 1): covers: [rights] says what the page is
    ("RGT-01", [("docs/rights.md", "# 四、您如何行使您的权利 {#rights}", "# 四、您的个人信息权益 {#rights}")]),
]
