"""The rules of the check, run over the small policy of ``tests/sample_policy.py``.

Every rule is silent on the sample; each family's table (``rules_<family>.py``) breaks the
sample in one place per row of FAILING and lists exactly the findings of that rule, or says the
same thing another way per row of PASSING and the rule stays silent. The rules look for kinds
of sentences, not for these. Then the engine: every rule registered once under its own id, in
its family's module, with a failing row, reading only the word lists it declares.
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
from sample_policy import assert_fires, assert_silent, texts

FAMILIES = ("meta", "collection", "sharing", "rights", "minors", "text", "updates", "wechat")
PREFIXES = {"meta": "META", "collection": "COL", "sharing": "SHR", "rights": "RGT", "minors": "MIN",
            "text": "TXT", "updates": "UPD", "wechat": "WX"}


def table(family: str, name: str) -> list:
    """The rows ``name`` (FAILING or PASSING) of a family's table."""
    return importlib.import_module(f"rules_{family}").__dict__[name]


def rows(name: str) -> list:
    """Every family's rows ``name`` as test parameters, with ids such as ``META-01-0``."""
    return [pytest.param(*row, id=f"{row[0]}-{number}") for family in FAMILIES
            for number, row in enumerate(table(family, name))]


def test_sample_has_no_findings(sample):
    assert texts(check_policy(sample)) == []


@pytest.mark.parametrize("rule", list(engine.RULES))
def test_rule_passes_on_sample(sample, rule):
    assert texts(check_policy(sample, [rule])) == []


@pytest.mark.parametrize("rule, edits, expected", rows("FAILING"))
def test_fires(sample, rule, edits, expected):
    assert_fires(sample, rule, edits, expected)


@pytest.mark.parametrize("rule, edits", rows("PASSING"))
def test_stays_silent(sample, rule, edits):
    assert_silent(sample, rule, edits)


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
        assert (rule.check.__doc__ or "").strip(), f"{rule.id} has no docstring"


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
