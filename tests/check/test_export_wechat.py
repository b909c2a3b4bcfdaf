"""``python hooks/policy.py export wechat``: the mini program's privacy settings from the data."""

from __future__ import annotations

import json

from zhiqing.build import BuildState
from zhiqing.check.engine import load_rules
from zhiqing.export import wechat
from conftest import copy_site, policy_py
from sample_policy import INVENTORY, edit

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
    policy = BuildState.load(sample).policy
    row = dict(policy.inventory["collected"][0], id="C03", purpose={"zh": "导航到门店", "en": "To navigate"})
    inventory = dict(policy.inventory, collected=policy.inventory["collected"] + [row])
    settings = wechat.privacy_settings(policy.operator, inventory, load_rules(sample).kinds)
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
