"""SHR: the sharing list, named recipients, entrusted or provided, storage location and transfer
abroad, transfer notices.

The rows of the sharing family, run by ``test_rules.py`` over ``tests/sample_policy.py``.
"""

import re

# (rule, edits [(file, old, new)], expected findings of that rule: (path, line, severity, message))
FAILING = [
    ("SHR-01", [("data/inventory.yml", re.compile(r"shared:\n.*", re.S), "shared: []\n"),
                ("docs/disclosure.md", "[《与第三方共享个人信息清单》](sharing.md)", "本政策")],
     [("docs/disclosure.md", 7, "error", "the text mentions “委托” but the sharing list (shared) is empty")]),
    ("SHR-02", [("data/inventory.yml", "recipient: {zh: 示例云计算有限公司, en: Example Cloud Co. Ltd.}",
                 "recipient: {zh: 其他合作伙伴, en: Other partners}"),
                ("data/inventory.yml", "method: api_transfer", 'method: ""')],
     [("data/inventory.yml", 28, "error", "shared row S01 names a category, not a legal entity: “其他合作伙伴”; "
       "does not state method")]),
    ("SHR-02", [("data/inventory.yml", "recipient: {zh: 示例云计算有限公司, en: Example Cloud Co. Ltd.}",
                 'recipient: {zh: "", en: ""}')],
     [("data/inventory.yml", 28, "error", "shared row S01 names no recipient (only the category “云服务提供商”)")]),
    ("SHR-03", [("data/inventory.yml", "relationship: entrusted", 'relationship: ""')],
     [("data/inventory.yml", 31, "error", "shared row S01 does not say whether the recipient processes on our "
       "behalf (entrusted), receives the information (provided) or decides jointly (joint)")]),
    ("SHR-04", [("docs/storage.md", "存储地点：我们在中华人民共和国境内收集的个人信息存储于中国境内。",
                 "我们可能将您的订单信息传输至境外。")],
     [("docs/storage.md", 5, "error", "the policy does not say where personal information is stored"),
      ("docs/storage.md", 7, "error", "the text mentions a transfer abroad (境外): state the overseas recipient's "
       "name, contact and how to exercise rights: “我们可能将您的订单信息传输至境外。”")]),
    ("SHR-05", [("docs/disclosure.md", "告知您接收方的名称和联系方式", "告知您")],
     [("docs/disclosure.md", 9, "info", "the transfer paragraph does not promise to tell the recipient's "
       "名称、联系方式: “如发生合并、收购，我们会告知您。”")]),
]

# (rule, edits): another wording that keeps the rule satisfied
PASSING = [
    ("SHR-02", [("data/inventory.yml", "recipient: {zh: 示例云计算有限公司, en: Example Cloud Co. Ltd.}",
                 "recipient: {zh: 示例电商平台有限公司, en: Example Platform Co. Ltd.}")]),
    ("SHR-04", [("docs/storage.md", "存储地点：我们在中华人民共和国境内收集的个人信息存储于中国境内。",
                 "我们在中国境内收集的个人信息均存放于中国大陆的服务器上，不会传输至境外。")]),
]
