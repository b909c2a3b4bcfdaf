"""WX: the mini program's privacy settings and its declared location interfaces.

The rows of the wechat family, run by ``test_rules.py`` over ``tests/sample_policy.py``.
"""

# (rule, edits [(file, old, new)], expected findings of that rule: (path, line, severity, message))
FAILING = [
    # an SDK row export wechat refuses: no sdk_name; no information WeChat has a key for
    ("WX-01", [("data/inventory.yml", "recipient_type: partner", "recipient_type: sdk")],
     [("data/inventory.yml", 42, "error", "共享清单第 S02 行是 SDK，但没有写 sdk_name，微信隐私保护指引无法填写该 SDK")]),
    ("WX-01", [("data/inventory.yml", "recipient_type: partner",
                "recipient_type: sdk\n    sdk_name: {zh: 示例支付 SDK, en: Example Pay SDK}"),
               ("data/inventory.yml", "      - {zh: 订单信息, en: Orders}\n    method: api_transfer\n    policy_url: https://pay",
                "      - {zh: 支付凭证, en: Payment receipts}\n    method: api_transfer\n    policy_url: https://pay")],
     [("data/inventory.yml", 47, "error", "共享清单第 S02 行（SDK）的个人信息（支付凭证）都对应不到微信的隐私接口")]),
    ("WX-01", [("data/operator.yml", "notice_method: 弹窗", 'notice_method: ""'),
              ("data/inventory.yml", "purpose: {zh: 推荐附近门店, en: To recommend nearby stores}",
              "purpose: {zh: 为了推荐附近门店, en: To recommend nearby stores}")],
     [("data/operator.yml", 17, "error", "微信隐私保护指引的 owner_setting 缺少 wechat.notice_method"),
      ("data/inventory.yml", 7, "error", "收集清单第 C01 行：微信在“为了”之后展示使用目的，应去掉开头的“为了”：“为了推荐附近门店”")]),
    # an address alone is no contact WeChat can show
    ("WX-01", [("data/operator.yml", 'phone: "400-123-4567"', 'phone: ""'),
              ("data/operator.yml", "email: privacy@example.cn", 'email: ""')],
     [("data/operator.yml", 3, "error", "微信隐私保护指引的 owner_setting 缺少 handler.phone 或 handler.email")]),
    ("WX-02", [("data/operator.yml", "required_private_infos: [getLocation]", "required_private_infos: []")],
     [("data/operator.yml", 19, "warning", "收集清单第 C01 行使用 Location，但 wechat.required_private_infos 没有声明 "
                                           "getFuzzyLocation, getLocation, onLocationChange, startLocationUpdate, "
                                           "startLocationUpdateBackground 中的任何一个")]),
    ("WX-02", [("data/operator.yml", "required_private_infos: [getLocation]",
              "required_private_infos: [getLocation, getFuzzyLocation]")],
     [("data/operator.yml", 19, "warning", "getFuzzyLocation 与 getLocation 不能同时声明")]),
]

# (rule, edits): another wording that keeps the rule satisfied
PASSING = [
    ("WX-01", [("data/inventory.yml", "purpose: {zh: 推荐附近门店,", "purpose: {zh: 向您推荐附近的门店,"),
              ("data/operator.yml", 'phone: "400-123-4567"', 'phone: ""')]),
    # no contact at all: META-02's finding, not WX-01's (one cause, one finding)
    ("WX-01", [("data/operator.yml", 'phone: "400-123-4567"', 'phone: ""'),
              ("data/operator.yml", "email: privacy@example.cn", 'email: ""'),
              ("data/operator.yml", 'address: {zh: 上海市示例路 1 号, en: "1 Example Road, Shanghai"}',
              'address: {zh: "", en: ""}')]),
    ("WX-02", [("data/operator.yml", "required_private_infos: [getLocation]",
              "required_private_infos: [getFuzzyLocation]")]),
]
