"""A small policy that satisfies every rule of the check, and the runners of the rule tables.

Each family's table (``tests/check/rules_<family>.py``) breaks this policy in one place and lists the
findings that must come (``FAILING``), or words it another way that must not fire
(``PASSING``). The policy is written for a fictional mini program, not taken from the shipped one.
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
    """Make a table row's edits ``[(file, old, new)]``; ``old`` may be a compiled pattern."""
    for relative, old, new in edits:
        if isinstance(old, re.Pattern):
            path = root / relative
            path.write_text(old.sub(new, path.read_text(encoding="utf-8")), encoding="utf-8")
        else:
            edit(root, relative, old, new)


def assert_fires(root: Path, rule: str, edits: list, expected: list) -> None:
    """After ``edits``, ``rule`` alone finds exactly ``expected`` ``[(path, line, severity, message)]``,
    filed under its own id with its own source."""
    apply(root, edits)
    findings = check_policy(root, [rule])
    assert [(f.path, f.line, f.severity, f.message) for f in findings] == expected
    assert {(f.rule, f.source) for f in findings} == {(rule, source(rule))}


def assert_silent(root: Path, rule: str, edits: list) -> None:
    """After ``edits`` (another wording of a satisfied requirement), ``rule`` finds nothing."""
    apply(root, edits)
    assert texts(check_policy(root, [rule])) == []
