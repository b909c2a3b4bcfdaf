"""The rule engine: every rule registered once under its own id, silent on the sample, with a failing row.

The rows themselves are in one table per family (``test_rules_<family>.py``).
"""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest

from zhiqing.check import engine
from zhiqing.check.command import check_policy
from zhiqing.data import files
from conftest import ROOT
from sample_policy import texts

FAMILIES = ("meta", "collection", "sharing", "rights", "minors", "text", "updates", "wechat")
PREFIXES = {"meta": "META", "collection": "COL", "sharing": "SHR", "rights": "RGT", "minors": "MIN",
            "text": "TXT", "updates": "UPD", "wechat": "WX"}


def table(family: str, name: str) -> list:
    return importlib.import_module(f"test_rules_{family}").__dict__[name]


def test_sample_has_no_findings(sample):
    assert texts(check_policy(sample)) == []


@pytest.mark.parametrize("rule", list(engine.RULES))
def test_rule_passes_on_sample(sample, rule):
    assert texts(check_policy(sample, [rule])) == []


def test_every_rule_has_a_failing_row_in_its_familys_table():
    found = {}
    for family in FAMILIES:
        for row in table(family, "FAILING"):
            assert row[0].startswith(PREFIXES[family] + "-"), f"{row[0]} is in the {family} table"
            found[row[0]] = family
    assert sorted(found) == sorted(engine.RULES)


def test_every_family_has_rows_that_must_not_fire():
    assert [family for family in FAMILIES if not table(family, "PASSING")] == []


def test_each_rule_lives_in_its_familys_module_and_never_names_another():
    for rule in engine.RULES.values():
        module = inspect.getmodule(rule.check)
        assert module.__name__ == f"zhiqing.check.{[f for f, p in PREFIXES.items() if rule.id.startswith(p + '-')][0]}"
    for family in FAMILIES:
        source = Path(ROOT / "hooks/zhiqing/check" / f"{family}.py").read_text(encoding="utf-8")
        ids = re.findall(r'"((?:META|COL|SHR|RGT|MIN|TXT|UPD|WX)-\d\d)"', source)
        decorated = re.findall(r'@rule\("([A-Z]+-\d\d)"', source)
        assert ids == decorated, f"{family}.py names a rule id outside its @rule"


def test_the_word_lists_a_rule_declares_are_the_lists_of_phrases_yml():
    lists = set(files.load_yaml(ROOT / "data/rules/phrases.yml", ROOT))
    declared = {name for rule in engine.RULES.values() for name in rule.lists}
    assert declared == lists
    for rule in engine.RULES.values():
        source = inspect.getsource(rule.check)
        used = set(re.findall(r'rules\.(?:words|patterns|groups|phrase_in|match)\(\s*"([a-z_]+)"', source))
        used |= {f"section_{name}" for name in re.findall(r'ctx\.section\("([a-z_]+)"\)', source)}
        assert used <= set(rule.lists), f"{rule.id} reads {sorted(used - set(rule.lists))} without declaring them"


def test_every_rule_is_in_the_catalogue_with_its_requirement():
    catalogue = files.load_yaml(ROOT / "data/rules/rules.yml", ROOT)
    assert sorted(catalogue) == sorted(engine.RULES)
    for rule in engine.RULES.values():
        assert rule.requirement, f"{rule.id} has no docstring"


def test_a_rule_id_is_registered_once():
    with pytest.raises(ValueError, match="rule META-01 is registered twice"):
        engine.rule("META-01")(lambda ctx: [])


def test_finding_text_format():
    finding = engine.Finding("docs/index.md", 13, "COL-08", "error", "consent is implied from use: “继续使用即视为同意”",
                             "PIPL Art. 14", "index.md")
    assert finding.text() == ("docs/index.md:13: COL-08 error: consent is implied from use: “继续使用即视为同意” "
                              "(source: PIPL Art. 14)")


def test_yaml_lines():
    lines = files.yaml_lines("a:\n  - id: x\n    b: 1\n  - {id: y, b: 2}\nc: [1, 2]\n")
    assert lines == {(): 1, ("a",): 1, ("a", 0): 2, ("a", 0, "id"): 2, ("a", 0, "b"): 3, ("a", 1): 4,
                     ("a", 1, "id"): 4, ("a", 1, "b"): 4, ("c",): 5, ("c", 0): 5, ("c", 1): 5}
