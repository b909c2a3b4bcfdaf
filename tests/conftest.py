"""Shared fixtures: copies of the real site in temporary folders, built and loaded in this process.

Three ways to run the project, from fastest to most faithful:

- :func:`load_as_build` does exactly what the build's ``on_config`` does
  (:func:`zhiqing.build.start`): a mistake found while loading raises the same message in
  milliseconds;
- :func:`mkdocs_build` and :func:`policy_py` run MkDocs' and policy.py's real command-line
  entries in this process (the same logging, exit codes and messages as the shell);
- :func:`mkdocs_build_subprocess` and :func:`policy_py_subprocess` start the commands as a
  user does; a few tests keep covering that wiring (one error line, no traceback, exit code).

Tests that build a site are marked ``build``; ``pytest -m "not build and not browser"`` is
the quick loop.

The tests run in parallel, one pytest-xdist worker per CPU (``pytest.ini``: ``-n auto --dist
loadgroup``; ``-n 0`` runs them in one process, e.g. for ``--pdb``). Each site the session
fixtures build (``built_site``, ``subpath_site``, ``two_releases``) is built once per run, by
the first worker that needs it, and shared by all (:func:`shared`); tests that share a
module's fixture are kept in one worker with ``pytest.mark.xdist_group``.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import importlib.util
import io
import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import click
import pytest

ROOT = Path(__file__).resolve().parent.parent
# The operator's text as received, word for word (test_site pins it by its SHA-256 and finds
# every paragraph of it in the site).
SEED = ROOT / "tests" / "data" / "privacy-policy.zh.txt"
# Material's and ProperDocs' banners about MkDocs 2 (stderr noise, not log warnings).
QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def _bench_sites():
    """``bench/sites.py``, loaded by its path: the benchmarks and the tests copy the site one way
    (importing ``bench/`` by name would put its scripts' names, ``archive``, ``build``, on the path)."""
    spec = importlib.util.spec_from_file_location("zhiqing_bench_sites", ROOT / "bench" / "sites.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Copy what the build reads (not site/, not .git) into a folder; return it.
copy_site = _bench_sites().copy_site


@dataclass
class Result:
    """What a command gave: exit code, output, and the shell command that reproduces it."""

    returncode: int
    stdout: str
    stderr: str
    reproduce: str


def run(args: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a command of the project in ``cwd`` as a user does; print how to reproduce it when it fails.

    The environment is this process's with :data:`QUIET`, then ``env`` (which may override QUIET)."""
    environment = {**os.environ, **QUIET, **(env or {})}
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


def _build_args(extra: tuple, strict: bool) -> list[str]:
    flags = ["--strict"] if strict else []
    if ENGINE == "properdocs" and "-f" not in extra:
        return ["build", *flags, "-f", "mkdocs.yml", *extra]
    return ["build", *flags, *extra]


def _without_notice(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if line.rstrip("\n") != PROPERDOCS_NOTICE)


def mkdocs_build_subprocess(cwd: Path, *extra: str, env: dict | None = None,
                            strict: bool = True) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` in ``cwd`` as a separate process, with the Python that runs the tests.

    Under ZHIQING_ENGINE=properdocs: ``properdocs build --strict -f mkdocs.yml``.
    ``strict=False`` drops ``--strict`` (a draft builds, with its warning).
    """
    result = run([sys.executable, "-m", ENGINE, *_build_args(extra, strict)], cwd, env)
    result.stderr = _without_notice(result.stderr)
    return result


@contextlib.contextmanager
def _environment(cwd: Path, env: dict | None):
    """Run in ``cwd`` with ``env`` added to the environment; put both back afterwards."""
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    os.environ.update(QUIET, **(env or {}))
    os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)


def mkdocs_build(cwd: Path, *extra: str, env: dict | None = None, strict: bool = True) -> Result:
    """``mkdocs build --strict`` in ``cwd``, through MkDocs' own command-line entry, in this process.

    The output is what the shell shows (``WARNING -  …`` lines on stderr, ``Aborted with …``
    on stdout) and the exit code is the command's. What one run leaves in the process is put
    back: the CLI adds a filter that drops any message logged before (once per process in the
    shell, once per build here), and static-i18n leaves MkDocs' ``clean_directory`` replaced
    when a build fails inside its nested build.
    """
    import warnings

    if ENGINE == "properdocs":
        from properdocs.__main__ import cli
    else:
        from mkdocs.__main__ import cli
    from mkdocs import utils
    from mkdocs.commands import build

    clean_directory, filters, showwarning = utils.clean_directory, build.log.filters[:], warnings.showwarning
    args = _build_args(extra, strict)
    stdout, stderr = io.StringIO(), io.StringIO()
    with _environment(cwd, env), contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            cli.main(args, prog_name=ENGINE, standalone_mode=False)
            code = 0
        except click.ClickException as error:
            error.show()
            code = error.exit_code
        except SystemExit as error:
            code = error.code if isinstance(error.code, int) else 1
        finally:
            utils.clean_directory, build.log.filters[:], warnings.showwarning = clean_directory, filters, showwarning
            for name in ("mkdocs", "properdocs"):
                logging.getLogger(name).handlers.clear()
    return Result(code, stdout.getvalue(), _without_notice(stderr.getvalue()),
                  f"cd {cwd} && {ENGINE} {' '.join(args)}")


def policy_py_subprocess(cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """``python hooks/policy.py ARGS`` in ``cwd`` as a separate process."""
    return run([sys.executable, "hooks/policy.py", *args], cwd, env)


def policy_py(cwd: Path, *args: str, env: dict | None = None) -> Result:
    """``python hooks/policy.py ARGS`` in ``cwd``, through its entry :func:`zhiqing.cli.main`, in this process."""
    from zhiqing import cli

    stdout, stderr = io.StringIO(), io.StringIO()
    with _environment(cwd, env), contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            code = cli.main(list(args), cwd=Path(cwd))
        except SystemExit as error:  # argparse
            code = error.code if isinstance(error.code, int) else 1
    return Result(code, stdout.getvalue(), stderr.getvalue(),
                  f"cd {cwd} && python hooks/policy.py {' '.join(args)}")


def shipped_versions() -> list[dict]:
    """The entries of the repository's ``data/versions.yml`` as YAML reads them, oldest first
    (``id``, ``effective``, ``updated``, ``summary: {zh, en}``, ...).

    Tests whose point is not the release history read it from here instead of naming the shipped
    releases, so that shipping a release does not break them."""
    import yaml

    return yaml.safe_load((ROOT / "data" / "versions.yml").read_text(encoding="utf-8"))


def shipped_releases() -> list[str]:
    """The ids of the shipped releases (:func:`shipped_versions`), oldest first: ``YYYY-MM-DD``."""
    return [entry["id"] for entry in shipped_versions()]


# The newest shipped release, e.g. in the draft warning of a build after an unreleased edit.
NEWEST_RELEASE = shipped_releases()[-1]


def pages_per_language() -> int:
    """The HTML pages of one language of the real site, its 404 page aside: the 11 of the policy,
    /archive/, and for each shipped release its text, its redline (all but the first's) and the
    redline since it (all but the newest's): 13 with one release, 16 with two."""
    return 11 + 1 + 3 * len(shipped_releases()) - 2

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def zh_date(day: str) -> str:
    """A ``YYYY-MM-DD`` date as the Chinese pages write it: 2023-11-01 → 2023年11月1日."""
    date = datetime.date.fromisoformat(day)
    return f"{date.year}年{date.month}月{date.day}日"


def en_date(day: str) -> str:
    """A ``YYYY-MM-DD`` date as the English pages write it: 2023-11-01 → November 1, 2023."""
    date = datetime.date.fromisoformat(day)
    return f"{MONTHS[date.month - 1]} {date.day}, {date.year}"


# The day the tests' releases are made: they take effect in 2031, within release's horizon of a
# year, whatever the day the tests run (2030-12-16 00:00 UTC).
RELEASE_TODAY = {"SOURCE_DATE_EPOCH": "1923609600"}


def digest(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` (relative POSIX path) → the SHA-256 of a file's bytes, the
    target of a link, or ``"folder"``; Python's caches left out. Equal digests: nothing changed."""
    entries = {}
    for path in sorted(folder.rglob("*")):
        if "__pycache__" in path.parts:
            continue
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            entries[key] = f"link to {os.readlink(path)}"
        elif path.is_dir():
            entries[key] = "folder"
        elif not path.is_file():
            entries[key] = "special file"  # a FIFO: reading it would wait for a writer
        else:
            entries[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return entries


def deploy_folder(path: Path) -> Path:
    """An output folder as a deploy checkout holds it: ``.git/``, ``.well-known/``, an old page, another file."""
    for relative, text in ((".git/HEAD", "ref: refs/heads/gh-pages\n"), (".well-known/security.txt", "Contact: x\n"),
                           ("index.html", "<p>an earlier build</p>\n"), ("notes.txt", "the operator's file\n")):
        (path / relative).parent.mkdir(parents=True, exist_ok=True)
        (path / relative).write_text(text, encoding="utf-8")
    return path


def load_as_build(root: Path, env: dict | None = None):
    """Load the site at ``root`` exactly as the build's ``on_config`` does (:func:`zhiqing.build.start`).

    Returns ``(state, warnings)``: the BuildState and the warnings it logged (the draft
    notice). Raises PolicyError for the mistake the build would stop on, with its message.
    """
    from zhiqing.build import start
    from zhiqing.pages.discover import read_nav

    warnings: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            if record.levelno >= logging.WARNING:
                warnings.append(record.getMessage())

    handler = Collect()
    logger = logging.getLogger("mkdocs.hooks.zhiqing")
    logger.addHandler(handler)
    try:
        with _environment(root, env):
            state = start(root, read_nav(root), root / "docs", "build")
    finally:
        logger.removeHandler(handler)
    return state, warnings


def problems(result) -> list[str]:
    """The ``WARNING`` and ``ERROR`` lines of a build's output."""
    return [line for line in result.stderr.splitlines() if line.startswith(("WARNING", "ERROR"))]


def shared(tmp_path_factory, name: str, make) -> Path:
    """A folder made once per test session and shared by every process of it: ``make(folder)``
    fills ``<session temp>/shared-<name>/`` the first time any process asks, under a file lock;
    the others wait for it, then get the same folder.

    With pytest-xdist each worker has its own temporary folder inside the session's
    (``…/pytest-N/popen-gw0``), so the folders live one level up, as pytest-xdist's documentation
    shows. When ``make`` raises (a failed assertion: the build broke), nothing is marked done and
    the next process to ask tries again, failing with the same message. Tests must not change
    what is in the folder: other processes read it at the same time.
    """
    from filelock import FileLock

    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    folder, done = base / f"shared-{name}", base / f"shared-{name}.done"
    with FileLock(base / f"shared-{name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per session with ``mkdocs build --strict``; returns its ``site/``.

    What the build printed is kept beside it, in ``build.log`` (``built_site.parent``).
    """
    def make(work: Path) -> None:
        copy_site(work)
        result = mkdocs_build(work)
        assert result.returncode == 0, f"{result.reproduce}\n{result.stdout}\n{result.stderr}"
        assert "WARNING" not in result.stderr, result.stderr
        (work / "build.log").write_text(result.stderr, encoding="utf-8")

    return shared(tmp_path_factory, "real", make) / "site"


SUBPATH_SITE_URL = "https://example.cn/privacy/"


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory) -> Path:
    """The real site built once per session with ``site_url: https://example.cn/privacy/`` (a
    subpath of a host); returns its ``site/``, with ``build.log`` beside it."""
    def make(work: Path) -> None:
        copy_site(work)
        config = work / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert 'site_url: ""' in text
        config.write_text(text.replace('site_url: ""', f'site_url: "{SUBPATH_SITE_URL}"', 1), encoding="utf-8")
        result = mkdocs_build(work)
        assert result.returncode == 0, f"{result.reproduce}\n{result.stderr}"
        (work / "build.log").write_text(result.stderr, encoding="utf-8")

    return shared(tmp_path_factory, "subpath", make) / "site"


@pytest.fixture(scope="session")
def two_releases(tmp_path_factory) -> Path:
    """A copy of the site with a release after the shipped ones, 2031-01-01, made by `policy.py release`
    after an edit and built on the day of the release (RELEASE_TODAY: it is upcoming), once per
    session; returns its ``site/`` (with a redline page)."""
    def make(work: Path) -> None:
        copy_site(work)
        contact = work / "docs" / "contact.md"
        contact.write_text(contact.read_text(encoding="utf-8").replace("15 天内", "15 个工作日内"), encoding="utf-8")
        contact_en = work / "docs" / "contact.en.md"
        contact_en.write_text(contact_en.read_text(encoding="utf-8").replace("within 15 days", "within 15 working days"),
                              encoding="utf-8")
        result = policy_py(work, "release", "--effective", "2031-01-01", "--updated", "2030-12-01",
                           "--summary-zh", "新增第八节。", "--summary-en", "Adds section 8.", env=RELEASE_TODAY)
        assert result.returncode == 0, f"{result.reproduce}\n{result.stderr}"
        result = mkdocs_build(work, env=RELEASE_TODAY)
        assert result.returncode == 0, f"{result.reproduce}\n{result.stdout}\n{result.stderr}"

    return shared(tmp_path_factory, "two-releases", make) / "site"


@pytest.fixture
def sample(tmp_path) -> Path:
    """The small policy of ``tests/sample_policy.py`` (every rule of the check satisfied), written afresh."""
    from sample_policy import write_sample

    return write_sample(tmp_path / "sample")


@pytest.fixture
def site_copy(tmp_path) -> Path:
    """A fresh copy of the site sources to break in one test."""
    return copy_site(tmp_path / "site-src")


# Fixtures (here and in test modules) that build a site: a test using one is a ``build`` test.
BUILD_FIXTURES = {"built_site", "built", "subpath_site", "two_releases"}


def pytest_collection_modifyitems(items):
    """Mark every test that uses a built site ``build``, whatever its module says."""
    for item in items:
        if BUILD_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)


@pytest.fixture(scope="module")
def templates():
    """The Jinja environment over the repository's overrides/ (the one the build uses)."""
    from zhiqing.render.templates import Templates

    return Templates(ROOT / "overrides")


@pytest.fixture(scope="module")
def policy():
    """The shipped policy's data, loaded as the build loads it."""
    from zhiqing.build import BuildState

    return BuildState.load(ROOT).policy
