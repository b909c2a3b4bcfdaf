"""Shared fixtures: a copy of the real site in a temporary folder, built by the real MkDocs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE_FILES = ("mkdocs.yml", "docs", "data", "schemas", "overrides", "hooks")
# The operator's text, copied verbatim from shared/seeds/ (test_site checks the copy is current).
SEED = ROOT / "tests" / "data" / "privacy-policy.zh.txt"
SHARED_SEED = ROOT.parent / "shared" / "seeds" / "privacy-policy.zh.txt"


def copy_site(target: Path) -> Path:
    """Copy what the build reads (not site/, not .git) into ``target``; return it."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SITE_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


def run(args: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a command of the project in ``cwd``; print how to reproduce it when it fails."""
    # Material's and ProperDocs' banners about MkDocs 2 (stderr noise, not log warnings).
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", **(env or {}))
    result = subprocess.run(args, cwd=cwd, env=environment, capture_output=True, text=True, timeout=600)
    result.reproduce = f"cd {cwd} && {' '.join(args)}"
    return result


# ZHIQING_ENGINE=properdocs runs the builds with ProperDocs instead of MkDocs (.ci/run does,
# in .venv-properdocs, from requirements-test-properdocs.txt): the same tests, the other engine.
ENGINE = os.environ.get("ZHIQING_ENGINE", "mkdocs")
if ENGINE not in ("mkdocs", "properdocs"):
    raise pytest.UsageError(f"ZHIQING_ENGINE is {ENGINE!r}, expected mkdocs or properdocs")
if ENGINE == "properdocs":
    import properdocs.replacement  # noqa: F401  (the hooks' `import mkdocs...` served by ProperDocs)
# static-i18n looks for lunr's language files in the `mkdocs` distribution when it is
# imported; under ProperDocs it falls back to its own list and says so, before the build
# starts (--strict does not count it). The only line the engines differ in.
PROPERDOCS_NOTICE = "WARNING -  mkdocs_static_i18n: Unable to detect lunr languages from mkdocs distribution"


def mkdocs_build(cwd: Path, *extra: str, env: dict | None = None, strict: bool = True) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` in ``cwd`` with the same Python that runs the tests.

    Under ZHIQING_ENGINE=properdocs: ``properdocs build --strict -f mkdocs.yml``.
    ``strict=False`` drops ``--strict`` (a draft builds, with its warning).
    """
    flags = ["--strict"] if strict else []
    if ENGINE == "properdocs":
        result = run([sys.executable, "-m", "properdocs", "build", *flags, "-f", "mkdocs.yml", *extra], cwd, env)
        result.stderr = "".join(line for line in result.stderr.splitlines(keepends=True)
                                if line.rstrip("\n") != PROPERDOCS_NOTICE)
        return result
    return run([sys.executable, "-m", "mkdocs", "build", *flags, *extra], cwd, env)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once with ``mkdocs build --strict``; returns its ``site/``."""
    work = copy_site(tmp_path_factory.mktemp("real"))
    result = mkdocs_build(work)
    assert result.returncode == 0, f"{result.reproduce}\n{result.stdout}\n{result.stderr}"
    assert "WARNING" not in result.stderr, result.stderr
    return work / "site"


@pytest.fixture
def site_copy(tmp_path) -> Path:
    """A fresh copy of the site sources to break in one test."""
    return copy_site(tmp_path / "site-src")
