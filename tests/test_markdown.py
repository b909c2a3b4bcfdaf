"""The one reader of the policy's Markdown: what a heading, paragraph, list item, sentence and line are."""

from __future__ import annotations

import pytest

from zhiqing.errors import PolicyError
from zhiqing.pages.markdown import headings, heading_one_level_down, plain, read_blocks, split_front_matter

PAGE = """# 四、您的权利 {#rights}

您可以查阅您的个人信息。您也可以删除它；
我们将在 15 个工作日内答复。

## （一）注销 {#rights-deletion}

1. 在“我的 > 设置”中注销；
2. 联系我们：[电话](contact.md)
   或 **邮件**。

<!-- policy:toc -->

<div class="policy-dates">
<p>生效日期: <time datetime="2023-11-01">2023年11月1日</time></p>
</div>

<div class="policy-table">
<p>not read</p>
</div>
"""


def test_blocks_of_a_page():
    blocks = read_blocks(PAGE, offset=3, path="docs/rights.md", page="rights.md")
    assert [(b.kind, b.tag, b.text, b.line, b.anchor, b.section, b.title) for b in blocks] == [
        ("heading", "h1", "四、您的权利", 4, "rights", "rights", "四、您的权利"),
        ("paragraph", "p", "您可以查阅您的个人信息。您也可以删除它；我们将在 15 个工作日内答复。", 6, "", "rights", "四、您的权利"),
        ("heading", "h2", "（一）注销", 9, "rights-deletion", "rights-deletion", "四、您的权利"),
        ("item", "li", "在“我的 > 设置”中注销；", 11, "", "rights-deletion", "四、您的权利"),
        ("item", "li", "联系我们：电话或 邮件。", 12, "", "rights-deletion", "四、您的权利"),
        ("marker", "p", "toc", 15, "", "rights-deletion", "四、您的权利"),
        ("paragraph", "p", "生效日期: 2023年11月1日", 17, "", "rights-deletion", "四、您的权利"),
    ]
    assert {b.path for b in blocks} == {"docs/rights.md"} and {b.page for b in blocks} == {"rights.md"}


def test_file_lines_and_sentences_inside_a_paragraph():
    paragraph = read_blocks(PAGE, offset=3)[1]
    assert paragraph.lines == [(0, 6), (20, 7)]
    assert [paragraph.line_at(offset) for offset in (0, 19, 20, 35)] == [6, 6, 7, 7]
    assert list(paragraph.sentences()) == [(0, "您可以查阅您的个人信息。"), (12, "您也可以删除它；"),
                                           (20, "我们将在 15 个工作日内答复。")]


@pytest.mark.parametrize("first, second, joined", [
    ("您可以删除它；", "我们将答复。", "您可以删除它；我们将答复。"),  # CJK on both sides: no space
    ("You may delete it;", "we will reply.", "You may delete it; we will reply."),
    ("请访问 App", "中的设置。", "请访问 App 中的设置。"),
])
def test_lines_of_a_paragraph_join_as_a_reader_sees_them(first, second, joined):
    [block] = read_blocks(f"{first}\n{second}\n")
    assert block.text == joined


@pytest.mark.parametrize("markdown, text", [
    ("[《清单》](inventory.md)", "《清单》"),
    ("![logo](logo.png) 标志", "logo 标志"),
    ("**加粗**与__强调__", "加粗与强调"),
    ("示例\\[科技\\]有限公司 1\\. 号", "示例[科技]有限公司 1. 号"),
    ("A&amp;B &lt;b&gt;", "A&B <b>"),
    ("<span>行内</span>元素", "行内元素"),
])
def test_plain_is_the_text_a_reader_sees(markdown, text):
    assert plain(markdown) == text


def test_a_line_starting_with_an_inline_element_is_a_paragraph():
    [block] = read_blocks("<span>注：</span>本条适用于小程序。\n")
    assert (block.kind, block.text) == ("paragraph", "注：本条适用于小程序。")


def test_headings_with_ids_and_one_level_down():
    assert [(h.level, h.title, h.anchor, h.line) for h in headings(PAGE)] == [
        (1, "四、您的权利", "rights", 1), (2, "（一）注销", "rights-deletion", 6)]
    assert heading_one_level_down("# 标题 {#x}") == "## 标题 {#x}"
    assert heading_one_level_down("###### 六级") == "###### 六级"
    assert heading_one_level_down("#不是标题") == "#不是标题"


def test_front_matter():
    assert split_front_matter("---\npolicy: section\n---\n\n# 标题\n") == ({"policy": "section"}, "\n# 标题\n", 3)
    assert split_front_matter("# 标题\n") == ({}, "# 标题\n", 0)
    with pytest.raises(PolicyError, match="^the front matter is not a mapping of keys to values$"):
        split_front_matter("---\n- a\n---\n")
