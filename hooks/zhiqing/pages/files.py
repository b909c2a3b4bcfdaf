"""The files the build reads and publishes: regular files inside the repository, page names a URL can hold.

MkDocs follows symbolic links under ``docs/`` and copies what they point to into the site: a
link ``docs/assets/env.txt -> /proc/self/environ`` would publish the build machine's
environment, tokens included. A privacy policy's sources have no use for links, so none is
accepted in ``docs/`` (the frozen releases included), ``overrides/`` (the theme files Material
copies) or ``data/``, nor any file that is not a regular file (a FIFO would hang the build).

A page's path becomes its URL, and every URL the site publishes is kept in
``data/published-urls.txt`` (:mod:`zhiqing.site.published`): a page name is therefore written
with the same characters the ledger accepts, :data:`NAME` (``FAQ 说明.md`` would publish
``/FAQ 说明/``, a URL the ledger, apps and regulators' citations cannot hold reliably).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from zhiqing.data.files import read_text
from zhiqing.errors import PolicyError
from zhiqing.languages import TRANSLATIONS, default_source
from zhiqing.pages import markup
from zhiqing.pages.markdown import split_front_matter

# One segment of a page's path: lowercase ASCII letters, digits and hyphens.
NAME = r"[a-z0-9][a-z0-9-]*"
_NAME = re.compile(NAME)
# The folders whose files the build reads: a link or a special file in one is refused.
FOLDERS = ("docs", "overrides", "data")


def check_files(root: Path, docs_dir: Path | None = None) -> None:
    """Refuse links, special files and page names outside :data:`NAME` under the build's folders.

    ``docs_dir`` defaults to ``root/docs``. Entries whose name starts with a dot are skipped
    as MkDocs skips them (``exclude_docs`` default), and Python's caches. The front matter of
    every page is read as the build reads it (no anchors or aliases, which MkDocs' own reading
    would expand), and no page carries scripts, event handlers, styles or ``javascript:``
    links (:func:`zhiqing.pages.markup.source_problem`). Raises PolicyError naming the entry (relative to ``root``), what it is and
    what was expected.
    """
    docs_dir = docs_dir or root / "docs"
    for folder in (docs_dir, *(root / name for name in FOLDERS[1:])):
        if not folder.exists():
            continue
        _check_entry(folder, root)
        for current, folders, files in os.walk(folder):
            folders[:] = sorted(name for name in folders if not name.startswith(".") and name != "__pycache__")
            for name in folders + sorted(files):
                if not name.startswith("."):
                    _check_entry(Path(current) / name, root)
    # The Chinese file first: a name is reported where the operator made it.
    for page in sorted(docs_dir.rglob("*.md"), key=lambda path: (default_source(path.as_posix()), default_source(path.as_posix()) != path.as_posix())):
        relative = page.relative_to(docs_dir)
        if any(part.startswith(".") for part in relative.parts):
            continue
        shown = f"{_shown(docs_dir, root)}/{relative.as_posix()}"
        check_page_name(relative.as_posix(), shown)
        text = read_text(page, root)
        try:  # MkDocs reads every page's front matter itself, aliases and all
            _, body, offset = split_front_matter(text)
        except PolicyError as error:
            raise PolicyError(f"Error reading '{shown}': {error}") from None
        problem = markup.source_problem(body)  # the front matter is data, shown as text
        if problem:
            raise PolicyError(f"Error reading '{shown}': line {problem[0] + offset} has {problem[1]}; "
                              f"{markup.EXPECTED}")


def _shown(path: Path, root: Path) -> str:
    """``path`` relative to the repository, the link itself not followed (``docs/assets/env.txt``)."""
    try:
        return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _check_entry(path: Path, root: Path) -> None:
    mode = path.lstat().st_mode
    if stat.S_ISLNK(mode):
        raise PolicyError(
            f"Error reading '{_shown(path, root)}': it is a symbolic link (to {os.readlink(path)}); expected "
            f"a regular file or folder: links are refused so that no file from outside the repository "
            f"reaches site/ (copy the file into the repository instead)")
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise PolicyError(f"Error reading '{_shown(path, root)}': it is not a regular file (a pipe, socket or "
                          f"device); expected a regular file or folder")


def check_page_name(src: str, shown: str) -> None:
    """Refuse a page path (``collection.md``, ``archive/2023-11-01/index.en.md``) outside :data:`NAME`.

    Each folder and the file name without ``.md`` and its language suffix must match
    :data:`NAME`. Raises PolicyError naming ``shown``.
    """
    stem = src[: -len(".md")]
    for language in TRANSLATIONS:
        if stem.endswith(f".{language}"):
            stem = stem[: -len(language) - 1]
    for segment in stem.split("/"):
        if not _NAME.fullmatch(segment):
            raise PolicyError(
                f"Error reading '{shown}': the name {segment!r} cannot be a URL of the site; expected "
                f"lowercase ASCII letters, digits and hyphens (such as 'faq' or 'third-parties'), since "
                f"data/published-urls.txt keeps every URL the site publishes")
