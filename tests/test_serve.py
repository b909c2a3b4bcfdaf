"""``mkdocs serve`` as an author runs it: an edit under ``hooks/`` takes effect on the next rebuild.

One real ``serve`` process on a copy of the site (a free port on 127.0.0.1): the page is read,
a helper module of the ``zhiqing`` package and then ``hooks/events.py`` itself are edited, and
the page served after the rebuild shows each edit, without a restart.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import ENGINE, NEWEST_RELEASE, QUIET, zh_date

pytestmark = pytest.mark.build


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, process: subprocess.Popen, seconds: float = 90) -> str:
    """The page at ``url`` once it contains ``text``; fails with serve's output after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            return page
        if process.poll() is not None:
            break
        time.sleep(0.5)
    process.terminate()
    output = process.communicate(timeout=30)[0]
    pytest.fail(f"{text!r} never appeared at {url}; serve said:\n{output}")


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_under_hooks_takes_effect_on_the_next_rebuild(site_copy):
    port = free_port()
    args = [sys.executable, "-m", ENGINE, "serve", "-a", f"127.0.0.1:{port}"]
    if ENGINE == "properdocs":
        args += ["-f", "mkdocs.yml"]
    environment = dict(os.environ, **QUIET, PYTHONDONTWRITEBYTECODE="1")
    process = subprocess.Popen(args, cwd=site_copy, env=environment, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/collection/"
    stamped = f'<time datetime="{NEWEST_RELEASE}">'  # the newest release's effective date
    try:
        wait_for(url, f"{stamped}{zh_date(NEWEST_RELEASE)}</time>", process)
        edit(site_copy / "hooks/zhiqing/data/dates.py",
             'return babel_format_date(day, format="long", locale=BABEL_LOCALES[language])',
             'return "edited " + babel_format_date(day, format="long", locale=BABEL_LOCALES[language])')
        wait_for(url, f"{stamped}edited {zh_date(NEWEST_RELEASE)}</time>", process)
        edit(site_copy / "hooks/events.py",
             '        markdown = preview.with_page_findings(state, markdown, page.file.src_uri, language)\n',
             '        markdown = preview.with_page_findings(state, markdown, page.file.src_uri, language)\n'
             '        markdown += "\\n\\nedited events.py\\n"\n')
        wait_for(url, "<p>edited events.py</p>", process)
    finally:
        process.terminate()
        output = process.communicate(timeout=30)[0]
    assert output.count("INFO    -  hooks/ changed: reloaded hooks/events.py and the zhiqing package for this build") == 2
    assert "Traceback" not in output, output
