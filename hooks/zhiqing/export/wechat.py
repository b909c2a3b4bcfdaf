"""The mini program's privacy settings (小程序用户隐私保护指引) as JSON, from the inventory and the operator.

``python hooks/policy.py export wechat [--output FILE]`` writes the body WeChat's
``setprivacysetting`` interface takes: ``owner_setting`` (contact, notice method, retention),
``setting_list`` (one ``{privacy_key, privacy_text}`` per key the collected rows use) and
``sdk_privacy_info_list`` (the SDK rows of the sharing list). It refuses, naming every
missing field, when the data cannot fill the settings.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from zhiqing.build import BuildState
from zhiqing.check.engine import load_rules
from zhiqing.check.wechat import wechat_missing
from zhiqing.errors import PolicyError
from zhiqing.site.output_folder import SOURCE_FOLDERS, is_inside

TARGETS = ("wechat",)


def privacy_settings(operator: dict, inventory: dict, kinds: list[dict]) -> dict:
    """Return the settings as a dict ready for ``json.dumps``.

    ``operator`` and ``inventory`` are the loaded data files, ``kinds`` the rows of
    ``data/rules/synonyms.yml`` (they give the privacy key of an SDK's PI types). The
    privacy text of a key is the purpose (zh) of the rows that use it, distinct texts joined
    by “；”, in the order of the rows. Raises PolicyError naming every missing field
    (owner_setting needs a contact, notice_method and store_expire_timestamp; source:
    小程序用户隐私保护指引).
    """
    if operator["product"]["platform"] != "wechat_miniprogram":
        raise PolicyError(
            f"data/operator.yml product.platform is {operator['product']['platform']!r}; "
            "the WeChat privacy settings are for a wechat_miniprogram")
    missing = wechat_missing(operator, inventory)
    if missing:
        by_file: dict[str, list[str]] = {}
        for path, what, _ in missing:
            by_file.setdefault(path, []).append(what)
        raise PolicyError("the WeChat privacy settings are incomplete; fill in " + " and ".join(
            f"{path} {', '.join(whats)}" for path, whats in by_file.items()))
    handler, wechat = operator["handler"], operator["wechat"]
    texts: dict[str, list[str]] = {}
    for row in inventory["collected"]:
        key = row["wechat_privacy_key"]
        if key:
            purposes = texts.setdefault(key, [])
            if row["purpose"]["zh"].strip() not in purposes:
                purposes.append(row["purpose"]["zh"].strip())
    sdks = []
    for row in inventory["shared"]:
        if row["recipient_type"] != "sdk":
            continue
        keys = []
        for pi in row["pi_types"]:
            for kind in kinds:
                if kind["privacy_key"] and kind["privacy_key"] not in keys and \
                        any(word in pi["zh"] for word in kind["words"]):
                    keys.append(kind["privacy_key"])
        sdks.append({
            "sdk_name": row["category"]["zh"].strip(),
            "sdk_biz_name": row["recipient"]["zh"].strip(),
            "sdk_list": [{"privacy_key": key, "privacy_text": row["purpose"]["zh"].strip()} for key in keys],
        })
    return {
        "owner_setting": {
            "contact_phone": handler["phone"].strip(),
            "contact_email": handler["email"].strip(),
            "notice_method": wechat["notice_method"].strip(),
            "store_expire_timestamp": wechat["store_expire_timestamp"].strip(),
        },
        "setting_list": [{"privacy_key": key, "privacy_text": "；".join(purposes)} for key, purposes in texts.items()],
        "sdk_privacy_info_list": sdks,
    }


def to_json(settings: dict) -> str:
    """The settings as JSON text, Chinese written as ``\\u`` escapes.

    WeChat's interface documentation asks for Chinese encoded as Unicode escapes, or the
    mini program shows it garbled.
    """
    return json.dumps(settings, ensure_ascii=True, indent=2) + "\n"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``python hooks/policy.py export``."""
    parser.add_argument("target", choices=TARGETS, help="what to export: wechat (the mini program's privacy settings)")
    parser.add_argument("--output", metavar="FILE", help="write to FILE instead of standard output")


def run(args: argparse.Namespace, root: Path) -> int:
    """Write the settings to stdout or ``--output``; return 0 (errors raise PolicyError)."""
    if args.output and any(is_inside(Path(args.output).resolve(), (root / name).resolve())
                           for name in (*SOURCE_FOLDERS, "mkdocs.yml")):
        raise PolicyError(f"export refused: --output '{args.output}' is in the repository's sources; expected "
                          f"a file outside them (e.g. wechat-privacy.json in the repository root or elsewhere)")
    policy = BuildState.load(root, command="export").policy
    rules = load_rules(root)
    text = to_json(privacy_settings(policy.operator, policy.inventory, rules.kinds))
    if args.output:
        output = Path(args.output)
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as error:
            raise PolicyError(f"cannot write '{args.output}': {error.strerror}") from None
    else:
        print(text, end="")
    return 0
