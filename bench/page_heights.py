"""How tall the two lists are on a phone: /inventory/ and /sharing/, in Chinese and in English.

Builds the site once (not ``--strict``: a draft of the text builds, with its warning), or takes
one with --site, serves it on 127.0.0.1 and prints, per page, the height of the document in CSS
pixels (``document.documentElement.scrollHeight``) in Debian's Chromium at 390x844. With
--before REV it also builds the site of the git revision REV (its sources taken with
``git archive``) and prints both heights and the ratio after / before. With --screenshots DIR
it writes a full-page PNG of each page (``inventory-zh.png``, ``before-inventory-zh.png``, …).

Without a Chinese font (``fc-list :lang=zh`` finds none, as on a bare Debian), Chromium draws
each Chinese character as a box about a third of its real width, so the Chinese pages come out
far too short. The script then widens every Chinese character to 1em (letter-spacing on runs of
CJK characters, set after the page has loaded) before it measures, and says so; a Chinese font
(``apt-get install fonts-noto-cjk``) or --no-cjk-emulation turns that off.

Not a test: figures to read. Run from the repository root with the test tools installed:

    .venv/bin/python bench/page_heights.py [--site site] [--before main] [--screenshots /tmp/shots]
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import browser  # noqa: E402
from conftest import copy_site, mkdocs_build_subprocess  # noqa: E402

from sites import SITE_FILES  # noqa: E402

# The pages measured: name → URL relative to the site's root.
PAGES = {"inventory-zh": "inventory/", "sharing-zh": "sharing/",
         "inventory-en": "en/inventory/", "sharing-en": "en/sharing/"}


# Widen each Chinese character to 1em: wrap runs of CJK characters (and full-width punctuation) in
# spans whose letter-spacing adds what the fallback box lacks, measured once on a probe.
EMULATE_CJK = r"""() => {
  const probe = document.createElement('span');
  probe.style.cssText = 'font-size:100px;white-space:nowrap;position:absolute;visibility:hidden';
  probe.textContent = '中'.repeat(10);
  document.body.append(probe);
  const missing = 1 - probe.getBoundingClientRect().width / 1000;
  probe.remove();
  const run = /[\u2E80-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]+/g;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  for (const node of nodes) {
    const text = node.nodeValue;
    if (!text.match(run)) continue;
    const parts = document.createDocumentFragment();
    let last = 0;
    for (const found of text.matchAll(run)) {
      parts.append(text.slice(last, found.index));
      const span = document.createElement('span');
      span.textContent = found[0];
      span.style.letterSpacing = missing + 'em';
      parts.append(span);
      last = found.index + found[0].length;
    }
    parts.append(text.slice(last));
    node.replaceWith(parts);
  }
  return missing;
}"""


def has_chinese_font() -> bool:
    """True when fontconfig knows a font with Chinese glyphs (or cannot be asked)."""
    if shutil.which("fc-list") is None:
        return True
    found = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True)
    return bool(found.stdout.strip())


def build(work: Path, revision: str | None = None) -> Path:
    """Build the site's sources into ``work/site`` and return that folder.

    The sources are the working tree's (``revision`` None) or those of the git revision
    ``revision``. Exits with the build's output when the build fails.
    """
    if revision is None:
        copy_site(work)
    else:
        work.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", "--format=tar", revision, *SITE_FILES], cwd=ROOT,
                                 capture_output=True)
        if archive.returncode != 0:
            sys.exit(f"git archive {revision} failed: {archive.stderr.decode(errors='replace').strip()}")
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(work, filter="data")
    # In a process of its own: the sources of another revision bring their own hooks, which must not
    # meet the modules this process has imported.
    result = mkdocs_build_subprocess(work, strict=False)
    if result.returncode != 0:
        sys.exit(f"build failed: {result.reproduce}\n{result.stderr[-2000:]}")
    return work / "site"


def heights(site: Path, screenshots: Path | None = None, prefix: str = "", emulate_cjk: bool = False) -> dict[str, int]:
    """The height in CSS pixels of each page of :data:`PAGES` of ``site`` at 390x844.

    With ``screenshots`` a full-page PNG of each is written there as ``<prefix><name>.png``;
    with ``emulate_cjk`` each Chinese character is widened to 1em first (:data:`EMULATE_CJK`).
    """
    from playwright.sync_api import sync_playwright

    found = {}
    with browser.SiteServer(site) as server, sync_playwright() as playwright:
        chromium = browser.launch(playwright)
        context = chromium.new_context(viewport=browser.PHONE)
        page = context.new_page()
        for name, url in PAGES.items():
            page.goto(server.url + url, wait_until="networkidle")
            if emulate_cjk:
                page.evaluate(EMULATE_CJK)
            found[name] = page.evaluate("document.documentElement.scrollHeight")
            if screenshots is not None:
                screenshots.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(screenshots / f"{prefix}{name}.png"), full_page=True)
        context.close()
        chromium.close()
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site to measure instead of building one")
    parser.add_argument("--before", metavar="REV", help="also build and measure the git revision REV")
    parser.add_argument("--screenshots", type=Path, metavar="DIR", help="write a full-page PNG of each page")
    parser.add_argument("--no-cjk-emulation", action="store_true",
                        help="measure as drawn even when no Chinese font is installed")
    args = parser.parse_args(argv)
    reason = browser.missing()
    if reason:
        sys.exit(f"cannot measure: {reason}")
    emulate = not args.no_cjk_emulation and not has_chinese_font()
    with tempfile.TemporaryDirectory() as folder:
        site = args.site or build(Path(folder) / "now")
        after = heights(site, args.screenshots, emulate_cjk=emulate)
        before = None
        if args.before:
            before = heights(build(Path(folder) / "before", args.before), args.screenshots, "before-", emulate)
    if emulate:
        print("no Chinese font installed: each Chinese character widened to 1em before measuring")
    print("page at 390x844 (CSS px)" + (f"  before ({args.before})  after  after/before" if before else "  height"))
    for name in PAGES:
        if before:
            print(f"{name:<26}{before[name]:>8}{after[name]:>8}{after[name] / before[name]:>8.2f}")
        else:
            print(f"{name:<26}{after[name]:>8}")


if __name__ == "__main__":
    main()
