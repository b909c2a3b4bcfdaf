"""pytest plugin for bench/suite.py: counts the processes a test run starts, by kind.

Loaded with ``-p count_subprocesses`` (bench/ on ``PYTHONPATH``); writes
``{"build": n, "policy.py": n, ...}`` as JSON to the file named by ``ZHIQING_COUNT_FILE``.
"""

from __future__ import annotations

import collections
import json
import os
import subprocess

counts: collections.Counter = collections.Counter()
_popen_init = subprocess.Popen.__init__


def kind(argv: list[str]) -> str:
    """``build``, ``serve``, ``policy.py`` or the program's name."""
    text = " ".join(argv)
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


def pytest_sessionfinish(session, exitstatus):
    target = os.environ.get("ZHIQING_COUNT_FILE")
    if target:
        with open(target, "w", encoding="utf-8") as handle:
            json.dump(dict(counts), handle)
