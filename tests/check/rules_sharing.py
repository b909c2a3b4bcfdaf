"""SHR: the sharing list, named recipients, entrusted or provided, storage location and transfer
abroad, transfer notices.

The rows of the sharing family, run by ``test_rules.py`` over ``tests/sample_policy.py``.
"""

import re

# (rule, edits [(file, old, new)], expected findings of that rule: (path, line, severity, message))
FAILING = [
    ("SHR-01", [("data/inventory.yml", re.compile(r"shared:\n.*", re.S), "shared: []\n"),
               ("docs/disclosure.md", "[《与第三方共享个人信息清单》](sharing.md)", "本政策")],
     [("data/inventory.yml", 26, "error", "第三方共享清单（shared）为空，而正文提到“委托”：“我们委托示例云计算有限公司存储您的订单信息，详见本政策。”")]),
    # a recipient the sharing section names but the list lacks
    ("SHR-01", [("docs/disclosure.md", "我们委托示例云计算有限公司存储您的订单信息，", "我们委托示例云计算有限公司存储您的订单信息，委托示例短信服务有限公司向您发送订单通知，")],
     [("data/inventory.yml", 26, "error", "正文提到的接收方“示例短信服务有限公司”不在第三方共享清单（shared）中：“我们委托示例云计算有限公司存储您的订单信息，"
                                          "委托示例短信服务有限公司向您发送订单…”")]),
    ("SHR-02", [("data/inventory.yml", "recipient: {zh: 示例云计算有限公司, en: Example Cloud Co. Ltd.}",
               "recipient: {zh: 其他合作伙伴, en: Other partners}"),
               ("data/inventory.yml", "method: api_transfer", 'method: ""')],
     [("data/inventory.yml", 28, "error", "共享清单第 S01 行的接收方是一个类别而不是具体主体：“其他合作伙伴”；未写明：method")]),
    ("SHR-02", [("data/inventory.yml", "recipient: {zh: 示例云计算有限公司, en: Example Cloud Co. Ltd.}",
               'recipient: {zh: "", en: ""}')],
     [("data/inventory.yml", 28, "error", "共享清单第 S01 行没有写明接收方名称（只写了类别“云服务提供商”）")]),
    # a provided row whose clause gives no contact of the recipient (PIPL Art. 23)
    ("SHR-02", [("docs/disclosure.md", "（客服电话 400-800-1234）", "")],
     [("docs/disclosure.md", 14, "error", "向“示例支付科技有限公司”提供个人信息的条款没有写明接收方的联系方式（共享清单第 S02 行）")]),
    # a shared row without a purpose
    ("SHR-02", [("data/inventory.yml", "purpose: {zh: 存储订单信息, en: To store orders}", 'purpose: {zh: "", en: ""}')],
     [("data/inventory.yml", 32, "error", "共享清单第 S01 行未写明：purpose")]),
    ("SHR-03", [("data/inventory.yml", "relationship: entrusted", 'relationship: ""')],
     [("data/inventory.yml", 31, "error", "共享清单第 S01 行没有说明是委托处理（entrusted）、向其提供（provided）还是共同处理（joint）")]),
    # a provided row whose clause asks no separate consent
    ("SHR-03", [("docs/disclosure.md", "我们会在取得您的单独同意后，向示例支付科技有限公司", "我们会向示例支付科技有限公司")],
     [("docs/disclosure.md", 14, "error", "共享清单第 S02 行向其他处理者提供个人信息，但所引条款（#disclosure-provided）没有说明取得您的单独同意")]),
    # a provided row whose clause does without consent
    ("SHR-03", [("docs/disclosure.md", "我们会在取得您的单独同意后，向示例支付科技有限公司（客服电话 400-800-1234）提供您的订单信息。",
               "我们会向示例支付科技有限公司（客服电话 400-800-1234）提供您的订单信息，无需另行征得您的同意。")],
     [("docs/disclosure.md", 14, "error", "向其他处理者提供个人信息（共享清单第 S02 行）的条款不征得同意：“无需另行征得您的同意”")]),
    ("SHR-04", [("docs/storage.md", "存储地点：我们在中华人民共和国境内收集的个人信息存储于中国境内。", "我们可能将您的订单信息传输至境外。")],
     [("docs/storage.md", 8, "error", "个人信息被存储或提供到境外，但没有写明境外接收方的名称、联系方式并取得单独同意：“我们可能将您的订单信息传输至境外。”")]),
    # a place outside mainland China named, without 境外 (issue 11, kind 3)
    # no storage location at all
    ("SHR-04", [("docs/storage.md", "存储地点：我们在中华人民共和国境内收集的个人信息存储于中国境内。", "")],
     [("docs/storage.md", 8, "error", "本政策没有写明个人信息的存储地点")]),
    ("SHR-04", [("docs/storage.md", "存储于中国境内。", "存储在位于新加坡的服务器上。")],
     [("docs/storage.md", 8, "error", "个人信息被存储或提供到新加坡（境外），但没有写明境外接收方的名称、联系方式并取得单独同意：“存储地点："
                                      "我们在中华人民共和国境内收集的个人信息存储在位于新加坡的服务器上。”")]),
    # a transfer abroad as a condition, without separate consent
    ("SHR-04", [("docs/storage.md", "存储于中国境内。", "存储于中国境内。如将来确需向境外提供，我们会告知您。")],
     [("docs/storage.md", 8, "error", "该条款设想向境外提供个人信息，但没有写明届时将取得您的单独同意：“如将来确需向境外提供，我们会告知您。”")]),
    ("SHR-05", [("docs/disclosure.md", "告知您接收方的名称和联系方式", "告知您")],
     [("docs/disclosure.md", 18, "info", "转移条款没有承诺告知接收方的名称、联系方式：“如发生合并、收购，我们会告知您；接收方变更原先的处理目的、处理方式的，将重新取得…”")]),
    # no new consent if the recipient changes the purpose (PIPL Art. 22)
    ("SHR-05", [("docs/disclosure.md", "；接收方变更原先的处理目的、处理方式的，将重新取得您的同意", "")],
     [("docs/disclosure.md", 18, "info", "转移条款没有说明接收方变更原先的处理目的、处理方式时将重新取得您的同意：“如发生合并、收购，我们会告知您接收方的名称和联系方式。”")]),
    ("SHR-05", [("docs/disclosure.md", "我们会告知您接收方的名称和联系方式；接收方变更原先的处理目的、处理方式的，将重新取得您的同意。", "我们会要求接收方继续履行本政策。")],
     [("docs/disclosure.md", 18, "info", "转移条款没有承诺告知接收方的名称、联系方式，也没有说明接收方变更处理目的、处理方式时将重新取得您的同意：“如发生合并、收购，"
                                         "我们会要求接收方继续履行本政策。”")]),
    # consent, but not separate consent (PIPL Art. 25)
    ("SHR-06", [("docs/disclosure.md", "除取得您的单独同意或法律、行政法规另有规定外，我们不会公开您的个人信息。", "经您同意后，我们可能会公开披露您的个人信息。")],
     [("docs/disclosure.md", 22, "error", "该条款允许公开个人信息，却没有写明取得您的单独同意：“经您同意后，我们可能会公开披露您的个人信息。”")]),
]

# (rule, edits): another wording that keeps the rule satisfied
PASSING = [
    ("SHR-02", [("data/inventory.yml", "recipient: {zh: 示例云计算有限公司, en: Example Cloud Co. Ltd.}",
               "recipient: {zh: 示例电商平台有限公司, en: Example Platform Co. Ltd.}"),
               ("docs/disclosure.md", "我们委托示例云计算有限公司", "我们委托示例电商平台有限公司")]),
    ("SHR-02", [("docs/disclosure.md", "（客服电话 400-800-1234）", "（联系邮箱 service@pay.example.cn）")]),
    # withdrawing the separate consent is named too
    ("SHR-03", [("docs/disclosure.md", "我们会在取得您的单独同意后，向示例支付科技有限公司（客服电话 400-800-1234）提供您的订单信息。",
               "经您单独同意，我们会向示例支付科技有限公司（客服电话 400-800-1234）提供您的订单信息；您可以随时撤回单独同意。")]),
    ("SHR-04", [("docs/storage.md", "存储地点：我们在中华人民共和国境内收集的个人信息存储于中国境内。", "我们在中国境内收集的个人信息均存放于中国大陆的服务器上，不会传输至境外。")]),
    # issue 11: a promise not to, and a condition with separate consent
    ("SHR-04", [("docs/storage.md", "存储于中国境内。", "存储于中国境内。我们不会向境外提供您的个人信息。如将来确需向境外提供，我们会告知境外接收方的名称和联系方式，并取得您的单独同意。")]),
    ("SHR-06", [("docs/disclosure.md", "除取得您的单独同意或法律、行政法规另有规定外，我们不会公开您的个人信息。", "我们仅在取得您的单独同意后公开披露您的个人信息。")]),
    ("SHR-06", [("docs/disclosure.md", "除取得您的单独同意或法律、行政法规另有规定外，我们不会公开您的个人信息。", "我们不会公开披露您的个人信息。")]),
]
