"""A mistake in the data or the pages stops `mkdocs build` with one clear line, no traceback.

Most builds here run MkDocs' command-line entry in this process (``conftest.mkdocs_build``);
the last tests run ``mkdocs build`` as a separate process, as a user does, and check that the
two give the same exit codes, messages and site.
"""

from __future__ import annotations

import filecmp
import os
import re
import subprocess
import sys

import yaml

import pytest

from conftest import (ENGINE, NEWEST_RELEASE, PROPERDOCS_NOTICE, ROOT, copy_site, deploy_folder, digest, mkdocs_build,
                      mkdocs_build_subprocess, policy_py, problems, run)

pytestmark = pytest.mark.build

CASES = [
    ("docs/contact.md", "{{ operator.handler.phone }}", "{{ operator.handler.fax }}",
     "Error reading 'docs/contact.md': line 10 uses an undefined variable ('dict object' has no attribute "
     "'fax'); expected a key of data/operator.yml such as operator.handler.name"),
    ("data/versions.yml", 'effective: "2023-11-01"', 'effective: "2023-02-30"',
     "Error reading 'data/versions.yml': entry 1 (id 2023-11-01) key 'effective' is '2023-02-30', "
     "not a date that exists (expected YYYY-MM-DD)"),
    ("data/inventory.yml", "source: collection-permissions", "source: collection-permission",
     "Error reading 'data/inventory.yml': collected row 4 (id C04) key 'source' is 'collection-permission', "
     "expected the id of a policy heading such as 'collection-permissions'"),
    ("docs/updates.md", "{#updates}", "",
     "Error reading 'docs/updates.md': line 6 is a heading without an explicit id "
     "('# 六、本隐私政策如何更新'); expected an ASCII id not used elsewhere, such as '# 六、本隐私政策如何更新 {#my-section}'"),
]


def edit(root, relative: str, old: str, new: str) -> None:
    """Replace the first ``old`` by ``new`` in a file of the site copy (``old`` must be there)."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("relative, old, new, message", CASES, ids=[c[0] for c in CASES])
def test_build_stops_with_one_message(site_copy, relative, old, new, message):
    edit(site_copy, relative, old, new)
    result = mkdocs_build(site_copy)
    assert result.returncode == 1, result.reproduce
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors[-1] == f"ERROR   -  {message}", result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_page_that_loads_from_another_host_is_refused_before_it_is_built(site_copy):
    edit(site_copy, "docs/rights.md", "请求行使相应的个人信息权利。",
         "请求行使相应的个人信息权利。\n\n![logo](https://cdn.example.com/logo.png)\n\n"
         '<picture><source srcset="https://cdn.example.com/b.png"><img src="x.png" alt="x"></picture>')
    result = mkdocs_build(site_copy)
    assert result.returncode == 1
    assert problems(result) == [
        "ERROR   -  Error reading 'docs/rights.md': line 12 loads https://cdn.example.com/logo.png from another host; "
        "expected every image, script and stylesheet to be in docs/ (no page may contact another host)"]


def test_the_built_pages_are_checked_for_loads_from_another_host_too():
    from zhiqing.site import external

    html = ('<p><img src=https://a.example/1.gif alt=x><img src="&#47;&#47;b.example/2.gif">'
            '<img src="/\\c.example/3.gif"><video poster="https://d.example/4.jpg"></video>'
            '<img srcset="x.png 1x, https://e.example/5.png 2x"><a href="https://f.example/">a link</a>'
            '<img src="assets/logo.png"><img src="//localhost/x.png"></p>')
    assert external.external_loads(html) == ["https://a.example/1.gif", "//b.example/2.gif", "/\\c.example/3.gif",
                                             "https://d.example/4.jpg", "https://e.example/5.png"]


@pytest.mark.parametrize("relative, old, new, message", [
    ("docs/updates.md", "我们会进行及时更新。", "我们会进行及时更新。\n\n<!-- policy:full -->",
     "Error reading 'docs/updates.md': line 10 has the marker 'policy:full' in a page with policy: section; "
     "expected it only in the page with policy: full (docs/full.md)"),
    ("docs/storage.md", "\n2、存储地点", "\n\t2、存储地点",
     "Error reading 'docs/storage.md': line 12 starts with a tab or four spaces, which Markdown shows as a block "
     "of code; expected the paragraph to start at the beginning of the line"),
    ("docs/contact.md", "{{ operator.handler.phone }}", "{{ ''.__class__ }}",
     "Error reading 'docs/contact.md': line 10 uses a template expression a page may not use (access to attribute "
     "'__class__' of 'str' object is unsafe.); expected a key of data/operator.yml such as operator.handler.name"),
])
def test_build_and_check_refuse_the_same_page_mistakes(site_copy, relative, old, new, message):
    edit(site_copy, relative, old, new)
    built = mkdocs_build(site_copy)
    assert built.returncode == 1
    assert [line for line in built.stderr.splitlines() if line.startswith("ERROR")][-1] == f"ERROR   -  {message}"
    checked = policy_py(site_copy, "check")
    assert (checked.returncode, checked.stderr.strip()) == (1, f"policy.py check: {message}")
    assert "Traceback" not in built.stderr + checked.stderr


# --- the same in a shell -------------------------------------------------------------------

def test_a_failing_build_in_a_shell_says_one_line_and_leaves_the_output_folder_as_it_was(site_copy, tmp_path):
    deploy = deploy_folder(tmp_path / "deploy")
    relative, old, new, message = CASES[1]
    edit(site_copy, relative, old, new)
    before = digest(tmp_path)
    result = mkdocs_build_subprocess(site_copy, "-d", str(deploy))
    assert result.returncode == 1, result.reproduce
    # With the variables of the README set (as run() sets them), not a line besides: no banner.
    assert result.stderr.splitlines() == [f"ERROR   -  {message}"]
    assert result.stdout == "\nAborted with a BuildError!\n"
    assert digest(tmp_path) == before


def test_a_strict_warning_in_a_shell_aborts_the_build_and_changes_nothing(site_copy, tmp_path):
    deploy = deploy_folder(tmp_path / "deploy")
    edit(site_copy, "docs/contact.md", "15 天内", "15 个工作日内")
    before = digest(tmp_path)
    result = mkdocs_build_subprocess(site_copy, "-d", str(deploy))
    assert result.returncode == 1, result.reproduce
    assert problems(result) == [
        f"WARNING -  The current text differs from the newest release {NEWEST_RELEASE} (zh): the pages are marked as a "
        "draft. Release it with `python hooks/policy.py release --effective YYYY-MM-DD --summary-zh TEXT "
        "--summary-en TEXT`."]
    assert "Aborted with 1 warnings in strict mode!" in (result.stdout + result.stderr).splitlines()
    assert digest(tmp_path) == before  # every page was written, into the staging folder, now gone


# Material's and ProperDocs' notices about MkDocs 2, printed when `mkdocs` (not `properdocs`) runs:
# when MkDocs imports the theme and then mkdocs-redirects, before it imports hooks/events.py, so the
# project cannot silence them; each names the variable that does (README).
BANNER_VARIABLES = ["To disable this warning, set NO_MKDOCS_2_WARNING=1.",
                    "Alternatively, to just skip this warning in the future, you can set the environment variable "
                    "`DISABLE_MKDOCS_2_WARNING=true`."]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_a_build_in_a_shell_and_in_this_process_make_the_same_site(tmp_path):
    work = copy_site(tmp_path / "site-src")
    epoch = {"SOURCE_DATE_EPOCH": "1796083200"}  # 2026-12-01
    # As a user starts it: without the variables that silence the banners.
    shell = mkdocs_build_subprocess(work, "-d", str(tmp_path / "shell"),
                                    env={**epoch, "NO_MKDOCS_2_WARNING": "", "DISABLE_MKDOCS_2_WARNING": ""})
    here = mkdocs_build(work, "-d", str(tmp_path / "here"), env=epoch)
    assert (shell.returncode, here.returncode) == (0, 0), shell.stderr + here.stderr
    assert problems(shell) == problems(here) == []

    # The output: the banners (MkDocs only), then MkDocs' log lines and nothing else: jieba's
    # "Building prefix dict…" lines and static-i18n's "Building 'zh' documentation…" and
    # "Overriding 'en' config…" are gone; the check's line counts as `policy.py check` does.
    lines = ANSI.sub("", shell.stderr).splitlines()
    first = next(number for number, line in enumerate(lines) if line.startswith("INFO    -  "))
    banners, ours = " ".join(" ".join(lines[:first]).split()), lines[first:]
    assert banners == "" if ENGINE == "properdocs" else all(text in banners for text in BANNER_VARIABLES), banners
    assert [re.sub(r"'?(?<!\w)/[^ ']+'?|\d+\.\d+", "…", line) for line in ours if not line.startswith("INFO    -  site_url")] == [
        "INFO    -  Cleaning site directory",
        "INFO    -  Building documentation to directory: …",
        # static-i18n hides its nested English build's time line with a filter on MkDocs'
        # logger (mkdocs.commands.build); ProperDocs logs it as properdocs.commands.build.
        *(["INFO    -  Documentation built in … seconds"] if ENGINE == "properdocs" else []),
        f"INFO    -  合规检查：{policy_py(work, 'check').stdout.splitlines()[-1].removeprefix('check：')}"
        "（不影响构建；详情：python hooks/policy.py check）",
        "INFO    -  Documentation built in … seconds",
        "INFO    -  The site is in ….",
    ]
    assert shell.stdout == ""
    counted = policy_py(work, "check").stdout.splitlines()[-1].removeprefix("check：")
    assert [line for line in ours if "合规检查" in line] == [
        f"INFO    -  合规检查：{counted}（不影响构建；详情：python hooks/policy.py check）"]
    assert re.fullmatch(r"\d+ 个错误、\d+ 个警告、\d+ 条提示", counted), counted
    files = sorted(p.relative_to(tmp_path / "shell").as_posix() for p in (tmp_path / "shell").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "here").as_posix()
                           for p in (tmp_path / "here").rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "shell", tmp_path / "here", files, shallow=False)
    assert (mismatch, errors) == ([], [])
    assert len(files) > 50


def test_navigation_instant_is_refused_in_one_line(site_copy):
    edit(site_copy, "mkdocs.yml", "    - navigation.footer\n", "    - navigation.footer\n    - navigation.instant\n")
    result = mkdocs_build(site_copy)
    assert result.returncode == 1, result.reproduce
    assert problems(result) == [
        "ERROR   -  Error reading 'mkdocs.yml': theme.features has 'navigation.instant', which this site does not "
        "support: instant loading swaps only the page body and keeps the first page's head, so the language "
        "switcher (static-i18n warns it cannot follow), each language's own search index and the lean /full/ "
        "page would break; remove it"]
    assert not (site_copy / "site").exists()


def test_gh_deploy_refuses_an_empty_site_url(site_copy):
    """gh-deploy publishes: the 404 pages, the sitemap, /policy.json and the feeds need the address."""
    result = run([sys.executable, "-m", ENGINE, "gh-deploy", "--strict", *(["-f", "mkdocs.yml"] if ENGINE == "properdocs" else [])],
                 site_copy)
    assert result.returncode == 1, result.reproduce
    errors = [line for line in result.stderr.splitlines()
              if line.startswith(("ERROR", "WARNING")) and line != PROPERDOCS_NOTICE]
    assert errors == [
        "ERROR   -  Error reading 'mkdocs.yml': site_url is empty, expected the published address "
        "(e.g. https://example.cn/privacy/) for gh-deploy: the 404 pages, the sitemap, /policy.json and the feeds "
        "need it"], result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def publish_step(name: str) -> str:
    """The ``run:`` script of the publish workflow's step ``name``."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    return next(step["run"] for step in workflow["jobs"]["build"]["steps"] if step.get("name") == name)


@pytest.mark.parametrize("site_url, code, stderr", [
    ("", 1, "publish: SITE_URL is '', expected the published address such as https://example.cn/privacy/ "
            "(the 404 pages, the sitemap, /policy.json and the feeds need it)\n"),
    ("/", 1, "publish: SITE_URL is '/', expected the published address such as https://example.cn/privacy/ "
             "(the 404 pages, the sitemap, /policy.json and the feeds need it)\n"),
    ("https://example.cn/privacy/", 0, ""),
])
def test_the_publish_workflow_refuses_an_empty_site_url(tmp_path, site_url, code, stderr):
    script = publish_step("Refuse to publish without the published address")
    result = subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=tmp_path, capture_output=True, text=True,
                            env={"PATH": os.environ["PATH"], "SITE_URL": site_url})
    assert (result.returncode, result.stderr) == (code, stderr)
