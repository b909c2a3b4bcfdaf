"""Benchmark: build time and peak memory of the site with N releases, against a plain build.

    python bench/archive.py [N ...]        (default: 10 50 200)

For each N, a copy of the site gets N synthetic releases (each a small edit of the last:
the reply time of section 七), then is built twice in the same run: with Zhiqing's hooks
(`mkdocs build`) and as plain MkDocs over the same Markdown with the hooks off. Prints
seconds and peak resident memory (MiB) per build, per version, and the ratio hooks/plain.
A build's cost should grow linearly with N: compare the per-version columns.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from sites import make_site, plain_config  # bench/sites.py

# Runs one build in a child process and reports its own wall time and peak memory.
MEASURE = """
import json, resource, sys, time
from mkdocs.__main__ import cli
start = time.perf_counter()
try:
    cli(["build", "-q", "-f", sys.argv[1], "-d", sys.argv[2]], standalone_mode=False)
except SystemExit:
    pass
print(json.dumps({"seconds": time.perf_counter() - start,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(config: Path, out: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", MEASURE, str(config), str(out)], capture_output=True,
                            text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"build of {config} failed:\n{result.stderr[-2000:]}")
    return json.loads(lines[-1])


def main(counts: list[int]) -> None:
    print(f"{'N':>5} {'versions':>8} | {'hooks s':>8} {'plain s':>8} {'ratio':>6} | {'s/version':>9} | "
          f"{'hooks MiB':>9} {'plain MiB':>9} | {'pages':>6}")
    for count in counts:
        with tempfile.TemporaryDirectory() as temporary:
            work = make_site(Path(temporary), count)
            versions = count + 1
            hooks = measure(work / "mkdocs.yml", work / "site-hooks")
            plain = measure(plain_config(work), work / "site-plain")
            pages = sum(1 for _ in (work / "site-hooks").rglob("index.html"))
            print(f"{count:>5} {versions:>8} | {hooks['seconds']:>8.2f} {plain['seconds']:>8.2f} "
                  f"{hooks['seconds'] / plain['seconds']:>6.2f} | {hooks['seconds'] / versions:>9.3f} | "
                  f"{hooks['peak_mib']:>9.0f} {plain['peak_mib']:>9.0f} | {pages:>6}", flush=True)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [10, 50, 200])
