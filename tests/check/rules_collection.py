"""COL: the collected list, each row's fields and purpose, basic and extended functions, sensitive
information, permissions, retention, implied consent, profiling, kinds named in the text.

The rows of the collection family, run by ``test_rules.py`` over ``tests/sample_policy.py``.
"""

# (rule, edits [(file, old, new)], expected findings of that rule: (path, line, severity, message))
FAILING = [
    ("COL-01", [("docs/disclosure.md", "[《与第三方共享个人信息清单》](sharing.md)", "《第三方 SDK 目录》"),
                ("data/inventory.yml", "source: disclosure\n", "source: disclosure-sdk\n")],
     [("docs/disclosure.md", 7, "error", "《第三方 SDK 目录》 is not a page of the site: link it to the page that "
       "holds it, or add that page"),
      ("data/inventory.yml", 38, "error", "shared row S01 rests on “disclosure-sdk”, which is not a heading id "
       "of the policy")]),
    ("COL-02", [("data/inventory.yml", "trigger: {zh: 下单时, en: When you order}", 'trigger: {zh: "", en: ""}')],
     [("data/inventory.yml", 14, "error", "collected row C02 does not state trigger")]),
    ("COL-03", [("data/inventory.yml", "purpose: {zh: 根据您的订单信息进行个性化推荐, en: To recommend products from your orders}",
                 "purpose: {zh: 个性化推荐，提升用户体验, en: To improve the user experience}")],
     [("data/inventory.yml", 19, "warning", "collected row C02 has a vague purpose (提升用户体验): “个性化推荐，提升用户体验”")]),
    ("COL-04", [("data/inventory.yml", "function_type: extended", 'function_type: ""'),
                ("docs/collection.md", "；扩展业务功能所需的信息您拒绝提供的，不影响基本业务功能。", "。")],
     [("docs/collection.md", 5, "error", "the policy does not name 扩展业务功能"),
      ("data/inventory.yml", 16, "error", "collected row C02 does not say whether its function is basic or extended")]),
    ("COL-05", [("data/inventory.yml", "{name: {zh: 位置信息, en: Location}, sensitive: true}",
                 "{name: {zh: 位置信息, en: Location}, sensitive: false}")],
     [("data/inventory.yml", 6, "error", "collected row C01: 位置信息 is sensitive personal information but is not "
       "marked sensitive")]),
    ("COL-05", [("docs/collection.md", "位置信息属于敏感个人信息，", "")],
     [("data/inventory.yml", 6, "error", "collected row C01 holds sensitive personal information (位置信息) but the "
       "policy never says 敏感个人信息")]),
    ("COL-06", [("docs/collection.md", "位置信息，用于为您推荐附近门店。", "位置信息，相册。")],
     [("docs/collection.md", 11, "error", "permissions are listed without a purpose: “位置信息，相册。”"),
      ("docs/collection.md", 11, "error", "the text asks for “相册” but no collected row has its privacy key")]),
    ("COL-06", [("data/inventory.yml", "method: wechat_api", "method: user_input")],
     [("data/inventory.yml", 8, "error", "collected row C01 has the privacy key Location but its method is "
       "user_input, not wechat_api")]),
    ("COL-06", [("data/inventory.yml", "{name: {zh: 订单信息, en: Orders}, sensitive: false}",
                 "{name: {zh: 设备信息, en: Device information}, sensitive: false}"),
                ("data/inventory.yml", "method: auto_collect\n    wechat_privacy_key: null",
                 "method: sdk\n    wechat_privacy_key: DeviceInfo")],
     [("data/inventory.yml", 20, "error", "collected row C02 has the privacy key DeviceInfo but its method is "
       "sdk, not auto_collect or user_input or wechat_api")]),
    ("COL-07", [("docs/storage.md", "在您注销账号后 15 日内删除", "在实现目的所需的期限内保存")],
     [("docs/storage.md", 7, "error", "the retention period is not concrete: it says only “所需的期限”")]),
    ("COL-08", [("docs/updates.md", "我们会重新取得您的同意。", "我们会重新取得您的同意。\n\n您继续使用即视为同意更新后的政策。")],
     [("docs/updates.md", 9, "error", "consent is implied from use: “继续使用即视为同意”")]),
    ("COL-09", [("docs/collection.md", "您可以在“我的 > 设置”中关闭个性化推荐。", "您可以关闭个性化推荐。")],
     [("docs/collection.md", 15, "warning", "the policy says profiling can be switched off but gives no path "
       "(such as 我的 > 设置): “您可以关闭个性化推荐。”")]),
    ("COL-10", [("docs/collection.md", "进行个性化推荐。", "进行个性化推荐，并读取您的通讯录。")],
     [("docs/collection.md", 15, "warning", "the text names “通讯录” (通讯录) but no collected row lists it")]),
]

# (rule, edits): another wording that keeps the rule satisfied
PASSING = [
    ("COL-08", [("docs/updates.md", "我们会重新取得您的同意。", "我们会重新取得您的同意。您可以随时停止使用本小程序。")]),
    ("COL-06", [("docs/collection.md", "我们会申请以下权限：位置信息，用于为您推荐附近门店。",
                 "为了向您推荐附近门店，我们会申请位置权限。")]),
    # DeviceInfo: information the mini program collects itself (no WeChat interface), data/rules/wechat_keys.yml
    ("COL-06", [("data/inventory.yml", "{name: {zh: 订单信息, en: Orders}, sensitive: false}",
                 "{name: {zh: 设备信息, en: Device information}, sensitive: false}"),
                ("data/inventory.yml", "method: auto_collect\n    wechat_privacy_key: null",
                 "method: auto_collect\n    wechat_privacy_key: DeviceInfo")]),
    ("COL-06", [("data/inventory.yml", "method: auto_collect\n    wechat_privacy_key: null",
                 "method: user_input\n    wechat_privacy_key: EXOrderInfo")]),
    ("COL-07", [("docs/storage.md", "在您注销账号后 15 日内删除", "保存 3 年，期满后删除")]),
]
