"""What the check must find on the clean policy of ``tests/data/policies/clean/`` (燃动约课), broken one
defect at a time, and what it must not find when the policy is worded another way.

``test_policies.py`` writes the clean policy once (``tests/policies.py``) and runs ``check`` on it
and on a copy per row. An edit is ``(file, old, new)``: ``file`` relative to the site (the Chinese
page ``docs/x.md`` or a data file), ``old`` text that occurs exactly once in it (or a compiled
pattern), ``new`` what replaces it. Edits keep the other lines where they were unless a row says
otherwise.

Where a finding belongs (``line``): the place a compliance officer edits to fix it.

- an element missing from a clause that is there (an age, a period, 单独同意, a path): the line of
  that clause (the paragraph or list item);
- a clause, right or section missing altogether: the line of the heading of the section that
  should hold it (the page's ``#`` title);
- a value missing or wrong in the data: the line of that key in the data file (``trigger:``,
  ``method:``, ``handler.phone``), even when the text shows the gap too (one cause, one finding).

Rule ids are today's (``data/rules/rules.yml``). Two choices the lead may revisit: an inventory
row naming a kind its clause never mentions is COL-10 (the text and the list agree, both ways);
a complaint answered later than 15 working days, or vaguely, is RGT-02 and account deletion
without a time limit is RGT-04.
"""

from __future__ import annotations

import re

# The clean policy's findings: (rule, severity, path, line). At most 2 warnings, no error.
CLEAN_FINDINGS: list[tuple[str, str, str, int]] = []

# (id, what it breaks, edits [(file, old, new)], expected new finding (rule, path, line))
MUTATIONS = [
    # --- META: who, how to reach them, dates, template leftovers, scope, DPO -----------------------
    ("meta-name-empty", "the handler's legal name is empty in the data (the text shows it through a variable)",
     [("data/operator.yml", 'name: {zh: 杭州燃动健身科技有限公司, en: "Hangzhou Randong Fitness Technology Co., Ltd."}',
       'name: {zh: "", en: ""}')],
     ("META-01", "data/operator.yml", 2)),
    ("meta-name-not-in-opening", "the opening paragraph says 本公司 instead of the handler's name",
     [("docs/index.md", "{{ operator.handler.name }}（以下简称“我们”）", "本公司（以下简称“我们”）")],
     ("META-01", "docs/index.md", 10)),
    ("meta-phone-missing", "the phone is empty in the data; the contact list still has 联系电话：",
     [("data/operator.yml", 'phone: "0571-86012345"', 'phone: ""')],
     ("META-02", "data/operator.yml", 3)),
    ("meta-phone-mismatch", "the contact list gives a phone that is not the handler's",
     [("docs/contact.md", "{{ operator.handler.phone }}", "0571-86019999")],
     ("META-02", "docs/contact.md", 12)),
    ("meta-contact-promise-empty", "a sentence offers contact by email but gives no address",
     [("docs/contact.md", "您也可以发送电子邮件至 {{ operator.handler.dpo.contact }} 与其联系", "您也可以通过电子邮件与其联系")],
     ("META-02", "docs/contact.md", 15)),
    ("meta-date-impossible", "the effective date written by hand does not exist (2月30日)",
     [("docs/index.md", "<!-- policy:dates -->", "生效日期：2024年2月30日；更新日期：2024年3月1日。")],
     ("META-03", "docs/index.md", 8)),
    ("meta-template-leftover", "the product's name is left as a template slot 【小程序名称】",
     [("docs/index.md", "是“{{ operator.product.name }}”微信小程序", "是“【小程序名称】”微信小程序")],
     ("META-04", "docs/index.md", 10)),
    ("meta-scope-open", "the scope sentence is open-ended (包括但不限于)",
     [("docs/index.md", "本政策适用于您通过本小程序使用上述服务时我们对您个人信息的处理。",
       "本政策适用于我们提供的各项产品和服务，包括但不限于本小程序和网站。")],
     ("META-05", "docs/index.md", 12)),
    ("meta-large-handler-no-dpo", "a large handler (PIPL Art. 52) calls its officer 专员, never 个人信息保护负责人",
     [("data/operator.yml", "large_handler: false", "large_handler: true")],
     ("META-06", "docs/contact.md", 15)),

    # --- COL: the collected list, purposes, sensitive information, permissions, retention, consent -
    ("col-source-unknown", "a collected row cites a heading id the policy does not have",
     [("data/inventory.yml", "source: collection-checkin", "source: collection-photos")],
     ("COL-01", "data/inventory.yml", 90)),
    ("col-document-unlinked", "the text names a list 《个人信息收集清单》 that is no page of the site",
     [("docs/collection.md", "[《已收集个人信息清单》](inventory.md)", "《个人信息收集清单》")],
     ("COL-01", "docs/collection.md", 8)),
    ("col-trigger-empty", "a collected row (C03) does not say when the information is collected",
     [("data/inventory.yml", "trigger: {zh: 您预约课程时, en: When you book a class}", 'trigger: {zh: "", en: ""}')],
     ("COL-02", "data/inventory.yml", 35)),
    ("col-purpose-vague", "a collected row's purpose (C08) is 提升用户体验",
     [("data/inventory.yml", "purpose: {zh: 识别异常登录和刷单行为，保障您的账号和交易安全, en: To detect unusual sign-ins and "
       "fake orders and keep your account and purchases safe}",
       "purpose: {zh: 保障安全，提升用户体验, en: For security and a better user experience}")],
     ("COL-03", "data/inventory.yml", 97)),
    ("col-function-type-empty", "a collected row (C07) does not say whether its function is basic or extended",
     [("data/inventory.yml", re.compile(r"(id: C07\n.*\n    function_type: )extended"), r'\1""')],
     ("COL-04", "data/inventory.yml", 81)),
    ("col-refusal-effect-deleted", "the collection section no longer says what refusing basic or extended information does",
     [("docs/collection.md", "您拒绝提供基本业务功能所需的信息的，将无法预约和购买课程；您拒绝提供扩展业务功能所需的信息的，"
       "仅无法使用该项功能，不影响您使用基本业务功能。", "")],
     ("COL-04", "docs/collection.md", 8)),
    ("col-sensitive-unmarked", "位置信息 (C05) is marked not sensitive",
     [("data/inventory.yml", "{name: {zh: 位置信息, en: Location}, sensitive: true}",
       "{name: {zh: 位置信息, en: Location}, sensitive: false}")],
     ("COL-05", "data/inventory.yml", 56)),
    ("col-health-separate-consent-deleted", "the health clause no longer asks for 单独同意 (other clauses still say it)",
     [("docs/collection.md", "控制训练强度，并会在收集前取得您的单独同意。", "控制训练强度。")],
     ("COL-05", "docs/collection.md", 28)),
    ("col-location-necessity-deleted", "the location clause no longer gives the necessity and the impact (the health clause still does)",
     [("docs/collection.md", "处理它的必要性在于按距离为您推荐场馆；一旦泄露，可能使他人知悉您所在的区域。", "")],
     ("COL-05", "docs/collection.md", 24)),
    ("col-permission-without-purpose", "the album permission is listed without a purpose",
     [("docs/collection.md", "- 相册权限：用于在发布训练打卡时选择照片。", "- 相册权限。")],
     ("COL-06", "docs/collection.md", 47)),
    ("col-permission-without-row", "the text asks for the camera, which no collected row declares (Camera)",
     [("docs/collection.md", "- 相册权限：用于在发布训练打卡时选择照片。", "- 相册和摄像头权限：用于在发布训练打卡时选择或拍摄照片。")],
     ("COL-06", "docs/collection.md", 47)),
    ("col-key-method-contradicts", "a row with the privacy key Album (C07) says it is typed in by the user",
     [("data/inventory.yml", re.compile(r"(id: C07\n(?:.*\n){5}    method: )wechat_api"), r"\1user_input")],
     ("COL-06", "data/inventory.yml", 85)),
    ("col-retention-item-vague", "one retention list item says only 在必要期限内保存 (the paragraph above is unchanged)",
     [("docs/storage.md", "- 设备信息和操作日志：保存六个月，期满后删除；", "- 设备信息和操作日志：在必要期限内保存；")],
     ("COL-07", "docs/storage.md", 21)),
    ("col-retention-row-vague", "a collected row's retention (C06) is 所必需的期限",
     [("data/inventory.yml", "retention: {zh: 保存至您撤回同意或注销账号，之后 7 日内删除, en: Kept until you withdraw consent or "
       "close your account; deleted within 7 days after}",
       "retention: {zh: 在实现目的所必需的期限内保存, en: Kept for as long as the purpose requires}")],
     ("COL-07", "data/inventory.yml", 77)),
    ("col-retention-vague-everywhere", "one cause: the retention paragraph says only 必要的期限 and lists nothing, and no row "
     "states its own period (report it once, at the paragraph)",
     [("docs/storage.md", re.compile(r"我们仅在实现处理目的所必要的最短时间内保存您的个人信息，各类个人信息的具体保存期限如下：\n\n(?:- .*\n)+"),
       "我们仅在实现处理目的所必要的期限内保存您的个人信息。\n" + "\n" * 8),
      ("data/inventory.yml", re.compile(r"retention: \{.*\}"), 'retention: {zh: "", en: ""}')],
     ("COL-07", "docs/storage.md", 14)),
    ("col-implied-consent-use", "consent is inferred from use: 您使用本小程序的行为即表示您已同意",
     [("docs/index.md", "您首次打开本小程序时，我们会以弹窗方式向您展示本政策的主要内容。在您主动点击“同意”之前，我们不会收集您的个人信息；"
       "您点击“不同意”的，仍可以浏览场馆和课程信息。", "您使用本小程序的行为即表示您已同意本政策的全部内容。")],
     ("COL-08", "docs/index.md", 14)),
    ("col-implied-consent-click", "consent is inferred from clicking in: 点击进入即表示接受",
     [("docs/index.md", "您首次打开本小程序时，我们会以弹窗方式向您展示本政策的主要内容。在您主动点击“同意”之前，我们不会收集您的个人信息；"
       "您点击“不同意”的，仍可以浏览场馆和课程信息。", "您点击进入即表示接受本政策的全部条款。")],
     ("COL-08", "docs/index.md", 14)),
    ("col-profiling-no-path", "personalised recommendations can be switched off, but the path is gone",
     [("docs/collection.md", "您可以在“我的 > 设置 > 隐私设置”中关闭个性化推荐", "您可以关闭个性化推荐")],
     ("COL-09", "docs/collection.md", 40)),
    ("col-text-kind-without-row", "the booking clause asks for the ID number, which no collected row lists",
     [("docs/collection.md", "需要填写您的姓名，", "需要填写您的姓名和身份证号码，")],
     ("COL-10", "docs/collection.md", 18)),
    ("col-row-kind-not-in-clause", "a collected row (C03) adds 出生日期, which its clause (collection-booking) never mentions; "
     "adds a line to data/inventory.yml",
     [("data/inventory.yml", "      - {name: {zh: 姓名, en: Name}, sensitive: false}\n",
       "      - {name: {zh: 姓名, en: Name}, sensitive: false}\n"
       "      - {name: {zh: 出生日期, en: Date of birth}, sensitive: false}\n")],
     ("COL-10", "data/inventory.yml", 32)),

    # --- SHR: recipients, entrusted or provided, storage location, transfer abroad, mergers --------
    ("shr-list-empty", "the sharing list is empty while the text names entrusted parties and recipients",
     [("data/inventory.yml", re.compile(r"shared:\n.*", re.S), "shared: []\n")],
     ("SHR-01", "data/inventory.yml", 117)),
    ("shr-recipient-category", "a shared row (S02) names a kind of business, not a legal entity",
     [("data/inventory.yml", "recipient: {zh: 浙江讯达通信技术有限公司,", "recipient: {zh: 短信服务商,")],
     ("SHR-02", "data/inventory.yml", 144)),
    ("shr-method-empty", "a shared row (S05) does not say how the information is passed on",
     [("data/inventory.yml", re.compile(r"(id: S05\n(?:.*\n){8}    method: )api_transfer"), r'\1""')],
     ("SHR-02", "data/inventory.yml", 193)),
    ("shr-sdk-policy-url-empty", "the SDK row (S06) gives no link to the SDK's privacy policy",
     [("data/inventory.yml", "policy_url: https://map.tuda.example.cn/privacy", 'policy_url: ""')],
     ("SHR-02", "data/inventory.yml", 207)),
    ("shr-relationship-empty", "a shared row (S06) does not say whether it is entrusted or provided",
     [("data/inventory.yml", re.compile(r"(id: S06\n(?:.*\n){4}    relationship: )entrusted"), r'\1""')],
     ("SHR-03", "data/inventory.yml", 201)),
    ("shr-health-separate-consent-deleted", "providing health information (S04) no longer asks for 单独同意 "
     "(the venue and payment clauses still do)",
     [("docs/disclosure.md", "这些信息属于敏感个人信息，我们会在提供前取得您的单独同意，您可以随时撤回。", "")],
     ("SHR-03", "docs/disclosure.md", 28)),
    ("shr-venue-separate-consent-deleted", "providing name, phone and bookings to the venue (S03) no longer asks for 单独同意",
     [("docs/disclosure.md", "我们会在您提交预约前取得您的单独同意。", "")],
     ("SHR-03", "docs/disclosure.md", 24)),
    ("shr-stored-in-singapore", "the information is stored in Singapore (no word 境外/跨境/出境)",
     [("docs/storage.md", "存储在位于中国大陆的服务器上", "存储在位于新加坡的服务器上")],
     ("SHR-04", "docs/storage.md", 10)),
    ("shr-stored-in-hong-kong", "the information is stored in Hong Kong, outside the mainland for PIPL Art. 38",
     [("docs/storage.md", "存储在位于中国大陆的服务器上", "存储在位于香港的服务器上")],
     ("SHR-04", "docs/storage.md", 10)),
    ("shr-location-missing", "the storage clause no longer says where the information is stored",
     [("docs/storage.md", "我们在中华人民共和国境内运营中收集和产生的个人信息，存储在位于中国大陆的服务器上。", "")],
     ("SHR-04", "docs/storage.md", 10)),
    ("shr-transfer-notice", "the merger clause no longer promises the recipient's name and contact",
     [("docs/disclosure.md", "我们会向您告知接收方的名称和联系方式。", "我们会向您告知。")],
     ("SHR-05", "docs/disclosure.md", 36)),

    # --- RGT: rights and routes, answering in time, complaints, account deletion --------------------
    ("rgt-withdraw-missing", "the right to withdraw consent and its path are gone (撤回同意 is still named as a ground "
     "for deletion)",
     [("docs/rights.md", re.compile(r"- 撤回同意：.*"), "")],
     ("RGT-01", "docs/rights.md", 6)),
    ("rgt-transfer-missing", "the right to transfer to another handler (PIPL Art. 45 ¶3) is gone; copies remain",
     [("docs/rights.md", re.compile(r"- 获取副本和转移：.*"),
       "- 获取副本：您可以在“我的 > 设置 > 隐私设置 > 导出个人信息”中获取您的个人信息副本。")],
     ("RGT-01", "docs/rights.md", 6)),
    ("rgt-complaint-reply-asap", "complaints are answered 尽快 (the deletion and request sentences still say 15 个工作日)",
     [("docs/contact.md", "并验证您的身份后 15 个工作日内予以答复", "后尽快予以答复")],
     ("RGT-02", "docs/contact.md", 17)),
    ("rgt-complaint-reply-thirty-days", "complaints are answered within 三十日, longer than 15 working days",
     [("docs/contact.md", "身份后 15 个工作日内予以答复", "身份后三十日内予以答复")],
     ("RGT-02", "docs/contact.md", 17)),
    ("rgt-complaint-authority-missing", "no outside body to complain to: only 再次与我们联系",
     [("docs/contact.md", "您可以向网信、市场监管等部门投诉、举报，也可以向有管辖权的人民法院提起诉讼。", "您可以再次与我们联系。")],
     ("RGT-03", "docs/contact.md", 17)),
    ("rgt-authority-outdated", "the authority is called 工商, its name before 2018",
     [("docs/contact.md", "网信、市场监管等部门", "网信、工商等部门")],
     ("RGT-03", "docs/contact.md", 17)),
    ("rgt-deletion-no-time-limit", "account deletion has its path but no time limit",
     [("docs/rights.md", "我们将在 15 个工作日内完成注销，并删除", "我们将完成注销，并删除")],
     ("RGT-04", "docs/rights.md", 15)),

    # --- MIN: the minors section ------------------------------------------------------------------
    ("min-no-age", "the minors clause states no age (no 十四周岁, no 十八周岁)",
     [("docs/minors.md", "如您是不满十四周岁的未成年人（儿童）", "如您是未成年人"),
      ("docs/minors.md", "；如您是已满十四周岁不满十八周岁的未成年人，请在父母或其他监护人的指导下使用。", "。")],
     ("MIN-01", "docs/minors.md", 8)),
    ("min-no-guardian-consent", "a child may use the mini program without the guardian's consent (the rules below "
     "still mention 监护人同意)",
     [("docs/minors.md", "并在取得父母或其他监护人的同意后使用本小程序", "并自行决定是否使用本小程序")],
     ("MIN-01", "docs/minors.md", 8)),
    ("min-no-dedicated-rules", "the dedicated rules for children's information (儿童个人信息网络保护规定 Art. 8) are gone",
     [("docs/minors.md", re.compile(r"\n## 儿童个人信息保护规则.*", re.S), "\n")],
     ("MIN-01", "docs/minors.md", 6)),

    # --- TXT: text cut off, garbled, open lists, punctuation ---------------------------------------
    ("txt-cut-off-bing", "a paragraph in the middle of a page stops at 并",
     [("docs/collection.md", "用于在您的打卡记录中展示。我们只读取您主动选择的照片，不会读取您未选择的其他照片。",
       "用于在您的打卡记录中展示，并")],
     ("TXT-01", "docs/collection.md", 32)),
    ("txt-cut-off-de", "a paragraph in the middle of a page stops at 的",
     [("docs/storage.md", "只有因工作需要的员工才能访问您的个人信息，并须签署保密协议；健康信息单独加密存储。", "只有因工作需要的")],
     ("TXT-01", "docs/storage.md", 28)),
    ("txt-garbled", "个人信息 is mistyped 个人信心",
     [("docs/rights.md", "您发现个人信息不准确", "您发现个人信心不准确")],
     ("TXT-02", "docs/rights.md", 11)),
    ("txt-open-list", "the list of entrusted parties stays open (等云服务提供商)",
     [("docs/disclosure.md", "- 杭州云栈计算服务有限公司为本小程序", "- 杭州云栈计算服务有限公司等云服务提供商为本小程序")],
     ("TXT-03", "docs/disclosure.md", 14)),
    ("txt-ascii-comma", "an ASCII comma in Chinese text",
     [("docs/contact.md", "建议或投诉，可以通过", "建议或投诉,可以通过")],
     ("TXT-04", "docs/contact.md", 8)),

    # --- UPD: notifying changes and asking again ---------------------------------------------------
    ("upd-no-reconsent", "material changes are notified but consent is not asked again",
     [("docs/updates.md", "，并重新取得您的同意；在您同意前，我们不会按照变更后的政策处理您的个人信息。", "。")],
     ("UPD-01", "docs/updates.md", 10)),
    ("upd-no-channel", "changes take effect on publication: no pop-up or other notice",
     [("docs/updates.md", "我们会在变更生效前通过本小程序的弹窗通知您", "变更后的政策自公布之日起生效"),
      ("docs/updates.md", "我们会在弹窗中说明变更的内容", "我们会说明变更的内容")],
     ("UPD-01", "docs/updates.md", 10)),

    # --- WX: the mini program's privacy settings ---------------------------------------------------
    ("wx-notice-method-empty", "the WeChat settings do not say how users are notified",
     [("data/operator.yml", "notice_method: 弹窗", 'notice_method: ""')],
     ("WX-01", "data/operator.yml", 17)),
    ("wx-purpose-prefix", "a privacy-key row's purpose (C05) starts with 用于, which WeChat shows after 为了",
     [("data/inventory.yml", "purpose: {zh: 向您展示附近的场馆及距离,", "purpose: {zh: 用于向您展示附近的场馆及距离,")],
     ("WX-01", "data/inventory.yml", 57)),
    ("wx-location-interface-undeclared", "the location row (C05) has no interface in requiredPrivateInfos",
     [("data/operator.yml", "required_private_infos: [getFuzzyLocation]", "required_private_infos: []")],
     ("WX-02", "data/operator.yml", 19)),
    ("wx-both-location-interfaces", "fuzzy and precise location are both declared",
     [("data/operator.yml", "required_private_infos: [getFuzzyLocation]",
       "required_private_infos: [getFuzzyLocation, getLocation]")],
     ("WX-02", "data/operator.yml", 19)),
]

# (id, what it says another way, edits [(file, old, new)]): no new (rule, path) pair may appear.
REWORDINGS = [
    ("rights-heading-renamed", "四、您的个人信息权益",
     [("docs/rights.md", "# 四、您如何行使个人信息权利 {#rights}", "# 四、您的个人信息权益 {#rights}")]),
    ("contact-heading-renamed", "七、与我们取得联系",
     [("docs/contact.md", "# 七、如何联系我们 {#contact}", "# 七、与我们取得联系 {#contact}")]),
    ("updates-heading-renamed", "六、本政策的修订",
     [("docs/updates.md", "# 六、本政策如何更新 {#updates}", "# 六、本政策的修订 {#updates}")]),
    ("storage-heading-renamed", "二、个人信息的保留期限与安全",
     [("docs/storage.md", "# 二、我们如何存储和保护您的个人信息 {#storage}", "# 二、个人信息的保留期限与安全 {#storage}")]),
    ("minors-heading-renamed", "五、关于不满十八周岁的用户",
     [("docs/minors.md", "# 五、我们如何保护未成年人的个人信息 {#minors}", "# 五、关于不满十八周岁的用户 {#minors}")]),
    ("reply-in-chinese-numerals", "十五个工作日内予以答复",
     [("docs/contact.md", "身份后 15 个工作日内予以答复", "身份后十五个工作日内予以答复")]),
    ("reply-sooner", "十日内予以答复 (shorter than 15 working days)",
     [("docs/contact.md", "身份后 15 个工作日内予以答复", "身份后十日内予以答复")]),
    ("deletion-in-chinese-numerals", "十五个工作日内完成注销",
     [("docs/rights.md", "我们将在 15 个工作日内完成注销", "我们将在十五个工作日内完成注销")]),
    ("account-data-deleted-in-hours", "二十四小时内删除, in the text and both rows",
     [("docs/storage.md", "注销后 15 个工作日内删除", "注销后二十四小时内删除"),
      ("data/inventory.yml", re.compile(r"保存至您注销账号，注销后 15 个工作日内删除, en: Kept until you close your account; "
                                        r"deleted within 15 working days after"),
       "保存至您注销账号，注销后二十四小时内删除, en: Kept until you close your account; deleted within 24 hours after")]),
    ("years-in-digits", "保存 3 年 in the text while the rows say 三年",
     [("docs/storage.md", "自交易完成之日起保存三年", "自交易完成之日起保存 3 年")]),
    ("week-for-seven-days", "一周内删除 in the text while the row says 7 日",
     [("docs/storage.md", "保存至您撤回同意或注销账号，之后 7 日内删除", "保存至您撤回同意或注销账号，之后一周内删除")]),
    ("account-information-umbrella", "账号信息（微信昵称、头像和手机号）: an umbrella term the rows spell out",
     [("docs/storage.md", "- 微信昵称、头像和手机号：", "- 账号信息（微信昵称、头像和手机号）：")]),
    ("deletion-technically-infeasible", "a sentence on deletion being technically infeasible, naming 保存期限",
     [("docs/storage.md", "超出上述期限后，我们会删除您的个人信息或对其进行匿名化处理。",
       "超出上述期限后，我们会删除您的个人信息或对其进行匿名化处理。法律、行政法规规定的保存期限未届满，或者删除个人信息"
       "从技术上难以实现的，我们会停止除存储和采取必要的安全保护措施之外的处理。")]),
    ("cross-border-promise-reworded", "我们不会向境外提供…如将来确需…单独同意, in other words",
     [("docs/storage.md", re.compile(r"我们不会向境外提供您的个人信息；.*?单独同意。"),
       "我们不会向境外提供您的个人信息。如将来确需向境外提供，我们会向您告知境外接收方的名称、联系方式、处理目的、"
       "处理方式、个人信息的种类以及您向其行使权利的方式，并取得您的单独同意。")]),
    ("stored-in-mainland-excluding-hong-kong", "存放于中华人民共和国境内（不包括香港、澳门和台湾地区）",
     [("docs/storage.md", "存储在位于中国大陆的服务器上", "存放于中华人民共和国境内（不包括香港、澳门和台湾地区）的服务器上")]),
    ("reconsent-asked-again", "再次征求您的同意",
     [("docs/updates.md", "并重新取得您的同意", "并再次征求您的同意")]),
    ("permission-off-in-rights", "the rights section tells how to switch the permissions off",
     [("docs/rights.md", "撤回同意不影响撤回前基于您的同意已进行的个人信息处理活动。",
       "您也可以在本小程序右上角“···” > “设置”中关闭位置信息和相册权限，关闭后我们将不再获取相应信息。"
       "撤回同意不影响撤回前基于您的同意已进行的个人信息处理活动。")]),
    ("device-row-self-collected-key", "the device row (C08) declares its WeChat key DeviceInfo (method auto_collect)",
     [("data/inventory.yml", re.compile(r"(id: C08\n(?:.*\n){7}    wechat_privacy_key: )null"), r"\1DeviceInfo")]),
    ("phone-number-synonym", "手机号码 for 手机号",
     [("docs/collection.md", "获取您绑定的手机号，", "获取您绑定的手机号码，")]),
    ("location-synonym", "大致地理位置 for 模糊位置信息",
     [("docs/collection.md", "获取您的模糊位置信息", "获取您所在的大致地理位置")]),
    ("permission-purpose-first", "the purpose before the permission: 为…，我们会申请位置权限",
     [("docs/collection.md", "- 位置权限：用于在“附近场馆”中展示您附近的场馆及距离；",
       "- 为在“附近场馆”中展示您附近的场馆及距离，我们会申请位置权限；")]),
    ("health-consent-first", "单独同意 before the necessity, in the health clause",
     [("docs/collection.md", "我们处理这些信息的必要性在于为您制定适合您身体状况的训练计划、控制训练强度，并会在收集前取得您的单独同意。",
       "在收集这些信息前，我们会取得您的单独同意；处理它们的必要性在于为您制定适合您身体状况的训练计划、控制训练强度。")]),
    ("minors-age-in-digits", "未满 14 周岁, 14 周岁以上未满 18 周岁",
     [("docs/minors.md", "不满十四周岁的未成年人（儿童）", "未满 14 周岁的儿童"),
      ("docs/minors.md", "已满十四周岁不满十八周岁的未成年人", "14 周岁以上、未满 18 周岁的未成年人")]),
    ("guardian-consent-reworded", "经监护人同意后方可使用",
     [("docs/minors.md", "并在取得父母或其他监护人的同意后使用本小程序", "并经父母或其他监护人同意后方可使用本小程序")]),
    ("explicit-consent-reworded", "只有在您主动点击“同意”后，我们才会开始收集",
     [("docs/index.md", "在您主动点击“同意”之前，我们不会收集您的个人信息", "只有在您主动点击“同意”后，我们才会开始收集您的个人信息")]),
]
