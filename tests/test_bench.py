"""The benchmarks run: their shared helpers import as the scripts import them, and make what they say."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT, run

# What `python bench/<script>.py` does: bench/ first on the path, then the scripts' imports.
# bench/archive.py once shadowed the project's archive module this way (its own `import archive` got itself).
SCRIPT = """
import pathlib, sys
sys.path.insert(0, "bench")
import archive, build, page_heights, work, yaml_inputs  # every script, as a module, before the helpers are used
from sites import make_site
site = make_site(pathlib.Path(sys.argv[1]), 2)
print((site / "data/versions.yml").read_text(encoding="utf-8").count("- id:"))
print(sorted(p.name for p in (site / "docs/archive").iterdir() if p.is_dir()))
print("在 17 天内" in (site / "docs/archive/2024-01-02/index.md").read_text(encoding="utf-8"))
"""


@pytest.mark.build
def test_bench_scripts_import_their_helpers_and_make_releases(tmp_path):
    result = run([sys.executable, "-c", SCRIPT, str(tmp_path / "site")], ROOT)
    assert result.returncode == 0, f"{result.reproduce}\n{result.stderr}"
    assert result.stdout.splitlines() == ["3", "['2023-11-01', '2024-01-01', '2024-01-02']", "True"]
