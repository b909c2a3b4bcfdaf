"""Benchmark: how much work one `mkdocs build --strict` of the shipped site does.

    python bench/work.py

Builds a copy of the site once, in this process, with counters around the loaders and the
renderer, and prints: how many times the data files are loaded, how many renderers are made
and macro files of ``overrides/policy/`` compiled, how many times pages are rendered (a
page of the policy text is rendered twice per language: on its own and inside /full/) and
how many times a page's Markdown is read into blocks. The
counts do not depend on the machine, so they need no reference build.
"""

from __future__ import annotations

import collections
import functools
import logging
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from sites import copy_site  # noqa: E402  (bench/sites.py)

from zhiqing import build  # noqa: E402
from zhiqing.pages import markdown  # noqa: E402
from zhiqing.render import renderer, templates  # noqa: E402


def counted(counts: collections.Counter, owner, name: str, key=None):
    """Wrap ``owner.name`` so that each call adds to ``counts[key(args) or name]``."""
    original = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        counts[key(*args, **kwargs) if key else name] += 1
        return original(*args, **kwargs)

    setattr(owner, name, wrapper)
    return original


def build_once(work: Path, out: Path) -> None:
    """One in-process `mkdocs build --strict` of ``work`` into ``out``; a failed build ends the script."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    handler = logging.StreamHandler()  # MkDocs' warnings and errors, as the command line shows them
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    handler.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(handler)
    config = load_config(config_file=str(work / "mkdocs.yml"), site_dir=str(out), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    except Abort as error:
        raise SystemExit(f"bench/work.py: the build of {work} failed ({error.format_message()}); "
                         f"the counts are of a build that succeeds") from None
    config.plugins.on_shutdown()


def main() -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1796083200")  # 2026-12-01: the shipped site, fixed date
    with tempfile.TemporaryDirectory() as temporary:
        work = copy_site(Path(temporary) / "site")
        counts: collections.Counter = collections.Counter()
        for name in ("load_operator", "load_inventory", "load_versions"):
            counted(counts, build, name)
        counted(counts, renderer.Renderer, "__init__", lambda *a, **k: "renderers made")
        counted(counts, renderer.Renderer, "render",
                lambda self, place, *a, **k: ("render", self.language, place.part.src, place.in_full))
        counted(counts, templates.jinja2.Environment, "get_template",
                lambda self, name, *a, **k: ("compile", name))
        counted(counts, markdown._Reader, "read", lambda *a, **k: "markdown reads")
        build_once(work, Path(temporary) / "out")
    renders = {key: value for key, value in counts.items() if isinstance(key, tuple) and key[0] == "render"}
    compiles = {key[1]: value for key, value in counts.items()
                if isinstance(key, tuple) and key[0] == "compile" and key[1].startswith("policy/")}
    per_page = collections.Counter()
    for (_, language, src, _), number in renders.items():
        per_page[(language, src)] += number
    print(f"data files loaded: operator.yml {counts['load_operator']}, inventory.yml {counts['load_inventory']}, "
          f"versions.yml {counts['load_versions']}")
    print(f"renderers made: {counts['renderers made']}; macro files compiled: "
          + ", ".join(f"{name} {number}" for name, number in sorted(compiles.items())))
    print(f"page renders: {sum(renders.values())} for {len(per_page)} (language, page) pairs; "
          f"most renders of one page: {max(per_page.values())} (its own page and inside /full/ are two)")
    print(f"Markdown reads into blocks (zhiqing.pages.markdown.read_blocks): {counts['markdown reads']}")


if __name__ == "__main__":
    main()
