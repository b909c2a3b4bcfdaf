"""A mistake in the data or the pages stops `mkdocs build` with one clear line, no traceback."""

from __future__ import annotations

import pytest

import sys

from conftest import mkdocs_build, run

CASES = [
    ("docs/contact.md", "{{ operator.handler.phone }}", "{{ operator.handler.fax }}",
     "Error reading 'docs/contact.md': line 9 uses an undefined variable ('dict object' has no attribute "
     "'fax'); expected a key of data/operator.yml such as operator.handler.name"),
    ("data/versions.yml", 'effective: "2023-11-01"', 'effective: "2023-02-30"',
     "Error reading 'data/versions.yml': entry 1 (id 2023-11-01) key 'effective' is '2023-02-30', "
     "not a date that exists (expected YYYY-MM-DD)"),
    ("data/inventory.yml", "source: collection-permissions", "source: collection-permission",
     "Error reading 'data/inventory.yml': collected row 4 (id C04) key 'source' is 'collection-permission', "
     "expected the id of a policy heading such as 'collection-permissions'"),
    ("docs/updates.md", "{#updates}", "",
     "Error reading 'docs/updates.md': line 5 is a heading without an explicit id "
     "('# 六、本隐私政策如何更新'); expected an ASCII id not used elsewhere, such as '# 六、本隐私政策如何更新 {#my-section}'"),
]


def edit(root, relative: str, old: str, new: str) -> None:
    """Replace the first ``old`` by ``new`` in a file of the site copy (``old`` must be there)."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("relative, old, new, message", CASES, ids=[c[0] for c in CASES])
def test_build_stops_with_one_message(site_copy, relative, old, new, message):
    edit(site_copy, relative, old, new)
    result = mkdocs_build(site_copy)
    assert result.returncode == 1, result.reproduce
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors[-1] == f"ERROR   -  {message}", result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_page_that_loads_from_another_host_fails_the_strict_build(site_copy):
    edit(site_copy, "docs/rights.md", "请求行使相应的个人信息权利。",
         "请求行使相应的个人信息权利。\n\n![logo](https://cdn.example.com/logo.png)\n\n"
         '<p style="background:url(https://cdn.example.com/b.png)">x</p>')
    result = mkdocs_build(site_copy)
    assert result.returncode == 1
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    for page in ("docs/rights.md", "docs/full.md"):
        for url in ("https://cdn.example.com/logo.png", "https://cdn.example.com/b.png"):
            assert (f"WARNING -  Error reading '{page}': the page loads {url} from another host; expected every "
                    f"image, script and stylesheet to be in docs/ (no page may contact another host)") in warnings


@pytest.mark.parametrize("relative, old, new, message", [
    ("docs/updates.md", "我们会进行及时更新。", "我们会进行及时更新。\n\n<!-- policy:full -->",
     "Error reading 'docs/updates.md': line 9 has the marker 'policy:full' in a page with policy: section; "
     "expected it only in the page with policy: full (docs/full.md)"),
    ("docs/storage.md", "\n2、存储地点", "\n\t2、存储地点",
     "Error reading 'docs/storage.md': line 11 starts with a tab or four spaces, which Markdown shows as a block "
     "of code; expected the paragraph to start at the beginning of the line"),
    ("docs/contact.md", "{{ operator.handler.phone }}", "{{ ''.__class__ }}",
     "Error reading 'docs/contact.md': line 9 uses a template expression a page may not use (access to attribute "
     "'__class__' of 'str' object is unsafe.); expected a key of data/operator.yml such as operator.handler.name"),
])
def test_build_and_check_refuse_the_same_page_mistakes(site_copy, relative, old, new, message):
    edit(site_copy, relative, old, new)
    built = mkdocs_build(site_copy)
    assert built.returncode == 1
    assert [line for line in built.stderr.splitlines() if line.startswith("ERROR")][-1] == f"ERROR   -  {message}"
    checked = run([sys.executable, "hooks/policy.py", "check"], site_copy)
    assert (checked.returncode, checked.stderr.strip()) == (1, f"policy.py check: {message}")
    assert "Traceback" not in built.stderr + checked.stderr
