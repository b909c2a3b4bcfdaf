"""The two lists (data/inventory.yml): every value stated, assessed or not stated, and shown as such.

Stated values are the words of the clause they cite; marks are split off for the readers
(check, export wechat) and kept for the page; the page shows a row's values first, the
fields it does not state on one line, and links named by the clause they open.
"""

from __future__ import annotations

import copy
import dataclasses
import re

import pytest

from zhiqing.data import model
from zhiqing.data.files import load_yaml
from zhiqing.errors import PolicyError
from zhiqing.pages import discover
from zhiqing.pages.markdown import read_blocks, section_text
from zhiqing.render.renderer import Place, Renderer, comparable
from conftest import ROOT, copy_site

TEXT_FIELDS = {"collected": ("function", "purpose", "trigger", "retention"),
               "shared": ("recipient", "category", "purpose", "scenario")}


@pytest.fixture(scope="module")
def pages():
    return discover.discover(ROOT / "docs", discover.read_nav(ROOT), ROOT)


def stated_texts(raw: dict):
    """(row id, field, Chinese, clause) of every plain (stated) text value of the lists as written."""
    for table, fields in TEXT_FIELDS.items():
        for row in raw[table]:
            values = [(key, row[key]) for key in fields]
            values += [(f"pi_types.{n}", item["name"] if table == "collected" else item)
                       for n, item in enumerate(row["pi_types"])]
            for key, value in values:
                if "basis" in value:  # marked: an assessment, or stated in another clause
                    if value["basis"] == "stated":
                        yield row["id"], key, value["value"]["zh"], value["clause"]
                elif value["zh"]:
                    yield row["id"], key, value["zh"], row["source"]


def test_every_stated_value_is_the_words_of_its_clause(policy, pages, templates):
    """A plain value says "the policy says this": its Chinese stands word for word in the clause cited."""
    raw = load_yaml(ROOT / "data/inventory.yml", ROOT)
    quoted = list(stated_texts(raw))
    assert len(quoted) > 60  # every text field of every row that holds one
    clauses = Renderer(policy, pages, "zh", templates)
    assert [(row, key, text) for row, key, text, anchor in quoted if text not in clauses.clause_text(anchor)] == []


def test_the_text_under_a_clause_is_what_a_reader_sees_to_the_next_heading_of_its_level():
    body = ("# 一、收集 {#collection}\n\n引言，见[附录](annex.md)。\n\n## 1、功能 {#collection-functions}\n\n"
            "**手机号码**、位置\n信息\n\n### 细则 {#collection-detail}\n\n细则正文\n\n## 2、权限 {#collection-permissions}\n\n"
            "- 相机\n- 相册\n")
    # A paragraph's lines joined as a reader sees them; one block a line; the heading's own title first.
    assert section_text(read_blocks(body), "collection-functions") == "1、功能\n手机号码、位置信息\n细则\n细则正文"
    assert section_text(read_blocks(body), "collection") == "一、收集\n引言，见附录。\n1、功能\n手机号码、位置信息\n细则\n细则正文\n2、权限\n相机\n相册"
    assert section_text(read_blocks(body), "collection-permissions") == "2、权限\n相机\n相册"
    assert section_text(read_blocks(body), "collection-other") is None


def test_a_value_and_its_clause_are_compared_as_a_reader_reads_them():
    assert [comparable(text) for text in ("SaaS 服务提供商", "位置信息，相册。", "获取手机号码；", "Ａ\tB\nC")] == [
        "SaaS服务提供商", "位置信息,相册", "获取手机号码", "AB\nC"]


def test_marks_are_split_off_for_the_readers(policy):
    """The check and export wechat read plain values; the marks wait in row["bases"]."""
    c05 = next(row for row in policy.inventory["collected"] if row["id"] == "C05")
    assert (c05["method"], c05["wechat_privacy_key"], c05["pi_types"]) == (
        "wechat_api", "Location", [{"name": {"zh": "位置信息", "en": "Location information"}, "sensitive": True}])
    assert sorted(c05["bases"]) == ["method", "pi_types.0.sensitive", "wechat_privacy_key"]
    assert c05["bases"]["pi_types.0.sensitive"] == {"basis": "assessed", "reason": {
        "zh": "个人信息保护法第二十八条将行踪轨迹列为敏感个人信息；政策未说明是否为精确位置",
        "en": "PIPL Art. 28 counts whereabouts as sensitive personal information; the policy does not say whether "
              "the location is precise"}}
    c01 = policy.inventory["collected"][0]
    assert (c01["function_type"], c01["required"], c01["bases"]) == ("", None, {})
    assert [entry["source"] for entry in policy.inventory["not_listed"]] == ["disclosure-transfer", "disclosure-public"]


def test_split_bases_reads_every_shape():
    raw = {"collected": [{"id": "C1", "purpose": {"value": {"zh": "甲", "en": "A"}, "basis": "stated",
                                                   "clause": "collection-use"},
                          "pi_types": [{"name": {"value": {"zh": "乙", "en": "B"}, "basis": "assessed",
                                                 "reason": {"zh": "因", "en": "why"}}, "sensitive": False}]}],
           "shared": [{"id": "S1", "pi_types": [{"value": {"zh": "丙", "en": "C"}, "basis": "assessed",
                                                 "reason": {"zh": "因", "en": "why"}}, {"zh": "丁", "en": "D"}]}]}
    assert model.split_bases(raw) == {
        "not_listed": [],
        "collected": [{"id": "C1", "purpose": {"zh": "甲", "en": "A"},
                       "pi_types": [{"name": {"zh": "乙", "en": "B"}, "sensitive": False}],
                       "bases": {"purpose": {"basis": "stated", "clause": "collection-use"},
                                 "pi_types.0.name": {"basis": "assessed", "reason": {"zh": "因", "en": "why"}}}}],
        "shared": [{"id": "S1", "pi_types": [{"zh": "丙", "en": "C"}, {"zh": "丁", "en": "D"}],
                    "bases": {"pi_types.0": {"basis": "assessed", "reason": {"zh": "因", "en": "why"}}}}]}


@pytest.mark.parametrize("where, anchor, message", [
    ("purpose", "collection-usage", "collected row 3 (id C03) key 'purpose.clause' is 'collection-usage', expected "
                                    "the id of a policy heading such as 'collection-use'"),
    ("pi_types.0.name", "collection-usage", "collected row 3 (id C03) pi_types row 1 key 'name.clause' is "
                                            "'collection-usage', expected the id of a policy heading such as "
                                            "'collection-use'"),
])
def test_a_clause_must_be_a_heading_id(policy, pages, where, anchor, message):
    inventory = copy.deepcopy(policy.inventory)
    inventory["collected"][2]["bases"][where] = {"basis": "stated", "clause": anchor}
    with pytest.raises(PolicyError) as caught:
        model.check_sources(inventory, pages.heading_ids())
    assert str(caught.value) == "Error reading 'data/inventory.yml': " + message


def test_a_not_listed_clause_must_be_a_heading_id(policy, pages):
    inventory = copy.deepcopy(policy.inventory)
    inventory["not_listed"][1]["source"] = "disclosure-publik"
    with pytest.raises(PolicyError) as caught:
        model.check_sources(inventory, pages.heading_ids())
    assert str(caught.value) == ("Error reading 'data/inventory.yml': not_listed row 2 key 'source' is "
                                 "'disclosure-publik', expected the id of a policy heading such as 'disclosure-public'")


# --- on the page -------------------------------------------------------------------------------

def render(policy, pages, templates, language: str, table: str, src: str) -> str:
    renderer = Renderer(policy, pages, language, templates)
    place = Place(pages.part(src))
    return str(renderer.macros.policy_list(table, renderer.list_rows(table, place),
                                           renderer.not_listed(table, place), language))


@pytest.fixture(scope="module")
def inventory_zh(policy, pages, templates):
    return render(policy, pages, templates, "zh", "collected", "inventory.md")


@pytest.fixture(scope="module")
def inventory_en(policy, pages, templates):
    return render(policy, pages, templates, "en", "collected", "inventory.md")


@pytest.fixture(scope="module")
def sharing_zh(policy, pages, templates):
    return render(policy, pages, templates, "zh", "shared", "sharing.md")


def card(html: str, row_id: str) -> str:
    """The HTML of one row's card."""
    return re.search(rf'<div class="policy-row" id="row-{row_id}">.*?\n</div>', html, re.S).group(0)


def test_a_card_holds_stated_values_then_the_unstated_line_then_its_clause(inventory_zh):
    assert card(inventory_zh, "c04") == (
        '<div class="policy-row" id="row-c04">\n'
        '<p class="policy-row-id">C04</p>\n'
        '<dl>\n'
        '<div><dt>个人信息种类</dt><dd>手机号码</dd></div>\n'
        '<div><dt>使用目的</dt><dd>确保相关业务功能的正常实现</dd></div>\n'
        '<div><dt>收集方式</dt><dd>通过微信接口获取<span class="policy-assessed">评估：小程序只能经微信的接口获取；'
        '政策没有说明接口</span></dd></div>\n'
        '<div><dt>微信隐私接口</dt><dd><code>PhoneNumber</code><span class="policy-assessed">评估：微信隐私保护指引中'
        '对应“手机号码获取”的接口</span></dd></div>\n'
        '<div><dt>使用场景</dt><dd>根据具体的使用场景调用对应的必要权限，并在调用前向您弹窗询问</dd></div>\n'
        '</dl>\n'
        '<p class="policy-unstated-line"><span class="policy-unstated">未说明</span>：业务功能、功能类型、是否必要、保存期限</p>\n'
        '<p class="policy-source">依据条款：<a href="../collection/#collection-permissions">一、5、设备权限调用</a></p>\n'
        '</div>')


def test_a_stated_an_assessed_and_an_unstated_field(inventory_zh, inventory_en):
    assert '<div><dt>业务功能</dt><dd>交易</dd></div>' in card(inventory_zh, "c01")
    assert ('<div><dt>个人信息种类</dt><dd><strong>位置信息</strong><span class="policy-sensitive">（敏感个人信息）</span>'
            '<span class="policy-assessed">评估：个人信息保护法第二十八条将行踪轨迹列为敏感个人信息；政策未说明是否为精确位置'
            '</span></dd></div>') in card(inventory_zh, "c05")
    assert ('<div><dt>Required</dt><dd>No<span class="policy-assessed">Assessment: The policy says you may turn off '
            'personalized push</span></dd></div>') in card(inventory_en, "c02")
    # C01: the policy names these only as another person's details a user may fill in: no type, purpose or necessity.
    assert ('<p class="policy-unstated-line"><span class="policy-unstated">未说明</span>：功能类型、使用目的、是否必要、'
            '保存期限</p>') in card(inventory_zh, "c01")
    assert ('<p class="policy-unstated-line"><span class="policy-unstated">Not stated</span>: function type, purpose, '
            'required, retention period</p>') in card(inventory_en, "c01")
    assert "微信隐私接口" not in card(inventory_zh, "c01")  # no key: nothing to state, not "not stated"


def test_registration_and_login_is_a_row_that_states_nothing_else(inventory_zh):
    assert card(inventory_zh, "c09") == (
        '<div class="policy-row" id="row-c09">\n'
        '<p class="policy-row-id">C09</p>\n'
        '<dl>\n'
        '<div><dt>业务功能</dt><dd>注册、登录</dd></div>\n'
        '</dl>\n'
        '<p class="policy-unstated-line"><span class="policy-unstated">未说明</span>：功能类型、个人信息种类、使用目的、'
        '收集方式、使用场景、是否必要、保存期限</p>\n'
        '<p class="policy-source">依据条款：<a href="../#privacy-policy">隐私政策</a></p>\n'
        '</div>')


def test_each_link_names_the_clause_it_opens(inventory_zh, inventory_en, sharing_zh):
    def sources(html: str) -> list[str]:
        return re.findall(r'<p class="policy-source">(.*?)</p>', html)

    assert sources(inventory_zh) == [
        '依据条款：<a href="../collection/#collection-functions">一、1、基于产品或服务功能收集和使用的个人信息</a>',
        *['依据条款：<a href="../collection/#collection-use">一、4、个人信息的使用规则</a>'] * 2,
        *['依据条款：<a href="../collection/#collection-permissions">一、5、设备权限调用</a>'] * 3,
        *['依据条款：<a href="../disclosure/#disclosure-provision">三、（一）提供</a>'] * 2,
        '依据条款：<a href="../#privacy-policy">隐私政策</a>']
    assert sources(inventory_en)[:2] == [
        'Policy clause: <a href="../collection/#collection-functions">Section 1, 1. Personal information collected '
        'and used for product or service functions</a>',
        'Policy clause: <a href="../collection/#collection-use">Section 1, 4. Rules for the use of personal '
        'information</a>']
    assert set(sources(sharing_zh)) == {'依据条款：<a href="../disclosure/#disclosure-provision">三、（一）提供</a>'}
    assert "查看条款" not in inventory_zh + sharing_zh and "See clause" not in inventory_en


def test_an_assessed_recipient_type_and_the_clauses_kept_out_of_the_list(sharing_zh):
    assert ('<div><dt>接收方类别</dt><dd>运维供应商<span class="policy-type">（服务提供商）</span>'
            '<span class="policy-assessed">评估：运维供应商为我们提供运维服务</span></dd></div>') in card(sharing_zh, "s02")
    assert sharing_zh.endswith(
        '<div class="policy-not-listed">\n'
        '<p>以下条款不列为本清单的条目：</p>\n'
        '<ul>\n'
        '<li><a href="../disclosure/#disclosure-transfer">三、(二) 转移</a>：合并、收购、重组、资产转移等交易中的转移：'
        '受让方事先不确定，政策要求其继续受本政策约束或重新征求您的同意</li>\n'
        '<li><a href="../disclosure/#disclosure-public">三、(三) 公开</a>：公开不是向某个第三方提供，只在法律法规、'
        '强制性的行政执法或司法要求下进行</li>\n'
        '</ul>\n'
        '</div>\n'
        '</div>')


def test_a_value_stated_in_another_clause_links_to_it(policy, pages, templates):
    inventory = copy.deepcopy(policy.inventory)
    inventory["collected"][2]["bases"]["purpose"] = {"basis": "stated", "clause": "collection"}
    html = render(dataclasses.replace(policy, inventory=inventory), pages, templates, "zh", "collected", "inventory.md")
    assert ('<div><dt>使用目的</dt><dd>为更好的向您提供个性化服务<span class="policy-cited">（见<a '
            'href="../collection/#collection">一、我们如何收集和使用您的个人信息</a>）</span></dd></div>') in card(html, "c03")


def test_a_value_not_in_its_clause_is_marked_as_the_lists_wording(policy, pages, templates):
    """The page says unmarked values are the clause's words: an operator's own wording is marked."""
    inventory = copy.deepcopy(policy.inventory)
    inventory["collected"][0]["purpose"] = {"zh": "用于交易", "en": "For transactions"}
    inventory["collected"][2]["bases"]["purpose"] = {"basis": "stated", "clause": "storage"}  # not said there
    changed = dataclasses.replace(policy, inventory=inventory)
    zh_html = render(changed, pages, templates, "zh", "collected", "inventory.md")
    en_html = render(changed, pages, templates, "en", "collected", "inventory.md")
    assert '<div><dt>使用目的</dt><dd>用于交易<span class="policy-listed">（清单用语，非条款原文）</span></dd></div>' in card(zh_html, "c01")
    assert ('<div><dt>Purpose</dt><dd>For transactions<span class="policy-listed"> (the list&#39;s wording, not the '
            'clause&#39;s)</span></dd></div>') in card(en_html, "c01")
    assert ('<div><dt>使用目的</dt><dd>为更好的向您提供个性化服务<span class="policy-listed">（清单用语，非条款原文）</span>'
            '</dd></div>') in card(zh_html, "c03")
    # The rest of the card, the policy's words, unmarked as before; the legend says what the mark means.
    assert '<div><dt>业务功能</dt><dd>交易</dd></div>' in card(zh_html, "c01")
    assert ('<p class="policy-legend">未加标注的内容是“依据条款”所链接条款的原文；标“评估”的不是政策原文，是附理由的判断；'
            '政策没有说明的列在“未说明”之后。标“清单用语，非条款原文”的是清单自己的表述，所链接的条款中没有这些字句。</p>') in zh_html
    assert "清单用语" not in render(policy, pages, templates, "zh", "collected", "inventory.md")  # the shipped lists quote


def test_a_value_is_compared_with_the_clause_as_its_variables_fill_it_in(policy, pages, templates):
    """index.md opens with ``{{ operator.handler.name }}(“我们”)``: with the name filled in, a value
    quoting that sentence is the clause's words, and the raw ``{{ … }}`` is not."""
    operator = copy.deepcopy(policy.operator)
    operator["handler"]["name"] = {"zh": "示例科技有限公司", "en": "Example Technology Co. Ltd."}
    inventory = copy.deepcopy(policy.inventory)
    inventory["collected"][8]["function"] = {"zh": "示例科技有限公司(“我们”)作为本产品或服务", "en": "As the operator"}
    changed = dataclasses.replace(policy, operator=operator, inventory=inventory)
    html = render(changed, pages, templates, "zh", "collected", "inventory.md")
    assert '<div><dt>业务功能</dt><dd>示例科技有限公司(“我们”)作为本产品或服务</dd></div>' in card(html, "c09")
    inventory["collected"][8]["function"] = {"zh": "{{ operator.handler.name }}(“我们”)", "en": "As the operator"}
    html = render(dataclasses.replace(changed, inventory=inventory), pages, templates, "zh", "collected", "inventory.md")
    assert '<span class="policy-listed">（清单用语，非条款原文）</span>' in card(html, "c09")


def test_an_english_value_without_its_chinese_is_marked_on_the_english_page(policy, pages, templates):
    inventory = copy.deepcopy(policy.inventory)
    inventory["collected"][3]["function"] = {"zh": "", "en": "Phone login"}
    changed = dataclasses.replace(policy, inventory=inventory)
    assert ('<div><dt>Business function</dt><dd>Phone login<span class="policy-listed"> (the list&#39;s wording, not '
            'the clause&#39;s)</span></dd></div>') in card(render(changed, pages, templates, "en", "collected", "inventory.md"), "c04")
    assert "业务功能</dt>" not in card(render(changed, pages, templates, "zh", "collected", "inventory.md"), "c04")


def test_a_rewrapped_clause_still_holds_its_quoted_values(policy, pages, templates, tmp_path):
    """A line break inside a paragraph changes nothing a reader sees, so nothing is marked."""
    from zhiqing.pages.discover import discover, read_nav

    root = copy_site(tmp_path / "site")
    page = root / "docs" / "collection.md"
    page.write_text(page.read_text(encoding="utf-8").replace("为更好的向您提供", "为更好的\n向您提供", 1), encoding="utf-8")
    rewrapped = discover(root / "docs", read_nav(root), root)
    html = render(policy, rewrapped, templates, "zh", "collected", "inventory.md")
    assert "为更好的\n向您提供" in page.read_text(encoding="utf-8")
    assert '<div><dt>使用目的</dt><dd>为更好的向您提供个性化服务</dd></div>' in card(html, "c03")


def test_a_policy_written_by_someone_else_gets_its_own_wording_marked(tmp_path, templates):
    """青禾心理 (tests/data/policies/second), whose lists its author wrote in the operator's words."""
    from policies import write_policy
    from zhiqing.build import BuildState

    root = write_policy("second", tmp_path / "second")
    state = BuildState.load(root, command="check")
    renderer = Renderer(state.policy, state.pages, "zh", templates)
    rows = {row["id"]: row for row in renderer.list_rows("collected", Place(state.pages.part("inventory.md")))}
    # C13: the clause names an emergency contact, not these three items.
    assert [(item["name"], item["mark"]) for item in rows["C13"]["pi"]] == [
        ("紧急联系人姓名", {"basis": "listed"}), ("紧急联系人联系电话", {"basis": "listed"}),
        ("紧急联系人与您的关系", {"basis": "listed"})]
    marks = {field["key"]: field["mark"] for field in rows["C13"]["fields"]}
    assert marks["trigger"] == {"basis": "listed"}  # “您自愿填写时”
    assert marks["function"] is None  # the clause's own words
    assert rows["C13"]["function"] in renderer.clause_text("collection-emergency")
    assert "紧急联系人姓名" not in renderer.clause_text("collection-emergency")


def test_a_list_in_full_links_in_page(policy, pages, templates):
    renderer = Renderer(policy, pages, "en", templates)
    rows = renderer.list_rows("shared", Place(pages.part("full.md"), in_full=True))
    assert rows[0]["source"] == {"href": "#disclosure-provision", "title": "Section 3, (1) Provision"}
