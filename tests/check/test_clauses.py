"""The clause model the rules read (hooks/zhiqing/check/clauses.py): periods, stance, consent asked,
topics declared or guessed, clauses under a heading id."""

from __future__ import annotations

import pytest

from zhiqing.check.clauses import Clauses, asks, number, periods, stance
from zhiqing.pages.markdown import read_blocks


@pytest.mark.parametrize("text, expected", [
    ("我们将在 15 个工作日内答复", [(15.0, "个工作日", 21.0)]),
    ("我们将在十五个工作日内答复", [(15.0, "个工作日", 21.0)]),
    ("注销后二十四小时内删除", [(24.0, "小时", 1.0)]),
    ("自交易完成之日起保存三年", [(3.0, "年", 1095.0)]),
    ("保存六个月，期满后删除", [(6.0, "个月", 180.0)]),
    ("两周内处理", [(2.0, "周", 14.0)]),
    ("三十日内", [(30.0, "日", 30.0)]),
])
def test_periods_read_chinese_numerals_and_every_unit(text, expected):
    assert [(p.number, p.unit, round(p.days, 6)) for p in periods(text)] == expected


def test_a_date_is_not_a_period():
    assert periods("本政策自2024年1月1日起生效，更新于 2024 年 3 月 5 日") == []


def test_number_reads_digits_and_numerals():
    assert [number(n) for n in ("15", "十五", "两", "一百", "x")] == [15.0, 15.0, 2.0, 100.0, None]


@pytest.mark.parametrize("text, word, expected", [
    ("我们不会向境外提供您的个人信息", "境外", "not"),
    ("如将来确需向境外提供，我们会取得您的单独同意", "境外", "if"),
    ("您的个人信息存储在位于新加坡的服务器上", "新加坡", "does"),
    ("我们会申请位置权限，用于推荐门店", "权限", "does"),
    ("我们不会申请通讯录权限", "权限", "not"),
    # A comma-clause ending in 的 is a condition (“where you withdraw…”); the same act after it is done.
    ("您撤回同意的，我们将不再处理相应的个人信息", "撤回同意", "if"),
    ("您可以撤回同意，撤回同意的，不影响此前的处理", "撤回同意", "does"),
])
def test_stance_tells_doing_from_promising_not_to_and_conditions(text, word, expected):
    assert stance(text, text.index(word)) == expected


@pytest.mark.parametrize("text, expected", [
    ("我们会在收集前取得您的单独同意", "单独同意"),
    ("您可以随时撤回单独同意", None),
    ("无需另行征得您的单独同意", None),
    ("在未取得监护人同意的情况下收集的，我们会删除", None),
])
def test_asks_finds_consent_asked_not_withdrawn_or_waived(text, expected):
    found = asks(text, r"单独同意|监护人同意")
    assert (found.group(0) if found else None) == expected


PAGE = """# 四、您的个人信息权益 {#rights}

您可以在“我的 > 设置”中查阅。我们会在 15 个工作日内答复。

## 1、注销 {#rights-deletion}

- 您可以注销账号；注销后我们删除您的信息。
"""


def clauses(covers):
    blocks = read_blocks(PAGE, 4, "docs/rights.md", "rights.md")
    return Clauses(blocks, {"rights.md": covers}, {"rights.md": "四、您的个人信息权益"},
                   {"rights": ["您的权利", "权益"]}, ["rights.md"])


def test_clauses_are_sentences_and_list_items_with_their_heading_and_line():
    model = clauses(("rights",))
    assert [(c.text, c.anchor, c.line) for c in model.items] == [
        ("您可以在“我的 > 设置”中查阅。", "rights", 7),
        ("我们会在 15 个工作日内答复。", "rights", 7),
        ("您可以注销账号；", "rights-deletion", 11),
        ("注销后我们删除您的信息。", "rights-deletion", 11),
    ]
    assert [c.text for c in model.under("rights-deletion")] == ["您可以注销账号；", "注销后我们删除您的信息。"]
    assert len(model.under("rights")) == 4 and model.under("nope") == []


def test_declared_topics_are_used_and_guessing_says_so():
    assert clauses(("rights",)).pages("rights") == (["rights.md"], False)
    assert clauses(("contact",)).pages("rights") == ([], False)  # declared elsewhere: no guess
    assert clauses(()).pages("rights") == (["rights.md"], True)  # nothing declared: guessed from the title
