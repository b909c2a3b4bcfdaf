"""The check on the shipped policy: which rules fire, where, in what words; and what filling in the data clears."""

from __future__ import annotations

import pytest

from zhiqing.check import engine as check
from zhiqing.check.command import check_policy
from conftest import ROOT, copy_site
from sample_policy import edit, source, texts

SHIPPED_RULES = ["COL-02", "COL-03", "COL-04", "COL-05", "COL-06", "COL-07", "COL-08", "COL-09", "META-01",
                 "META-02", "META-05", "RGT-01", "RGT-03", "RGT-04", "SHR-02", "SHR-03", "SHR-05", "TXT-01",
                 "TXT-02", "TXT-03", "TXT-04", "UPD-01", "WX-01", "WX-02"]


@pytest.fixture(scope="module")
def shipped():
    return check_policy(ROOT)


def test_shipped_policy_rule_ids(shipped):
    assert sorted({finding.rule for finding in shipped}) == SHIPPED_RULES
    assert check.counts(shipped) == {"error": 45, "warning": 18, "info": 12}  # wechat.store_expire_timestamp is optional


@pytest.mark.parametrize("rule, where", [
    ("META-01", ["docs/index.md:9", "data/operator.yml:7"]),
    ("META-02", ["docs/contact.md:9", "data/operator.yml:8"]),
    ("COL-08", ["docs/index.md:13"]),
    ("TXT-01", ["docs/minors.md:7"]),
    ("SHR-02", [f"data/inventory.yml:{line}" for line in (200, 211, 227, 238, 254, 269, 282, 295)]),
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
        "data/inventory.yml:200: SHR-02 error: shared row S01 names no recipient (only the category “SaaS 服务提供商”); "
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
