"""META: the handler's name, the contact, the dates, template leftovers, the product and scope, the
DPO.

The rows of the meta family, run by ``test_rules.py`` over ``tests/sample_policy.py``.
"""

# (rule, edits [(file, old, new)], expected findings of that rule: (path, line, severity, message))
FAILING = [
    ("META-01", [("data/operator.yml", "name: {zh: 示例科技有限公司, en: Example Technology Co. Ltd.}",
                  'name: {zh: "", en: ""}')],
     [("docs/index.md", 9, "error", "the defined term “（“我们”）” has no handler's name before it: "
       "“（“我们”）是示例小程序的运营者。本政策适用于示例小程序。”"),
      ("data/operator.yml", 2, "error", "the handler's legal name (handler.name) is empty")]),
    ("META-01", [("docs/index.md", "{{ operator.handler.name }}（“我们”）", "本公司（“我们”）")],
     [("docs/index.md", 5, "error", "the handler's name “示例科技有限公司” is not in the first 500 characters "
       "of the policy")]),
    ("META-02", [("docs/contact.md", "电话{{ operator.handler.phone }}或电子邮件{{ operator.handler.email }}",
                  "电话")],
     [("docs/contact.md", 7, "error", "the sentence promises contact but gives no value: "
       "“您可以通过电话与我们联系，我们将在 15 个工作日内答复您的请求。”")]),
    ("META-02", [("data/operator.yml", 'phone: "400-123-4567"', 'phone: ""'),
                 ("data/operator.yml", "email: privacy@example.cn", 'email: ""'),
                 ("data/operator.yml", 'address: {zh: 上海市示例路 1 号, en: "1 Example Road, Shanghai"}',
                  'address: {zh: "", en: ""}')],
     [("docs/contact.md", 7, "error", "the sentence promises contact but gives no value: "
       "“您可以通过电话或电子邮件与我们联系，我们将在 15 个工作日内答复您的请求。”"),
      ("data/operator.yml", 3, "error", "data/operator.yml gives no phone, email or address of the handler")]),
    ("META-02", [("docs/contact.md", "{{ operator.handler.phone }}", "021-87654321")],
     [("docs/contact.md", 7, "error", "the text gives the phone “021-87654321” but data/operator.yml "
       "handler.phone is “400-123-4567”")]),
    ("META-03", [("docs/index.md", "<!-- policy:dates -->", "生效日期：2023年2月30日，更新日期：2023年11月1日。")],
     [("docs/index.md", 7, "error", "生效日期 “2023年2月30日” is not a date that exists")]),
    ("META-04", [("docs/index.md", "是示例小程序的运营者", "是【公司名称】的运营者")],
     [("docs/index.md", 9, "error", "a template leftover “【公司名称】” is in the text")]),
    ("META-05", [("data/operator.yml", "name: {zh: 示例小程序, en: Example Mini Program}", 'name: {zh: "", en: ""}'),
                 ("docs/index.md", "本政策适用于示例小程序。", "本政策适用于本公司的产品，包括但不限于网页。")],
     [("docs/index.md", 9, "warning", "the scope is open-ended (包括但不限于): “本政策适用于本公司的产品，包括但不限于网页。”"),
      ("data/operator.yml", 11, "warning", "the product's name (product.name) is empty")]),
    ("META-06", [("data/operator.yml", "large_handler: false", "large_handler: true")],
     [("docs/contact.md", 5, "error", "the policy does not name the 个人信息保护负责人 (data-protection officer)")]),
]

# (rule, edits): another wording that keeps the rule satisfied
PASSING = [
    ("META-02", [("data/operator.yml", 'phone: "400-123-4567"', 'phone: "+86 21 6123 4567"'),
                 ("data/operator.yml", "email: privacy@example.cn", 'email: ""')]),
]
