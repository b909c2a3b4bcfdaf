"""``python hooks/policy.py export wechat``: the mini program's privacy settings from the data."""

from __future__ import annotations

import json

import pytest

from zhiqing.build import BuildState
from zhiqing.check.engine import load_rules
from zhiqing.data.model import self_collected_keys
from zhiqing.export import wechat
from conftest import copy_site, policy_py
from sample_policy import INVENTORY, apply, edit

# --- the WeChat export ------------------------------------------------------------------------

SAMPLE_SETTINGS = {
    "owner_setting": {"contact_phone": "400-123-4567", "contact_email": "privacy@example.cn",
                      "notice_method": "弹窗", "store_expire_timestamp": "720天"},
    "setting_list": [{"privacy_key": "Location", "privacy_text": "推荐附近门店"}],
    "sdk_privacy_info_list": [{"sdk_name": "示例地图 SDK", "sdk_biz_name": "示例地图有限公司",
                               "sdk_list": [{"privacy_key": "Location", "privacy_text": "展示地图与门店位置"}]}],
}

# What WeChat takes: the Chinese as \u escapes.
SAMPLE_JSON = r"""{
  "owner_setting": {
    "contact_phone": "400-123-4567",
    "contact_email": "privacy@example.cn",
    "notice_method": "\u5f39\u7a97",
    "store_expire_timestamp": "720\u5929"
  },
  "setting_list": [
    {
      "privacy_key": "Location",
      "privacy_text": "\u63a8\u8350\u9644\u8fd1\u95e8\u5e97"
    }
  ],
  "sdk_privacy_info_list": [
    {
      "sdk_name": "\u793a\u4f8b\u5730\u56fe SDK",
      "sdk_biz_name": "\u793a\u4f8b\u5730\u56fe\u6709\u9650\u516c\u53f8",
      "sdk_list": [
        {
          "privacy_key": "Location",
          "privacy_text": "\u5c55\u793a\u5730\u56fe\u4e0e\u95e8\u5e97\u4f4d\u7f6e"
        }
      ]
    }
  ]
}
"""

# --readable: the same JSON for a person, the Chinese as such.
SAMPLE_READABLE = """{
  "owner_setting": {
    "contact_phone": "400-123-4567",
    "contact_email": "privacy@example.cn",
    "notice_method": "弹窗",
    "store_expire_timestamp": "720天"
  },
  "setting_list": [
    {
      "privacy_key": "Location",
      "privacy_text": "推荐附近门店"
    }
  ],
  "sdk_privacy_info_list": [
    {
      "sdk_name": "示例地图 SDK",
      "sdk_biz_name": "示例地图有限公司",
      "sdk_list": [
        {
          "privacy_key": "Location",
          "privacy_text": "展示地图与门店位置"
        }
      ]
    }
  ]
}
"""

SDK_ROW = """  - id: S03
    recipient: {zh: 示例地图有限公司, en: Example Maps Co. Ltd.}
    category: {zh: 地图 SDK, en: Maps SDK}
    sdk_name: {zh: 示例地图 SDK, en: Example Maps SDK}
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

# Row C02 of the sample as a row with a self-collected key: device information the mini program records itself.
DEVICE_INFO = [("data/inventory.yml", "{name: {zh: 订单信息, en: Orders}, sensitive: false}",
                "{name: {zh: 设备信息, en: Device information}, sensitive: false}"),
               ("data/inventory.yml", "method: auto_collect\n    wechat_privacy_key: null",
                "method: auto_collect\n    wechat_privacy_key: DeviceInfo")]


@pytest.fixture
def with_sdk(sample):
    """The sample with the SDK row S03."""
    (sample / "data" / "inventory.yml").write_text(INVENTORY + SDK_ROW, encoding="utf-8")
    return sample


def test_export_wechat_sample(with_sdk, tmp_path):
    result = policy_py(with_sdk, "export", "wechat")
    assert (result.returncode, result.stderr) == (0, ""), result.reproduce
    assert result.stdout == SAMPLE_JSON
    assert json.loads(result.stdout) == SAMPLE_SETTINGS
    output = tmp_path / "privacy.json"
    result = policy_py(with_sdk, "export", "wechat", "--output", str(output))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert output.read_text(encoding="utf-8") == SAMPLE_JSON


def test_export_wechat_readable(with_sdk, tmp_path):
    result = policy_py(with_sdk, "export", "wechat", "--readable")
    assert (result.returncode, result.stdout, result.stderr) == (0, SAMPLE_READABLE, ""), result.reproduce
    output = tmp_path / "privacy.json"
    result = policy_py(with_sdk, "export", "wechat", "--readable", "--output", str(output))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert output.read_text(encoding="utf-8") == SAMPLE_READABLE
    assert wechat.to_json(SAMPLE_SETTINGS) == SAMPLE_JSON
    assert wechat.to_json(SAMPLE_SETTINGS, readable=True) == SAMPLE_READABLE


@pytest.mark.parametrize("old, new", [("  store_expire_timestamp: 720\n", "  store_expire_timestamp: null\n"),
                                      ("  store_expire_timestamp: 720\n", "")])
def test_export_wechat_leaves_out_an_unstated_retention(sample, old, new):
    edit(sample, "data/operator.yml", old, new)
    result = policy_py(sample, "export", "wechat")
    assert (result.returncode, result.stderr) == (0, ""), result.reproduce
    assert json.loads(result.stdout)["owner_setting"] == {
        "contact_phone": "400-123-4567", "contact_email": "privacy@example.cn", "notice_method": "弹窗"}


@pytest.mark.parametrize("value, found", [("720天", "'720天'"), ('"720"', "'720'"), ("0", "0"), ("7.5", "7.5")])
def test_export_wechat_refuses_a_retention_that_is_not_days(sample, value, found):
    edit(sample, "data/operator.yml", "store_expire_timestamp: 720", f"store_expire_timestamp: {value}")
    result = policy_py(sample, "export", "wechat")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"policy.py export: Error reading 'data/operator.yml': key 'wechat.store_expire_timestamp' is {found}, "
        "expected how many days information is kept, a whole number such as 720 (exported as \"720天\", the form "
        "WeChat's setPrivacySetting takes; any other form gets its error 87072), or null (or no key) when not "
        "stated: WeChat then shows its default wording\n")


def test_export_wechat_writes_a_self_collected_key(sample):
    """A row with DeviceInfo collected by the mini program itself (auto_collect) is exported as any other."""
    apply(sample, DEVICE_INFO)
    result = policy_py(sample, "export", "wechat")
    assert (result.returncode, result.stderr) == (0, ""), result.reproduce
    assert json.loads(result.stdout)["setting_list"] == [
        {"privacy_key": "Location", "privacy_text": "推荐附近门店"},
        {"privacy_key": "DeviceInfo", "privacy_text": "根据您的订单信息进行个性化推荐"}]


def test_export_wechat_joins_the_purposes_of_one_key(sample):
    policy = BuildState.load(sample).policy
    row = dict(policy.inventory["collected"][0], id="C03", purpose={"zh": "导航到门店", "en": "To navigate"})
    inventory = dict(policy.inventory, collected=policy.inventory["collected"] + [row])
    settings = wechat.privacy_settings(policy.operator, inventory, load_rules(sample).kinds,
                                       self_collected_keys(sample))
    assert settings["setting_list"] == [{"privacy_key": "Location", "privacy_text": "推荐附近门店；导航到门店"}]


# (edits of the sample with S03, the refusals in order)
REFUSALS = [
    ([("data/inventory.yml", "    sdk_name: {zh: 示例地图 SDK, en: Example Maps SDK}\n", "")],
     ["data/inventory.yml shared S03 (recipient_type: sdk) 缺少 sdk_name；应填写 SDK 的名称，如 “腾讯地图 SDK”"]),
    ([("data/inventory.yml", "sdk_name: {zh: 示例地图 SDK,", 'sdk_name: {zh: "",')],
     ["data/inventory.yml shared S03 (recipient_type: sdk) 的 sdk_name 中文为空；应填写 SDK 的名称，如 “腾讯地图 SDK”"]),
    ([("data/inventory.yml", "      - {zh: 位置信息, en: Location}\n    method: sdk_collect",
       "      - {zh: 网络状态, en: Network state}\n      - {zh: IP 地址, en: IP address}\n    method: sdk_collect")],
     ["data/inventory.yml shared S03 (recipient_type: sdk) 的 pi_types（网络状态、IP 地址）都对应不到微信的 "
      "privacy_key；应列出 data/rules/synonyms.yml 中有 privacy_key 的信息种类，如 “位置信息”“设备信息”"]),
    ([("data/inventory.yml", "    pi_types:\n      - {zh: 位置信息, en: Location}\n    method: sdk_collect",
       "    pi_types: []\n    method: sdk_collect")],
     ["data/inventory.yml shared S03 (recipient_type: sdk) 的 pi_types 为空；应列出该 SDK 收集的个人信息，如 “位置信息”"]),
    ([("data/inventory.yml", "method: wechat_api", "method: user_input")],
     ["data/inventory.yml collected C01 (wechat_privacy_key: Location) 的 method 为 user_input；Location "
      "由微信隐私接口收集，method 应为 wechat_api"]),
    (DEVICE_INFO + [("data/inventory.yml", "method: auto_collect", "method: sdk")],
     ["data/inventory.yml collected C02 (wechat_privacy_key: DeviceInfo) 的 method 为 sdk；DeviceInfo "
      "由小程序自行收集，method 应为 auto_collect 或 user_input 或 wechat_api"]),
    ([("data/operator.yml", "wechat:\n  notice_method: 弹窗\n  store_expire_timestamp: 720\n"
       "  required_private_infos: [getLocation]\n", "")],
     ["微信隐私设置不完整；应填写 data/operator.yml 中的 wechat.notice_method"]),
    # Every problem at once, each on its own line: the missing fields first, then the rows in file order.
    ([("data/operator.yml", "notice_method: 弹窗", 'notice_method: ""'),
      ("data/inventory.yml", "method: wechat_api", "method: user_input"),
      ("data/inventory.yml", "    sdk_name: {zh: 示例地图 SDK, en: Example Maps SDK}\n", ""),
      ("data/inventory.yml", "      - {zh: 位置信息, en: Location}\n    method: sdk_collect",
       "      - {zh: 网络状态, en: Network state}\n    method: sdk_collect")],
     ["微信隐私设置不完整；应填写 data/operator.yml 中的 wechat.notice_method",
      "data/inventory.yml collected C01 (wechat_privacy_key: Location) 的 method 为 user_input；Location "
      "由微信隐私接口收集，method 应为 wechat_api",
      "data/inventory.yml shared S03 (recipient_type: sdk) 缺少 sdk_name；应填写 SDK 的名称，如 “腾讯地图 SDK”",
      "data/inventory.yml shared S03 (recipient_type: sdk) 的 pi_types（网络状态）都对应不到微信的 "
      "privacy_key；应列出 data/rules/synonyms.yml 中有 privacy_key 的信息种类，如 “位置信息”“设备信息”"]),
]


@pytest.mark.parametrize("edits, refusals", REFUSALS)
def test_export_wechat_refuses_what_wechat_cannot_take(with_sdk, edits, refusals):
    apply(with_sdk, edits)
    result = policy_py(with_sdk, "export", "wechat")
    assert (result.returncode, result.stdout) == (1, ""), result.reproduce
    assert result.stderr == "".join(f"policy.py export: {refusal}\n" for refusal in refusals)


def test_export_wechat_refuses_in_english_on_request(with_sdk):
    """``--lang en``: the last case of REFUSALS, every kind of line but one, in English."""
    apply(with_sdk, REFUSALS[-1][0])
    result = policy_py(with_sdk, "export", "wechat", "--lang", "en")
    assert (result.returncode, result.stdout) == (1, ""), result.reproduce
    assert result.stderr == (
        "policy.py export: the WeChat privacy settings are incomplete; fill in data/operator.yml wechat.notice_method\n"
        "policy.py export: data/inventory.yml collected C01 (wechat_privacy_key: Location) has method user_input; "
        "Location is collected through a WeChat privacy interface, so method should be wechat_api\n"
        "policy.py export: data/inventory.yml shared S03 (recipient_type: sdk) has no sdk_name; expected the SDK's "
        "name, e.g. “腾讯地图 SDK”\n"
        "policy.py export: data/inventory.yml shared S03 (recipient_type: sdk) has pi_types (网络状态) that map to no "
        "WeChat privacy_key; expected kinds of information that have a privacy_key in data/rules/synonyms.yml, "
        "e.g. “位置信息”, “设备信息”\n")


# What the shipped data lacks for WeChat, as export says it in each language.
SHIPPED_REFUSALS = {
    "zh": ["微信隐私设置不完整；应填写 data/operator.yml 中的 handler.phone 或 handler.email、wechat.notice_method；"
           "data/inventory.yml 中的 shared S04 的 recipient",
           "data/inventory.yml shared S04 (recipient_type: sdk) 缺少 sdk_name；应填写 SDK 的名称，如 “腾讯地图 SDK”",
           "data/inventory.yml shared S04 (recipient_type: sdk) 的 pi_types 为空；应列出该 SDK 收集的个人信息，如 “位置信息”"],
    "en": ["the WeChat privacy settings are incomplete; fill in data/operator.yml handler.phone or handler.email, "
           "wechat.notice_method and data/inventory.yml shared S04 recipient",
           "data/inventory.yml shared S04 (recipient_type: sdk) has no sdk_name; expected the SDK's name, e.g. “腾讯地图 SDK”",
           "data/inventory.yml shared S04 (recipient_type: sdk) has no pi_types; expected the personal information the "
           "SDK collects, e.g. “位置信息”"],
}


@pytest.mark.parametrize("language", SHIPPED_REFUSALS)
def test_export_wechat_refuses_the_shipped_data(tmp_path, language):
    result = policy_py(copy_site(tmp_path / "site"), "export", "wechat", "--lang", language)
    assert (result.returncode, result.stdout) == (1, ""), result.reproduce
    assert result.stderr == "".join(f"policy.py export: {refusal}\n" for refusal in SHIPPED_REFUSALS[language])


@pytest.mark.parametrize("language, message", [
    ("zh", "data/operator.yml 的 product.platform 为 'app'；微信隐私设置只适用于 wechat_miniprogram（微信小程序）"),
    ("en", "data/operator.yml product.platform is 'app'; the WeChat privacy settings are for a wechat_miniprogram")])
def test_export_wechat_refuses_another_platform(sample, language, message):
    edit(sample, "data/operator.yml", "platform: wechat_miniprogram", "platform: app")
    result = policy_py(sample, "export", "wechat", "--lang", language)
    assert result.returncode == 1
    assert result.stderr == f"policy.py export: {message}\n"
