"""WX rules: what WeChat asks of a mini program's privacy settings, from the operator's data.

WeChat's 小程序用户隐私保护指引 needs the owner's contact, how people are notified and how long
information is kept; since 2022-07-14 a mini program declares its location interfaces in
``requiredPrivateInfos``.
"""

from __future__ import annotations

import re
from typing import Iterator

from zhiqing.check.engine import Context, Finding, quote, rule, zh

# WeChat shows privacy_text after "为了" (小程序用户隐私保护指引).
WECHAT_PURPOSE_PREFIX = re.compile(r"^(?:为了|用于|为)")
# The interfaces of app.json requiredPrivateInfos that collect each privacy key (WeChat, 2022-07-14).
GEO_INTERFACES = {
    "Location": {"getFuzzyLocation", "getLocation", "onLocationChange", "startLocationUpdate",
                 "startLocationUpdateBackground"},
    "ChooseLocation": {"chooseLocation", "choosePoi"},
    "Address": {"chooseAddress"},
}


@rule("WX-01")
def wx_01(ctx: Context) -> Iterator[Finding]:
    """The WeChat privacy settings are complete (小程序用户隐私保护指引: owner_setting, setting_list).

    For a WeChat mini program: a contact phone or email and ``wechat.notice_method`` are set
    (``wechat.store_expire_timestamp`` is optional); every privacy key's row has a purpose that
    does not start with 为了/用于 (WeChat shows it after “为了”).
    """
    operator = ctx.policy.operator
    if operator["product"]["platform"] != "wechat_miniprogram":
        return
    # The inventory's gaps for WeChat (an SDK row's name) are SHR-02's findings; a handler
    # without any contact is META-02's (one cause, one finding).
    handler = operator["handler"]
    no_contact = not (handler["phone"].strip() or handler["email"].strip() or zh(handler["address"]))
    for path, problem, key in wechat_missing(operator, {"collected": [], "shared": []}):
        if no_contact and key == ("handler", "phone"):
            continue
        yield ctx.in_data(path, key, "owner_setting", what=problem)
    for index, row in enumerate(ctx.policy.inventory["collected"]):
        purpose = zh(row["purpose"])
        if row["wechat_privacy_key"] and purpose and WECHAT_PURPOSE_PREFIX.match(purpose):
            yield ctx.in_data("data/inventory.yml", ("collected", index, "purpose"), "purpose_prefix",
                              row=row["id"], prefix=WECHAT_PURPOSE_PREFIX.match(purpose).group(0), purpose=quote(purpose))
    # What export wechat refuses for an SDK row (a name, PI types WeChat has a key for) is reported here
    # too, so that check and export agree; an SDK row without PI types is SHR-02's.
    for index, row in enumerate(ctx.policy.inventory["shared"]):
        if row["recipient_type"] != "sdk":
            continue
        if not (row.get("sdk_name") or {}).get("zh", "").strip():
            yield ctx.in_data("data/inventory.yml", ("shared", index, "recipient_type"), "sdk_no_name", row=row["id"])
        if row["pi_types"] and not sdk_keys(row["pi_types"], ctx.rules.kinds):
            yield ctx.in_data("data/inventory.yml", ("shared", index, "pi_types"), "sdk_no_key", row=row["id"],
                              names="、".join(pi["zh"].strip() for pi in row["pi_types"]))


@rule("WX-02")
def wx_02(ctx: Context) -> Iterator[Finding]:
    """Geographic interfaces are declared in requiredPrivateInfos (WeChat, 2022-07-14).

    A Location, ChooseLocation or Address key needs one of its interfaces in
    ``wechat.required_private_infos``; fuzzy and precise location cannot both be declared.
    """
    operator = ctx.policy.operator
    if operator["product"]["platform"] != "wechat_miniprogram":
        return
    declared = set((operator.get("wechat") or {}).get("required_private_infos", []))
    for index, row in enumerate(ctx.policy.inventory["collected"]):
        interfaces = GEO_INTERFACES.get(row["wechat_privacy_key"])
        if interfaces and not interfaces & declared:
            yield ctx.in_data("data/operator.yml", ("wechat", "required_private_infos"), "undeclared",
                              row=row["id"], key=row["wechat_privacy_key"], interfaces=", ".join(sorted(interfaces)))
    if {"getFuzzyLocation", "getLocation"} <= declared:
        yield ctx.in_data("data/operator.yml", ("wechat", "required_private_infos"), "both_locations")


def wechat_missing(operator: dict, inventory: dict) -> list[tuple[str, dict, tuple]]:
    """What the WeChat privacy settings lack: ``[(file, what, key path in that file)]``, ``what``
    being ``{"zh": …, "en": …}`` (e.g. ``collected C01 的 purpose`` / ``collected C01 purpose``).

    Source: setPrivacySetting (小程序用户隐私保护指引): owner_setting needs one contact and
    notice_method (store_expire_timestamp is optional: unset, WeChat shows its default wording);
    every privacy key its text; an SDK entry its provider (sdk_biz_name) and purpose. (An SDK
    entry's name and information are ``export wechat``'s refusals.)
    """
    handler = operator["handler"]
    wechat = operator.get("wechat") or {}
    missing = []
    if not (handler["phone"].strip() or handler["email"].strip()):
        missing.append(("data/operator.yml", {"zh": "handler.phone 或 handler.email", "en": "handler.phone or handler.email"},
                        ("handler", "phone")))
    if not str(wechat.get("notice_method", "")).strip():
        missing.append(("data/operator.yml", {"zh": "wechat.notice_method", "en": "wechat.notice_method"},
                        ("wechat", "notice_method")))
    for index, row in enumerate(inventory["collected"]):
        if row["wechat_privacy_key"] and not zh(row["purpose"]):
            missing.append(("data/inventory.yml", {"zh": f"collected {row['id']} 的 purpose", "en": f"collected {row['id']} purpose"},
                            ("collected", index, "purpose")))
    for index, row in enumerate(inventory["shared"]):
        if row["recipient_type"] == "sdk":
            for key in ("recipient", "purpose"):
                if not zh(row[key]):
                    missing.append(("data/inventory.yml", {"zh": f"shared {row['id']} 的 {key}", "en": f"shared {row['id']} {key}"},
                                    ("shared", index, key)))
    return missing


def sdk_keys(pi_types: list[dict], kinds: list[dict]) -> list[str]:
    """The privacy keys of an SDK row's PI types (``[{zh, en}]``): a kind of ``synonyms.yml`` with
    a key whose words one of them (zh) contains; in the order found, each once."""
    keys = []
    for pi in pi_types:
        for kind in kinds:
            if kind["privacy_key"] and kind["privacy_key"] not in keys and \
                    any(word in pi["zh"] for word in kind["words"]):
                keys.append(kind["privacy_key"])
    return keys
