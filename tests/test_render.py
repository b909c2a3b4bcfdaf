"""Rendering the policy pages: variables, markers, the table of contents, /full/ assembly."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from zhiqing.build import BuildState
from zhiqing.data import model
from zhiqing.errors import PolicyError
from zhiqing.pages import discover
from zhiqing.render.renderer import Place, Renderer
from conftest import ROOT, copy_site, mkdocs_build, problems


@pytest.fixture(scope="module")
def pages():
    return discover.discover(ROOT / "docs", discover.read_nav(ROOT), ROOT)


@pytest.fixture(scope="module")
def parts(pages):
    return pages.parts


def test_parts_in_nav_order(parts):
    assert [(p.kind, p.src) for p in parts] == [
        ("intro", "index.md"), ("section", "collection.md"), ("section", "storage.md"),
        ("section", "disclosure.md"), ("section", "rights.md"), ("section", "minors.md"),
        ("section", "updates.md"), ("section", "contact.md"), ("annex", "inventory.md"),
        ("annex", "sharing.md"), ("full", "full.md"), ("archive", "archive/index.md"),
    ]


@pytest.mark.parametrize("language, expected", [
    ("zh", "- [一、我们如何收集和使用您的个人信息](collection.md)\n"
           "- [二、我们如何存储和保护您的个人信息](storage.md)\n"
           "- [三、我们如何提供、转移、公开您的个人信息](disclosure.md)\n"
           "- [四、您如何查阅及管理您的个人信息](rights.md)\n"
           "- [五、未成年人的个人信息保护](minors.md)\n"
           "- [六、本隐私政策如何更新](updates.md)\n"
           "- [七、如何联系我们](contact.md)"),
    ("en", "- [1. How we collect and use your personal information](collection.md)\n"
           "- [2. How we store and protect your personal information](storage.md)\n"
           "- [3. How we provide, transfer and publicly disclose your personal information](disclosure.md)\n"
           "- [4. How you access and manage your personal information](rights.md)\n"
           "- [5. Protection of minors' personal information](minors.md)\n"
           "- [6. How this Privacy Policy is updated](updates.md)\n"
           "- [7. How to contact us](contact.md)"),
])
def test_toc_of_pages(policy, pages, parts, templates, language, expected):
    assert Renderer(policy, pages, language, templates).toc_markdown(in_full=False) == expected


def test_toc_in_full_links_in_page(policy, pages, parts, templates):
    toc = Renderer(policy, pages, "zh", templates).toc_markdown(in_full=True)
    assert toc.split("\n")[0] == "- [一、我们如何收集和使用您的个人信息](#collection)"
    assert toc.split("\n")[-1] == "- [七、如何联系我们](#contact)"


def test_dates_html(policy, pages, parts, templates):
    first = policy.versions[0]  # the first release, 2023-11-01 (the newest is stamped on the built site: test_site)
    assert Renderer(policy, pages, "zh", templates).dates_html(first) == (
        '<div class="policy-dates">\n'
        '<p>生效日期: <time datetime="2023-11-01">2023年11月1日</time></p>\n'
        '<p>最新更新日期: <time datetime="2023-11-01">2023年11月1日</time></p>\n'
        "</div>")
    assert Renderer(policy, pages, "en", templates).dates_html(first) == (
        '<div class="policy-dates">\n'
        '<p>Effective date: <time datetime="2023-11-01">November 1, 2023</time></p>\n'
        '<p>Last updated: <time datetime="2023-11-01">November 1, 2023</time></p>\n'
        "</div>")


def test_variables_are_resolved_and_escaped(policy, pages, parts, templates):
    policy = model.Policy(policy.root, {**policy.operator, "handler": {**policy.operator["handler"],
                         "name": {"zh": "<b>知情</b>科技", "en": "Zhiqing"}, "phone": "400-123-4567"}},
                         policy.inventory, policy.versions)
    renderer = Renderer(policy, pages, "zh", templates)
    contact = renderer.page(parts[7])
    assert "您可以通过电话400-123-4567与我们联系；" in contact.split("\n")
    intro = renderer.page(parts[0])
    assert "&lt;b&gt;知情&lt;/b&gt;科技(“我们”)作为本产品或服务" in intro


def test_undefined_variable_names_file_and_line(policy, pages, parts, templates):
    renderer = Renderer(policy, pages, "zh", templates)
    with pytest.raises(PolicyError) as caught:
        renderer.variables_resolved("第一行\n\n您可以通过{{ operator.handler.fax }}联系", "docs/contact.md", offset=4)
    assert str(caught.value) == (
        "Error reading 'docs/contact.md': line 7 uses an undefined variable ('dict object' has no attribute "
        "'fax'); expected a key of data/operator.yml such as operator.handler.name")


def test_template_syntax_error_names_line(policy, pages, parts, templates):
    renderer = Renderer(policy, pages, "zh", templates)
    with pytest.raises(PolicyError) as caught:
        renderer.variables_resolved("a\n{{ operator.handler.name \n", "docs/index.md", offset=0)
    assert str(caught.value).startswith("Error reading 'docs/index.md': line 2 has a template error: ")


def test_unknown_marker(policy, pages, parts, templates):
    source = pages.source(parts[1], "zh")
    edited = dataclasses.replace(source, body="# 一 {#collection}\n\n<!-- policy:tables -->\n", offset=3)
    renderer = Renderer(policy, discover.PolicyPages(parts, {**pages.sources, (parts[1].src, "zh"): edited}),
                        "zh", templates)
    with pytest.raises(PolicyError) as caught:
        renderer.page(parts[1])
    assert str(caught.value) == (
        "Error reading 'docs/collection.md': line 6 has the unknown marker 'policy:tables'; expected one of "
        "policy:dates, policy:toc, policy:inventory, policy:sharing, policy:full, policy:archive, policy:changes, policy:since")


def test_section_page_gets_dates_under_its_title(policy, pages, parts, templates):
    text = Renderer(policy, pages, "zh", templates).page(parts[6])
    assert text.split("\n")[:4] == ["", "# 六、本隐私政策如何更新 {#updates}", "", '<div class="policy-dates">']


def test_full_shifts_headings_and_links_in_page(policy, pages, parts, templates):
    full = Renderer(policy, pages, "zh", templates).full()
    lines = full.split("\n")
    assert "# 隐私政策 {#privacy-policy}" in lines
    assert "## 一、我们如何收集和使用您的个人信息 {#collection}" in lines
    assert "### 5、设备权限调用 {#collection-permissions}" in lines
    assert "## 小程序收集的个人信息种类及收集目的 {#inventory}" in lines
    assert "](inventory.md)" not in full
    assert "请您理解，[《小程序收集的个人信息种类及收集目的》](#inventory)列表载明的信息外" in full
    assert full.count('<div class="policy-dates">') == 1


def link_to_the_history(root):
    """``updates.md`` and ``updates.en.md`` of a copy at ``root`` gain a link to ``archive/index.md``."""
    for name, sentence in (("updates.md", "以往版本见[历史版本](archive/index.md)。"),
                           ("updates.en.md", "Earlier versions: [version history](archive/index.md).")):
        path = root / "docs" / name
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + sentence + "\n", encoding="utf-8")


def test_full_keeps_links_to_pages_it_does_not_contain(tmp_path):
    root = copy_site(tmp_path / "site")
    link_to_the_history(root)
    state = BuildState.load(root)
    full = state.renderer("zh").full()
    assert "以往版本见[历史版本](archive/index.md)。" in full
    assert "(#archive)" not in full
    assert "Earlier versions: [version history](archive/index.md)." in state.renderer("en").full()
    assert "[《小程序收集的个人信息种类及收集目的》](#inventory)" in full


@pytest.mark.build
def test_a_link_to_the_history_builds_in_full(tmp_path):
    root = copy_site(tmp_path / "site")
    link_to_the_history(root)
    result = mkdocs_build(root, strict=False)
    assert [line for line in problems(result) if "differs from the newest release" not in line] == []
    html = (root / "site/full/index.html").read_text(encoding="utf-8")
    assert '以往版本见<a href="../archive/">历史版本</a>。' in html
    assert 'Earlier versions: <a href="../archive/">version history</a>.' in (root / "site/en/full/index.html").read_text(encoding="utf-8")


def test_inventory_row_links_to_its_clause(policy, pages, parts, templates):
    renderer = Renderer(policy, pages, "zh", templates)
    rows = renderer.collected_rows(Place(parts[8]))
    assert [(row["id"], row["href"]) for row in rows[:5]] == [
        ("C01", "../collection/#collection-functions"), ("C02", "../collection/#collection-use"),
        ("C03", "../collection/#collection-use"), ("C04", "../collection/#collection-permissions"),
        ("C05", "../collection/#collection-permissions")]
    assert renderer.collected_rows(Place(parts[10], in_full=True))[0]["href"] == "#collection-functions"


@pytest.mark.parametrize("edit, message", [
    (("docs/storage.md", "## （二）个人信息的保护措施 {#storage-protection}", "## （二）个人信息的保护措施"),
     "Error reading 'docs/storage.md': line 16 is a heading without an explicit id ('## （二）个人信息的保护措施'); "
     "expected an ASCII id not used elsewhere, such as '## （二）个人信息的保护措施 {#my-section}'"),
    (("docs/storage.md", "{#storage-protection}", "{#collection-use}"),
     "Error reading 'docs/storage.md': line 16 uses the heading id 'collection-use' already used in "
     "docs/collection.md; expected an id used once in the policy"),
    (("docs/storage.md", "{#storage-protection}", "{#存储}"),
     "Error reading 'docs/storage.md': line 16 has the heading id '存储'; expected lowercase ASCII letters, "
     "digits and hyphens such as 'collection'"),
    (("docs/storage.en.md", " {#storage-protection}", " {#protection}"),
     "Error reading 'docs/storage.en.md': it lacks the heading id 'storage-protection'; expected the same "
     "heading ids as 'docs/storage.md', in the same order"),
    (("docs/rights.md", "policy: section", "policy: chapter"),
     "Error reading 'docs/rights.md': front matter 'policy' is 'chapter', expected one of intro, section, annex, full, archive"),
])
def test_page_structure_errors(tmp_path, edit, message):
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    relative, old, new = edit
    path = tmp_path / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        discover.discover(tmp_path / "docs", discover.read_nav(ROOT), tmp_path)
    assert str(caught.value) == message


def test_missing_translation(tmp_path):
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    (tmp_path / "docs/minors.en.md").unlink()
    with pytest.raises(PolicyError) as caught:
        discover.discover(tmp_path / "docs", discover.read_nav(ROOT), tmp_path)
    assert str(caught.value) == ("Error reading 'docs/minors.en.md': the file does not exist; "
                                 "expected the en translation of 'docs/minors.md'")
