"""The mini program's privacy settings (小程序用户隐私保护指引) as JSON, from the inventory and the operator.

``python hooks/policy.py export wechat [--output FILE] [--readable]`` writes the body WeChat's
``setPrivacySetting`` interface takes: ``owner_setting`` (contact, notice method, and the
retention in days when stated), ``setting_list`` (one ``{privacy_key, privacy_text}`` per key
the collected rows use) and ``sdk_privacy_info_list`` (the SDK rows of the sharing list). It
refuses, naming every missing field and every row it cannot export, when the data cannot
fill the settings; ``--readable`` writes the same JSON with the Chinese as such, for a person.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from zhiqing.build import BuildState
from zhiqing.check.engine import load_rules
from zhiqing.check.wechat import sdk_keys, wechat_missing
from zhiqing.data.model import collection_methods, self_collected_keys
from zhiqing.errors import PolicyError
from zhiqing.site.output_folder import SOURCE_FOLDERS, is_inside

TARGETS = ("wechat",)


class Refused(PolicyError):
    """The settings cannot be exported: ``refusals``, one line each naming the file, the row or
    key, what was found and what was expected."""

    def __init__(self, refusals: list[str]):
        super().__init__("\n".join(refusals))
        self.refusals = refusals


def privacy_settings(operator: dict, inventory: dict, kinds: list[dict], self_collected: frozenset[str],
                     language: str = "zh") -> dict:
    """Return the settings as a dict ready for ``json.dumps``.

    ``operator`` and ``inventory`` are the loaded data files, ``kinds`` the rows of
    ``data/rules/synonyms.yml`` (they give the privacy key of an SDK's PI types),
    ``self_collected`` the privacy keys WeChat has no interface for
    (:func:`~zhiqing.data.model.self_collected_keys`). The privacy text of a key is the
    purpose (zh) of the rows that use it, distinct texts joined by “；”, in the order of the
    rows; a self-collected key (DeviceInfo, EXOrderInfo, …) is written as any other.

    Source: WeChat setPrivacySetting, owner_setting table
    (developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/privacy-management/setPrivacySetting.html):
    a contact and notice_method are required; ``store_expire_timestamp`` is optional (“否”), and
    when given is a number of days followed by 天 (“如果填请填数字+天，例如‘30天’，否则会出现87072的报错”):
    it is written from ``wechat.store_expire_timestamp`` (a whole number of days) and left out
    when that is null or absent. An ``sdk_privacy_info_list`` entry is ``{sdk_name,
    sdk_biz_name, sdk_list}``: ``sdk_name`` is the row's ``sdk_name`` (zh), ``sdk_biz_name``
    its recipient, ``sdk_list`` one ``{privacy_key, privacy_text}`` per key its PI types map to.

    Raises PolicyError when the platform is not a WeChat mini program, and :class:`Refused`
    listing every problem, in ``language`` (``zh``, the default, or ``en``): missing fields (one line, as :func:`wechat_missing` finds them); a
    collected row whose method does not fit its key (the methods COL-06 accepts:
    :func:`~zhiqing.data.model.collection_methods`); an SDK row without ``sdk_name``, or
    whose PI types map to no privacy key (never an empty ``sdk_list``).
    """
    if operator["product"]["platform"] != "wechat_miniprogram":
        platform = operator["product"]["platform"]
        raise PolicyError(say(language,
                              f"data/operator.yml 的 product.platform 为 {platform!r}；微信隐私设置只适用于 wechat_miniprogram（微信小程序）",
                              f"data/operator.yml product.platform is {platform!r}; the WeChat privacy settings are for a wechat_miniprogram"))
    refusals = []
    missing = wechat_missing(operator, inventory)
    if missing:
        by_file: dict[str, list[str]] = {}
        for path, what, _ in missing:
            by_file.setdefault(path, []).append(what)
        refusals.append(say(
            language,
            "微信隐私设置不完整；应填写 " + "；".join(
                f"{path} 中的 {'、'.join(what['zh'] for what in whats)}" for path, whats in by_file.items()),
            "the WeChat privacy settings are incomplete; fill in " + " and ".join(
                f"{path} {', '.join(what['en'] for what in whats)}" for path, whats in by_file.items())))
    handler, wechat = operator["handler"], operator.get("wechat") or {}
    texts: dict[str, list[str]] = {}
    for row in inventory["collected"]:
        key = row["wechat_privacy_key"]
        if not key:
            continue
        methods = collection_methods(key, self_collected)
        if row["method"] and row["method"] not in methods:
            where = f"data/inventory.yml collected {row['id']} (wechat_privacy_key: {key})"
            refusals.append(say(
                language,
                f"{where} 的 method 为 {row['method']}；{key} "
                f"{'由小程序自行收集' if key in self_collected else '由微信隐私接口收集'}，method 应为 {' 或 '.join(methods)}",
                f"{where} has method {row['method']}; {key} is "
                f"{'collected by the mini program itself' if key in self_collected else 'collected through a WeChat privacy interface'}, "
                f"so method should be {' or '.join(methods)}"))
        purposes = texts.setdefault(key, [])
        if row["purpose"]["zh"].strip() not in purposes:
            purposes.append(row["purpose"]["zh"].strip())
    sdks = []
    for row in inventory["shared"]:
        if row["recipient_type"] != "sdk":
            continue
        where = f"data/inventory.yml shared {row['id']} (recipient_type: sdk)"
        name = (row.get("sdk_name") or {}).get("zh", "").strip()
        if not name:
            refusals.append(say(
                language,
                f"{where} {'的 sdk_name 中文为空' if 'sdk_name' in row else '缺少 sdk_name'}；应填写 SDK 的名称，如 “腾讯地图 SDK”",
                f"{where} {'has an empty Chinese sdk_name' if 'sdk_name' in row else 'has no sdk_name'}; "
                f"expected the SDK's name, e.g. “腾讯地图 SDK”"))
        keys = sdk_keys(row["pi_types"], kinds)
        if not row["pi_types"]:
            refusals.append(say(language, f"{where} 的 pi_types 为空；应列出该 SDK 收集的个人信息，如 “位置信息”",
                                f"{where} has no pi_types; expected the personal information the SDK collects, e.g. “位置信息”"))
        elif not keys:
            found = "、".join(pi["zh"].strip() for pi in row["pi_types"])
            refusals.append(say(
                language,
                f"{where} 的 pi_types（{found}）都对应不到微信的 privacy_key；应列出 "
                f"data/rules/synonyms.yml 中有 privacy_key 的信息种类，如 “位置信息”“设备信息”",
                f"{where} has pi_types ({found}) that map to no WeChat privacy_key; expected kinds of information "
                f"that have a privacy_key in data/rules/synonyms.yml, e.g. “位置信息”, “设备信息”"))
        sdks.append({
            "sdk_name": name,
            "sdk_biz_name": row["recipient"]["zh"].strip(),
            "sdk_list": [{"privacy_key": key, "privacy_text": row["purpose"]["zh"].strip()} for key in keys],
        })
    if refusals:
        raise Refused(refusals)
    owner = {
        "contact_phone": handler["phone"].strip(),
        "contact_email": handler["email"].strip(),
        "notice_method": wechat["notice_method"].strip(),
    }
    if wechat.get("store_expire_timestamp") is not None:
        owner["store_expire_timestamp"] = f"{int(wechat['store_expire_timestamp'])}天"
    return {
        "owner_setting": owner,
        "setting_list": [{"privacy_key": key, "privacy_text": "；".join(purposes)} for key, purposes in texts.items()],
        "sdk_privacy_info_list": sdks,
    }


def say(language: str, zh: str, en: str) -> str:
    """The message in ``language``: ``zh`` (the default of the command) or ``en``."""
    return en if language == "en" else zh


def to_json(settings: dict, readable: bool = False) -> str:
    """The settings as JSON text, indented by 2, ending in a newline.

    By default the Chinese is written as ``\\u`` escapes, as WeChat's interface documentation
    asks (otherwise the mini program shows it garbled); ``readable`` writes it as such, for a
    person to review (not for WeChat).
    """
    return json.dumps(settings, ensure_ascii=not readable, indent=2) + "\n"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``python hooks/policy.py export``."""
    parser.add_argument("target", choices=TARGETS, help="what to export: wechat (the mini program's privacy settings)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh",
                        help="the language of the refusals: zh (default) or en")
    parser.add_argument("--output", metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument("--readable", action="store_true",
                        help="write the Chinese as such (not as \\u escapes) for a person to review; "
                             "WeChat takes the output without it")


def run(args: argparse.Namespace, root: Path) -> int:
    """Write the settings to stdout or ``--output``; return 0, or 1 after printing each refusal
    of :func:`privacy_settings` on its own line (other errors raise PolicyError)."""
    if args.output and any(is_inside(Path(args.output).resolve(), (root / name).resolve())
                           for name in (*SOURCE_FOLDERS, "mkdocs.yml")):
        raise PolicyError(say(
            args.lang,
            f"拒绝导出：--output '{args.output}' 位于仓库的源文件中；应写到源文件之外（如仓库根目录下的 wechat-privacy.json 或其他位置）",
            f"export refused: --output '{args.output}' is in the repository's sources; expected "
            f"a file outside them (e.g. wechat-privacy.json in the repository root or elsewhere)"))
    policy = BuildState.load(root, command="export").policy
    rules = load_rules(root)
    try:
        settings = privacy_settings(policy.operator, policy.inventory, rules.kinds, self_collected_keys(root),
                                    language=args.lang)
    except Refused as refused:
        for refusal in refused.refusals:
            print(f"policy.py export: {refusal}", file=sys.stderr)
        return 1
    text = to_json(settings, readable=args.readable)
    if args.output:
        output = Path(args.output)
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as error:
            raise PolicyError(say(args.lang, f"无法写入 '{args.output}'：{error.strerror}",
                                  f"cannot write '{args.output}': {error.strerror}")) from None
    else:
        print(text, end="")
    return 0
