"""WX: the mini program's privacy settings and its declared location interfaces.

The rows of the wechat family, run by ``test_rules.py`` over ``tests/sample_policy.py``.
"""

# (rule, edits [(file, old, new)], expected findings of that rule: (path, line, severity, message))
FAILING = [
    ("WX-01", [("data/operator.yml", "notice_method: 弹窗", 'notice_method: ""'),
               ("data/inventory.yml", "purpose: {zh: 推荐附近门店, en: To recommend nearby stores}",
                "purpose: {zh: 为了推荐附近门店, en: To recommend nearby stores}")],
     [("data/operator.yml", 17, "error", "owner_setting needs wechat.notice_method"),
      ("data/inventory.yml", 7, "error", "collected row C01: WeChat shows the purpose after “为了”; drop the "
       "leading “为了”: “为了推荐附近门店”")]),
    ("WX-02", [("data/operator.yml", "required_private_infos: [getLocation]", "required_private_infos: []")],
     [("data/operator.yml", 19, "warning", "collected row C01 uses Location but wechat.required_private_infos "
       "declares none of getFuzzyLocation, getLocation, onLocationChange, startLocationUpdate, "
       "startLocationUpdateBackground")]),
    ("WX-02", [("data/operator.yml", "required_private_infos: [getLocation]",
                "required_private_infos: [getLocation, getFuzzyLocation]")],
     [("data/operator.yml", 19, "warning", "getFuzzyLocation and getLocation cannot both be declared")]),
]

# (rule, edits): another wording that keeps the rule satisfied
PASSING = [
    ("WX-01", [("data/inventory.yml", "purpose: {zh: 推荐附近门店,", "purpose: {zh: 向您推荐附近的门店,"),
                ("data/operator.yml", 'phone: "400-123-4567"', 'phone: ""')]),
    ("WX-02", [("data/operator.yml", "required_private_infos: [getLocation]",
                "required_private_infos: [getFuzzyLocation]")]),
]
