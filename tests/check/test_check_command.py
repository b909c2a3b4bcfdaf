"""``python hooks/policy.py check`` and the check in the build: Chinese by default and English with ``--lang en``,
exit codes, JSON, bad rule files, the preview box in the page's language."""

from __future__ import annotations

import json
import sys

import pytest

from zhiqing.build import BuildState
from zhiqing.check import preview as check_hooks
from zhiqing.check import engine as check
from zhiqing.check.command import check_policy
from zhiqing.site import outputs
from conftest import ENGINE, ROOT, copy_site, mkdocs_build, policy_py
from sample_policy import edit, source, texts

# --- the command line -------------------------------------------------------------------------

def test_cli_shipped_policy_exits_1(tmp_path):
    result = policy_py(copy_site(tmp_path / "site"), "check")
    assert result.returncode == 1, result.reproduce
    lines = result.stdout.splitlines()
    assert lines[-1] == "check：41 个错误、18 个警告、12 条提示"
    assert len(lines) == 41 + 18 + 12 + 1
    assert lines[:-1] == texts(check_policy(ROOT))
    assert lines[0] == ("docs/index.md:10: TXT-04 提示：中文中使用了英文标点：“(“我们”)作为”。建议：改用中文标点“，（）”"
                        "（依据：" + source("TXT-04") + "）")


def test_cli_shipped_policy_in_english(tmp_path):
    result = policy_py(copy_site(tmp_path / "site"), "check", "--lang", "en")
    assert result.returncode == 1, result.reproduce
    lines = result.stdout.splitlines()
    assert lines[-1] == "check: 41 errors, 18 warnings, 12 info"
    assert lines[:-1] == texts(check_policy(ROOT, language="en"))
    assert lines[0] == ("docs/index.md:10: TXT-04 info: ASCII punctuation in Chinese text: “(“我们”)作为”. "
                        "Fix: use ，（）. (source: " + source("TXT-04") + ")")


@pytest.mark.parametrize("args, summary", [((), "check：0 个错误、0 个警告、0 条提示\n"),
                                           (("--lang", "zh"), "check：0 个错误、0 个警告、0 条提示\n"),
                                           (("--lang", "en"), "check: 0 errors, 0 warnings, 0 info\n")])
def test_cli_clean_sample_exits_0(sample, args, summary):
    result = policy_py(sample, "check", *args)
    assert (result.returncode, result.stdout, result.stderr) == (0, summary, "")


@pytest.mark.parametrize("args, output", [
    ((), "docs/rights.md:8: TXT-02 警告：“个人信心”疑为错字，常用表述为“个人信息”。建议：改为“个人信息”（在下一版本中）"
         "（依据：{source}）\ncheck：0 个错误、1 个警告、0 条提示\n"),
    (("--lang", "en"), "docs/rights.md:8: TXT-02 warning: “个人信心” looks garbled; the stock phrase is “个人信息”. "
                       "Fix: write “个人信息” (in the next version). (source: {source})\ncheck: 0 errors, 1 warning, 0 info\n"),
])
def test_cli_warnings_only_exit_0(sample, args, output):
    edit(sample, "docs/rights.md", "删除您的个人信息", "删除您的个人信心")
    result = policy_py(sample, "check", *args)
    assert (result.returncode, result.stdout, result.stderr) == (0, output.format(source=source("TXT-02")), ""), \
        result.reproduce


def test_cli_rejects_another_language(sample):
    result = policy_py(sample, "check", "--lang", "fr")
    assert (result.returncode, result.stdout) == (1, ""), result.reproduce
    assert result.stderr == ("policy.py check: argument --lang: invalid choice: 'fr' (choose from 'zh', 'en'); "
                             "expected the arguments `python hooks/policy.py check --help` lists\n")


@pytest.mark.parametrize("args, language, message, fix", [
    ((), "zh", "以使用行为推定同意：“继续使用即视为同意”",
     "改为通过弹窗等方式由您主动勾选或点击“同意”，不以使用、浏览或点击进入视为同意"),
    (("--lang", "en"), "en", "consent is implied from use: “继续使用即视为同意”",
     "ask for consent by an explicit action (a box to tick, an “agree” button); using or opening is not consent"),
])
def test_cli_json(sample, args, language, message, fix):
    edit(sample, "docs/updates.md", "我们会重新取得您的同意。", "我们会重新取得您的同意。继续使用即视为同意。")
    result = policy_py(sample, "check", "--format", "json", *args)
    assert result.returncode == 1, result.reproduce
    assert json.loads(result.stdout) == {
        "language": language,
        "findings": [{"path": "docs/updates.md", "line": 8, "rule": "COL-08", "severity": "error",
                      "message": message, "fix": fix, "source": source("COL-08"), "page": "updates.md",
                      "language": language}],
        "counts": {"error": 1, "warning": 0, "info": 0},
    }
    assert "\\u" not in result.stdout  # Chinese written as it is, for a person to read


def test_cli_json_clean_sample_exits_0(sample):
    result = policy_py(sample, "check", "--format", "json", "--lang", "en")
    assert (result.returncode, result.stderr) == (0, ""), result.reproduce
    assert json.loads(result.stdout) == {"language": "en", "findings": [], "counts": {"error": 0, "warning": 0, "info": 0}}


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


# The box mkdocs serve puts under a page's title (overrides/policy/check.html), in the page's language.
BOX = {
    "zh": ('<div class="admonition danger policy-check">\n<p class="admonition-title">合规检查（仅在预览中显示）：1 项</p>\n'
           '<ul>\n<li><code>docs/updates.md:8</code> <strong>COL-08</strong> 错误：以使用行为推定同意：“继续使用即视为同意”。'
           '建议：改为通过弹窗等方式由您主动勾选或点击“同意”，不以使用、浏览或点击进入视为同意 <em>（依据：{source}）</em></li>\n'
           '</ul>\n<p><code>python hooks/policy.py check</code></p>\n</div>'),
    "en": ('<div class="admonition danger policy-check">\n<p class="admonition-title">Compliance check (shown only in '
           'the preview): 1 finding</p>\n<ul>\n<li><code>docs/updates.md:8</code> <strong>COL-08</strong> error: '
           'consent is implied from use: “继续使用即视为同意”. Fix: ask for consent by an explicit action (a box to tick, '
           'an “agree” button); using or opening is not consent <em>(source: {source})</em></li>\n</ul>\n'
           '<p><code>python hooks/policy.py check</code></p>\n</div>'),
}


@pytest.mark.parametrize("src_uri, language", [("updates.md", "zh"), ("updates.en.md", "en")])
def test_the_preview_box_speaks_the_pages_language(sample, src_uri, language):
    edit(sample, "docs/updates.md", "我们会重新取得您的同意。", "我们会重新取得您的同意。继续使用即视为同意。")
    state = BuildState.load(sample, command="serve")
    state.findings = check.run(state)  # in Chinese, as the build runs it
    markdown = "# 六、本政策如何更新 {#updates}\n\n正文\n"
    assert check_hooks.with_page_findings(state, markdown, src_uri, language) == (
        "# 六、本政策如何更新 {#updates}\n\n" + BOX[language].format(source=source("COL-08")) + "\n\n\n正文\n")
    assert check_hooks.with_page_findings(state, markdown, src_uri.replace("updates", "rights"), language) == markdown


def test_the_build_line_counts_the_findings_and_says_they_do_not_block_it():
    findings = [check.Finding("docs/contact.md", 9, "META-02", "error", "m", "s", "contact.md"),
                check.Finding("data/operator.yml", 7, "META-01", "error", "m", "s", "index.md"),
                check.Finding("docs/rights.md", 3, "TXT-02", "warning", "m", "s", "rights.md")]
    assert outputs.compliance_line(findings) == (
        "合规检查：2 个错误、1 个警告、0 条提示（不影响构建；详情：python hooks/policy.py check）")
    assert outputs.compliance_line(findings, "en") == (
        "Compliance check: 2 errors, 1 warning, 0 info (does not block the build; "
        "details: python hooks/policy.py check --lang en)")
    assert outputs.compliance_line([]) == "合规检查：0 个错误、0 个警告、0 条提示（不影响构建；详情：python hooks/policy.py check）"


def test_findings_for_a_page_in_both_languages():
    one = check.Finding("docs/contact.md", 9, "META-02", "error", "m", "s", "contact.md")
    other = check.Finding("data/operator.yml", 7, "META-01", "error", "m", "s", "index.md")
    assert check_hooks.findings_for([one, other], "contact.md") == [one]
    assert check_hooks.findings_for([one, other], "contact.en.md") == [one]
    assert check_hooks.findings_for([one, other], "index.en.md") == [other]


def test_build_logs_one_info_line_and_publishes_no_findings(built_site):
    """The shipped site's build (``built_site``, its output in ``build.log`` beside it)."""
    log = (built_site.parent / "build.log").read_text(encoding="utf-8")
    lines = [line for line in log.splitlines() if "合规检查" in line]
    assert lines == ["INFO    -  合规检查：41 个错误、18 个警告、12 条提示（不影响构建；详情：python hooks/policy.py check）"]
    assert not [path for path in built_site.rglob("*.html") if "policy-check" in path.read_text(encoding="utf-8")]


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
    assert '<div class="admonition info policy-check">' in pages["contact/"]
    assert "<code>docs/contact.md:12</code> <strong>RGT-03</strong> 提示：“工商”已不是主管部门的名称，现为“市场监管”" in pages["contact/"]
    assert '<div class="admonition info policy-check">' in pages["en/contact/"]
    assert ("<code>docs/contact.md:12</code> <strong>RGT-03</strong> info: “工商” is no longer the authority&#39;s name; "
            "it is now “市场监管”") in pages["en/contact/"]
    assert "<code>docs/storage.md:10</code> <strong>COL-07</strong> 错误：保存期限不具体" in pages["storage/"]


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
