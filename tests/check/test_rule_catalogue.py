"""The rule catalogue: every rule's metadata in both languages, how sources are written, what a
source allows as a severity, and RULES.md / RULES.en.md kept equal to what rules.yml makes."""

from __future__ import annotations

import re

import pytest

from zhiqing.check import catalogue, engine
from zhiqing.data import files
from conftest import ROOT, policy_py
from sample_policy import edit

RULES = files.load_yaml(ROOT / "data/rules/rules.yml", ROOT)
PHRASES = files.load_yaml(ROOT / "data/rules/phrases.yml", ROOT)
GARBLES = files.load_yaml(ROOT / "data/rules/garbles.yml", ROOT)
REGENERATE = ".venv/bin/python hooks/policy.py rules --write"

# A paragraph written as a number in brackets after the article ("Art. 17(2)", "PIPL 17(1)"):
# item (2) of paragraph 1, or paragraph 2? Write Art. 17 ¶1(二) or Art. 17 ¶2.
AMBIGUOUS = re.compile(r"(?:Art\.\s*|PIPL\s+)\d+(?:-\d+)?\s*\((?:\d+|[一二三四五六七八九十]+)\)")
CJK = re.compile(r"[\u4e00-\u9fff]")


def sources() -> dict[str, str]:
    """Every source of the rule files: ``rules.yml META-01`` → its source, likewise each word list."""
    found = {f"rules.yml {rule_id}": entry["source"] for rule_id, entry in RULES.items()}
    found.update({f"phrases.yml {name}": entry["source"] for name, entry in PHRASES.items()})
    found["garbles.yml"] = GARBLES["source"]
    return found


def only_gbt_35273(source: str) -> bool:
    """Whether every part of ``source`` (parts separated by “;”) is GB/T 35273."""
    return all(part.strip().startswith("GB/T 35273") for part in source.split(";"))


# --- the metadata ------------------------------------------------------------------------------

def test_every_rule_has_a_source_and_its_texts_in_both_languages():
    assert sorted(RULES) == sorted(engine.RULES)
    for rule_id, entry in RULES.items():
        assert entry["source"].strip(), f"{rule_id} has no source"
        for key in ("title", "requirement", "looks_at"):
            assert sorted(entry[key]) == ["en", "zh"], f"{rule_id}.{key}"
            assert entry[key]["zh"].strip() and entry[key]["en"].strip(), f"{rule_id}.{key} is empty"
            assert CJK.search(entry[key]["zh"]), f"{rule_id}.{key}.zh is not Chinese"
            assert entry[key]["zh"] != entry[key]["en"], f"{rule_id}.{key}.en is not a translation"


def test_titles_are_unique_in_each_language():
    for language in ("zh", "en"):
        titles = [entry["title"][language] for entry in RULES.values()]
        assert len(titles) == len(set(titles)), sorted(t for t in titles if titles.count(t) > 1)


def test_the_ambiguous_paragraph_form_is_recognised():
    assert [bool(AMBIGUOUS.search(text)) for text in (
        "PIPL Art. 17(2)", "PIPL Art. 17 (1)", "PIPL 17(1)", "Art. 14(二)", "PIPL Art. 28-30(1)",
        "PIPL Art. 17 ¶1(二)", "PIPL Art. 17 ¶2", "PIPL Art. 17 ¶1 (完整)", "《…认定方法》二(3)",
        "GB/T 35273-2020 §5.5 a) 2)", "PIPL Art. 44-48 (incl. Art. 45 ¶3 转移)",
    )] == [True, True, True, True, True, False, False, False, False, False, False]


def test_no_source_writes_a_paragraph_as_art_n_m():
    assert {where: source for where, source in sources().items() if AMBIGUOUS.search(source)} == {}


def test_rules_resting_only_on_gbt_35273_are_never_errors():
    gb_only = {rule_id: entry["severity"] for rule_id, entry in RULES.items() if only_gbt_35273(entry["source"])}
    assert gb_only == {"TXT-04": "info"}
    assert [rule_id for rule_id, severity in gb_only.items() if severity == "error"] == []
    assert only_gbt_35273("GB/T 35273-2020 §5.3, Annex C; PIPL Art. 16") is False


def test_a_source_marked_unverified_is_never_an_error():
    marked = {rule_id: entry["severity"] for rule_id, entry in RULES.items() if "[U]" in entry["source"]}
    assert marked == {}  # none now; the header of rules.yml says a [U] rule is a warning at most
    assert [rule_id for rule_id, severity in marked.items() if severity == "error"] == []


# --- the catalogue -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["RULES.md", "RULES.en.md"])
def test_the_committed_catalogue_is_what_rules_yml_makes(name):
    count, made = catalogue.catalogues(ROOT)
    assert count == len(RULES) == 34
    path = ROOT / name
    assert path.is_file(), f"{name} is missing; make it: {REGENERATE}"
    assert path.read_bytes() == made[name].encode("utf-8"), \
        f"{name} is out of date with data/rules/rules.yml; regenerate it: {REGENERATE}"


def test_render_one_rule_in_each_language():
    one = {"RGT-02": {"severity": "warning", "source": "认定方法 六",
                      "title": {"zh": "承诺时限", "en": "Promised time"},
                      "requirement": {"zh": "不得超过15个工作日。", "en": "At most 15 working days."},
                      "looks_at": {"zh": "“联系我们”部分\n的时限 | 天数", "en": "The contact section's time."}}}
    zh = catalogue.render(one, "zh")
    assert zh.endswith("## 个人的权利（RGT）\n\n| 编号 | 标题 | 要求 | 法律依据 | 严重程度 | 检查内容 |\n"
                       "|---|---|---|---|---|---|\n"
                       "| RGT-02 | 承诺时限 | 不得超过15个工作日。 | 认定方法 六 | 警告 | “联系我们”部分 的时限 \\| 天数 |\n")
    assert "`python hooks/policy.py check` 的全部 1 条规则" in zh
    en = catalogue.render(one, "en")
    assert en.endswith("## Individuals' rights (RGT)\n\n| Id | Title | Requirement | Legal source | Severity | "
                       "What it reads |\n|---|---|---|---|---|---|\n| RGT-02 | Promised time | At most 15 working "
                       "days. | 认定方法 六 | warning | The contact section's time. |\n")
    with pytest.raises(ValueError, match="no catalogue in 'fr'; expected one of zh, en"):
        catalogue.render(one, "fr")


def test_families_follow_the_order_check_runs_them_in():
    made = catalogue.render(RULES, "en")
    headings = re.findall(r"^## .*\((\w+)\)$", made, flags=re.M)
    assert headings == ["META", "COL", "SHR", "RGT", "MIN", "TXT", "UPD", "WX"]
    assert re.findall(r"^\| ([A-Z]+-\d\d) \|", made, flags=re.M) == list(RULES)


# --- the command -------------------------------------------------------------------------------

def test_cli_rules_prints_the_catalogue():
    for args, name in ((("rules",), "RULES.md"), (("rules", "--lang", "zh"), "RULES.md"),
                       (("rules", "--lang", "en"), "RULES.en.md")):
        result = policy_py(ROOT, *args)
        assert (result.returncode, result.stderr) == (0, ""), result.reproduce
        assert result.stdout == (ROOT / name).read_text(encoding="utf-8")


def test_cli_rules_write(site_copy):
    result = policy_py(site_copy, "rules", "--write")
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "rules: wrote RULES.md and RULES.en.md (34 rules)\n", ""), result.reproduce
    for name in ("RULES.md", "RULES.en.md"):
        assert (site_copy / name).read_bytes() == (ROOT / name).read_bytes()


def test_cli_rules_write_one_language(site_copy):
    result = policy_py(site_copy, "rules", "--write", "--lang", "en")
    assert (result.returncode, result.stdout, result.stderr) == (0, "rules: wrote RULES.en.md (34 rules)\n", "")
    assert not (site_copy / "RULES.md").exists()


@pytest.mark.parametrize("old, new, message", [
    ("  title: {zh: \"个人信息处理者的名称\", en:", "  title: {en:",
     "key 'META-01.title.zh' is missing (expected the Chinese, not empty)"),
    ("  title: {zh: \"个人信息处理者的名称\",", "  title: {zh: \"\",",
     "key 'META-01.title.zh' is '', expected the Chinese, not empty"),
    ("  looks_at:\n    zh: \"`data/operator.yml` 的 `handler.name`", "  seen:\n    zh: \"`data/operator.yml` 的 `handler.name`",
     "key 'META-01.seen' is not a known key (expected one of: looks_at, requirement, severity, source, title)"),
])
def test_cli_rules_bad_rule_file_is_one_line(site_copy, old, new, message):
    edit(site_copy, "data/rules/rules.yml", old, new)
    result = policy_py(site_copy, "rules")
    assert (result.returncode, result.stdout) == (1, ""), result.reproduce
    assert result.stderr == f"policy.py rules: Error reading 'data/rules/rules.yml': {message}\n"


def test_cli_rules_missing_metadata_is_named(site_copy):
    edit(site_copy, "data/rules/rules.yml", "  source: \"PIPL Art. 17 ¶1(一); GB/T 35273-2020 §5.5 a) 1)\"\n", "")
    result = policy_py(site_copy, "rules")
    assert result.returncode == 1, result.reproduce
    assert result.stderr == ("policy.py rules: Error reading 'data/rules/rules.yml': key 'META-01.source' is missing "
                             "(expected the legal source, such as PIPL Art. 17 ¶1(一))\n")
