"""Benchmark: how long the test suite takes and how many processes it starts.

    python bench/suite.py [--reference DIR] [--only full|"not browser"|"quick loop" ...]

Runs the README's test command (``python -m pytest``), the suite without the browser tests
(``-m "not browser"``) and the quick loop (``-m "not build and not browser"``), each once (or
only those named by ``--only``), in this repository, and prints for each: seconds, tests passed,
the site builds run in the test process, and the processes it started by kind (MkDocs builds,
policy.py runs, servers, others; counted by bench/count_subprocesses.py, in every pytest-xdist
worker).
With ``--reference DIR`` (another checkout, e.g. ``git worktree add /tmp/old <commit>``) the
same selections run there first, in the same run, and each line ends with the ratio of this
repository's seconds to the reference's (the machine is shared and noisy: compare ratios).
The CPU seconds say what the run costs whatever the load: a parallel run takes less time than
a serial one only on a machine whose CPUs are free (Linux gives each session one share of a
busy machine, however many workers it starts).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SELECTIONS = {"full": [], "not browser": ["-m", "not browser"], "quick loop": ["-m", "not build and not browser"]}


def total(path: Path) -> dict[str, int]:
    """The counts of every pytest process that wrote a line to ``path`` (bench/count_subprocesses.py),
    added up; ``{}`` when it is absent."""
    summed: collections.Counter = collections.Counter()
    if path.exists():
        for text in path.read_text(encoding="utf-8").splitlines():
            summed.update(json.loads(text))
    return dict(summed)


def _children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes of this one and theirs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_suite(repo: Path, selection: list[str]) -> dict:
    """One pytest run in ``repo``: ``{"seconds", "cpu", "passed", "failed", "processes": {kind: n}}``.

    ``cpu``: CPU seconds of pytest and of every process it waited for (Chromium's and Java's
    included); ``processes`` also holds ``"build in process"``, the builds run inside the test
    processes, and ``"build in process that failed"``."""
    with tempfile.TemporaryDirectory() as temporary:
        count_file = Path(temporary) / "counts.json"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true",
                   ZHIQING_COUNT_FILE=str(count_file),
                   PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "bench"), os.environ.get("PYTHONPATH")])))
        start, used = time.perf_counter(), _children_cpu()
        result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "count_subprocesses",
                                 "-p", "no:cacheprovider", *selection], cwd=repo, env=env,
                                capture_output=True, text=True)
        seconds, cpu = time.perf_counter() - start, _children_cpu() - used
        processes = total(count_file)
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-500:]
    found = {word: int(number) for number, word in re.findall(r"(\d+) (passed|failed|error)", summary)}
    return {"seconds": seconds, "cpu": cpu, "passed": found.get("passed", 0),
            "failed": found.get("failed", 0) + found.get("error", 0), "processes": processes}


def line(name: str, figures: dict, reference: dict | None) -> str:
    processes = dict(figures["processes"])
    in_process = processes.pop("build in process", 0)
    failed = processes.pop("build in process that failed", 0)
    builds = in_process + processes.get("build", 0)
    text = (f"{name:>11}: {figures['seconds']:7.1f} s ({figures['cpu']:.0f} CPU s), {figures['passed']} passed, {figures['failed']} failed, "
            f"{builds} site builds ({in_process} in process, {failed} of them stopped by a mistake), "
            f"{sum(processes.values())} processes ({', '.join(f'{k} {v}' for k, v in sorted(processes.items()))})")
    if reference:
        text += f"; {figures['seconds'] / reference['seconds']:.2f}× the reference's time"
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reference", type=Path, help="another checkout to measure in the same run")
    parser.add_argument("--only", action="append", choices=sorted(SELECTIONS),
                        help="measure only this selection (repeatable; default: all three)")
    args = parser.parse_args()
    selections = {name: SELECTIONS[name] for name in (args.only or SELECTIONS)}
    references = {}
    if args.reference:
        print(f"reference {args.reference}:")
        for name, selection in selections.items():
            references[name] = run_suite(args.reference, selection)
            print(line(name, references[name], None), flush=True)
    print(f"this repository {ROOT}:")
    for name, selection in selections.items():
        print(line(name, run_suite(ROOT, selection), references.get(name)), flush=True)


if __name__ == "__main__":
    main()
