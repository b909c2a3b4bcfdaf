"""Benchmark: build time and peak memory of the site with N releases, against a plain build.

    python bench/archive.py [N ...]        (default: 10 50 200)

For each N, a copy of the site gets N synthetic releases (each a small edit of the last:
the reply time of section 七, both languages), then is built twice in the same run: with
Zhiqing's hooks (`mkdocs build`) and as plain MkDocs over the same Markdown with the hooks
off. Prints seconds and peak resident memory (MiB) per build, per version, and the ratio
hooks/plain. The hooked build includes the N cumulative redlines per language
(`/archive/<id>/since/`, each comparing a version with the newest); the `since` columns time
them alone, in a process of their own (load the state, render the 2N pages' redlines), with
their peak resident memory. A build's cost should grow linearly with N: compare the
per-version columns.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from sites import build_environment, make_site, plain_config  # bench/sites.py

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


# Renders every cumulative redline of a site (both languages) in a child process: time, peak memory, pages.
MEASURE_SINCE = """
import json, resource, sys, time
from pathlib import Path
root = Path(sys.argv[1])
sys.path.insert(0, str(root / "hooks"))
from zhiqing.build import BuildState
from zhiqing.site import archive_pages
state = BuildState.load(root)
start = time.perf_counter()
pages = 0
for language in ("zh", "en"):
    for version in state.policy.versions[:-1]:
        archive_pages.since_page(state, version.id, f"archive/{version.id}/since/", language, "bench")
        pages += 1
print(json.dumps({"seconds": time.perf_counter() - start, "pages": pages,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure_since(work: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", MEASURE_SINCE, str(work)], capture_output=True, text=True,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", **build_environment(work)})
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"cumulative redlines of {work} failed:\n{result.stderr[-2000:]}")
    return json.loads(lines[-1])


def measure(config: Path, out: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", MEASURE, str(config), str(out)], capture_output=True,
                            text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin",
                                            **build_environment(config.parent)})
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"build of {config} failed:\n{result.stderr[-2000:]}")
    return json.loads(lines[-1])


def main(counts: list[int]) -> None:
    print(f"{'N':>5} {'versions':>8} | {'hooks s':>8} {'plain s':>8} {'ratio':>6} | {'s/version':>9} | "
          f"{'hooks MiB':>9} {'plain MiB':>9} | {'pages':>6} | {'since s':>7} {'ms/page':>7} {'since MiB':>9}")
    for count in counts:
        with tempfile.TemporaryDirectory() as temporary:
            work = make_site(Path(temporary), count)
            versions = sum(1 for _ in (work / "docs" / "archive").glob("*/index.md"))  # shipped and synthetic
            hooks = measure(work / "mkdocs.yml", work / "site-hooks")
            plain = measure(plain_config(work), work / "site-plain")
            pages = sum(1 for _ in (work / "site-hooks").rglob("index.html"))
            since = measure_since(work)
            print(f"{count:>5} {versions:>8} | {hooks['seconds']:>8.2f} {plain['seconds']:>8.2f} "
                  f"{hooks['seconds'] / plain['seconds']:>6.2f} | {hooks['seconds'] / versions:>9.3f} | "
                  f"{hooks['peak_mib']:>9.0f} {plain['peak_mib']:>9.0f} | {pages:>6} | {since['seconds']:>7.2f} "
                  f"{1000 * since['seconds'] / since['pages']:>7.1f} {since['peak_mib']:>9.0f}", flush=True)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [10, 50, 200])
