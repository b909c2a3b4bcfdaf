"""The minors rules' table. MIN: the minors section and the guardian's consent.

Each row of FAILING breaks the sample policy (``tests/sample_policy.py``) in one place and lists exactly the
findings of that rule; each row of PASSING says the same thing another way, and the rule stays
silent. The rules look for kinds of sentences, not for these.
"""

from __future__ import annotations

import pytest

from sample_policy import assert_fires, assert_silent, ids

# (rule, edits [(file, old, new)], expected findings of that rule: (path, line, severity, message))
FAILING = [
    ("MIN-01", [("docs/minors.md", "应当取得父母或者其他监护人的同意", "应当阅读本政策")],
     [("docs/minors.md", 5, "error", "the minors section does not ask for the guardian's consent (监护人同意)")]),
]

# (rule, edits): another wording that keeps the rule satisfied
PASSING = [
    ("MIN-01", [("docs/minors.md", "不满十四周岁的未成年人使用本小程序前，应当取得父母或者其他监护人的同意。",
                 "未满 14 周岁的儿童须在监护人陪同下阅读本政策，并经监护人同意后使用本小程序。")]),
]


@pytest.mark.parametrize("rule, edits, expected", FAILING, ids=ids(FAILING))
def test_fires(sample, rule, edits, expected):
    assert_fires(sample, rule, edits, expected)


@pytest.mark.parametrize("rule, edits", PASSING, ids=ids(PASSING))
def test_stays_silent(sample, rule, edits):
    assert_silent(sample, rule, edits)
