"""``python hooks/policy.py check``: the findings of the current policy, one a line or as JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Iterable

from zhiqing.build import BuildState
from zhiqing.check.engine import CHECK_LANGUAGES, Finding, counts, run, summary


def check_policy(root: Path, rule_ids: Iterable[str] | None = None, language: str = "zh") -> list[Finding]:
    """Load the repository at ``root`` as the command does and run the rules (all, or ``rule_ids``),
    messages in ``language`` (``zh`` or ``en``).

    Raises PolicyError when a data, page or rule file does not load.
    """
    return run(BuildState.load(root, command="check"), rule_ids, language)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``check``."""
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text: one finding a line (default); json: for machines")
    parser.add_argument("--lang", choices=CHECK_LANGUAGES, default="zh",
                        help="the language of the messages: zh (default) or en")


def run_check(args: argparse.Namespace, root: Path) -> int:
    """Print the findings; return 1 when one is an error, else 0."""
    findings = check_policy(root, language=args.lang)
    if args.format == "json":
        print(json.dumps({"language": args.lang, "findings": [finding.as_json() for finding in findings],
                          "counts": counts(findings)}, ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(finding.text())
        print(f"check{'：' if args.lang == 'zh' else ': '}{summary(findings, args.lang)}")
    return 1 if any(finding.severity == "error" for finding in findings) else 0
