"""``python hooks/policy.py`` as a user starts it: exit codes, one line per mistake, set-up problems.

The commands' behaviour is tested in this process (``conftest.policy_py``) by the tests of
each command; these run the script as a separate process, for what only a process shows.
"""

from __future__ import annotations

import shutil
import sys

import pytest

from conftest import ROOT, copy_site, policy_py, policy_py_subprocess, run, shipped_releases

pytestmark = pytest.mark.build


def test_check_in_a_shell_is_the_check_in_process(tmp_path):
    work = copy_site(tmp_path / "site")
    shell, here = policy_py_subprocess(work, "check"), policy_py(work, "check")
    assert (shell.returncode, here.returncode) == (1, 1)
    assert shell.stdout == here.stdout
    assert shell.stdout.splitlines()[-1] == "check：41 个错误、18 个警告、12 条提示"
    assert shell.stderr == ""


def test_a_mistake_in_a_shell_is_one_line_on_stderr(tmp_path):
    work = copy_site(tmp_path / "site")
    result = policy_py_subprocess(work, "diff", "2023-11-01", "2099-01-01")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == ("policy.py diff: version '2099-01-01' is not released; expected one of "
                             f"{', '.join(shipped_releases())}\n")


def test_a_missing_package_is_one_line_naming_it(tmp_path):
    """Run with a Python that lacks a pinned package (the system's, say): the command names the
    project's .venv when there is one, else the README's command that makes it."""
    work = copy_site(tmp_path / "site")
    code = ("import runpy, sys; sys.modules['jsonschema'] = None; sys.argv = ['hooks/policy.py', 'check']; "
            "runpy.run_path('hooks/policy.py', run_name='__main__')")
    result = run([sys.executable, "-c", code], work)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (f"policy.py: the package jsonschema is not installed in {sys.executable}; expected the "
                             "Python of the project's virtual environment, which has the pins of requirements.txt: "
                             "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt (the README's first "
                             "command)\n")
    (work / ".venv/bin").mkdir(parents=True)
    (work / ".venv/bin/python").write_text("", encoding="utf-8")
    result = run([sys.executable, "-c", code], work)
    assert result.stderr.endswith("; expected the Python of the project's virtual environment, which has the pins "
                                  "of requirements.txt: .venv/bin/python hooks/policy.py …\n")


def test_a_broken_import_in_the_package_shows_its_traceback(tmp_path):
    # It once hid as "invalid choice: 'check'": the command vanished with its module.
    hooks = tmp_path / "hooks"
    shutil.copytree(ROOT / "hooks", hooks, ignore=shutil.ignore_patterns("__pycache__"))
    rules = hooks / "zhiqing/check/meta.py"
    text = rules.read_text(encoding="utf-8").replace("from typing import Iterator\n",
                                                      "from typing import Iterator\nimport no_such_module  # noqa\n", 1)
    assert "no_such_module" in text
    rules.write_text(text, encoding="utf-8")
    result = run([sys.executable, str(hooks / "policy.py"), "check"], ROOT)
    assert result.returncode == 1
    assert "invalid choice" not in result.stderr
    assert result.stderr.splitlines()[-1] == "ModuleNotFoundError: No module named 'no_such_module'"
