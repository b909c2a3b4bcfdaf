"""The rules of the check, run over the small policy of ``tests/sample_policy.py``.

Every rule is silent on the sample; each family's table (``rules_<family>.py``) breaks the
sample in one place per row of FAILING and lists exactly the findings of that rule, or says the
same thing another way per row of PASSING and the rule stays silent. The rules look for kinds
of sentences, not for these. The tables assert the messages in Chinese, the language a finding
is told in by default; every message template of ``data/rules/messages.yml`` is asserted by some
row, and each finding also carries its English message and a fix in both languages (the English
wording is asserted by ``test_check_command.py``). Then the engine: every rule registered once
under its own id, in its family's module, with a failing row, reading only the word lists it
declares.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import re
import string
from pathlib import Path

import pytest

from zhiqing.check import engine
from zhiqing.check.clauses import TOPICS
from zhiqing.check.command import check_policy
from zhiqing.data import files
from conftest import ROOT
from sample_policy import PAGES, apply, assert_fires, assert_silent, texts

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


def test_sample_has_no_findings_in_english(sample):
    assert texts(check_policy(sample, language="en")) == []


# Every page's covers: line, as the sample declares it.
COVERS = [(f"docs/{name}", re.search(r"covers: \[\w+\]\n", text).group(0), "")
          for name, text in PAGES.items() if "covers:" in text]


def test_sample_without_covers_is_read_from_its_titles(sample):
    apply(sample, COVERS)
    assert texts(check_policy(sample)) == []


def test_a_section_found_by_its_title_says_so(sample):
    apply(sample, COVERS + [("docs/rights.md", "请求将您的个人信息转移至您指定的个人信息处理者，", "")])
    assert [(f.path, f.line, f.message) for f in check_policy(sample, ["RGT-01"])] == [
        ("docs/rights.md", 5, "“个人信息权利”一节没有写明以下权利及其行使途径：转移（本政策的页面未声明 covers，此节是按标题推测的）")]
    assert [f.message for f in check_policy(sample, ["RGT-01"], "en")] == [
        "the rights section does not offer the right(s) 转移 with a route to exercise them (no page of the policy "
        "declares covers: this section was guessed from its title)"]


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


def template(text: str) -> re.Pattern:
    """A pattern matching a message made from the template ``text`` (its fields: any text, or none:
    an “affects …” or “not stated …” part may be empty), with or without the note that a section was guessed."""
    pattern = "".join(re.escape(literal) + (".*?" if field is not None else "")
                      for literal, field, _, _ in string.Formatter().parse(text))
    return re.compile(pattern + "(?:" + re.escape(engine.GUESSED["zh"]) + ")?", re.S)


def test_every_message_is_asserted_in_chinese_by_a_failing_row():
    messages = files.load_yaml(ROOT / "data/rules/messages.yml", ROOT)
    asserted = {}
    for family in FAMILIES:
        for rule, _, expected in table(family, "FAILING"):
            asserted.setdefault(rule, []).extend(message for _, _, _, message in expected)
    unasserted = [f"{rule}.{key}" for rule, keys in messages.items() for key, entry in keys.items()
                  if not any(template(entry["zh"]).fullmatch(message) for message in asserted.get(rule, []))]
    assert unasserted == []


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
    # The words of a section's title, read by the clause model where no page declares covers.
    sections = {name for name in lists if name.startswith("section_")}
    assert sections == {f"section_{topic}" for topic in TOPICS if topic != "intro"}
    declared = {name for rule in engine.RULES.values() for name in rule.lists}
    assert declared == lists - sections
    for rule in engine.RULES.values():
        source = inspect.getsource(rule.check)
        used = set(re.findall(r'rules\.(?:words|patterns|groups|phrase_in|match)\(\s*"([a-z_]+)"', source))
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
    texts_ = {"zh": ("以使用行为推定同意：“继续使用即视为同意”", "改为由您主动点击“同意”"),
              "en": ("consent is implied from use: “继续使用即视为同意”", "ask for consent by an explicit action")}
    finding = engine.Finding("docs/index.md", 13, "COL-08", "error", *texts_["zh"][:1], "PIPL Art. 14", "index.md",
                             texts_["zh"][1], "zh", texts_)
    assert finding.text() == ("docs/index.md:13: COL-08 错误：以使用行为推定同意：“继续使用即视为同意”。"
                              "建议：改为由您主动点击“同意”（依据：PIPL Art. 14）")
    assert finding.in_language("en").text() == (
        "docs/index.md:13: COL-08 error: consent is implied from use: “继续使用即视为同意”. "
        "Fix: ask for consent by an explicit action. (source: PIPL Art. 14)")
    assert dataclasses.replace(finding, severity="info", fix="").text() == (
        "docs/index.md:13: COL-08 提示：以使用行为推定同意：“继续使用即视为同意”。（依据：PIPL Art. 14）")


def test_yaml_lines():
    lines = files.yaml_lines("a:\n  - id: x\n    b: 1\n  - {id: y, b: 2}\nc: [1, 2]\n")
    assert lines == {(): 1, ("a",): 1, ("a", 0): 2, ("a", 0, "id"): 2, ("a", 0, "b"): 3, ("a", 1): 4,
                     ("a", 1, "id"): 4, ("a", 1, "b"): 4, ("c",): 5, ("c", 0): 5, ("c", 1): 5}
