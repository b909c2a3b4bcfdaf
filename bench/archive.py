"""Benchmark: build time and peak memory of the site with N releases, against a plain build.

    python bench/archive.py [N ...]        (default: 10 50 200)

For each N, a copy of the site gets N synthetic releases (each a small edit of the last:
the reply time of section 七), then is built twice in the same run: with Zhiqing's hooks
(`mkdocs build`) and as plain MkDocs over the same Markdown with the hooks off. Prints
seconds and peak resident memory (MiB) per build, per version, and the ratio hooks/plain.
A build's cost should grow linearly with N: compare the per-version columns.
"""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from zhiqing.archive import release as archive  # noqa: E402

SITE_FILES = ("mkdocs.yml", "docs", "data", "schemas", "overrides", "hooks")

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


def make_site(work: Path, releases: int) -> Path:
    """Copy the site into ``work`` and add ``releases`` synthetic releases after 2023-11-01."""
    for name in SITE_FILES:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, work / name)
    contact = work / "docs" / "contact.md"
    text = contact.read_text(encoding="utf-8")
    day = datetime.date(2024, 1, 1)
    for number in range(releases):
        text = text.replace(f"在 {15 + number} 天内", f"在 {16 + number} 天内")
        contact.write_text(text, encoding="utf-8")
        effective = (day + datetime.timedelta(days=number)).isoformat()
        archive.release(work, effective, {"zh": f"答复期限改为 {16 + number} 天。",
                                          "en": f"Reply time changed to {16 + number} days."},
                        updated=effective, today=day + datetime.timedelta(days=number))
    return work


def plain_config(work: Path) -> Path:
    """mkdocs.yml with the hooks off (same theme, plugins and Markdown)."""
    text = (work / "mkdocs.yml").read_text(encoding="utf-8")
    start = text.index("hooks:\n")
    end = text.index("\n\n", start)
    plain = work / "mkdocs-plain.yml"
    plain.write_text(text[:start] + "hooks: []" + text[end:], encoding="utf-8")
    return plain


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
