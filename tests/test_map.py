"""CONTRIBUTING.md's map of the code ("The code") lists every module, and only modules that exist."""

from __future__ import annotations

import re
import subprocess

import pytest

from conftest import ROOT

CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
# From its heading to the next section.
MAP = CONTRIBUTING[CONTRIBUTING.index("### The code"):CONTRIBUTING.index("\n## ", CONTRIBUTING.index("### The code"))]


def modules() -> list[str]:
    """Every Python module of the code and the benchmarks (packages' __init__.py aside)."""
    found = [*(ROOT / "hooks").rglob("*.py"), *(ROOT / "bench").glob("*.py")]
    return sorted(path.relative_to(ROOT).as_posix() for path in found
                  if path.name != "__init__.py" and "__pycache__" not in path.parts)


def test_every_module_is_in_the_map():
    listed = set(re.findall(r"^\| `([^`]+\.py)` \|", MAP, re.M))
    assert [module for module in modules() if module not in listed] == []


def test_every_module_in_the_map_exists():
    listed = re.findall(r"^\| `([^`]+\.py)` \|", MAP, re.M)
    assert [module for module in listed if not (ROOT / module).is_file()] == []
    assert len(listed) == len(set(listed))


def test_no_module_is_ignored_by_git():
    # .gitignore's "site/" once matched hooks/zhiqing/site/ too: five modules never reached a clone.
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    ignored = subprocess.run(["git", "check-ignore", "--no-index", *modules()], cwd=ROOT, capture_output=True,
                             text=True).stdout.split()
    assert ignored == []


def test_every_package_says_what_it_holds():
    packages = sorted(path.parent for path in (ROOT / "hooks/zhiqing").rglob("__init__.py"))
    assert [package.relative_to(ROOT).as_posix() for package in packages
            if not (package / "__init__.py").read_text(encoding="utf-8").startswith('"""')] == []


def test_no_file_in_the_repository_names_a_module_that_moved():
    gone = re.compile(r"hooks/(?:core|render|archive|check|check_hooks|pages|languages|archive_pages|full_page|"
                      r"headers|dates|published|wechat|build_context)\.py")
    texts = [ROOT / "README.md", ROOT / "GUIDE.md", ROOT / "CONTRIBUTING.md", ROOT / "mkdocs.yml", ROOT / ".ci/run", *(ROOT / "overrides").rglob("*.html"),
             *(ROOT / "hooks").rglob("*.py"),
             *(ROOT / "tests").rglob("*.py"), *(ROOT / "bench").glob("*.py"), *(ROOT / "data").rglob("*.yml")]
    named = [f"{path.relative_to(ROOT)}: {match}" for path in texts if path.name != "test_map.py"
             for match in gone.findall(path.read_text(encoding="utf-8"))]
    assert named == []
