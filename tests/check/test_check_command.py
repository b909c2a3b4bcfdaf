"""``python hooks/policy.py check`` and the check in the build: exit codes, JSON, bad rule files, the preview."""

from __future__ import annotations

import json
import sys

import pytest

from zhiqing.check import preview as check_hooks
from zhiqing.check import engine as check
from zhiqing.check.command import check_policy
from conftest import ENGINE, ROOT, copy_site, mkdocs_build, policy_py
from sample_policy import edit, source, texts

# --- the command line -------------------------------------------------------------------------

def test_cli_shipped_policy_exits_1(tmp_path):
    result = policy_py(copy_site(tmp_path / "site"), "check")
    assert result.returncode == 1, result.reproduce
    lines = result.stdout.splitlines()
    assert lines[-1] == "check: 45 errors, 18 warnings, 12 info"
    assert len(lines) == 45 + 18 + 12 + 1
    assert lines[0] == texts(check_policy(ROOT))[0]


def test_cli_clean_sample_exits_0(sample):
    result = policy_py(sample, "check")
    assert (result.returncode, result.stdout, result.stderr) == (0, "check: 0 errors, 0 warnings, 0 info\n", "")


def test_cli_warnings_only_exit_0(sample):
    edit(sample, "docs/rights.md", "删除您的个人信息", "删除您的个人信心")
    result = policy_py(sample, "check")
    assert result.returncode == 0, result.reproduce
    assert result.stdout.splitlines()[-1] == "check: 0 errors, 1 warning, 0 info"


def test_cli_json(sample):
    edit(sample, "docs/updates.md", "我们会重新取得您的同意。", "我们会重新取得您的同意。继续使用即视为同意。")
    result = policy_py(sample, "check", "--format", "json")
    assert result.returncode == 1, result.reproduce
    assert json.loads(result.stdout) == {
        "findings": [{"path": "docs/updates.md", "line": 7, "rule": "COL-08", "severity": "error",
                      "message": "consent is implied from use: “继续使用即视为同意”", "source": source("COL-08"),
                      "page": "updates.md"}],
        "counts": {"error": 1, "warning": 0, "info": 0},
    }


@pytest.mark.parametrize("relative, old, new, message", [
    ("data/rules/rules.yml", "META-01:\n  severity: error", "META-01:\n  severity: fatal",
     "Error reading 'data/rules/rules.yml': key 'META-01.severity' is 'fatal', expected one of error, warning, info"),
    ("data/rules/phrases.yml", "implied_consent:\n  source", "implied_consent_x:\n  source",
     "Error reading 'data/rules/phrases.yml': the list 'implied_consent' is missing; "
     "expected implied_consent: {source: ..., patterns: [...]}"),
    ("data/rules/phrases.yml", "'X{2,}'", "'(X{2,}'",
     "Error reading 'data/rules/phrases.yml': placeholder pattern 1 '(X{2,}' is not a regular expression "
     "(missing ), unterminated subpattern at position 0); expected a Python regular expression"),
    ("data/rules/garbles.yml", "{wrong: 登陆, right: 登录}", "{wrong: 登陆}",
     "Error reading 'data/rules/garbles.yml': garbles row 1 key 'right' is missing (expected the suggested form)"),
])
def test_cli_bad_rule_file_is_one_line(sample, relative, old, new, message):
    edit(sample, relative, old, new)
    result = policy_py(sample, "check")
    assert (result.returncode, result.stdout) == (1, ""), result.reproduce
    assert result.stderr == f"policy.py check: {message}\n"


# --- the build --------------------------------------------------------------------------------

def test_with_findings_goes_under_the_title():
    assert check_hooks.with_findings("# 标题 {#t}\n\n正文\n", "<div>\n\n<p>x</p>\n</div>") == \
        "# 标题 {#t}\n\n<div>\n<p>x</p>\n</div>\n\n\n正文\n"
    assert check_hooks.with_findings("正文", "<div></div>") == "\n<div></div>\n\n正文"


def test_findings_for_a_page_in_both_languages():
    one = check.Finding("docs/contact.md", 9, "META-02", "error", "m", "s", "contact.md")
    other = check.Finding("data/operator.yml", 7, "META-01", "error", "m", "s", "index.md")
    assert check_hooks.findings_for([one, other], "contact.md") == [one]
    assert check_hooks.findings_for([one, other], "contact.en.md") == [one]
    assert check_hooks.findings_for([one, other], "index.en.md") == [other]


@pytest.mark.build
def test_build_logs_one_info_line_and_publishes_no_findings(tmp_path):
    root = copy_site(tmp_path / "site")
    result = mkdocs_build(root)
    assert result.returncode == 0, f"{result.reproduce}\n{result.stderr}"
    lines = [line for line in result.stderr.splitlines() if "Compliance check" in line]
    assert lines == ["INFO    -  Compliance check: 45 errors, 18 warnings, 12 info "
                     "(python hooks/policy.py check lists them)"]
    assert not [path for path in (root / "site").rglob("*.html") if "policy-check" in path.read_text(encoding="utf-8")]


@pytest.mark.build
def test_serve_shows_the_findings_on_their_pages(tmp_path):
    import os
    import socket
    import subprocess
    import time
    import urllib.request

    root = copy_site(tmp_path / "site")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", ENGINE, "serve", "--no-livereload", "-a", f"127.0.0.1:{port}", "-f", "mkdocs.yml"]
    server = subprocess.Popen(command, cwd=root, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pages = {}
    try:
        deadline = time.monotonic() + 120
        for path in ("contact/", "en/contact/", "storage/"):
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
                        pages[path] = response.read().decode("utf-8")
                    break
                except OSError:
                    assert time.monotonic() < deadline, f"cd {root} && {' '.join(command)}"
                    time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=30)
    for path in ("contact/", "en/contact/"):
        assert '<div class="admonition danger policy-check">' in pages[path]
        assert "<code>docs/contact.md:9</code> <strong>META-02</strong> error:" in pages[path]
    assert "<code>docs/storage.md:9</code> <strong>COL-07</strong> error:" in pages["storage/"]


@pytest.mark.build
def test_build_stops_on_a_broken_rule_file(tmp_path):
    root = copy_site(tmp_path / "site")
    edit(root, "data/rules/rules.yml", "COL-08:\n  severity: error", "COL-08:\n  severity: blocker")
    result = mkdocs_build(root)
    assert result.returncode == 1, result.reproduce
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors[-1] == ("ERROR   -  Error reading 'data/rules/rules.yml': key 'COL-08.severity' is 'blocker', "
                          "expected one of error, warning, info")
    assert "Traceback" not in result.stderr + result.stdout
