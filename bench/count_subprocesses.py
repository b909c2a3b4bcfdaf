"""pytest plugin for bench/suite.py: counts the processes a test run starts, by kind, and the
site builds it runs in the test process.

Loaded with ``-p count_subprocesses`` (bench/ on ``PYTHONPATH``). Every pytest process (the
one process, or with pytest-xdist the controller and each worker) appends one line of JSON,
``{"build": n, "policy.py": n, "build in process": n, "build in process that failed": n, ...}``, to the file named by
``ZHIQING_COUNT_FILE``; bench/suite.py adds them up.
"""

from __future__ import annotations

import collections
import json
import os
import subprocess

counts: collections.Counter = collections.Counter()
_popen_init = subprocess.Popen.__init__


def kind(argv: list[str]) -> str:
    """``build``, ``serve``, ``policy.py``, ``xdist worker`` or the program's name."""
    text = " ".join(argv)
    if "exec(eval(sys.stdin.readline()))" in text:  # execnet's bootstrap: a pytest-xdist worker
        return "xdist worker"
    if ("mkdocs" in text or "properdocs" in text) and " build" in text:
        return "build"
    if " serve" in text:
        return "serve"
    if any(part.endswith("policy.py") for part in argv[:3]):
        return "policy.py"
    return os.path.basename(argv[0]) if argv else "?"


def _counting_init(self, args, *rest, **kwargs):
    counts[kind([str(arg) for arg in (args if isinstance(args, (list, tuple)) else [args])])] += 1
    return _popen_init(self, args, *rest, **kwargs)


subprocess.Popen.__init__ = _counting_init


def _count_builds_in_process() -> None:
    """Wrap ``mkdocs.commands.build.build`` (what ``mkdocs build``'s command-line entry calls, under
    ProperDocs too): one count per outermost call, not static-i18n's nested build of English, and
    one more when it raised (a build stopped by a mistake after its config loaded; a mistake found
    while the config loads, in ``on_config``, stops before ``build`` and is not counted)."""
    try:
        from mkdocs.commands import build as module
    except ImportError:
        return
    original, depth = module.build, [0]

    def counting_build(*args, **kwargs):
        if depth[0] == 0:
            counts["build in process"] += 1
        depth[0] += 1
        try:
            return original(*args, **kwargs)
        except BaseException:
            if depth[0] == 1:
                counts["build in process that failed"] += 1
            raise
        finally:
            depth[0] -= 1

    module.build = counting_build


def pytest_configure(config):
    _count_builds_in_process()


def pytest_sessionfinish(session, exitstatus):
    target = os.environ.get("ZHIQING_COUNT_FILE")
    if target:
        with open(target, "a", encoding="utf-8") as handle:  # one short line per process
            handle.write(json.dumps(dict(counts)) + "\n")

