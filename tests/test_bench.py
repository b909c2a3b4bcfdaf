"""The benchmarks run: their shared helpers import as the scripts import them, and make what they say."""

from __future__ import annotations

import datetime
import sys

import pytest

from conftest import NEWEST_RELEASE, ROOT, run, shipped_releases

# What `python bench/<script>.py` does: bench/ first on the path, then the scripts' imports.
# bench/archive.py once shadowed the project's archive module this way (its own `import archive` got itself).
SCRIPT = """
import pathlib, sys
sys.path.insert(0, "bench")
import archive, browser_visits, build, page_heights, work, yaml_inputs  # every script, as a module, before the helpers are used
from sites import build_environment, make_site
site = make_site(pathlib.Path(sys.argv[1]), 2)
print((site / "data/versions.yml").read_text(encoding="utf-8").count("- id:"))
print(sorted(p.name for p in (site / "docs/archive").iterdir() if p.is_dir()))
print("在 17 天内" in (site / "docs/archive" / sys.argv[2] / "index.md").read_text(encoding="utf-8"))
print(build_environment(site)["SOURCE_DATE_EPOCH"])
"""


@pytest.mark.build
def test_bench_scripts_import_their_helpers_and_make_releases(tmp_path):
    # Two releases on the two days after the newest shipped one; the second's reply time is 17 days.
    first, second = (datetime.date.fromisoformat(NEWEST_RELEASE) + datetime.timedelta(days=n) for n in (1, 2))
    result = run([sys.executable, "-c", SCRIPT, str(tmp_path / "site"), second.isoformat()], ROOT)
    assert result.returncode == 0, f"{result.reproduce}\n{result.stderr}"
    releases = [*shipped_releases(), first.isoformat(), second.isoformat()]
    noon = datetime.datetime.combine(second, datetime.time(12), tzinfo=datetime.timezone.utc)  # a build on that day
    assert result.stdout.splitlines() == [str(len(releases)), str(releases), "True", str(int(noon.timestamp()))]
