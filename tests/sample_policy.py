"""A small policy that satisfies every rule of the check, and the runners of the rule tables.

Each family's table (``tests/check/rules_<family>.py``) breaks this policy in one place and lists the
findings that must come (``FAILING``, messages in Chinese), or words it another way that must not
fire (``PASSING``). The policy is written for a fictional mini program, not taken from the shipped
one. Small as it is, it states what the law asks: every page declares what it covers; sensitive
information (location) with its necessity, the impact on the person and separate consent; an
entrusted recipient and a provided one (with its contact and separate consent); a merger's notice
with the recipient's name and contact and new consent if the purpose changes; public disclosure
only with separate consent; every right of PIPL Art. 15 and 44–48 (transfer included) with a path
in the product; account deletion with a path and a limit; the 14-year age, the guardian's consent
and dedicated rules for children; storage in mainland China; periods in the text and the list that
agree.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from zhiqing.check.command import check_policy
from zhiqing.data import files
from conftest import ROOT

PAGES = {
    "index.md": """---
policy: intro
covers: [intro]
---

# 隐私政策 {#privacy-policy}

<!-- policy:dates -->

{{ operator.handler.name }}（“我们”）是示例小程序的运营者。本政策适用于示例小程序。

<!-- policy:toc -->
""",
    "collection.md": """---
policy: section
covers: [collection]
---

# 一、我们如何收集和使用您的个人信息 {#collection}

基本业务功能所需的信息您拒绝提供的，您将无法使用该功能；扩展业务功能所需的信息您拒绝提供的，不影响基本业务功能。

## 1、设备权限 {#collection-permissions}

我们会申请以下权限：位置信息，用于为您推荐附近门店。位置信息属于敏感个人信息，我们仅在您单独同意后收集，其必要性在于推荐附近门店，拒绝不会影响其他功能。位置信息一旦泄露，可能使您的行踪被他人知悉，危害您的人身安全。

## 2、个性化推荐 {#collection-personalisation}

我们会根据您的订单信息进行个性化推荐。您可以在“我的 > 设置”中关闭个性化推荐。
""",
    "storage.md": """---
policy: section
covers: [storage]
---

# 二、我们如何存储您的个人信息 {#storage}

存储期限：我们在您注销账号后 15 日内删除您的位置信息和订单信息。存储地点：我们在中华人民共和国境内收集的个人信息存储于中国境内。
""",
    "disclosure.md": """---
policy: section
covers: [sharing]
---

# 三、我们如何共享您的个人信息 {#disclosure}

## 1、委托处理 {#disclosure-entrusted}

我们委托示例云计算有限公司存储您的订单信息，详见[《与第三方共享个人信息清单》](sharing.md)。

## 2、向其他个人信息处理者提供 {#disclosure-provided}

为完成支付，我们会在取得您的单独同意后，向示例支付科技有限公司（客服电话 400-800-1234）提供您的订单信息。

## 3、转移 {#disclosure-transfer}

如发生合并、收购，我们会告知您接收方的名称和联系方式；接收方变更原先的处理目的、处理方式的，将重新取得您的同意。

## 4、公开披露 {#disclosure-public}

除取得您的单独同意或法律、行政法规另有规定外，我们不会公开您的个人信息。
""",
    "rights.md": """---
policy: section
covers: [rights]
---

# 四、您如何行使您的权利 {#rights}

您可以在“我的 > 设置 > 个人信息”中查阅、复制、更正、补充、删除您的个人信息，请求将您的个人信息转移至您指定的个人信息处理者，撤回同意，或要求我们解释个人信息处理规则。

您可以在“我的 > 设置 > 注销账号”中注销账号，我们将在 15 个工作日内完成。
""",
    "minors.md": """---
policy: section
covers: [minors]
---

# 五、未成年人的个人信息保护 {#minors}

不满十四周岁的未成年人使用本小程序前，应当取得父母或者其他监护人的同意。

我们对儿童个人信息适用专门规则：指定专人负责儿童个人信息保护，并仅允许为实现相应功能所必需的工作人员访问。
""",
    "updates.md": """---
policy: section
covers: [updates]
---

# 六、本政策如何更新 {#updates}

本政策更新时，我们会通过弹窗通知您；变更涉及处理目的、方式或个人信息种类的，我们会重新取得您的同意。
""",
    "contact.md": """---
policy: section
covers: [contact]
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
  store_expire_timestamp: 720
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
    source: disclosure-entrusted
  - id: S02
    recipient: {zh: 示例支付科技有限公司, en: Example Payment Technology Co. Ltd.}
    category: {zh: 支付服务提供商, en: Payment provider}
    recipient_type: partner
    relationship: provided
    purpose: {zh: 完成订单支付, en: To take payment for orders}
    scenario: {zh: 支付时, en: When you pay}
    pi_types:
      - {zh: 订单信息, en: Orders}
    method: api_transfer
    policy_url: https://pay.example.cn/privacy
    source: disclosure-provided
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


def edit(root: Path, relative: str, old: str, new: str) -> None:
    """Replace the first ``old`` by ``new`` in a file of ``root`` (``old`` must be there)."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def texts(findings, rule: str | None = None) -> list[str]:
    """The findings as the command prints them (of ``rule`` only, when given)."""
    return [finding.text() for finding in findings if rule is None or finding.rule == rule]


def source(rule: str) -> str:
    """The legal source of ``rule`` in data/rules/rules.yml."""
    return files.load_yaml(ROOT / "data" / "rules" / "rules.yml", ROOT)[rule]["source"]


def apply(root: Path, edits: list) -> None:
    """Make a table row's edits ``[(file, old, new)]``; ``old`` may be a compiled pattern (every
    match is replaced). An edit of a page ``docs/x.md`` is made to its copy ``docs/x.en.md`` too,
    so that both keep the same heading ids (the check reads the Chinese)."""
    for relative, old, new in edits:
        targets = [relative]
        if relative.startswith("docs/") and not relative.endswith(".en.md"):
            targets.append(relative[: -len(".md")] + ".en.md")
        for target in targets:
            if isinstance(old, re.Pattern):
                path = root / target
                text, count = old.subn(new, path.read_text(encoding="utf-8"))
                assert count, f"{old.pattern!r} matches nothing in {target}"
                path.write_text(text, encoding="utf-8")
            else:
                edit(root, target, old, new)


def assert_fires(root: Path, rule: str, edits: list, expected: list) -> None:
    """After ``edits``, ``rule`` alone finds exactly ``expected`` ``[(path, line, severity, message)]``,
    filed under its own id with its own source."""
    apply(root, edits)
    findings = check_policy(root, [rule])
    assert [(f.path, f.line, f.severity, f.message) for f in findings] == expected
    assert {(f.rule, f.source, f.language) for f in findings} == {(rule, source(rule), "zh")}
    for finding in findings:  # told in English too, with what to write instead in both languages
        english = finding.in_language("en")
        assert english.message != finding.message and english.fix and finding.fix and english.fix != finding.fix


def assert_silent(root: Path, rule: str, edits: list) -> None:
    """After ``edits`` (another wording of a satisfied requirement), ``rule`` finds nothing."""
    apply(root, edits)
    assert texts(check_policy(root, [rule])) == []
