"""The check measured on a whole policy: the clean 燃动约课 policy of ``tests/data/policies/clean/``, broken one
defect at a time (``policy_tables.MUTATIONS``) and worded other ways (``policy_tables.REWORDINGS``).

- On the clean policy the check gives exactly ``CLEAN_FINDINGS``: no error, at most 2 warnings.
- Each mutation adds exactly one (rule, path, line) to the clean policy's findings: the expected one.
  (A finding the mutation makes disappear is not counted against it.)
- Each rewording adds no (rule, path) pair.

The clean policy is written once per module and copied per case.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from zhiqing.check import engine
from zhiqing.check.command import check_policy
from policies import write_policy
from policy_tables import CLEAN_FINDINGS, MUTATIONS, REWORDINGS

FAMILIES = ("META", "COL", "SHR", "RGT", "MIN", "TXT", "UPD", "WX")


@pytest.fixture(scope="module")
def clean_root(tmp_path_factory) -> Path:
    """The clean policy written as a site, once for the module (copy it before editing)."""
    return write_policy("clean", tmp_path_factory.mktemp("policies") / "clean")


@pytest.fixture(scope="module")
def clean_findings(clean_root) -> list[engine.Finding]:
    """The check's findings on the clean policy."""
    return check_policy(clean_root)


def apply(root: Path, edits: list) -> None:
    """Make a table row's edits ``[(file, old, new)]`` under ``root``, in order.

    A string ``old`` must occur exactly once in the file as the earlier edits left it; a compiled
    pattern must match at least once (every match is replaced). Raises AssertionError naming the
    file and the text otherwise. An edit of a Chinese page ``docs/x.md`` is made to its copy
    ``docs/x.en.md`` too, so that the pages keep the same heading ids (the check reads the Chinese).
    """
    for relative, old, new in edits:
        targets = [relative]
        if relative.startswith("docs/") and not relative.endswith(".en.md"):
            targets.append(relative[: -len(".md")] + ".en.md")
        for target in targets:
            path = root / target
            text = path.read_text(encoding="utf-8")
            if isinstance(old, re.Pattern):
                changed, count = old.subn(new, text)
                assert count >= 1, f"{old.pattern!r} matches nothing in {target}"
            else:
                assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {target}, expected once"
                changed = text.replace(old, new)
            path.write_text(changed, encoding="utf-8")


def edited(clean_root: Path, tmp_path: Path, edits: list) -> Path:
    """A copy of the clean policy with ``edits`` made."""
    root = tmp_path / "site"
    shutil.copytree(clean_root, root)
    apply(root, edits)
    return root


def listing(findings) -> str:
    """The findings one a line, for a failure message."""
    return "\n".join(finding.text() for finding in findings) or "(none)"


def test_clean_policy_findings(clean_findings):
    found = [(f.rule, f.severity, f.path, f.line) for f in clean_findings]
    assert found == CLEAN_FINDINGS, listing(clean_findings)
    severities = Counter(severity for _, severity, _, _ in CLEAN_FINDINGS)
    assert severities["error"] == 0 and severities["warning"] <= 2


@pytest.mark.parametrize("edits, expected", [pytest.param(edits, expected, id=name)
                                             for name, _, edits, expected in MUTATIONS])
def test_mutation_adds_exactly_its_finding(clean_root, clean_findings, tmp_path, edits, expected):
    findings = check_policy(edited(clean_root, tmp_path, edits))
    before = {(f.rule, f.path, f.line) for f in clean_findings}
    new = [f for f in findings if (f.rule, f.path, f.line) not in before]
    assert {(f.rule, f.path, f.line) for f in new} == {expected}, (
        f"expected only {expected}; new findings:\n{listing(new)}")


@pytest.mark.parametrize("edits", [pytest.param(edits, id=name) for name, _, edits in REWORDINGS])
def test_rewording_adds_nothing(clean_root, clean_findings, tmp_path, edits):
    findings = check_policy(edited(clean_root, tmp_path, edits))
    before = {(f.rule, f.path) for f in clean_findings}
    new = [f for f in findings if (f.rule, f.path) not in before]
    assert new == [], f"new findings:\n{listing(new)}"


# --- the tables themselves ---------------------------------------------------------------------

def test_tables_are_large_enough_and_ids_unique():
    assert len(MUTATIONS) >= 35 and len(REWORDINGS) >= 18
    ids = [row[0] for row in MUTATIONS] + [row[0] for row in REWORDINGS]
    assert [name for name, count in Counter(ids).items() if count > 1] == []


def test_mutations_cover_every_rule_family_with_known_rules():
    rules = {expected[0] for _, _, _, expected in MUTATIONS}
    assert rules <= set(engine.RULES), sorted(rules - set(engine.RULES))
    assert sorted({rule.split("-")[0] for rule in rules}) == sorted(FAMILIES)


def test_each_edit_applies_and_the_expected_line_holds_text(clean_root, tmp_path):
    """Every row's edits apply to the clean policy and change it; a mutation's line is a line of text there."""
    for number, (name, _, edits, (_, path, line)) in enumerate(MUTATIONS):
        root = edited(clean_root, tmp_path / f"m{number}", edits)
        assert any((root / f).read_bytes() != (clean_root / f).read_bytes() for f, _, _ in edits), name
        lines = (root / path).read_text(encoding="utf-8").splitlines()
        assert 1 <= line <= len(lines) and lines[line - 1].strip(), f"{name}: {path}:{line} is not a line of text"
    for number, (name, _, edits) in enumerate(REWORDINGS):
        root = edited(clean_root, tmp_path / f"r{number}", edits)
        assert any((root / f).read_bytes() != (clean_root / f).read_bytes() for f, _, _ in edits), name
