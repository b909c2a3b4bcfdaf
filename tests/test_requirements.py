"""The two engines build from the same pins: requirements-properdocs.txt is requirements.txt
with ProperDocs in place of MkDocs, and both test files add the same test tools."""

from __future__ import annotations

import pytest

from conftest import ROOT

# What only MkDocs itself needs (ProperDocs brings its own get-deps and config merging).
MKDOCS_ONLY = {"mkdocs", "mkdocs-get-deps", "mergedeep"}


def pins(name: str) -> dict[str, str]:
    found = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-r"):
            package, version = line.split("==")
            found[package.lower().replace("_", "-")] = version
    return found


def test_properdocs_build_pins_are_the_mkdocs_pins_without_mkdocs():
    mkdocs, properdocs = pins("requirements.txt"), pins("requirements-properdocs.txt")
    assert properdocs == {name: version for name, version in mkdocs.items() if name not in MKDOCS_ONLY}
    assert mkdocs["properdocs"] == "1.6.7" and mkdocs["mkdocs-redirects"] == "1.2.3"


def test_both_test_files_pin_the_same_tools():
    """The same versions; the MkDocs file may have more (browser tests run on MkDocs only)."""
    mkdocs, properdocs = pins("requirements-test.txt"), pins("requirements-test-properdocs.txt")
    assert {name: mkdocs.get(name) for name in properdocs} == properdocs
    assert {"pytest", "beautifulsoup4", "hypothesis"} <= set(properdocs)
    assert "-r requirements.txt" in (ROOT / "requirements-test.txt").read_text(encoding="utf-8")
    assert "-r requirements-properdocs.txt" in (ROOT / "requirements-test-properdocs.txt").read_text(encoding="utf-8")


@pytest.mark.build
def test_the_engine_in_use():
    """Under ZHIQING_ENGINE=properdocs, `import mkdocs` is ProperDocs (no MkDocs installed)."""
    import mkdocs

    from conftest import ENGINE

    assert mkdocs.__name__ == ENGINE
