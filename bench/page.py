"""Weight and paint of the page an app links to: the lean /full/ against Material's pages.

Builds the site (or takes one with --site), and a second copy in which /full/ is rendered
by Material like every other page (the baseline the lean template replaces). Serves both on
127.0.0.1 and prints, per page, in Debian's Chromium at 390x844:

- requests, and requests to another host;
- bytes: the bodies as served, summed; gzip: the same bodies each gzip -9, summed;
- bare: a bare HTML page of the page's visible text (``<!doctype html><meta charset=utf-8>
  <title>…</title>`` and each line of ``document.body.innerText`` in a ``<p>``), gzip -9;
  ratio: gzip / bare;
- FCP and LCP (PerformanceObserver), median of --runs loads served gzip-encoded: unthrottled,
  and throttled like a weak mobile network (150 ms round trip, 1.6 Mbit/s down, CPU 4x slower);
- Lighthouse 12.2.3 scores under its mobile preset (npx, CHROME_PATH=/usr/bin/chromium), or
  why it could not run.

Not a test: figures to read. Run from the repository root with the test tools installed:

    .venv/bin/python bench/page.py [--site site] [--runs 3] [--no-lighthouse]
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import browser  # noqa: E402
from conftest import copy_site, mkdocs_build  # noqa: E402

LIGHTHOUSE = "lighthouse@12.2.3"
# A weak mobile network, as Lighthouse's mobile preset simulates it (about "slow 4G").
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8 * 0.9,
           "uploadThroughput": 750e3 / 8 * 0.9}
CPU_SLOWDOWN = 4

PAINT = """() => new Promise(resolve => {
  const found = {};
  new PerformanceObserver(list => { for (const e of list.getEntries())
    if (e.name === 'first-contentful-paint') found.fcp = e.startTime; }).observe({type: 'paint', buffered: true});
  new PerformanceObserver(list => { const e = list.getEntries(); found.lcp = e[e.length - 1].startTime; })
    .observe({type: 'largest-contentful-paint', buffered: true});
  setTimeout(() => resolve(found), 300);
})"""


def build(work: Path, material_full: bool) -> Path:
    """Copy the sources into ``work`` and build; with ``material_full`` /full/ uses Material."""
    copy_site(work)
    if material_full:
        for name in ("full.md", "full.en.md"):
            page = work / "docs" / name
            page.write_text("".join(line for line in page.read_text(encoding="utf-8").splitlines(True)
                                    if not line.startswith("template:")), encoding="utf-8")
    result = mkdocs_build(work)
    if result.returncode != 0:
        sys.exit(f"build failed: {result.reproduce}\n{result.stderr[-2000:]}")
    return work / "site"


def bare_page(title: str, text: str) -> bytes:
    """The same visible text as a bare HTML page: the floor a page's weight is compared to."""
    paragraphs = "".join(f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip())
    return f"<!doctype html><meta charset=utf-8><title>{html.escape(title)}</title>{paragraphs}".encode()


def weigh(chromium, url: str) -> dict:
    """Load ``url`` once (served uncompressed) and weigh every response it caused."""
    context = chromium.new_context(viewport=browser.PHONE)
    page = context.new_page()
    responses = []
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    bodies = []
    for response in responses:
        try:
            bodies.append(response.body())
        except Exception:  # a redirect or an aborted request has no body
            bodies.append(b"")
    title, text = page.title(), page.evaluate("document.body.innerText")
    context.close()
    host = urlsplit(url).netloc
    bare = len(gzip.compress(bare_page(title, text), 9))
    gzipped = sum(len(gzip.compress(body, 9)) for body in bodies)
    failed = [r.url for r in responses if r.status >= 400]
    return {"requests": len(requests), "other_hosts": sum(urlsplit(u).netloc != host for u in requests
                                                          if not u.startswith("data:")),
            "failed": failed, "bytes": sum(map(len, bodies)), "gzip": gzipped, "bare": bare,
            "ratio": gzipped / bare}


def paint(chromium, url: str, runs: int, throttled: bool) -> tuple[float, float]:
    """Median FCP and LCP in milliseconds over ``runs`` fresh loads."""
    fcp, lcp = [], []
    for _ in range(runs):
        context = chromium.new_context(viewport=browser.PHONE)
        page = context.new_page()
        if throttled:
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", NETWORK)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(url, wait_until="load")
        found = page.evaluate(PAINT)
        context.close()
        fcp.append(found.get("fcp", float("nan")))
        lcp.append(found.get("lcp", float("nan")))
    return statistics.median(fcp), statistics.median(lcp)


def lighthouse(url: str) -> str:
    """Lighthouse's mobile-preset scores for ``url``, or why it could not run."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = ["npx", "--yes", LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={report}",
                   "--only-categories=performance,accessibility,best-practices",
                   "--chrome-flags=" + " ".join(browser.CHROMIUM_ARGS)]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=folder,
                                    env=dict(os.environ, CHROME_PATH=str(browser.CHROMIUM)))
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"did not run: {error}"
        if result.returncode != 0 or not report.exists():
            return f"did not run (exit {result.returncode}): {(result.stderr or result.stdout).strip()[-300:]}"
        data = json.loads(report.read_text(encoding="utf-8"))
        if data.get("runtimeError"):
            return f"did not run: {data['runtimeError'].get('message')}"
        scores = {key: round(category["score"] * 100) for key, category in data["categories"].items()}
        failing = [audit_id for category in data["categories"].values() for ref in category["auditRefs"]
                   if ref["weight"] > 0 and (audit_id := ref["id"]) and
                   (data["audits"][audit_id]["score"] is not None and data["audits"][audit_id]["score"] < 1)]
        return (f"performance {scores['performance']}, accessibility {scores['accessibility']}, "
                f"best practices {scores['best-practices']}" + (f" (below 1: {', '.join(failing)})" if failing else ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="a built site to measure (default: build one)")
    parser.add_argument("--runs", type=int, default=3, help="loads per paint figure (median)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    args = parser.parse_args()
    reason = browser.missing()
    if reason and not browser.CHROMIUM.exists():
        sys.exit(f"cannot measure: {reason}")

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        lean = args.site.resolve() if args.site else build(Path(folder) / "lean", material_full=False)
        material = build(Path(folder) / "material", material_full=True)
        pages = [("lean /full/", lean, "full/"), ("lean /en/full/", lean, "en/full/"),
                 ("Material /collection/", material, "collection/"),
                 ("Material /en/collection/", material, "en/collection/"),
                 ("Material /full/", material, "full/"), ("Material /en/full/", material, "en/full/")]
        print(f"Chromium at {browser.PHONE['width']}x{browser.PHONE['height']}; gzip = each response gzip -9; "
              f"bare = the visible text as <p>s, gzip -9; paint = median of {args.runs} loads served gzip-encoded, "
              f"throttled = {NETWORK['latency']} ms RTT, 1.6 Mbit/s, CPU {CPU_SLOWDOWN}x\n")
        header = (f"{'page':26} {'requests':>8} {'other':>5} {'bytes':>8} {'gzip':>7} {'bare':>6} {'ratio':>6} "
                  f"{'FCP':>6} {'LCP':>6} {'FCP thr':>8} {'LCP thr':>8}")
        print(header)
        print("-" * len(header))
        lighthouse_urls = []
        with sync_playwright() as playwright:
            chromium = browser.launch(playwright)
            for label, site, path in pages:
                with browser.SiteServer(site) as plain, browser.SiteServer(site, compress=True) as compressed:
                    weight = weigh(chromium, plain.url + path)
                    fcp, lcp = paint(chromium, compressed.url + path, args.runs, throttled=False)
                    fcp_slow, lcp_slow = paint(chromium, compressed.url + path, args.runs, throttled=True)
                print(f"{label:26} {weight['requests']:>8} {weight['other_hosts']:>5} {weight['bytes']:>8} "
                      f"{weight['gzip']:>7} {weight['bare']:>6} {weight['ratio']:>6.2f} {fcp:>6.0f} {lcp:>6.0f} "
                      f"{fcp_slow:>8.0f} {lcp_slow:>8.0f}")
                if weight["failed"]:
                    print(f"{'':26} failed requests: {', '.join(weight['failed'])}")
                if path in ("full/", "collection/"):
                    lighthouse_urls.append((label, site, path))
            chromium.close()
        if args.no_lighthouse:
            return 0
        print(f"\nLighthouse {LIGHTHOUSE.split('@')[1]}, mobile preset, served gzip-encoded with the _headers:")
        for label, site, path in lighthouse_urls:
            with browser.SiteServer(site, compress=True) as compressed:
                print(f"{label:26} {lighthouse(compressed.url + path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
