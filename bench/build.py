"""Benchmark: time of `mkdocs build --strict` of the shipped site, and the size of /full/.

    python bench/build.py [RUNS]      (default: 5)

Prints each run, the median, the same for a plain build with the hooks off (the reference,
measured in the same run: this machine is shared and noisy), and the bytes of /full/ in both
languages (raw and gzip -9).
"""

from __future__ import annotations

import gzip
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sites import copy_site, plain_config  # bench/sites.py


def timed_build(config: Path, out: Path, strict: bool) -> float:
    args = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)]
    start = time.perf_counter()
    result = subprocess.run(args + (["--strict"] if strict else []), capture_output=True, text=True,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return elapsed


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        work = copy_site(Path(temporary))
        plain = plain_config(work)
        hooks_times, plain_times = [], []
        for run in range(runs):
            hooks_times.append(timed_build(work / "mkdocs.yml", work / "site", strict=True))
            plain_times.append(timed_build(plain, work / "site-plain", strict=False))
            print(f"run {run + 1}: mkdocs build --strict {hooks_times[-1]:.2f} s, plain (hooks off) {plain_times[-1]:.2f} s",
                  flush=True)
        hooks_median, plain_median = statistics.median(hooks_times), statistics.median(plain_times)
        print(f"median of {runs}: {hooks_median:.2f} s with hooks, {plain_median:.2f} s plain, "
              f"ratio {hooks_median / plain_median:.2f}")
        for page in ("full/index.html", "en/full/index.html"):
            data = (work / "site" / page).read_bytes()
            print(f"/{page.removesuffix('index.html')}: {len(data)} bytes, {len(gzip.compress(data, 9))} bytes gzip")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
