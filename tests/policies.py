"""Whole policies of fictional operators, kept as files under ``tests/data/policies/<name>/``, written as sites.

A policy folder holds ``nav.txt`` (the pages in nav order, one a line), ``docs/<page>.md`` (the
Chinese pages only) and ``data/operator.yml``, ``data/inventory.yml``, ``data/versions.yml``.
:func:`write_policy` turns it into a folder that ``check_policy`` (and the build) reads: the
repository's own ``schemas/``, ``overrides/`` and ``data/rules/``, a ``mkdocs.yml`` whose nav is
``nav.txt``, every page with an identical ``.en.md`` copy (the check reads the Chinese; the copy
only satisfies the build's rule that every page has its translation), and the data files.

``clean`` (燃动约课, a fitness-class booking mini program of 杭州燃动健身科技有限公司) is a complete,
compliant policy; ``tests/check/policy_tables.py`` breaks it one defect at a time and words it
other ways, and ``tests/check/test_policies.py`` measures the check on it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT

POLICIES = ROOT / "tests" / "data" / "policies"
DATA_FILES = ("operator.yml", "inventory.yml", "versions.yml")


def policy_names() -> list[str]:
    """The policies kept under ``tests/data/policies/`` (folder names, sorted)."""
    return sorted(path.name for path in POLICIES.iterdir() if (path / "nav.txt").is_file())


def nav(name: str) -> list[str]:
    """The pages of policy ``name`` in nav order (``nav.txt``, blank lines and ``#`` comments skipped)."""
    lines = (POLICIES / name / "nav.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def write_policy(name: str, root: Path) -> Path:
    """Write policy ``name`` of ``tests/data/policies/`` as a site under ``root`` (created); return ``root``.

    Raises FileNotFoundError naming the policy folder when ``name`` is not one of
    :func:`policy_names`, or naming the page or data file that nav.txt or DATA_FILES lists
    and the folder lacks; FileExistsError when ``root`` already holds ``schemas/``.
    """
    source = POLICIES / name
    if not (source / "nav.txt").is_file():
        raise FileNotFoundError(f"{source} is not a policy folder (no nav.txt); expected one of {policy_names()}")
    pages = nav(name)
    for page in pages:
        if not (source / "docs" / page).is_file():
            raise FileNotFoundError(f"{source / 'nav.txt'} lists {page}, which is not in {source / 'docs'}")
    root.mkdir(parents=True, exist_ok=True)
    for folder in ("schemas", "overrides"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copytree(ROOT / "data" / "rules", root / "data" / "rules")
    (root / "mkdocs.yml").write_text(f"site_name: {name}\nnav:\n" + "".join(f"  - {page}\n" for page in pages),
                                     encoding="utf-8")
    (root / "docs").mkdir()
    for page in pages:
        text = (source / "docs" / page).read_text(encoding="utf-8")
        (root / "docs" / page).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / page).write_text(text, encoding="utf-8")
        (root / "docs" / page.replace(".md", ".en.md")).write_text(text, encoding="utf-8")
    for data in DATA_FILES:
        shutil.copyfile(source / "data" / data, root / "data" / data)
    # A policy with releases keeps its frozen snapshots and its ledger of published URLs.
    if (source / "docs" / "archive").is_dir():
        for path in (source / "docs" / "archive").rglob("*"):
            target = root / "docs" / path.relative_to(source / "docs")
            if path.is_file() and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    if (source / "data" / "published-urls.txt").is_file():
        shutil.copyfile(source / "data" / "published-urls.txt", root / "data" / "published-urls.txt")
    return root
