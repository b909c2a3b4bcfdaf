"""The documents: a short README whose commands are CI's, links that resolve, no path outside the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT

DOCUMENTS = ["README.md", "GUIDE.md", "CONTRIBUTING.md"]
README_LINES = 150
# The README's first command (the build); its second is .ci/run's last line.
BUILD_COMMAND = ("python3 -m venv .venv && .venv/bin/pip install -r requirements.txt && "
                 "NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true .venv/bin/mkdocs build --strict")
CI_MARKER = "# The README's test command, exactly:"


def text(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


def prose(markdown: str) -> str:
    """``markdown`` without fenced code blocks and inline code (their brackets are not links)."""
    without_blocks = re.sub(r"^(```|~~~).*?^\1[^\n]*$", "", markdown, flags=re.M | re.S)
    return re.sub(r"`[^`\n]*`", "", without_blocks)


def slug(heading: str) -> str:
    """GitHub's anchor of a heading: lowercase, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(markdown: str) -> set[str]:
    """The anchors of every heading of ``markdown`` (a repeated one gets -1, -2 … as on GitHub)."""
    found: dict[str, int] = {}
    result = set()
    for heading in re.findall(r"^#{1,6} +(.+?) *#*$", prose(markdown), re.M):
        base = slug(heading)
        number = found.get(base, 0)
        found[base] = number + 1
        result.add(base if number == 0 else f"{base}-{number}")
    return result


def links(markdown: str) -> list[str]:
    """The targets of the Markdown links of ``markdown`` (outside code)."""
    return re.findall(r"\[[^\]]*\]\(([^)\s]+)\)", prose(markdown))


def test_readme_is_short():
    lines = text("README.md").splitlines()
    assert len(lines) < README_LINES, f"README.md has {len(lines)} lines; expected under {README_LINES}"


def test_readme_starts_with_the_two_commands_ci_runs():
    block = re.search(r"\A# [^\n]+\n\n```sh\n(.*?)\n```\n", text("README.md"), re.S)
    assert block is not None, "README.md does not start with its title and a ```sh block"
    ci = text(".ci/run").splitlines()
    test_command = ci[ci.index(CI_MARKER) + 1]
    assert block.group(1).split("\n") == [BUILD_COMMAND, test_command]
    assert test_command == ("python3 -m venv .venv && .venv/bin/pip install -r requirements-test.txt && "
                            "npm ci --no-audit --no-fund && .venv/bin/python -m pytest")


def test_the_readme_states_the_test_time():
    assert re.search(r"^The test command takes about \S+ minutes on 2 CPUs\.$", text("README.md"), re.M)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_relative_link_resolves(name):
    broken = []
    for target in links(text(name)):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto:
            continue
        path, _, anchor = target.partition("#")
        file = (ROOT / name).parent / path if path else ROOT / name
        if not file.resolve().is_relative_to(ROOT) or not file.exists():
            broken.append(f"{target}: no file {path}")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file.read_text(encoding="utf-8")):
            broken.append(f"{target}: no heading #{anchor} in {path or name}")
    assert broken == []


def test_the_links_are_found():
    # The checks above see the README's links to the other two documents.
    assert {"GUIDE.md", "CONTRIBUTING.md", "GUIDE.md#releasing-a-version", "#check"} <= set(links(text("README.md")))
    assert slug("The compliance check's rules") == "the-compliance-checks-rules"
    assert slug("The lean /full/ page") == "the-lean-full-page"


def test_the_documents_named_in_messages_hold_the_section():
    # A message or comment sends the reader to a document's section by its name.
    named = []
    files = [*(ROOT / "hooks").rglob("*.py"), *(ROOT / "bench").glob("*.py"), ROOT / ".ci/run",
             ROOT / ".github/workflows/publish.yml", ROOT / "mkdocs.yml"]
    for file in files:
        for document, section in re.findall(r"(README|GUIDE\.md|CONTRIBUTING\.md)[:,]? \(?\\?\"([^\"\\\n]+)\\?\"",
                                            file.read_text(encoding="utf-8")):
            document = "README.md" if document == "README" else document
            if section not in text(document):
                named.append(f"{file.relative_to(ROOT)}: {document} has no {section!r}")
    assert named == []
    assert 'README: \\"Throwing away a release\\"' in text("hooks/zhiqing/archive/release.py")


# Paths outside the repository (the patterns are written so that this file does not match them).
OUTSIDE = re.compile(r"\.\./shared|/wor[k]/|shared/seed[s]")
SKIP_PARTS = {".git", ".venv", ".venv-properdocs", "node_modules", "site", "__pycache__", ".pytest_cache",
              ".hypothesis"}


def repository_texts() -> list[Path]:
    """Every text file of the repository (what a clone holds, without installed packages or builds)."""
    found = []
    for path in ROOT.rglob("*"):
        relative = path.relative_to(ROOT)
        if path.is_file() and not SKIP_PARTS & set(relative.parts) and path.suffix not in {".png", ".ico", ".woff2"}:
            try:
                path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            found.append(path)
    return found


def test_nothing_refers_to_a_path_outside_the_repository():
    files = repository_texts()
    assert ROOT / "tests/conftest.py" in files and ROOT / "README.md" in files
    named = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}" for path in files
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if OUTSIDE.search(line)]
    assert named == []
