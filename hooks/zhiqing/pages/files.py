"""The files the build reads and publishes: regular files inside the repository, page names a URL can hold.

MkDocs follows symbolic links under ``docs/`` and copies what they point to into the site: a
link ``docs/assets/env.txt -> /proc/self/environ`` would publish the build machine's
environment, tokens included. A privacy policy's sources have no use for links, so none is
accepted in ``docs/`` (the frozen releases included), ``overrides/`` (the theme files Material
copies), ``data/`` or ``schemas/``: no symbolic link, no hard link shared with another file,
no mount, nor any file that is not a regular file (a FIFO would hang the build).

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
from zhiqing.site import external

# One segment of a page's path: lowercase ASCII letters, digits and hyphens.
NAME = r"[a-z0-9][a-z0-9-]*"
_NAME = re.compile(NAME)
# The folders whose files the build reads: a link or a special file in one is refused.
FOLDERS = ("docs", "overrides", "data", "schemas")
# What MkDocs reads as a Markdown page besides .md: refused, so that every page is checked as one.
OTHER_MARKDOWN = (".markdown", ".mdown", ".mkdn", ".mkd")
# Files a browser runs as a document or a script: MkDocs would publish them as they are, beside
# the pages, with none of the pages' checks (a page of the policy is Markdown).
ACTIVE_FILES = (".html", ".htm", ".xhtml", ".xht", ".svg", ".svgz", ".xml", ".xsl", ".js", ".mjs", ".swf")
# Front matter keys the theme writes into the HTML of every page (the navigation, <title>, <meta>).
SHOWN_KEYS = ("title", "description")


def check_files(root: Path, docs_dir: Path | None = None, theme_dir: Path | None = None) -> None:
    """Refuse what the build must not read or publish under its folders, naming the entry.

    Under ``docs/``, ``overrides/``, ``data/`` and ``schemas/``: symbolic links, hard links
    shared with another file, anything on another file system (a mount), special files.
    Under ``docs/``: files a browser runs (:data:`ACTIVE_FILES`), Markdown named other than
    ``.md``, a folder named like a page, page names outside :data:`NAME`; in every page, front
    matter with anchors, aliases or deep nesting (MkDocs' own reading would expand them), a
    ``title`` or ``description`` holding markup (the theme writes them unescaped), and markup
    that runs (:func:`zhiqing.pages.markup.source_problem`). ``docs_dir`` defaults to
    ``root/docs``; ``theme_dir`` is the theme's ``custom_dir`` (checked as ``overrides/`` is,
    and refused outside the repository). Entries whose name starts with a dot are skipped as
    MkDocs skips them, and Python's caches. Raises PolicyError naming the entry (relative to ``root``), what it is
    and what was expected.
    """
    docs_dir = docs_dir or root / "docs"
    device = root.resolve().stat().st_dev
    folders = [docs_dir, *(root / name for name in FOLDERS[1:])]
    if theme_dir is not None:
        if not (theme_dir.parent.resolve() / theme_dir.name).is_relative_to(root.resolve()):
            raise PolicyError(f"Error reading 'mkdocs.yml': theme.custom_dir is '{theme_dir}', outside the repository; "
                              f"expected a folder of it such as overrides/ (its files are published)")
        folders.append(theme_dir)
    for folder in folders:
        if not folder.exists() and not folder.is_symlink():
            continue
        _check_entry(folder, root, device)
        for current, folders, files in os.walk(folder):
            folders[:] = sorted(name for name in folders if not name.startswith(".") and name != "__pycache__")
            for name in folders + sorted(files):
                if not name.startswith("."):
                    _check_entry(Path(current) / name, root, device)
    for current, folders, files in os.walk(docs_dir):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in folders + files:
            path = Path(current) / name
            suffix = path.suffix.lower()
            if name.startswith(".") or (suffix == ".md" and path.is_file()):
                continue
            shown = _shown(path, root)
            if suffix in (".md", *OTHER_MARKDOWN):
                raise PolicyError(f"Error reading '{shown}': a {'folder' if path.is_dir() else 'file'} named like "
                                  f"a page ({suffix}); expected pages as files named *.md")
            if suffix in ACTIVE_FILES:
                raise PolicyError(f"Error reading '{shown}': a {suffix} file is published as it is and a browser "
                                  f"runs it; expected the policy's pages in Markdown (*.md), and images or "
                                  f"stylesheets beside them")
    # The Chinese file first: a name is reported where the operator made it.
    pages = sorted(docs_dir.rglob("*.md"), key=lambda path: (default_source(path.as_posix()),
                                                             default_source(path.as_posix()) != path.as_posix()))
    for page in pages:
        relative = page.relative_to(docs_dir)
        if any(part.startswith(".") for part in relative.parts):
            continue
        shown = f"{_shown(docs_dir, root)}/{relative.as_posix()}"
        check_page_name(relative.as_posix(), shown)
        _check_page_text(read_text(page, root), shown)


def _check_page_text(text: str, shown: str) -> None:
    try:  # MkDocs reads every page's front matter itself, aliases and all
        meta, body, offset = split_front_matter(text)
    except PolicyError as error:
        raise PolicyError(f"Error reading '{shown}': {error}") from None
    for key in SHOWN_KEYS:
        value = meta.get(key)
        if isinstance(value, str) and re.search(r"[<>&]", value):
            raise PolicyError(f"Error reading '{shown}': front matter '{key}' is {value!r}, which holds markup; "
                              f"expected plain text (the theme writes it into the HTML of every page as it is)")
    problem = markup.source_problem(body)  # the rest of the front matter is data, shown as text
    if problem:
        raise PolicyError(f"Error reading '{shown}': line {problem[0] + offset} has {problem[1]}; {markup.EXPECTED}")
    loads = external.markdown_loads(body)
    if loads:  # refused here, not only warned on the built page: release would freeze it
        line, url = loads[0]
        raise PolicyError(f"Error reading '{shown}': line {line + offset} loads {url} from another host; expected "
                          f"every image, script and stylesheet to be in docs/ (no page may contact another host)")


def _shown(path: Path, root: Path) -> str:
    """``path`` relative to the repository, the link itself not followed (``docs/assets/env.txt``)."""
    try:
        return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _check_entry(path: Path, root: Path, device: int) -> None:
    info = path.lstat()
    shown = _shown(path, root)
    if stat.S_ISLNK(info.st_mode):
        raise PolicyError(
            f"Error reading '{shown}': it is a symbolic link (to {os.readlink(path)}); expected a regular file or "
            f"folder: links are refused so that no file from outside the repository reaches site/ (copy the "
            f"file into the repository instead)")
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
        raise PolicyError(f"Error reading '{shown}': it is not a regular file (a pipe, socket or device); "
                          f"expected a regular file or folder")
    if stat.S_ISREG(info.st_mode) and info.st_nlink > 1:
        raise PolicyError(f"Error reading '{shown}': it is a hard link, one of {info.st_nlink} names of the same "
                          f"file; expected a file of its own (a hard link can bring a file from outside the "
                          f"repository into site/; copy it instead)")
    if info.st_dev != device:
        raise PolicyError(f"Error reading '{shown}': it is on another file system than the repository (a mount); "
                          f"expected the repository's own files")


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
