"""A mistake in the data or the pages stops `mkdocs build` with one clear line, no traceback."""

from __future__ import annotations

import pytest

from conftest import mkdocs_build

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
     "('# 六、本隐私政策如何更新'); expected an ASCII id such as '# 六、本隐私政策如何更新 {#collection}'"),
]


@pytest.mark.parametrize("relative, old, new, message", CASES, ids=[c[0] for c in CASES])
def test_build_stops_with_one_message(site_copy, relative, old, new, message):
    path = site_copy / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = mkdocs_build(site_copy)
    assert result.returncode == 1, result.reproduce
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors[-1] == f"ERROR   -  {message}", result.stderr
    assert "Traceback" not in result.stderr + result.stdout
