"""META: the handler's name, the contact, the dates, template leftovers, the product and scope, the
DPO.

The rows of the meta family, run by ``test_rules.py`` over ``tests/sample_policy.py``.
"""

# (rule, edits [(file, old, new)], expected findings of that rule: (path, line, severity, message))
FAILING = [
    # the empty name shows through {{ operator.handler.name }}: one finding, at the data
    ("META-01", [("data/operator.yml", "name: {zh: 示例科技有限公司, en: Example Technology Co. Ltd.}",
                'name: {zh: "", en: ""}')],
     [("data/operator.yml", 2, "error", "未写明个人信息处理者的名称：data/operator.yml 的 handler.name 为空")]),
    ("META-01", [("docs/index.md", "{{ operator.handler.name }}（“我们”）", "本公司（“我们”）")],
     [("docs/index.md", 10, "error", "处理者名称“示例科技有限公司”没有出现在政策开头 500 字以内")]),
    # a paragraph opening with the defined term
    ("META-01", [("docs/index.md", "{{ operator.handler.name }}（“我们”）是示例小程序的运营者。",
                "{{ operator.handler.name }}是示例小程序的运营者。\n\n（“我们”）负责解释本政策。")],
     [("docs/index.md", 12, "error", "简称 “（“我们”）” 之前没有写明处理者名称：“（“我们”）负责解释本政策。本政策适用于示例小程序。”")]),
    # a sentence pointing to the email the policy lists, when the policy gives none
    ("META-02", [("data/operator.yml", "email: privacy@example.cn", 'email: ""'),
                 ("docs/contact.md", "或电子邮件{{ operator.handler.email }}", ""),
                 ("docs/rights.md", "撤回同意，", "撤回同意（也可以通过本政策所列的电子邮箱提出），")],
     [("docs/rights.md", 8, "error", "该句让您通过本政策所列的电子邮箱联系，但本政策没有给出电子邮箱："
       "“您可以在“我的 > 设置 > 个人信息”中查阅、复制、更正、补充、删除您的个人信…”")]),
    ("META-02", [("docs/contact.md", "电话{{ operator.handler.phone }}或电子邮件{{ operator.handler.email }}", "电话")],
     [("docs/contact.md", 8, "error", "该句承诺可通过某种方式联系，却没有给出具体号码或地址：“您可以通过电话与我们联系，我们将在 15 个工作日内答复您的请求。”")]),
    # no contact at all: one finding, at the data (the text's empty promise is the same cause)
    ("META-02", [("data/operator.yml", 'phone: "400-123-4567"', 'phone: ""'),
                ("data/operator.yml", "email: privacy@example.cn", 'email: ""'),
                ("data/operator.yml", 'address: {zh: 上海市示例路 1 号, en: "1 Example Road, Shanghai"}',
                'address: {zh: "", en: ""}')],
     [("data/operator.yml", 3, "error", "data/operator.yml 没有处理者的电话、电子邮箱或通信地址")]),
    ("META-02", [("docs/contact.md", "{{ operator.handler.phone }}", "021-87654321")],
     [("docs/contact.md", 8, "error", "正文中的电话“021-87654321”与 data/operator.yml 的 handler.phone“400-123-4567”不一致")]),
    # the text shows {{ operator.handler.email }}, which the data leaves empty
    ("META-02", [("data/operator.yml", "email: privacy@example.cn", 'email: ""')],
     [("data/operator.yml", 4, "error", "正文使用 {{ operator.handler.email }} 显示联系方式，但 data/operator.yml 的 "
                                        "handler.email 为空")]),
    # no page covers contact
    ("META-02", [("docs/contact.md", "covers: [contact]\n", "")],
     [("docs/index.md", 6, "error", "本政策没有“联系我们”一节")]),
    # the contact section gives no value
    ("META-02", [("docs/contact.md", "您可以通过电话{{ operator.handler.phone }}或电子邮件{{ operator.handler.email }}与我们联系，",
                "您可以在小程序的“客服”页面与我们联系，")],
     [("docs/contact.md", 6, "error", "“联系我们”一节没有给出电话、电子邮箱或通信地址")]),
    ("META-02", [("docs/contact.md", "{{ operator.handler.email }}", "service@example.cn")],
     [("docs/contact.md", 8, "error", "正文中的电子邮箱“service@example.cn”与 data/operator.yml 的 "
                                      "handler.email“privacy@example.cn”不一致")]),
    ("META-03", [("docs/index.md", "<!-- policy:dates -->", "生效日期：2023年2月30日，更新日期：2023年11月1日。")],
     [("docs/index.md", 8, "error", "生效日期 “2023年2月30日” 不是一个存在的日期")]),
    # a date written by hand that is not the newest release's
    ("META-03", [("docs/index.md", "<!-- policy:dates -->", "生效日期：2023年10月1日，更新日期：2023年11月1日。")],
     [("docs/index.md", 8, "error", "生效日期 “2023年10月1日” 与最新发布版本不符（data/versions.yml 为 2023-11-01）")]),
    # no dates at all
    ("META-03", [("docs/index.md", "<!-- policy:dates -->", "")],
     [("docs/index.md", 6, "error", "引言没有写明生效日期"),
      ("docs/index.md", 6, "error", "引言没有写明更新日期")]),
    # a label without a date
    ("META-03", [("docs/index.md", "<!-- policy:dates -->", "生效日期：2023年11月1日，更新日期：见版本记录。")],
     [("docs/index.md", 8, "error", "更新日期后没有写成“YYYY年M月D日”的日期：“更新日期：见版本记录。”")]),
    ("META-04", [("docs/index.md", "是示例小程序的运营者", "是【公司名称】的运营者")],
     [("docs/index.md", 10, "error", "正文中留有模板占位内容 “【公司名称】”")]),
    ("META-05", [("data/operator.yml", "name: {zh: 示例小程序, en: Example Mini Program}", 'name: {zh: "", en: ""}'),
                ("docs/index.md", "本政策适用于示例小程序。", "本政策适用于本公司的产品，包括但不限于网页。")],
     [("docs/index.md", 10, "warning", "适用范围没有边界（包括但不限于）：“本政策适用于本公司的产品，包括但不限于网页。”"),
      ("data/operator.yml", 11, "warning", "未写明产品名称：data/operator.yml 的 product.name 为空")]),
    # the product named nowhere near the top
    ("META-05", [("docs/index.md", "是示例小程序的运营者。本政策适用于示例小程序。", "是本小程序的运营者。本政策适用于本小程序。")],
     [("docs/index.md", 6, "warning", "产品名称“示例小程序”没有出现在标题或第一段")]),
    ("META-06", [("data/operator.yml", "large_handler: false", "large_handler: true")],
     [("docs/contact.md", 6, "error", "本政策没有写明个人信息保护负责人")]),
    # an officer named otherwise than 个人信息保护负责人 (PIPL Art. 52)
    ("META-06", [("data/operator.yml", "large_handler: false", "large_handler: true"),
                ("docs/contact.md", "如您对答复不满意",
                "我们设有个人信息保护专员，您可以发送电子邮件至 {{ operator.handler.dpo.contact }} 与其联系。\n\n如您对答复不满意")],
     [("docs/contact.md", 10, "error", "本政策没有写明“个人信息保护负责人”，只提到：“我们设有个人信息保护专员，您可以发送电子邮件至 dpo@example.cn 与…”")]),
    # a large handler whose officer has no contact
    ("META-06", [("data/operator.yml", "large_handler: false", "large_handler: true"),
                ("data/operator.yml", "contact: dpo@example.cn", 'contact: ""'),
                ("docs/contact.md", "如您对答复不满意", "我们已指定个人信息保护负责人。\n\n如您对答复不满意")],
     [("data/operator.yml", 9, "error", "handler.large_handler 为 true，但 handler.dpo.contact 为空")]),
]

# (rule, edits): another wording that keeps the rule satisfied
PASSING = [
    # one contact is enough; a phone in international form
    ("META-02", [("data/operator.yml", 'phone: "400-123-4567"', 'phone: "+86 21 6123 4567"'),
                ("data/operator.yml", "email: privacy@example.cn", 'email: ""'),
                ("docs/contact.md", "或电子邮件{{ operator.handler.email }}", "")]),
    ("META-06", [("data/operator.yml", "large_handler: false", "large_handler: true"),
                ("docs/contact.md", "如您对答复不满意",
                "我们已指定个人信息保护负责人，您可以发送电子邮件至 {{ operator.handler.dpo.contact }} 与其联系。\n\n如您对答复不满意")]),
]
