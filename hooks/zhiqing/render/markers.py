"""The markers a page may hold, ``<!-- policy:NAME -->`` on a line of its own, in one registry.

A marker is replaced by Markdown or HTML (from the macros in ``overrides/policy/``). Each is
registered here once, with the stage that expands it:

- ``text`` markers belong to the policy's text: the renderer expands them wherever the text
  is rendered (a page, ``/full/``, a frozen snapshot);
- ``site`` markers need the build (the releases' status on the build date, the page's URL):
  the build expands them on the site's pages; elsewhere they stay as they are.

A marker may be limited to pages of some kinds (``only_in``): the renderer refuses it
elsewhere with the file and line, so ``check``, ``release`` and the build all refuse it before
a misplaced marker can be frozen into a snapshot. An unknown name stops the build the same
way. Adding a marker means adding one function here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from zhiqing.errors import PolicyError
from zhiqing.pages.markdown import MARKER
from zhiqing.render.compose import html_block
from zhiqing.site import archive_pages

if TYPE_CHECKING:  # pragma: no cover
    from zhiqing.build import BuildState
    from zhiqing.render.renderer import Place, Renderer

TEXT, SITE = "text", "site"


@dataclass(frozen=True)
class MarkerUse:
    """One marker on one page: the file and line it is on, and what can expand it.

    ``place`` is where the text is rendered (a page of its own or ``/full/``) and
    ``renderer`` renders it, for ``text`` markers; ``build``, ``url`` (the page's URL
    relative to its language root), ``language`` and ``meta`` (the page's front matter)
    serve ``site`` markers, for which ``line`` is 0 (the build sees a page's Markdown after
    rendering, not its file).
    """

    relative: str
    line: int
    renderer: "Renderer | None" = None
    place: "Place | None" = None
    build: "BuildState | None" = None
    url: str = ""
    language: str = ""
    meta: dict | None = None


@dataclass(frozen=True)
class Marker:
    """A registered marker: its name, its stage (``text`` or ``site``), what replaces it, and the
    kinds of policy page it may stand in (``only_in``, None for any; ``where`` says it to a person)."""

    name: str
    stage: str
    expand: Callable[[MarkerUse], str]
    only_in: tuple[str, ...] | None = None
    where: str = ""

    def check_place(self, kind: str, relative: str, line: int) -> None:
        """Raise PolicyError naming the file and line when the marker stands in a page of another kind."""
        if self.only_in is not None and kind not in self.only_in:
            raise PolicyError(
                f"Error reading '{relative}': line {line} has the marker 'policy:{self.name}' in a page with "
                f"policy: {kind}; expected it only in {self.where}")


MARKERS: dict[str, Marker] = {}


def marker(name: str, stage: str = TEXT, only_in: tuple[str, ...] | None = None, where: str = ""):
    """Register the decorated function as the expansion of ``<!-- policy:NAME -->``."""
    def register(function: Callable[[MarkerUse], str]) -> Callable[[MarkerUse], str]:
        MARKERS[name] = Marker(name, stage, function, only_in, where)
        return function
    return register


def find(name: str, relative: str, line: int) -> Marker:
    """The marker ``name``; PolicyError naming the file and line when there is none."""
    if name not in MARKERS:
        raise PolicyError(
            f"Error reading '{relative}': line {line} has the unknown marker 'policy:{name}'; "
            f"expected one of {', '.join('policy:' + m for m in MARKERS)}"
        )
    return MARKERS[name]


def expand_site_markers(markdown: str, build: "BuildState", relative: str, url: str, language: str,
                        meta: dict) -> str:
    """Replace the ``site`` markers of a built page (any page); every other line stays as it is.

    ``relative`` is the page's file (``docs/archive/index.md``), ``url`` its URL relative to
    its language root, ``meta`` its front matter.
    """
    lines = []
    for line in markdown.split("\n"):
        match = MARKER.match(line)
        found = MARKERS.get(match.group(1)) if match else None
        if found is not None and found.stage == SITE:
            lines.append(found.expand(MarkerUse(relative, 0, build=build, url=url, language=language, meta=meta)))
        else:
            lines.append(line)
    return "\n".join(lines)


# --- the policy's text -----------------------------------------------------------------------

@marker("dates")
def dates(use: MarkerUse) -> str:
    """生效日期 and 最新更新日期 of the version being rendered, in ``<time>`` elements."""
    return use.renderer.dates_html(use.renderer.version)


@marker("toc")
def toc(use: MarkerUse) -> str:
    """The section pages as a list of links (in ``/full/``: links to their ids)."""
    return use.renderer.toc_markdown(use.place.in_full)


def _list(use: MarkerUse, table: str) -> str:
    renderer = use.renderer
    return html_block(renderer.macros.policy_list(table, renderer.list_rows(table, use.place),
                                                  renderer.not_listed(table, use.place), renderer.language))


@marker("inventory")
def inventory(use: MarkerUse) -> str:
    """The collected-personal-information list (已收集个人信息清单): a card per row, the clauses kept out of it below."""
    return _list(use, "collected")


@marker("sharing")
def sharing(use: MarkerUse) -> str:
    """The third-party sharing list (与第三方共享个人信息清单): a card per row, the clauses kept out of it below."""
    return _list(use, "shared")


@marker("full", only_in=("full",), where="the page with policy: full (docs/full.md)")
def full(use: MarkerUse) -> str:
    """The whole policy on one page."""
    return use.renderer.full()


# --- the site ---------------------------------------------------------------------------------

@marker("archive", stage=SITE, only_in=("archive",), where="the page with policy: archive (docs/archive/index.md)")
def archive(use: MarkerUse) -> str:
    """The version history, newest first, with each version's status on the build date."""
    return html_block(archive_pages.archive_table(use.build, use.url, use.language))


def _redline(use: MarkerUse, name: str, key: str, where: str, page) -> str:
    """The redline page of marker ``name``: ``page(build, version id, url, language, relative)``
    for the version in the front matter ``key``; refused, naming the file, in a page without it."""
    if key not in (use.meta or {}):
        raise PolicyError(f"Error reading '{use.relative}': the page has the marker 'policy:{name}' but no {key}; "
                          f"expected it only in {where}")
    return html_block(page(use.build, str(use.meta[key]), use.url, use.language, use.relative))


@marker("changes", stage=SITE, only_in=(), where="the redline pages release writes (docs/archive/<id>/changes.md)")
def changes(use: MarkerUse) -> str:
    """The redline of the page's version (front matter ``policy_changes``) against the one before.

    Never in a page of the policy (``only_in`` is empty)."""
    return _redline(use, "changes", "policy_changes",
                    "the redline pages release writes (docs/archive/<id>/changes.md)", archive_pages.changes_page)


@marker("since", stage=SITE, only_in=(), where="the cumulative redline pages the build makes (/archive/<id>/since/)")
def since(use: MarkerUse) -> str:
    """The cumulative redline of the page's version (front matter ``policy_since``) against the newest.

    Only in the pages the build generates (:func:`zhiqing.site.archive_pages.since_pages`)."""
    return _redline(use, "since", "policy_since", "the cumulative redline pages the build makes",
                    archive_pages.since_page)
