"""The compliance check: each rule on a small passing and failing sample, the shipped policy, the CLI, the export."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from zhiqing.check import engine as check
from zhiqing.check import preview as check_hooks
from zhiqing.check.command import check_policy
from zhiqing.data import files, model
from zhiqing.export import wechat
from conftest import ROOT, copy_site, mkdocs_build, run

# A small policy that satisfies every rule: each failing case below breaks it in one place.
PAGES = {
    "index.md": """---
policy: intro
---

# 隐私政策 {#privacy-policy}

<!-- policy:dates -->

{{ operator.handler.name }}（“我们”）是示例小程序的运营者。本政策适用于示例小程序。

<!-- policy:toc -->
""",
    "collection.md": """---
policy: section
---

# 一、我们如何收集和使用您的个人信息 {#collection}

基本业务功能所需的信息您拒绝提供的，您将无法使用该功能；扩展业务功能所需的信息您拒绝提供的，不影响基本业务功能。

## 1、设备权限 {#collection-permissions}

我们会申请以下权限：位置信息，用于为您推荐附近门店。位置信息属于敏感个人信息，我们仅在您单独同意后收集，其必要性在于推荐附近门店，拒绝不会影响其他功能。

## 2、个性化推荐 {#collection-personalisation}

我们会根据您的订单信息进行个性化推荐。您可以在“我的 > 设置”中关闭个性化推荐。
""",
    "storage.md": """---
policy: section
---

# 二、我们如何存储您的个人信息 {#storage}

存储期限：我们在您注销账号后 15 日内删除您的个人信息。存储地点：我们在中华人民共和国境内收集的个人信息存储于中国境内。
""",
    "disclosure.md": """---
policy: section
---

# 三、我们如何共享您的个人信息 {#disclosure}

我们委托示例云计算有限公司存储您的订单信息，详见[《与第三方共享个人信息清单》](sharing.md)。

如发生合并、收购，我们会告知您接收方的名称和联系方式。
""",
    "rights.md": """---
policy: section
---

# 四、您如何行使您的权利 {#rights}

您可以在“我的 > 设置 > 个人信息”中查阅、复制、更正、补充、删除您的个人信息，撤回同意，或要求我们解释个人信息处理规则。

您可以在“我的 > 设置 > 注销账号”中注销账号，我们将在 15 个工作日内完成。
""",
    "minors.md": """---
policy: section
---

# 五、未成年人的个人信息保护 {#minors}

不满十四周岁的未成年人使用本小程序前，应当取得父母或者其他监护人的同意。
""",
    "updates.md": """---
policy: section
---

# 六、本政策如何更新 {#updates}

本政策更新时，我们会通过弹窗通知您；变更涉及处理目的、方式或个人信息种类的，我们会重新取得您的同意。
""",
    "contact.md": """---
policy: section
---

# 七、如何联系我们 {#contact}

您可以通过电话{{ operator.handler.phone }}或电子邮件{{ operator.handler.email }}与我们联系，我们将在 15 个工作日内答复您的请求。

如您对答复不满意，可以向网信、市场监管部门投诉。
""",
    "inventory.md": """---
policy: annex
---

# 小程序收集的个人信息种类及收集目的 {#inventory}

<!-- policy:inventory -->
""",
    "sharing.md": """---
policy: annex
---

# 与第三方共享个人信息清单 {#sharing}

<!-- policy:sharing -->
""",
    "full.md": """---
policy: full
title: 全文
---

<!-- policy:full -->
""",
}

OPERATOR = """handler:
  name: {zh: 示例科技有限公司, en: Example Technology Co. Ltd.}
  phone: "400-123-4567"
  email: privacy@example.cn
  address: {zh: 上海市示例路 1 号, en: "1 Example Road, Shanghai"}
  large_handler: false
  dpo:
    name: {zh: 张三, en: Zhang San}
    contact: dpo@example.cn
product:
  name: {zh: 示例小程序, en: Example Mini Program}
  platform: wechat_miniprogram
  appid: wx0123456789abcdef
audience:
  minors_u14: possible
wechat:
  notice_method: 弹窗
  store_expire_timestamp: 720天
  required_private_infos: [getLocation]
"""

INVENTORY = """collected:
  - id: C01
    function: {zh: 附近门店推荐, en: Nearby stores}
    function_type: basic
    pi_types:
      - {name: {zh: 位置信息, en: Location}, sensitive: true}
    purpose: {zh: 推荐附近门店, en: To recommend nearby stores}
    method: wechat_api
    wechat_privacy_key: Location
    trigger: {zh: 打开门店页面时, en: When you open the stores page}
    required: true
    retention: {zh: 注销账号后 15 日内删除, en: Deleted within 15 days of closing the account}
    source: collection-permissions
  - id: C02
    function: {zh: 个性化推荐, en: Personalised recommendations}
    function_type: extended
    pi_types:
      - {name: {zh: 订单信息, en: Orders}, sensitive: false}
    purpose: {zh: 根据您的订单信息进行个性化推荐, en: To recommend products from your orders}
    method: auto_collect
    wechat_privacy_key: null
    trigger: {zh: 下单时, en: When you order}
    required: false
    retention: {zh: 注销账号后 15 日内删除, en: Deleted within 15 days of closing the account}
    source: collection-personalisation
shared:
  - id: S01
    recipient: {zh: 示例云计算有限公司, en: Example Cloud Co. Ltd.}
    category: {zh: 云服务提供商, en: Cloud provider}
    recipient_type: service_provider
    relationship: entrusted
    purpose: {zh: 存储订单信息, en: To store orders}
    scenario: {zh: 下单时, en: When you order}
    pi_types:
      - {zh: 订单信息, en: Orders}
    method: api_transfer
    policy_url: https://cloud.example.cn/privacy
    source: disclosure
"""

VERSIONS = """- id: "2023-11-01"
  effective: "2023-11-01"
  updated: "2023-11-01"
  summary: {zh: 首次发布。, en: First published version.}
  sha256: {zh: "%s", en: "%s"}
""" % ("a" * 64, "b" * 64)

NAV = ["index.md", "collection.md", "storage.md", "disclosure.md", "rights.md", "minors.md", "updates.md",
       "contact.md", "inventory.md", "sharing.md", "full.md"]


def write_sample(root: Path) -> Path:
    """Write the small policy above as a site under ``root`` (the real schemas, rules and theme)."""
    for name in ("schemas", "overrides"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copytree(ROOT / "data" / "rules", root / "data" / "rules")
    (root / "mkdocs.yml").write_text("site_name: 示例\nnav:\n" + "".join(f"  - {p}\n" for p in NAV), encoding="utf-8")
    (root / "docs").mkdir()
    for name, text in PAGES.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
        (root / "docs" / name.replace(".md", ".en.md")).write_text(text, encoding="utf-8")
    for name, text in (("operator", OPERATOR), ("inventory", INVENTORY), ("versions", VERSIONS)):
        (root / "data" / f"{name}.yml").write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def sample(tmp_path) -> Path:
    return write_sample(tmp_path / "sample")


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def texts(findings, rule: str | None = None) -> list[str]:
    return [finding.text() for finding in findings if rule is None or finding.rule == rule]


def source(rule: str) -> str:
    return files.load_yaml(ROOT / "data" / "rules" / "rules.yml", ROOT)[rule]["source"]


# --- every rule passes on the small policy ----------------------------------------------------

def test_sample_has_no_findings(sample):
    assert texts(check_policy(sample)) == []


@pytest.mark.parametrize("rule", list(check.RULES))
def test_rule_passes_on_sample(sample, rule):
    assert texts(check_policy(sample, [rule])) == []


# --- and fails when the sample is broken in one place -----------------------------------------
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
    ("COL-07", [("docs/storage.md", "在您注销账号后 15 日内删除", "在实现目的所需的期限内保存")],
     [("docs/storage.md", 7, "error", "the retention period is not concrete: it says only “所需的期限”")]),
    ("COL-08", [("docs/updates.md", "我们会重新取得您的同意。", "我们会重新取得您的同意。\n\n您继续使用即视为同意更新后的政策。")],
     [("docs/updates.md", 9, "error", "consent is implied from use: “继续使用即视为同意”")]),
    ("COL-09", [("docs/collection.md", "您可以在“我的 > 设置”中关闭个性化推荐。", "您可以关闭个性化推荐。")],
     [("docs/collection.md", 15, "warning", "the policy says profiling can be switched off but gives no path "
       "(such as 我的 > 设置): “您可以关闭个性化推荐。”")]),
    ("COL-10", [("docs/collection.md", "进行个性化推荐。", "进行个性化推荐，并读取您的通讯录。")],
     [("docs/collection.md", 15, "warning", "the text names “通讯录” (通讯录) but no collected row lists it")]),
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
    ("RGT-01", [("docs/rights.md", "您可以在“我的 > 设置 > 个人信息”中查阅", "您可以通过本政策第七条的联系方式查阅"),
                ("docs/rights.md", "撤回同意，", ""),
                ("docs/rights.md", "您可以在“我的 > 设置 > 注销账号”中", "您可以"),
                ("docs/contact.md", "电话{{ operator.handler.phone }}或电子邮件{{ operator.handler.email }}", "以下方式")],
     [("docs/rights.md", 5, "error", "the rights section does not mention the right(s) 撤回同意"),
      ("docs/rights.md", 7, "error", "the route to exercise rights is the contact section, which gives no contact: "
       "“您可以通过本政策第七条的联系方式查阅、复制、更正、补充、删除您的个人信息，或要求…”")]),
    ("RGT-02", [("docs/contact.md", "15 个工作日内答复", "30 天内答复")],
     [("docs/contact.md", 7, "warning", "the answer comes later than 15 working days: “30 天内答复”")]),
    ("RGT-03", [("docs/contact.md", "市场监管部门投诉", "工商部门投诉")],
     [("docs/contact.md", 9, "info", "“工商” is no longer the authority's name; it is now “市场监管”")]),
    ("RGT-03", [("docs/contact.md", "可以向网信、市场监管部门投诉", "可以再次联系我们")],
     [("docs/contact.md", 5, "warning", "the contact section gives no way to complain (投诉) to an outside body")]),
    ("RGT-04", [("docs/rights.md", "，我们将在 15 个工作日内完成。", "。")],
     [("docs/rights.md", 9, "warning", "account deletion (注销) is mentioned without a path and a time limit")]),
    ("MIN-01", [("docs/minors.md", "应当取得父母或者其他监护人的同意", "应当阅读本政策")],
     [("docs/minors.md", 5, "error", "the minors section does not ask for the guardian's consent (监护人同意)")]),
    ("TXT-01", [("docs/minors.md", "监护人的同意。", "监护人的同意之后，")],
     [("docs/minors.md", 7, "error", "the text stops mid-sentence: “…，应当取得父母或者其他监护人的同意之后，”")]),
    ("TXT-02", [("docs/rights.md", "删除您的个人信息", "删除您的个人信心")],
     [("docs/rights.md", 7, "warning", "“个人信心” looks garbled; the stock phrase is “个人信息”")]),
    ("TXT-03", [("docs/disclosure.md", "我们委托示例云计算有限公司", "我们委托示例云计算有限公司等第三方")],
     [("docs/disclosure.md", 7, "warning", "the list stays open (“等第三方”): name every item")]),
    ("TXT-04", [("docs/index.md", "（“我们”）", "(“我们”)")],
     [("docs/index.md", 9, "info", "ASCII punctuation in Chinese text: “例科技有限公司(“我们”)是” (use ，（）)")]),
    ("UPD-01", [("docs/updates.md", "；变更涉及处理目的、方式或个人信息种类的，我们会重新取得您的同意。", "。")],
     [("docs/updates.md", 7, "warning", "the update section does not say consent is asked again (重新取得同意) "
       "for material changes")]),
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


@pytest.mark.parametrize("rule, edits, expected", FAILING, ids=[f"{case[0]}-{n}" for n, case in enumerate(FAILING)])
def test_rule_fails_on_broken_sample(sample, rule, edits, expected):
    for relative, old, new in edits:
        if isinstance(old, re.Pattern):
            path = sample / relative
            path.write_text(old.sub(new, path.read_text(encoding="utf-8")), encoding="utf-8")
        else:
            edit(sample, relative, old, new)
    findings = check_policy(sample, [rule])
    assert [(f.path, f.line, f.severity, f.message) for f in findings] == expected
    assert {(f.rule, f.source) for f in findings} == {(rule, source(rule))}


# Other wordings that keep a rule satisfied: the rules look for kinds of sentences, not for these.
PASSING = [
    ("COL-08", [("docs/updates.md", "我们会重新取得您的同意。", "我们会重新取得您的同意。您可以随时停止使用本小程序。")]),
    ("COL-06", [("docs/collection.md", "我们会申请以下权限：位置信息，用于为您推荐附近门店。",
                 "为了向您推荐附近门店，我们会申请位置权限。")]),
    ("META-02", [("data/operator.yml", 'phone: "400-123-4567"', 'phone: "+86 21 6123 4567"'),
                 ("data/operator.yml", "email: privacy@example.cn", 'email: ""')]),
    ("TXT-01", [("docs/minors.md", "应当取得父母或者其他监护人的同意。",
                 "应当：\n\n1. 取得父母或者其他监护人的同意；\n2. 与监护人一起阅读本政策。")]),
    ("RGT-02", [("docs/contact.md", "15 个工作日内答复", "10 天内回复")]),
    ("COL-07", [("docs/storage.md", "在您注销账号后 15 日内删除", "保存 3 年，期满后删除")]),
    ("SHR-02", [("data/inventory.yml", "recipient: {zh: 示例云计算有限公司, en: Example Cloud Co. Ltd.}",
                 "recipient: {zh: 示例电商平台有限公司, en: Example Platform Co. Ltd.}")]),
]


@pytest.mark.parametrize("rule, edits", PASSING, ids=[f"{case[0]}-{n}" for n, case in enumerate(PASSING)])
def test_rule_passes_on_other_wordings(sample, rule, edits):
    for relative, old, new in edits:
        edit(sample, relative, old, new)
    assert texts(check_policy(sample, [rule])) == []


def test_every_rule_has_a_failing_case():
    assert sorted({case[0] for case in FAILING}) == sorted(check.RULES)


def test_finding_text_format():
    finding = check.Finding("docs/index.md", 13, "COL-08", "error", "consent is implied from use: “继续使用即视为同意”",
                            "PIPL Art. 14", "index.md")
    assert finding.text() == ("docs/index.md:13: COL-08 error: consent is implied from use: “继续使用即视为同意” "
                              "(source: PIPL Art. 14)")


def test_yaml_lines():
    lines = files.yaml_lines("a:\n  - id: x\n    b: 1\n  - {id: y, b: 2}\nc: [1, 2]\n")
    assert lines == {(): 1, ("a",): 1, ("a", 0): 2, ("a", 0, "id"): 2, ("a", 0, "b"): 3, ("a", 1): 4,
                     ("a", 1, "id"): 4, ("a", 1, "b"): 4, ("c",): 5, ("c", 0): 5, ("c", 1): 5}


# --- the shipped policy -----------------------------------------------------------------------

SHIPPED_RULES = ["COL-02", "COL-03", "COL-04", "COL-05", "COL-06", "COL-07", "COL-08", "COL-09", "META-01",
                 "META-02", "META-05", "RGT-01", "RGT-03", "RGT-04", "SHR-02", "SHR-03", "SHR-05", "TXT-01",
                 "TXT-02", "TXT-03", "TXT-04", "UPD-01", "WX-01", "WX-02"]


@pytest.fixture(scope="module")
def shipped():
    return check_policy(ROOT)


def test_shipped_policy_rule_ids(shipped):
    assert sorted({finding.rule for finding in shipped}) == SHIPPED_RULES
    assert check.counts(shipped) == {"error": 46, "warning": 18, "info": 12}


@pytest.mark.parametrize("rule, where", [
    ("META-01", ["docs/index.md:9", "data/operator.yml:7"]),
    ("META-02", ["docs/contact.md:9", "data/operator.yml:8"]),
    ("COL-08", ["docs/index.md:13"]),
    ("TXT-01", ["docs/minors.md:7"]),
    ("SHR-02", [f"data/inventory.yml:{line}" for line in (119, 130, 141, 152, 163, 178, 191, 204)]),
])
def test_shipped_policy_findings_at_their_lines(shipped, rule, where):
    assert [f"{f.path}:{f.line}" for f in shipped if f.rule == rule] == where
    assert {f.severity for f in shipped if f.rule == rule} == {"error"}


def test_shipped_policy_exact_findings(shipped):
    found = texts(shipped)
    for line in [
        "docs/index.md:9: META-01 error: the defined term “(“我们”)” has no handler's name before it: "
        "“(“我们”)作为本产品或服务(包括但不限于 App、H5、产品或服务(微信产品或…” (source: " + source("META-01") + ")",
        "docs/index.md:13: COL-08 error: consent is implied from use: “一旦您使用我们的产品或服务时,即意味着您同意” "
        "(source: " + source("COL-08") + ")",
        "docs/minors.md:7: TXT-01 error: the text stops mid-sentence: “…服务用户，请在征得父母或监护人同意之后，” "
        "(source: " + source("TXT-01") + ")",
        "docs/contact.md:9: META-02 error: the sentence promises contact but gives no value: “您可以通过电话与我们联系；” "
        "(source: " + source("META-02") + ")",
        "data/operator.yml:7: META-01 error: the handler's legal name (handler.name) is empty (source: "
        + source("META-01") + ")",
        "data/inventory.yml:119: SHR-02 error: shared row S01 names no recipient (only the category “SaaS 服务提供商”); "
        "does not state pi_types, method (source: PIPL Art. 23)",
    ]:
        assert line in found


def test_filling_name_and_phone_clears_meta_01_and_02(tmp_path):
    root = copy_site(tmp_path / "site")
    edit(root, "data/operator.yml", 'handler:\n  name: {zh: "", en: ""}\n  phone: ""',
         'handler:\n  name: {zh: 上海示例科技有限公司, en: Shanghai Example Technology Co. Ltd.}\n  phone: "021-61234567"')
    rules = {finding.rule for finding in check_policy(root)}
    assert "META-01" not in rules and "META-02" not in rules
    assert "COL-08" in rules


def test_implied_consent_added_to_another_section_is_found_at_its_line(tmp_path):
    root = copy_site(tmp_path / "site")
    edit(root, "docs/storage.md", "## （二）个人信息的保护措施", "您继续使用即视为同意本条款。\n\n## （二）个人信息的保护措施")
    found = [f"{f.path}:{f.line}: {f.message}" for f in check_policy(root, ["COL-08"])]
    assert found == ["docs/index.md:13: consent is implied from use: “一旦您使用我们的产品或服务时,即意味着您同意”",
                     "docs/storage.md:15: consent is implied from use: “继续使用即视为同意”"]


# --- the command line -------------------------------------------------------------------------

def policy_py(cwd: Path, *args: str):
    return run([sys.executable, str(ROOT / "hooks" / "policy.py"), *args], cwd)


def test_cli_shipped_policy_exits_1(tmp_path):
    result = policy_py(copy_site(tmp_path / "site"), "check")
    assert result.returncode == 1, result.reproduce
    lines = result.stdout.splitlines()
    assert lines[-1] == "check: 46 errors, 18 warnings, 12 info"
    assert len(lines) == 46 + 18 + 12 + 1
    assert lines[0] == texts(check_policy(ROOT))[0]


def test_cli_clean_sample_exits_0(sample):
    result = policy_py(sample, "check")
    assert (result.returncode, result.stdout, result.stderr) == (0, "check: 0 errors, 0 warnings, 0 info\n", "")


def test_cli_warnings_only_exit_0(sample):
    edit(sample, "docs/rights.md", "删除您的个人信息", "删除您的个人信心")
    result = policy_py(sample, "check")
    assert result.returncode == 0, result.reproduce
    assert result.stdout.splitlines()[-1] == "check: 0 errors, 1 warning, 0 info"


def test_cli_json(sample):
    edit(sample, "docs/updates.md", "我们会重新取得您的同意。", "我们会重新取得您的同意。继续使用即视为同意。")
    result = policy_py(sample, "check", "--format", "json")
    assert result.returncode == 1, result.reproduce
    assert json.loads(result.stdout) == {
        "findings": [{"path": "docs/updates.md", "line": 7, "rule": "COL-08", "severity": "error",
                      "message": "consent is implied from use: “继续使用即视为同意”", "source": source("COL-08"),
                      "page": "updates.md"}],
        "counts": {"error": 1, "warning": 0, "info": 0},
    }


@pytest.mark.parametrize("relative, old, new, message", [
    ("data/rules/rules.yml", "META-01: {severity: error", "META-01: {severity: fatal",
     "Error reading 'data/rules/rules.yml': key 'META-01.severity' is 'fatal', expected one of error, warning, info"),
    ("data/rules/phrases.yml", "implied_consent:\n  source", "implied_consent_x:\n  source",
     "Error reading 'data/rules/phrases.yml': the list 'implied_consent' is missing; "
     "expected implied_consent: {source: ..., patterns: [...]}"),
    ("data/rules/phrases.yml", "'X{2,}'", "'(X{2,}'",
     "Error reading 'data/rules/phrases.yml': placeholder pattern 1 '(X{2,}' is not a regular expression "
     "(missing ), unterminated subpattern at position 0); expected a Python regular expression"),
    ("data/rules/garbles.yml", "{wrong: 登陆, right: 登录}", "{wrong: 登陆}",
     "Error reading 'data/rules/garbles.yml': garbles row 1 key 'right' is missing (expected the suggested form)"),
])
def test_cli_bad_rule_file_is_one_line(sample, relative, old, new, message):
    edit(sample, relative, old, new)
    result = policy_py(sample, "check")
    assert (result.returncode, result.stdout) == (1, ""), result.reproduce
    assert result.stderr == f"policy.py check: {message}\n"


# --- the WeChat export ------------------------------------------------------------------------

SAMPLE_SETTINGS = {
    "owner_setting": {"contact_phone": "400-123-4567", "contact_email": "privacy@example.cn",
                      "notice_method": "弹窗", "store_expire_timestamp": "720天"},
    "setting_list": [{"privacy_key": "Location", "privacy_text": "推荐附近门店"}],
    "sdk_privacy_info_list": [{"sdk_name": "地图 SDK", "sdk_biz_name": "示例地图有限公司",
                               "sdk_list": [{"privacy_key": "Location", "privacy_text": "展示地图与门店位置"}]}],
}

SDK_ROW = """  - id: S02
    recipient: {zh: 示例地图有限公司, en: Example Maps Co. Ltd.}
    category: {zh: 地图 SDK, en: Maps SDK}
    recipient_type: sdk
    relationship: entrusted
    purpose: {zh: 展示地图与门店位置, en: To show maps and stores}
    scenario: {zh: 打开门店页面时, en: When you open the stores page}
    pi_types:
      - {zh: 位置信息, en: Location}
    method: sdk_collect
    policy_url: https://maps.example.cn/privacy
    source: disclosure
"""


def test_export_wechat_sample(sample, tmp_path):
    (sample / "data" / "inventory.yml").write_text(INVENTORY + SDK_ROW, encoding="utf-8")
    result = policy_py(sample, "export", "wechat")
    assert (result.returncode, result.stderr) == (0, ""), result.reproduce
    assert json.loads(result.stdout) == SAMPLE_SETTINGS
    assert result.stdout.isascii()  # WeChat asks for Chinese as \\u escapes
    assert '"privacy_text": "\\u63a8\\u8350\\u9644\\u8fd1\\u95e8\\u5e97"' in result.stdout
    output = tmp_path / "privacy.json"
    result = policy_py(sample, "export", "wechat", "--output", str(output))
    assert (result.returncode, result.stdout) == (0, "")
    assert output.read_text(encoding="utf-8") == wechat.to_json(SAMPLE_SETTINGS)


def test_export_wechat_joins_the_purposes_of_one_key(sample):
    policy = model.load_policy(sample)
    row = dict(policy.inventory["collected"][0], id="C03", purpose={"zh": "导航到门店", "en": "To navigate"})
    inventory = dict(policy.inventory, collected=policy.inventory["collected"] + [row])
    settings = wechat.privacy_settings(policy.operator, inventory, check.load_rules(sample).kinds)
    assert settings["setting_list"] == [{"privacy_key": "Location", "privacy_text": "推荐附近门店；导航到门店"}]


def test_export_wechat_refuses_the_shipped_data(tmp_path):
    result = policy_py(copy_site(tmp_path / "site"), "export", "wechat")
    assert (result.returncode, result.stdout) == (1, ""), result.reproduce
    assert result.stderr == (
        "policy.py export: the WeChat privacy settings are incomplete; fill in data/operator.yml handler.phone or "
        "handler.email, wechat.notice_method, wechat.store_expire_timestamp and data/inventory.yml shared row "
        "S04 recipient\n")


def test_export_wechat_refuses_another_platform(sample):
    edit(sample, "data/operator.yml", "platform: wechat_miniprogram", "platform: app")
    result = policy_py(sample, "export", "wechat")
    assert result.returncode == 1
    assert result.stderr == ("policy.py export: data/operator.yml product.platform is 'app'; "
                             "the WeChat privacy settings are for a wechat_miniprogram\n")


# --- the build --------------------------------------------------------------------------------

def test_with_findings_goes_under_the_title():
    assert check_hooks.with_findings("# 标题 {#t}\n\n正文\n", "<div>\n\n<p>x</p>\n</div>") == \
        "# 标题 {#t}\n\n<div>\n<p>x</p>\n</div>\n\n\n正文\n"
    assert check_hooks.with_findings("正文", "<div></div>") == "\n<div></div>\n\n正文"


def test_findings_for_a_page_in_both_languages():
    one = check.Finding("docs/contact.md", 9, "META-02", "error", "m", "s", "contact.md")
    other = check.Finding("data/operator.yml", 7, "META-01", "error", "m", "s", "index.md")
    assert check_hooks.findings_for([one, other], "contact.md") == [one]
    assert check_hooks.findings_for([one, other], "contact.en.md") == [one]
    assert check_hooks.findings_for([one, other], "index.en.md") == [other]


def test_build_logs_one_info_line_and_publishes_no_findings(tmp_path):
    root = copy_site(tmp_path / "site")
    result = mkdocs_build(root)
    assert result.returncode == 0, f"{result.reproduce}\n{result.stderr}"
    lines = [line for line in result.stderr.splitlines() if "Compliance check" in line]
    assert lines == ["INFO    -  Compliance check: 46 errors, 18 warnings, 12 info "
                     "(python hooks/policy.py check lists them)"]
    assert not [path for path in (root / "site").rglob("*.html") if "policy-check" in path.read_text(encoding="utf-8")]


def test_serve_shows_the_findings_on_their_pages(tmp_path):
    import os
    import socket
    import subprocess
    import time
    import urllib.request

    root = copy_site(tmp_path / "site")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=root, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pages = {}
    try:
        deadline = time.monotonic() + 120
        for path in ("contact/", "en/contact/", "storage/"):
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
                        pages[path] = response.read().decode("utf-8")
                    break
                except OSError:
                    assert time.monotonic() < deadline, f"cd {root} && {' '.join(command)}"
                    time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=30)
    for path in ("contact/", "en/contact/"):
        assert '<div class="admonition danger policy-check">' in pages[path]
        assert "<code>docs/contact.md:9</code> <strong>META-02</strong> error:" in pages[path]
    assert "<code>docs/storage.md:9</code> <strong>COL-07</strong> error:" in pages["storage/"]


def test_build_stops_on_a_broken_rule_file(tmp_path):
    root = copy_site(tmp_path / "site")
    edit(root, "data/rules/rules.yml", "COL-08: {severity: error", "COL-08: {severity: blocker")
    result = mkdocs_build(root)
    assert result.returncode == 1, result.reproduce
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors[-1] == ("ERROR   -  Error reading 'data/rules/rules.yml': key 'COL-08.severity' is 'blocker', "
                          "expected one of error, warning, info")
    assert "Traceback" not in result.stderr + result.stdout
