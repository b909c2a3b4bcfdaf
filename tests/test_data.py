"""Loading and validating data/*.yml: each mistake gives one exact message naming file and key."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from zhiqing.build import BuildState
from zhiqing.data import model
from zhiqing.errors import PolicyError
from conftest import NEWEST_RELEASE, ROOT, shipped_versions


@pytest.fixture
def data_root(tmp_path) -> Path:
    for name in ("data", "schemas"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def edit(root: Path, relative: str, old: str, new: str, count: int = 1) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_shipped_data_loads():
    policy = BuildState.load(ROOT).policy
    assert [v.id for v in policy.versions][0] == "2023-11-01"
    assert policy.versions[0].effective.isoformat() == "2023-11-01"
    assert [row["id"] for row in policy.inventory["collected"]] == [f"C0{i}" for i in range(1, 10)]
    assert [row["id"] for row in policy.inventory["shared"]] == [f"S0{i}" for i in range(1, 9)]
    assert policy.operator["handler"]["name"] == {"zh": "", "en": ""}


CASES = [
    # (file, old text, new text, exact message)
    ("data/versions.yml", 'effective: "2023-11-01"', 'effective: "2023-02-30"',
     "Error reading 'data/versions.yml': entry 1 (id 2023-11-01) key 'effective' is '2023-02-30', "
     "not a date that exists (expected YYYY-MM-DD)"),
    ("data/versions.yml", 'updated: "2023-11-01"', 'updated: "２０２３-１１-０１"',
     "Error reading 'data/versions.yml': entry 1 (id 2023-11-01) key 'updated' is '２０２３-１１-０１', "
     "expected a date written YYYY-MM-DD, such as \"2023-11-01\""),
    ("data/versions.yml", 'updated: "2023-11-01"', "updated: 2023年11月1日",
     "Error reading 'data/versions.yml': entry 1 (id 2023-11-01) key 'updated' is '2023年11月1日', "
     "expected a date written YYYY-MM-DD, such as \"2023-11-01\""),
    ("data/versions.yml", "    zh: 首次发布。\n", "",
     "Error reading 'data/versions.yml': entry 1 (id 2023-11-01) key 'summary.zh' is missing "
     "(expected a non-empty Chinese summary)"),
    ("data/versions.yml", "zh: 首次发布。", 'zh: ""',
     "Error reading 'data/versions.yml': entry 1 (id 2023-11-01) key 'summary.zh' is '', "
     "expected a non-empty Chinese summary"),
    ("data/versions.yml", 'effective: "2023-11-01"', 'effective: "2023-11-02"',
     "Error reading 'data/versions.yml': entry 1 (id 2023-11-01) has effective '2023-11-02', "
     "expected the same date as its id"),
    ("data/versions.yml", 'updated: "2023-11-01"', 'updated: "2023-11-05"',
     "Error reading 'data/versions.yml': entry 1 (id 2023-11-01) has updated '2023-11-05' after effective "
     "'2023-11-01'; expected an updated date on or before the effective date"),
    ("data/versions.yml", "- id:", "id:",
     "Error reading 'data/versions.yml': line 5 column 3 is not valid YAML: "
     "expected <block end>, but found '<block mapping start>'"),
    ("data/inventory.yml", "    purpose: {zh: 确保", "    purpse: {zh: 确保",
     "Error reading 'data/inventory.yml': collected row 4 (id C04) key 'purpse' is not a known key "
     "(expected one of: function, function_type, id, method, pi_types, purpose, required, retention, "
     "source, trigger, wechat_privacy_key)"),
    ("data/inventory.yml", "sensitive: false}", 'sensitive: "yes"}',
     "Error reading 'data/inventory.yml': collected row 1 (id C01) pi_types row 1 key 'sensitive' is 'yes', "
     "expected true or false: sensitive personal information (PIPL Art. 28); or {value: true, basis: assessed, "
     "reason: {zh: ..., en: ...}}"),
    ("data/inventory.yml", "id: C02", "id: C01",
     "Error reading 'data/inventory.yml': collected row 2 has id 'C01', already used by collected row 1; "
     "expected a unique id"),
    ("data/inventory.yml", "function: {zh: 交易, en: Transactions}", "function: 交易",
     "Error reading 'data/inventory.yml': collected row 1 (id C01) key 'function' is '交易', "
     "expected bilingual text {zh: ..., en: ...} in the cited clause's words (\"\" when not stated), or "
     "{value: {zh: ..., en: ...}, basis: assessed, reason: {zh: ..., en: ...}}"),
    ("data/inventory.yml", "wechat_privacy_key: null", "wechat_privacy_key: Photos",
     "Error reading 'data/inventory.yml': collected row 1 (id C01) key 'wechat_privacy_key' is 'Photos', "
     "expected a WeChat privacy_key (小程序用户隐私保护指引), or null"),
    ("data/inventory.yml", "value: Album", "value: Photos",
     "Error reading 'data/inventory.yml': collected row 6 (id C06) key 'wechat_privacy_key.value' is 'Photos', "
     "expected a WeChat privacy_key (小程序用户隐私保护指引), or null"),
    ("data/inventory.yml", "    relationship: entrusted\n", "",
     "Error reading 'data/inventory.yml': shared row 1 (id S01) key 'relationship' is missing "
     "(expected entrusted (PIPL Art. 21), provided (Art. 23), joint (Art. 20), or \"\"; or {value: ..., basis: "
     "assessed, reason: {zh: ..., en: ...}})"),
    ("data/inventory.yml", "  - id: C02", "  - id: [C02",
     "Error reading 'data/inventory.yml': line 34 column 13 is not valid YAML: expected ',' or ']', but got ':'"),
    # A marked value: {value, basis: assessed, reason} or {value, basis: stated, clause}.
    ("data/inventory.yml", "      value: extended\n      basis: assessed\n      reason:\n"
     "        zh: 政策称“您可以选择关闭个性化推送功能”；按第一条，可以拒绝的是扩展业务功能\n"
     "        en: The policy says you may turn off personalized push; by section 1 that makes it an extended "
     "business function\n", "      value: extended\n      basis: assessed\n",
     "Error reading 'data/inventory.yml': collected row 2 (id C02) key 'function_type.reason' is missing "
     "(expected the reason for the assessment, {zh: ..., en: ...})"),
    ("data/inventory.yml", "      value: extended\n      basis: assessed\n", "      value: extended\n      basis: assumed\n",
     "Error reading 'data/inventory.yml': collected row 2 (id C02) key 'function_type.basis' is 'assumed', expected "
     "assessed (the project's judgment, with a reason) or stated (the policy's words in the clause given by clause)"),
    ("data/inventory.yml", "      value: extended\n", "      value: optional\n",
     "Error reading 'data/inventory.yml': collected row 2 (id C02) key 'function_type.value' is 'optional', "
     "expected basic or extended"),
    ("data/inventory.yml", "      value: service_provider\n      basis: assessed\n",
     "      value: service_provider\n      basis: stated\n",
     "Error reading 'data/inventory.yml': shared row 2 (id S02) key 'recipient_type.clause' is missing (expected "
     "the id of the heading of the clause that states the value (a plain value is stated in the row's source))"),
    ("data/inventory.yml", "      value: service_provider\n      basis: assessed\n",
     "      value: service_provider\n      basis: assessed\n      clause: disclosure-provision\n",
     "Error reading 'data/inventory.yml': shared row 2 (id S02) key 'recipient_type.clause' is "
     "'disclosure-provision', expected no clause with basis assessed (say in the reason what the judgment rests on)"),
    ("data/inventory.yml", "        zh: 政策称“您可以选择关闭个性化推送功能”\n", '        zh: ""\n',
     "Error reading 'data/inventory.yml': collected row 2 (id C02) key 'required.reason.zh' is '', expected the "
     "reason in Chinese, not empty"),
    ("data/inventory.yml", "      value: sdk_collect\n", "      value: sdk_collect\n      note: embedded\n",
     "Error reading 'data/inventory.yml': shared row 4 (id S04) key 'method.note' is not a known key "
     "(expected one of: basis, clause, reason, value)"),
    ("data/inventory.yml", "  - list: shared\n    source: disclosure-transfer", "  - list: sharing\n    source: disclosure-transfer",
     "Error reading 'data/inventory.yml': not_listed row 1 key 'list' is 'sharing', expected collected or shared: "
     "the list it is shown under"),
    ("data/operator.yml", '  phone: ""\n', "",
     "Error reading 'data/operator.yml': key 'handler.phone' is missing (expected a phone number or \"\")"),
    ("data/operator.yml", '  phone: ""', '  phone: "call us"',
     "Error reading 'data/operator.yml': key 'handler.phone' is 'call us', expected a phone number such as "
     "400-123-4567 or +86 21 1234 5678, or \"\""),
    ("data/operator.yml", '  phone: ""', '\tphone: ""',
     "Error reading 'data/operator.yml': line 8 column 1 is not valid YAML: found character '\\t' that cannot "
     "start any token (YAML does not allow tabs for indentation; use spaces)"),
    ("data/operator.yml", "minors_u14: possible", "minors_u14: maybe",
     "Error reading 'data/operator.yml': key 'audience.minors_u14' is 'maybe', expected one of none, possible, "
     "targeted (PIPL Art. 31)"),
    ("data/operator.yml", "store_expire_timestamp: null", "store_expire_timestamp: 720天",
     "Error reading 'data/operator.yml': key 'wechat.store_expire_timestamp' is '720天', expected how many days "
     "information is kept, a whole number such as 720 (exported as \"720天\", the form WeChat's setPrivacySetting "
     "takes; any other form gets its error 87072), or null (or no key) when not stated: WeChat then shows its "
     "default wording"),
    ("data/inventory.yml", "    recipient_type: sdk\n", "    sdk_name: 腾讯地图 SDK\n    recipient_type: sdk\n",
     "Error reading 'data/inventory.yml': shared row 4 (id S04) key 'sdk_name' is '腾讯地图 SDK', expected bilingual "
     "text {zh: ..., en: ...}; \"\" when not stated"),
]


@pytest.mark.parametrize("relative, old, new, message", CASES, ids=[c[3][15:70] for c in CASES])
def test_data_error_message(data_root, relative, old, new, message):
    edit(data_root, relative, old, new)
    with pytest.raises(PolicyError) as caught:
        BuildState.load(data_root).policy
    assert str(caught.value) == message


def test_wrong_shape_is_named(data_root):
    (data_root / "data/inventory.yml").write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        BuildState.load(data_root).policy
    assert str(caught.value) == (
        "Error reading 'data/inventory.yml': the top level is a list, expected a mapping with the keys collected and "
        "shared, and optionally not_listed; a row's value is stated (a plain value: the words of the row's source "
        "clause), assessed ({value: ..., basis: assessed, reason: {zh: ..., en: ...}}) or not stated (\"\", null or [])")


def test_gbk_file_is_refused(data_root):
    path = data_root / "data/operator.yml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    with pytest.raises(PolicyError) as caught:
        BuildState.load(data_root).policy
    assert str(caught.value) == ("Error reading 'data/operator.yml': line 2 is not UTF-8 (byte 0xb8); "
                                 "save the file as UTF-8, not GBK or another encoding")


def test_bom_and_crlf_are_accepted(data_root):
    path = data_root / "data/versions.yml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    versions = model.load_versions(data_root)
    # The same values as the shipped file (LF, no BOM) read by YAML.
    assert [(v.id, v.summary["zh"]) for v in versions] == [
        ("2023-11-01", "首次发布。"), *((entry["id"], entry["summary"]["zh"]) for entry in shipped_versions()[1:])]


def test_releases_out_of_order(data_root):
    path = data_root / "data/versions.yml"
    path.write_text(path.read_text(encoding="utf-8") + (
        '- id: "2023-10-01"\n  effective: "2023-10-01"\n  updated: "2023-10-01"\n'
        "  summary: {zh: 旧, en: old}\n  sha256: {zh: " + "a" * 64 + ", en: " + "a" * 64 + "}\n"),
        encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        model.load_versions(data_root)
    assert str(caught.value) == (f"Error reading 'data/versions.yml': entry {len(shipped_versions()) + 1} (id 2023-10-01) "
                                 f"is out of order; expected entries oldest first, each effective after {NEWEST_RELEASE}")


def test_source_anchor_must_exist():
    inventory = model.load_inventory(ROOT)
    with pytest.raises(PolicyError) as caught:
        model.check_sources(inventory, {"collection", "disclosure-provision"})
    assert str(caught.value) == (
        "Error reading 'data/inventory.yml': collected row 1 (id C01) key 'source' is 'collection-functions', "
        "expected the id of a policy heading such as 'collection'")


@pytest.mark.parametrize("value, language, expected", [
    ({"zh": "交易", "en": "Transactions"}, "zh", "交易"),
    ({"zh": "交易", "en": "Transactions"}, "en", "Transactions"),
    ({"a": [{"zh": "甲", "en": "A"}], "b": 1}, "en", {"a": ["A"], "b": 1}),
    ({"zh": "甲", "en": ""}, "en", ""),
])
def test_localize(value, language, expected):
    assert model.localize(value, language) == expected


# --- WeChat's privacy keys: one list, data/rules/wechat_keys.yml ---------------------------------

def test_wechat_keys_and_the_self_collected_ones():
    keys = model.load_wechat_keys(ROOT)
    assert sorted(model.self_collected_keys(ROOT)) == [
        "DeviceInfo", "EXIDNumber", "EXOrderInfo", "EXUserFollowAcct", "EXUserOpLog", "EXUserPublishContent", "Email"]
    assert (len(keys), keys["DeviceInfo"]) == (28, {"shown": "收集你的设备信息", "self_collected": True})
    assert model.collection_methods("DeviceInfo", frozenset({"DeviceInfo"})) == (
        "auto_collect", "user_input", "wechat_api")
    assert model.collection_methods("Location", frozenset({"DeviceInfo"})) == ("wechat_api",)


def test_the_schemas_list_the_wechat_keys_of_the_data():
    """The editor's lists of privacy keys (two schemas) are the keys of data/rules/wechat_keys.yml."""
    keys = [None, *model.load_wechat_keys(ROOT)]
    inventory = json.loads((ROOT / "schemas/inventory.schema.json").read_text(encoding="utf-8"))
    synonyms = json.loads((ROOT / "schemas/synonyms.schema.json").read_text(encoding="utf-8"))
    assert inventory["$defs"]["privacy_key"]["enum"] == keys
    assert synonyms["properties"]["kinds"]["items"]["properties"]["privacy_key"]["enum"] == keys


@pytest.mark.parametrize("old, new, message", [
    ("DeviceInfo: {shown: 收集你的设备信息, self_collected: true}",
     "DeviceInfo: {shown: 收集你的设备信息, self_collected: yes please}",
     "Error reading 'data/rules/wechat_keys.yml': key 'keys.DeviceInfo.self_collected' is 'yes please', expected "
     "true when WeChat names no privacy interface for the information (the mini program collects it itself), "
     "else false"),
    ("  Email: {shown: 收集你的邮箱, self_collected: true}\n", "  email address: {shown: 邮箱, self_collected: true}\n",
     "Error reading 'data/rules/wechat_keys.yml': key 'keys' is 'email address', expected a WeChat privacy_key "
     "such as Location or DeviceInfo"),
])
def test_wechat_keys_error_message(data_root, old, new, message):
    edit(data_root, "data/rules/wechat_keys.yml", old, new)
    with pytest.raises(PolicyError) as caught:
        model.load_wechat_keys(data_root)
    assert str(caught.value) == message


def test_a_schema_is_checked_again_when_its_text_changes(tmp_path):
    """Checking a schema is cached by its text (zhiqing.data.schemas): an edited schema is checked anew."""
    from zhiqing.data.schemas import schema

    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    assert schema(tmp_path, "operator")["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    path = tmp_path / "schemas/operator.schema.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"type": "object"', '"type": "objekt"', 1), encoding="utf-8")
    with pytest.raises(PolicyError) as raised:
        schema(tmp_path, "operator")
    assert str(raised.value) == (
        "Error reading 'schemas/operator.schema.json': it is not a valid JSON Schema ('objekt' is not valid under "
        "any of the given schemas); expected the schema as shipped (restore it from version control)")
