"""Published URLs never disappear: the committed list ``data/published-urls.txt`` and its checks.

Apps link the policy, regulators cite it, users bookmark a version: once the site has
published a URL it must keep answering. ``python hooks/policy.py release`` adds the URLs of
each release to the list (it is never shortened by the tools); the build fails, naming the
URL, when one of them is not in the built site, unless a redirect is declared for it
(``mkdocs-redirects``' ``redirect_maps`` in ``mkdocs.yml``), whose English side this module
writes (:func:`write_language_redirects`).
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
from pathlib import Path

from zhiqing.data.files import read_text
from zhiqing.data.model import Version
from zhiqing.errors import PolicyError
from zhiqing.languages import DEFAULT_LANGUAGE, LANGUAGES, TRANSLATIONS
from zhiqing.pages.discover import nav_paths, page_url
from zhiqing.pages.files import NAME

log = logging.getLogger("mkdocs.hooks.zhiqing")

FILE = "data/published-urls.txt"
HEADER = """\
# Every URL the site has published, relative to site_url, one a line, both languages.
# `python hooks/policy.py release` adds the URLs of each release; never remove a line:
# `mkdocs build` fails when one of these is missing from the site. To move or rename a
# page, declare a redirect in mkdocs.yml (plugins: redirects: redirect_maps).
"""
# Files the site publishes besides its pages (GUIDE.md, "The archive, the manifest and the feeds").
MACHINE_URLS = ("/policy.json", "/feed.xml", "/en/feed.xml")
# A page's path is written with the characters page names are (zhiqing.pages.files.NAME), so that
# every page the build accepts has a URL this list can hold, and no other.
_URL = re.compile(rf"/(?:{NAME}/)*(?:{NAME}\.(?:json|xml|html))?")


def read(root: Path) -> list[str]:
    """The URLs listed in ``data/published-urls.txt``, in file order.

    Raises PolicyError naming the file and line for a missing file or a line that is not a
    site path such as ``/collection/`` (lowercase, starting with ``/``, no ``..``).
    """
    path = root / FILE
    if not path.exists():
        raise PolicyError(f"Error reading '{FILE}': the file does not exist; expected the list of every URL "
                               f"the site has published (restore it from version control)")
    urls = []
    for number, line in enumerate(read_text(path, root).split("\n"), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not _URL.fullmatch(line):
            raise PolicyError(f"Error reading '{FILE}': line {number} is {line!r}, expected a path of the "
                                   f"site such as /collection/ or /en/archive/2023-11-01/")
        urls.append(line)
    return urls


def site_urls(nav: list, versions: list[Version]) -> list[str]:
    """The URLs a site with this ``nav`` and these releases publishes, zh then en.

    Each page of ``nav`` in both languages, each release's frozen text and (from the second
    release on) its redline, the cumulative redline of each release before the newest
    (``archive/<id>/since/``), ``/policy.json`` and the feeds.
    """
    paths = [page_url(src) for src in nav_paths(nav)]
    for index, version in enumerate(versions):
        paths.append(f"archive/{version.id}/")
        if index:
            paths.append(f"archive/{version.id}/changes/")
        if index < len(versions) - 1:
            paths.append(f"archive/{version.id}/since/")
    urls = []
    for language in LANGUAGES:
        prefix = "/" if language == DEFAULT_LANGUAGE else f"/{language}/"
        urls.extend(prefix + path for path in paths)
    return urls + [url for url in MACHINE_URLS if url not in urls]


def text(urls: list[str]) -> str:
    """The file ``data/published-urls.txt`` listing ``urls`` (release writes it, :mod:`zhiqing.archive.journal`)."""
    return HEADER + "".join(f"{url}\n" for url in urls)


def merged(existing: list[str], new: list[str]) -> list[str]:
    """``existing`` followed by the URLs of ``new`` it lacks: the list only grows."""
    seen = set(existing)
    return existing + [url for url in new if not (url in seen or seen.add(url))]


def missing(urls: list[str], site_dir: Path) -> list[str]:
    """The URLs with no file in the built site (``/x/`` needs ``x/index.html``)."""
    absent = []
    for url in urls:
        relative = url.lstrip("/")
        target = site_dir / relative / "index.html" if url.endswith("/") else site_dir / relative
        if not target.is_file():
            absent.append(url)
    return absent


def language_redirects(redirect_maps: dict, language: str) -> list[tuple[str, str]]:
    """Redirects of ``language`` for ``redirect_maps`` (``{"old.md": "new.md#id"}``).

    mkdocs-redirects writes the default language's redirect only (static-i18n builds
    ``en`` into the same site folder, with the same file names). Returns
    ``[(old_html_path, relative_target)]`` such as ``("en/minors/index.html",
    "../children/")``; external targets (``https://…``) are kept as they are.
    """
    result = []
    for old, new in redirect_maps.items():
        old_path = f"{language}/{page_url(old)}index.html"
        new = str(new)
        if new.lower().startswith(("http://", "https://")):
            result.append((old_path, new))
            continue
        page, _, anchor = new.partition("#")
        target = posixpath.relpath(f"{language}/{page_url(page)}" or ".", posixpath.dirname(old_path))
        result.append((old_path, target.rstrip("/") + "/" + (f"#{anchor}" if anchor else "")))
    return result


def write_language_redirects(site_dir: Path, redirect_maps: dict) -> None:
    """Write the redirects of ``redirect_maps`` for the languages after the default one.

    mkdocs-redirects writes ``/minors/`` → ``/children/`` only: static-i18n builds ``en``
    with the same file names, so ``/en/minors/`` would vanish without this. A target whose
    page is not in the site is logged as a warning (``--strict`` fails) and not written.
    """
    from mkdocs_redirects.plugin import write_html

    for language in TRANSLATIONS:
        for old_path, target in language_redirects(redirect_maps, language):
            landing = posixpath.normpath(posixpath.join(posixpath.dirname(old_path), target.split("#")[0]))
            if "://" not in target and not (site_dir / landing / "index.html").is_file():
                log.warning(f"Redirect of '{old_path}' in {language}: the target '{landing}/' is not in the site; "
                            f"expected the {language} page of the target in redirect_maps")
                continue
            write_html(str(site_dir), old_path, target)


def warn_missing(urls: list[str], site_dir: Path) -> None:
    """Log a warning (``--strict`` fails) for each published URL the built site lacks."""
    for url in missing(urls, site_dir):
        log.warning(
            f"The published URL '{url}' is not in the site: it is listed in {FILE}, and a URL the "
            f"site has published must keep working. Keep the page, or declare a redirect for it in mkdocs.yml "
            f"(plugins: redirects: redirect_maps, e.g. 'old.md': 'new.md').")
