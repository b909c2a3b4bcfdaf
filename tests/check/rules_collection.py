"""COL: the collected list, each row's fields and purpose, basic and extended functions, sensitive
information, permissions, retention, implied consent, profiling, kinds named in the text.

The rows of the collection family, run by ``test_rules.py`` over ``tests/sample_policy.py``.
"""

import re

# (rule, edits [(file, old, new)], expected findings of that rule: (path, line, severity, message))
FAILING = [
    ("COL-01", [("docs/disclosure.md", "[《与第三方共享个人信息清单》](sharing.md)", "《第三方 SDK 目录》"),
               ("data/inventory.yml", "source: disclosure-entrusted\n", "source: disclosure-sdk\n")],
     [("docs/disclosure.md", 10, "error", "正文提到的《第三方 SDK 目录》不是本网站的页面"),
      ("data/inventory.yml", 38, "error", "共享清单第 S01 行引用的条款“disclosure-sdk”不是本政策的标题 id")]),
    # an empty collected list
    ("COL-01", [("data/inventory.yml", re.compile(r"collected:\n.*?(?=shared:)", re.S), "collected: []\n")],
     [("data/inventory.yml", 1, "error", "收集个人信息清单（collected）为空")]),
    ("COL-02", [("data/inventory.yml", "trigger: {zh: 下单时, en: When you order}", 'trigger: {zh: "", en: ""}')],
     [("data/inventory.yml", 22, "error", "收集清单第 C02 行未写明：trigger")]),
    ("COL-03", [("data/inventory.yml", "purpose: {zh: 根据您的订单信息进行个性化推荐, en: To recommend products from your orders}",
               "purpose: {zh: 个性化推荐，提升用户体验, en: To improve the user experience}")],
     [("data/inventory.yml", 19, "warning", "收集清单第 C02 行的使用目的含糊（提升用户体验）：“个性化推荐，提升用户体验”")]),
    ("COL-03", [("data/inventory.yml", "purpose: {zh: 根据您的订单信息进行个性化推荐, en: To recommend products from your orders}",
               "purpose: {zh: 推荐, en: To recommend}")],
     [("data/inventory.yml", 19, "warning", "收集清单第 C02 行的使用目的过短，不足以说明用途：“推荐”")]),
    # a vague purpose in the text, not only in the list
    ("COL-03", [("docs/collection.md", "我们会根据您的订单信息进行个性化推荐。", "我们会根据您的订单信息进行个性化推荐，并用于改善我们的产品和服务等用途。")],
     [("docs/collection.md", 16, "warning", "正文中的使用目的含糊（“用于改善我们的产品和服务等用途”）：“我们会根据您的订单信息进行个性化推荐，并用于改善我们的产品和服务等用途。”")]),
    ("COL-04", [("data/inventory.yml", "function_type: extended", 'function_type: ""')],
     [("data/inventory.yml", 16, "error", "收集清单第 C02 行没有说明属于基本业务功能还是扩展业务功能")]),
    # an extended row, and the text never names 扩展业务功能
    ("COL-04", [("docs/collection.md", "；扩展业务功能所需的信息您拒绝提供的，不影响基本业务功能。", "。")],
     [("docs/collection.md", 6, "error", "本政策没有区分扩展业务功能")]),
    ("COL-04", [("docs/collection.md", "您将无法使用该功能；扩展业务功能所需的信息您拒绝提供的，不影响基本业务功能。", "我们会在页面中说明；扩展业务功能所需的信息另行说明。")],
     [("docs/collection.md", 8, "error", "本政策没有说明拒绝提供个人信息的后果")]),
    ("COL-05", [("data/inventory.yml", "{name: {zh: 位置信息, en: Location}, sensitive: true}",
               "{name: {zh: 位置信息, en: Location}, sensitive: false}")],
     [("data/inventory.yml", 6, "error", "收集清单第 C01 行的“位置信息”属于敏感个人信息，但未标注 sensitive")]),
    # consent, but not separate consent (PIPL Art. 29)
    ("COL-05", [("docs/collection.md", "我们仅在您单独同意后收集，", "我们仅在您同意后收集，")],
     [("docs/collection.md", 12, "error", "收集位置信息的条款（#collection-permissions）没有说明取得您的单独同意（影响 C01）")]),
    # the necessity removed from the cited clause (PIPL Art. 30)
    ("COL-05", [("docs/collection.md", "，其必要性在于推荐附近门店", "")],
     [("docs/collection.md", 12, "error", "收集位置信息的条款（#collection-permissions）没有说明处理的必要性（影响 C01）")]),
    # the impact on the person removed from the cited clause (PIPL Art. 30)
    ("COL-05", [("docs/collection.md", "位置信息一旦泄露，可能使您的行踪被他人知悉，危害您的人身安全。", "")],
     [("docs/collection.md", 12, "error", "收集位置信息的条款（#collection-permissions）没有说明对您个人权益的影响（影响 C01）")]),
    # neither necessity and impact nor separate consent
    ("COL-05", [("docs/collection.md", "位置信息属于敏感个人信息，我们仅在您单独同意后收集，其必要性在于推荐附近门店，拒绝不会影响其他功能。位置信息一旦泄露，可能使您的行踪被他人知悉，"
                                     "危害您的人身安全。",
               "拒绝不会影响其他功能。")],
     [("docs/collection.md", 12, "error", "收集位置信息的条款（#collection-permissions）既没有说明必要性和影响，也没有取得单独同意（影响 C01）")]),
    ("COL-06", [("docs/collection.md", "位置信息，用于为您推荐附近门店。", "位置信息，相册。")],
     [("docs/collection.md", 12, "error", "申请权限时没有说明用途：“位置信息，相册。”"),
      ("docs/collection.md", 12, "error", "正文申请“相册”，但收集清单中没有对应隐私接口的行")]),
    ("COL-06", [("data/inventory.yml", "method: wechat_api", "method: user_input")],
     [("data/inventory.yml", 8, "error", "收集清单第 C01 行的隐私接口为 Location，收集方式却是 user_input（应为 wechat_api）")]),
    ("COL-06", [("data/inventory.yml", "{name: {zh: 订单信息, en: Orders}, sensitive: false}",
               "{name: {zh: 设备信息, en: Device information}, sensitive: false}"),
               ("data/inventory.yml", "method: auto_collect\n    wechat_privacy_key: null",
               "method: sdk\n    wechat_privacy_key: DeviceInfo")],
     [("data/inventory.yml", 20, "error", "收集清单第 C02 行的隐私接口为 DeviceInfo，收集方式却是 sdk（应为 auto_collect / user_input / "
                                          "wechat_api）")]),
    # a row collecting through WeChat without a key
    ("COL-06", [("data/inventory.yml", "method: auto_collect", "method: wechat_api")],
     [("data/inventory.yml", 21, "error", "收集清单第 C02 行通过微信接口收集，却没有写隐私接口（wechat_privacy_key）")]),
    # a key that collects none of the row's kinds
    ("COL-06", [("data/inventory.yml", "wechat_privacy_key: null", "wechat_privacy_key: EXUserOpLog")],
     [("data/inventory.yml", 21, "error", "收集清单第 C02 行的隐私接口 EXUserOpLog 与所列个人信息（订单信息）不对应")]),
    # a key without a purpose
    ("COL-06", [("data/inventory.yml", "purpose: {zh: 推荐附近门店, en: To recommend nearby stores}",
               'purpose: {zh: "", en: ""}')],
     [("data/inventory.yml", 9, "error", "收集清单第 C01 行有隐私接口 Location，却没有写使用目的")]),
    # the rows state their own period: the vague clause affects none
    ("COL-07", [("docs/storage.md", "在您注销账号后 15 日内删除您的位置信息和订单信息", "在实现目的所需的期限内保存您的位置信息和订单信息")],
     [("docs/storage.md", 8, "error", "保存期限不具体，只写了“所需的期限”：“存储期限：我们在实现目的所需的期限内保存您的位置信息和订单信息。”")]),
    # the rows state nothing: the vague clause is reported once, naming them
    ("COL-07", [("docs/storage.md", "在您注销账号后 15 日内删除您的位置信息和订单信息", "在实现目的所需的期限内保存您的位置信息和订单信息"),
               ("data/inventory.yml", re.compile(r"    retention: .*\n"), '    retention: {zh: "", en: ""}\n')],
     [("docs/storage.md", 8, "error", "保存期限不具体，只写了“所需的期限”（影响 C01、C02）：“存储期限：我们在实现目的所需的期限内保存您的位置信息和订单信息。”")]),
    # a row's period against the text's
    ("COL-07", [("data/inventory.yml", "retention: {zh: 注销账号后 15 日内删除, en: Deleted within 15 days of closing the "
                                     "account}\n    source: collection-personalisation",
               "retention: {zh: 注销账号后 30 日内删除, en: Deleted within 30 days of closing the account}\n    source: "
               "collection-personalisation")],
     [("data/inventory.yml", 24, "error", "收集清单第 C02 行的保存期限 “注销账号后 30 日内删除” 与正文不一致：“存储期限：我们在您注销账号后 15 "
                                          "日内删除您的位置信息和订单信息。”")]),
    ("COL-07", [("data/inventory.yml", "retention: {zh: 注销账号后 15 日内删除, en: Deleted within 15 days of closing the "
                                     "account}",
               "retention: {zh: 在必要期限内保存, en: As long as necessary}")],
     [("data/inventory.yml", 12, "error", "收集清单第 C01 行的保存期限不具体：“在必要期限内保存”")]),
    # a labelled clause that states no period
    ("COL-07", [("docs/storage.md", "我们在您注销账号后 15 日内删除您的位置信息和订单信息。", "我们按照法律规定保存您的位置信息和订单信息。")],
     [("docs/storage.md", 8, "error", "该条款提到保存期限，却没有写出期限：“存储期限：我们按照法律规定保存您的位置信息和订单信息。”")]),
    # the text gives a period for 位置信息 only; C02 states none
    ("COL-07", [("docs/storage.md", "您的位置信息和订单信息", "您的位置信息"),
               ("data/inventory.yml", re.compile(r"    retention: .*\n"), '    retention: {zh: "", en: ""}\n')],
     [("docs/collection.md", 16, "error", "该条款（#collection-personalisation）和收集清单第 C02 行都没有写明保存期限")]),
    # no retention anywhere
    ("COL-07", [("docs/storage.md", "存储期限：我们在您注销账号后 15 日内删除您的位置信息和订单信息。", ""),
               ("data/inventory.yml", re.compile(r"    retention: .*\n"), '    retention: {zh: "", en: ""}\n')],
     [("docs/storage.md", 6, "error", "本政策没有写明保存期限（影响 C01、C02）")]),
    ("COL-08", [("docs/updates.md", "我们会重新取得您的同意。", "我们会重新取得您的同意。\n\n您继续使用即视为同意更新后的政策。")],
     [("docs/updates.md", 10, "error", "以使用行为推定同意：“继续使用即视为同意”")]),
    # issue 11: 使用…的行为即表示…同意
    ("COL-08", [("docs/index.md", "本政策适用于示例小程序。", "本政策适用于示例小程序。您使用本小程序的行为即表示您已同意本政策。")],
     [("docs/index.md", 10, "error", "以使用行为推定同意：“使用本小程序的行为即表示您已同意”")]),
    ("COL-09", [("docs/collection.md", "您可以在“我的 > 设置”中关闭个性化推荐。", "您可以关闭个性化推荐。")],
     [("docs/collection.md", 16, "warning", "本政策说可以关闭个性化推荐，但没有给出关闭路径：“您可以关闭个性化推荐。”")]),
    ("COL-09", [("docs/collection.md", "您可以在“我的 > 设置”中关闭个性化推荐。", "")],
     [("data/inventory.yml", 19, "warning", "收集清单第 C02 行用于个性化推荐，但本政策没有说明如何关闭")]),
    ("COL-10", [("docs/collection.md", "进行个性化推荐。", "进行个性化推荐，并读取您的通讯录。")],
     [("docs/collection.md", 16, "warning", "正文提到“通讯录”（通讯录），但收集清单中没有相应的行")]),
    # a kind of the row that the clause it cites never mentions (issue 11, kind 5)
    ("COL-10", [("data/inventory.yml", "      - {name: {zh: 订单信息, en: Orders}, sensitive: false}\n",
               "      - {name: {zh: 订单信息, en: Orders}, sensitive: false}\n      - {name: {zh: 出生日期, en: Date of "
               "birth}, sensitive: false}\n")],
     [("data/inventory.yml", 19, "warning", "收集清单第 C02 行列出“出生日期”，但它所引的条款（#collection-personalisation）没有提到")]),
]

# (rule, edits): another wording that keeps the rule satisfied
PASSING = [
    ("COL-08", [("docs/updates.md", "我们会重新取得您的同意。", "我们会重新取得您的同意。您可以随时停止使用本小程序。")]),
    # a promise not to imply consent
    ("COL-08", [("docs/updates.md", "我们会重新取得您的同意。", "我们会重新取得您的同意；我们不会以您继续使用视为同意。")]),
    ("COL-06", [("docs/collection.md", "我们会申请以下权限：位置信息，用于为您推荐附近门店。", "为了向您推荐附近门店，我们会申请位置权限。")]),
    ("COL-06", [("data/inventory.yml", "{name: {zh: 订单信息, en: Orders}, sensitive: false}",
               "{name: {zh: 设备信息, en: Device information}, sensitive: false}"),
               ("data/inventory.yml", "method: auto_collect\n    wechat_privacy_key: null",
               "method: auto_collect\n    wechat_privacy_key: DeviceInfo")]),
    ("COL-06", [("data/inventory.yml", "method: auto_collect\n    wechat_privacy_key: null",
               "method: user_input\n    wechat_privacy_key: EXOrderInfo")]),
    # a clause on switching a permission off does not ask for it (issue 11, kind 10)
    ("COL-06", [("docs/rights.md", "撤回同意，", "撤回同意（您也可以在微信“设置 > 隐私 > 授权管理”中关闭位置权限），")]),
    # necessity, impact and separate consent once, in a section on sensitive information
    ("COL-05", [("docs/collection.md", "位置信息属于敏感个人信息，我们仅在您单独同意后收集，其必要性在于推荐附近门店，拒绝不会影响其他功能。位置信息一旦泄露，可能使您的行踪被他人知悉，"
                                     "危害您的人身安全。",
               "拒绝不会影响其他功能。"),
               ("docs/collection.md", "## 2、个性化推荐 {#collection-personalisation}",
               "## 2、敏感个人信息 {#collection-sensitive}\n\n位置信息属于敏感个人信息。我们仅在取得您的单独同意后收集位置信息，其必要性在于推荐附近门店；位置信息一旦泄露，"
               "可能危害您的人身安全。\n\n## 3、个性化推荐 {#collection-personalisation}")]),
    # Chinese numerals
    ("COL-07", [("docs/storage.md", "在您注销账号后 15 日内删除", "在您注销账号后十五日内删除")]),
    # years, in the text and the rows
    ("COL-07", [("docs/storage.md", "我们在您注销账号后 15 日内删除您的位置信息和订单信息。", "我们自收集之日起保存您的位置信息和订单信息三年，期满后删除。"),
               ("data/inventory.yml", re.compile(r"retention: \{zh: 注销账号后 15 日内删除, en: [^}]*\}"),
               "retention: {zh: 自收集之日起保存 3 年, en: Kept for 3 years}")]),
    # hours (issue 11, kind 4)
    ("COL-07", [("docs/storage.md", "在您注销账号后 15 日内删除", "在您注销账号后 24 小时内删除"),
               ("data/inventory.yml", re.compile(r"retention: \{zh: 注销账号后 15 日内删除, en: [^}]*\}"),
               "retention: {zh: 注销账号后 24 小时内删除, en: Deleted within 24 hours of closing the account}")]),
    # a promise not to collect
    ("COL-10", [("docs/collection.md", "进行个性化推荐。", "进行个性化推荐。我们不会读取您的通讯录。")]),
    # the kind named in the contact section is not collected
    ("COL-10", [("docs/contact.md", "与我们联系，", "与我们联系（请在邮件中写明您的手机号码），")]),
]
