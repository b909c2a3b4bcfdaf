"""What one page visit costs Chromium, the way the browser tests can open a page.

Builds the site (or takes one with --site), serves it on 127.0.0.1 and opens ``/inventory/``
--runs times in each of these ways, in Debian's Chromium at 390x844:

- new context: a new browser context and page, the page loaded, the context closed (what every
  browser test did before the kept tabs of ``tests/test_browser.py``);
- new context, network idle: the same, waited for until no request for 500 ms (a
  ``first_time`` visit);
- new page: a new page in one context kept open;
- kept tab: one page kept open, cleaned as ``Tab.clean`` does (about:blank, storage of the
  origin cleared), then loaded (every other visit).

Prints, per way, the wall time and the CPU time of the whole machine (``/proc/stat``, so
Chromium's processes are counted) per visit, and both as a ratio to "new context" measured
in the same run. The machine is shared: read the ratios, not the seconds.

    .venv/bin/python bench/browser_visits.py [--site site] [--runs 20]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import browser  # noqa: E402
from conftest import copy_site, mkdocs_build  # noqa: E402


def machine_cpu_seconds() -> float:
    """CPU seconds spent by every process on the machine since boot (user, nice, system, irq...; not idle or iowait)."""
    fields = [int(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def measure(runs: int, visit) -> tuple[float, float]:
    """(wall seconds, machine CPU seconds) per call of ``visit``, over ``runs`` calls after one warm-up."""
    visit()
    started, cpu = time.perf_counter(), machine_cpu_seconds()
    for _ in range(runs):
        visit()
    return (time.perf_counter() - started) / runs, (machine_cpu_seconds() - cpu) / runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the shipped one)")
    parser.add_argument("--runs", type=int, default=20)
    arguments = parser.parse_args()
    reason = browser.missing()
    if reason:
        print(f"cannot measure: {reason}", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as work:
        site = arguments.site
        if site is None:
            source = copy_site(Path(work) / "site-src")
            result = mkdocs_build(source)
            if result.returncode != 0:
                print(result.stderr, file=sys.stderr)
                return 1
            site = source / "site"
        with sync_playwright() as playwright, browser.SiteServer(site) as server:
            chromium = browser.launch(playwright)
            url = server.url + "inventory/"
            origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))

            def new_context(wait_until: str = "load"):
                context = chromium.new_context(viewport=browser.PHONE)
                context.new_page().goto(url, wait_until=wait_until)
                context.close()

            kept_context = chromium.new_context(viewport=browser.PHONE)

            def new_page():
                page = kept_context.new_page()
                page.goto(url)
                page.close()

            tab = kept_context.new_page()

            def kept_tab():
                tab.goto("about:blank")
                session = kept_context.new_cdp_session(tab)
                session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
                session.detach()
                tab.goto(url)

            ways = {"new context": new_context, "new context, network idle": lambda: new_context("networkidle"),
                    "new page": new_page, "kept tab": kept_tab}
            figures = {name: measure(arguments.runs, visit) for name, visit in ways.items()}
            chromium.close()
    wall0, cpu0 = figures["new context"]
    print(f"{'visit of /inventory/':28} {'wall s':>7} {'ratio':>6} {'CPU s':>7} {'ratio':>6}   ({arguments.runs} runs each)")
    for name, (wall, cpu) in figures.items():
        print(f"{name:28} {wall:7.3f} {wall / wall0:6.2f} {cpu:7.3f} {cpu / cpu0:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
