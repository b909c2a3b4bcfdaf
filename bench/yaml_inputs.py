"""Time and peak memory of the worst YAML inputs, against a clean run in the same process tree.

Each input replaces ``data/operator.yml`` (or a page's front matter) of a copy of the site and
runs ``python hooks/policy.py check`` as a separate process, once per ``--runs``; the figures
are the median wall time and the peak resident memory of that process, and their ratio to
the same command on the unchanged copy measured in the same run. Every input must be refused
with one line and exit 1 (the script says so when one is not).

    .venv/bin/python bench/yaml_inputs.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sites import copy_site


def laughs(levels: int) -> str:
    """``levels`` lines of nested aliases, nine per line ("billion laughs": 9**levels values)."""
    names = [f"l{level}" for level in range(levels)]
    lines = [f"{names[0]}: &{names[0]} [{', '.join(['lol'] * 9)}]"]
    lines += [f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]" for previous, name in zip(names, names[1:])]
    return "\n".join(lines) + "\n"


INPUTS = {
    "billion laughs, 9 levels": ("data/operator.yml", laughs(9)),
    "billion laughs, 20 levels": ("data/operator.yml", laughs(20)),
    "100,000 nested '['": ("data/operator.yml", "x: " + "[" * 100_000 + "]" * 100_000 + "\n"),
    "1,900 indented keys (1.8 MB)": ("data/operator.yml", "".join(" " * i + f"k{i}:\n" for i in range(1_900))),
    "a 1.9 MB quoted string": ("data/operator.yml", 'x: "' + "x" * 1_900_000 + '"\n'),
    "aliases in front matter": ("docs/minors.md", f"---\n{laughs(9)}---\n\n# x {{#minors}}\n\ny\n"),
}


def run_once(work: Path) -> tuple[float, int, int, str]:
    """One ``policy.py check`` in ``work``: (seconds, peak KB of that process, exit code, last stderr line).

    The peak is the process's own (``wait4``'s resource usage), not the largest child so far.
    """
    with tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "hooks/policy.py", "check"], cwd=work, stdout=subprocess.DEVNULL,
                                   stderr=stderr, env={**os.environ, "SOURCE_DATE_EPOCH": "1796083200"})
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        lines = stderr.read().decode("utf-8", "replace").strip().splitlines()
    return elapsed, usage.ru_maxrss, process.returncode, (lines or [""])[-1] if len(lines) <= 1 else "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        clean = copy_site(Path(temporary) / "clean")
        reference = [run_once(clean) for _ in range(args.runs)]
        ref_time = statistics.median(r[0] for r in reference)
        ref_peak = max(r[1] for r in reference)
        print(f"{'input':32} {'seconds':>8} {'×clean':>7} {'peak MB':>8} {'×clean':>7}  refused with")
        print(f"{'clean site (reference)':32} {ref_time:8.2f} {1:7.2f} {ref_peak / 1024:8.0f} {1:7.2f}  "
              f"(exit {reference[0][2]}: the shipped policy's findings)")
        for number, (name, (relative, text)) in enumerate(INPUTS.items()):
            work = copy_site(Path(temporary) / f"input-{number}")
            (work / relative).write_text(text, encoding="utf-8")
            results = [run_once(work) for _ in range(args.runs)]
            seconds = statistics.median(r[0] for r in results)
            peak = max(r[1] for r in results)
            code, line = results[0][2], results[0][3]
            verdict = line[:90] + ("…" if len(line) > 90 else "") if code == 1 and len(line.splitlines()) == 1 \
                else f"NOT REFUSED IN ONE LINE (exit {code})"
            print(f"{name:32} {seconds:8.2f} {seconds / ref_time:7.2f} {peak / 1024:8.0f} {peak / ref_peak:7.2f}  {verdict}")


if __name__ == "__main__":
    main()
