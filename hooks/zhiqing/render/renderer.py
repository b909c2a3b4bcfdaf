"""The policy's Markdown as published: variables resolved, markers expanded, /full/ assembled.

Pure functions over the files in ``docs/`` and the loaded :class:`core.Policy`; the MkDocs
hook (``hooks/pages.py``) and the command line (``hooks/policy.py``) both call them, so a
page, ``/full/`` and a frozen snapshot are rendered by the same code.

Pages of the policy say what they are in their front matter, ``policy: intro | section |
annex | full | archive``; their order is the order of ``nav`` in ``mkdocs.yml``. Markers are HTML
comments on a line of their own, ``<!-- policy:NAME -->``; HTML comes from the Jinja2
macros in ``overrides/policy/macros.html``.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import jinja2
import jinja2.sandbox
import yaml

from zhiqing.data import model as core
from zhiqing.data import dates

PAGE_KINDS = ("intro", "section", "annex", "full", "archive")
MARKERS = ("dates", "toc", "inventory", "sharing", "full", "archive", "changes")
# Expanded later by hooks/archive_pages.py, which knows the releases and the build date.
DEFERRED_MARKERS = ("archive", "changes")

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)
MARKER = re.compile(r"^[ \t]*<!--\s*policy:(.*?)\s*-->[ \t]*$")
ATX_HEADING = re.compile(r"^(#{1,6})(\s)")
ANY_HEADING = re.compile(r"^#{1,6}\s+\S")
PAGE_LINK = re.compile(r"\]\(([A-Za-z0-9_./-]+?)\.md(#[A-Za-z0-9_-]+)?\)")


@dataclass(frozen=True)
class Part:
    """One page of the policy: ``src`` is its Chinese file relative to ``docs/``."""

    kind: str
    src: str

    def path(self, language: str) -> str:
        """``collection.md`` for zh, ``collection.en.md`` for en (static-i18n's suffix layout)."""
        if language == core.DEFAULT_LANGUAGE:
            return self.src
        return f"{self.src[:-3]}.{language}.md"

    @property
    def url(self) -> str:
        """The page's URL relative to the language root: ``collection/``, ``""`` for the index."""
        stem = self.src[:-3]
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"


def split_front_matter(text: str) -> tuple[dict, str, int]:
    """Split a page into ``(meta, body, lines_before_body)``.

    ``lines_before_body`` lets a message about line N of ``body`` name line
    N + lines_before_body of the file. Raises PolicyError (without a path; callers add
    it) when the front matter is not a YAML mapping.
    """
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text, 0
    try:
        meta = yaml.safe_load(match.group(1) or "") or {}
    except yaml.YAMLError as error:
        raise core.PolicyError(f"the front matter is not valid YAML ({str(error).splitlines()[0]})") from None
    if not isinstance(meta, dict):
        raise core.PolicyError("the front matter is not a mapping of keys to values")
    return meta, text[match.end():], match.group(0).count("\n")


def nav_paths(nav: list | None) -> list[str]:
    """Flatten a MkDocs ``nav`` config into its Markdown paths, in order."""
    found: list[str] = []

    def walk(item):
        if isinstance(item, str):
            if item.endswith(".md"):
                found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav or [])
    return found


def read_nav(root: Path) -> list:
    """Read ``nav`` from ``mkdocs.yml`` without MkDocs (for the command line).

    Tags such as ``!!python/name`` are ignored; only the ``nav`` key is used.
    """

    class _Loose(yaml.SafeLoader):
        pass

    _Loose.add_multi_constructor("", lambda loader, suffix, node: None)
    text = core.read_text(root / "mkdocs.yml", root)
    try:
        config = yaml.load(text, Loader=_Loose) or {}
    except yaml.YAMLError as error:
        raise core.PolicyError(f"Error reading 'mkdocs.yml': {str(error).splitlines()[0]}") from None
    return config.get("nav") or []


def discover_parts(docs_dir: Path, nav: list, root: Path) -> list[Part]:
    """Return the policy pages in nav order, checked.

    Checks (each a PolicyError naming the file and line): the ``policy`` front matter is
    one of PAGE_KINDS; every heading of a policy page has an explicit id ``{#id}``; no
    id is used twice across pages; every page has its English translation with the same
    ids in the same order (the ids are shared by both languages, DESIGN "Content").
    """
    parts: list[Part] = []
    seen: dict[str, str] = {}
    for src in nav_paths(nav):
        path = docs_dir / src
        if not path.exists():
            translations = [docs_dir / Part("section", src).path(language) for language in core.LANGUAGES[1:]]
            if any(translation.exists() for translation in translations):
                # A page of the policy lost its Chinese file. MkDocs only warns, and the draft
                # notice and the published-URL check would follow with advice that does not fit
                # (release, redirect): say it once, here.
                raise core.PolicyError(
                    f"Error reading 'mkdocs.yml': nav lists '{src}', which is not in "
                    f"{core._relative(docs_dir, root)}/; expected the page (to rename or remove a page, "
                    f"change nav and declare a redirect for its URL)"
                )
            continue  # perhaps generated by a hook in on_files; MkDocs reports it otherwise
        meta, body, offset = _read_page(path, root)
        kind = meta.get("policy")
        if kind is None:
            continue
        relative = core._relative(path, root)
        if kind not in PAGE_KINDS:
            raise core.PolicyError(
                f"Error reading '{relative}': front matter 'policy' is {kind!r}, "
                f"expected one of {', '.join(PAGE_KINDS)}"
            )
        part = Part(kind, src)
        ids = _checked_ids(body, relative, offset)
        _check_title(body, relative, offset, kind)
        for anchor, line in ids:
            if anchor in seen:
                raise core.PolicyError(
                    f"Error reading '{relative}': line {line} uses the heading id '{anchor}' "
                    f"already used in {seen[anchor]}; expected an id used once in the policy"
                )
            seen[anchor] = relative
        for language in core.LANGUAGES[1:]:
            translated = docs_dir / part.path(language)
            translated_relative = core._relative(translated, root)
            if not translated.exists():
                raise core.PolicyError(
                    f"Error reading '{translated_relative}': the file does not exist; "
                    f"expected the {language} translation of '{relative}'"
                )
            t_meta, t_body, t_offset = _read_page(translated, root)
            if t_meta.get("policy") != kind:
                raise core.PolicyError(
                    f"Error reading '{translated_relative}': front matter 'policy' is "
                    f"{t_meta.get('policy')!r}, expected {kind!r} as in '{relative}'"
                )
            t_ids = _checked_ids(t_body, translated_relative, t_offset)
            _check_title(t_body, translated_relative, t_offset, kind)
            if [a for a, _ in t_ids] != [a for a, _ in ids]:
                missing = [a for a, _ in ids if a not in {b for b, _ in t_ids}]
                extra = [a for a, _ in t_ids if a not in {b for b, _ in ids}]
                detail = (f"lacks the heading id '{missing[0]}'" if missing else
                          f"has the heading id '{extra[0]}' not in '{relative}'" if extra else
                          "has its heading ids in another order")
                raise core.PolicyError(
                    f"Error reading '{translated_relative}': it {detail}; "
                    f"expected the same heading ids as '{relative}', in the same order"
                )
        parts.append(part)
    return parts


def _check_title(body: str, relative: str, offset: int, kind: str) -> None:
    """A page of the policy text starts with its title, a ``#`` heading: the table of contents,
    ``/full/`` and the redline name the page by it (a page without one would vanish from them)."""
    if kind not in ("intro", "section", "annex"):
        return
    found = core.heading_ids(body)
    if not found or found[0][0] != 1:
        where = (f"line {found[0][3] + offset} is a '{'#' * found[0][0]}' heading" if found
                 else "the page has no heading")
        example = f"# {found[0][1]} {{#{found[0][2]}}}" if found else "# 五、未成年人的个人信息保护 {#minors}"
        raise core.PolicyError(
            f"Error reading '{relative}': {where}, expected the page's title first, "
            f"a '# ' heading such as '{example}'"
        )


def _read_page(path: Path, root: Path) -> tuple[dict, str, int]:
    text = core.read_text(path, root)
    try:
        return split_front_matter(text)
    except core.PolicyError as error:
        raise core.PolicyError(f"Error reading '{core._relative(path, root)}': {error}") from None


def _checked_ids(body: str, relative: str, offset: int) -> list[tuple[str, int]]:
    ids: list[tuple[str, int]] = []
    own: set[str] = set()
    lines = body.split("\n")
    for number, line in enumerate(lines, start=1):
        if INDENTED_CODE.match(line) and _starts_code_block(lines, number - 1):
            raise core.PolicyError(
                f"Error reading '{relative}': line {number + offset} starts with a tab or four spaces, which "
                f"Markdown shows as a block of code; expected the paragraph to start at the beginning of the line")
        if not ANY_HEADING.match(line):
            continue
        match = core.HEADING.match(line)
        if not match:
            half_width = line.strip().replace("｛", "{").replace("｝", "}").replace("＃", "#")
            if core.HEADING.match(half_width):  # typed with a Chinese input method
                raise core.PolicyError(
                    f"Error reading '{relative}': line {number + offset} is a heading whose id is written "
                    f"with full-width characters ({line.strip()!r}); expected half-width ASCII such as "
                    f"'{half_width}'"
                )
            bare = re.sub(r"\s*\{[^}]*\}\s*$", "", line.strip())
            raise core.PolicyError(
                f"Error reading '{relative}': line {number + offset} is a heading without an "
                f"explicit id ({line.strip()!r}); expected an ASCII id not used elsewhere, such as "
                f"'{bare} {{#my-section}}'"
            )
        anchor = match.group(3)
        if not re.fullmatch(r"[a-z][a-z0-9-]*", anchor):
            raise core.PolicyError(
                f"Error reading '{relative}': line {number + offset} has the heading id "
                f"{anchor!r}; expected lowercase ASCII letters, digits and hyphens such as 'collection'"
            )
        if anchor in own:
            raise core.PolicyError(
                f"Error reading '{relative}': line {number + offset} uses the heading id "
                f"'{anchor}' twice; expected an id used once in the policy"
            )
        own.add(anchor)
        ids.append((anchor, number + offset))
    return ids


INDENTED_CODE = re.compile(r"^(\t| {4})\s*\S")
LIST_LINE = re.compile(r"^\s*([-*+]|\d+[.)])\s")


def _starts_code_block(lines: list[str], index: int) -> bool:
    """True when ``lines[index]`` (indented) opens an indented code block, not a list's text.

    Policy pages hold no code: such a line is a paragraph indented by mistake (a tab pasted
    from a word processor), which would show as code and scroll sideways on a phone.
    """
    if index == 0 or lines[index - 1].strip():
        return False  # continues the paragraph above
    for previous in reversed(lines[:index]):
        if previous.strip():
            return not (LIST_LINE.match(previous) or previous.startswith(("\t", "    ")))
    return True


@dataclass(frozen=True)
class Heading:
    """A policy page's first heading: its title for one language and its id."""

    title: str
    anchor: str


class Renderer:
    """Renders the policy pages of one language.

    ``policy`` is the loaded :class:`core.Policy`, ``parts`` the pages from
    :func:`discover_parts`, ``language`` ``zh`` or ``en``, ``version`` the release
    whose dates are stamped (default: the newest).
    """

    def __init__(self, policy: core.Policy, parts: list[Part], language: str,
                 docs_dir: Path | None = None, version: core.Version | None = None):
        self.policy = policy
        self.parts = parts
        self.language = language
        self.root = policy.root
        self.docs_dir = docs_dir or policy.root / "docs"
        self.version = version or policy.latest
        # A data value is text: "[x](https://…)" or "**x**" shows as typed, never as a link or
        # emphasis (autoescape below does the same for HTML). The page's own literals stay Markdown.
        self.variables = {"operator": _markdown_values(core.localize(policy.operator, language))}
        # Sandboxed: a page may read the operator's data, not reach into Python.
        self._text_env = jinja2.sandbox.ImmutableSandboxedEnvironment(
            undefined=jinja2.StrictUndefined,
            autoescape=True,  # a data field is text: "<b>" shows as "<b>", never as markup
            comment_start_string="{##",  # "{#id}" is a heading id, not a Jinja comment
            comment_end_string="##}",
            keep_trailing_newline=True,
        )
        self._macros = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(self.root / "overrides")),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
        ).get_template("policy/macros.html").module
        self.anchors = {}  # heading id -> Part
        self.first_heading = {}  # Part.src -> Heading
        for part in parts:
            _, body, _ = _read_page(self.docs_dir / part.path(language), self.root)
            found = core.heading_ids(body)
            if found:
                self.first_heading[part.src] = Heading(found[0][1], found[0][2])
            for _, _, anchor, _ in found:
                self.anchors[anchor] = part

    # --- pages -----------------------------------------------------------------------------

    def page(self, part: Part, body: str | None = None, offset: int | None = None,
             in_full: bool = False) -> str:
        """Return the Markdown of ``part`` ready for MkDocs: variables and markers resolved.

        ``body``/``offset`` are the page's Markdown without front matter and the number of
        lines before it (read from the file when omitted). A section or annex page on its
        own gets the dates stamped under its first heading; inside ``/full/`` it does not
        (the introduction carries them once). Raises PolicyError naming the file and line
        for an undefined variable, a template syntax error or an unknown marker.
        """
        relative = f"docs/{part.path(self.language)}"
        if body is None:
            _, body, offset = _read_page(self.docs_dir / part.path(self.language), self.root)
        offset = offset or 0
        text = self.variables_resolved(body, relative, offset)
        lines = text.split("\n")
        out: list[str] = []
        stamped = False
        for number, line in enumerate(lines, start=1):
            match = MARKER.match(line)
            if match:
                out.append(self.marker(match.group(1), relative, number + offset, part, in_full))
                stamped = stamped or match.group(1) == "dates"
                continue
            out.append(line)
            if (not in_full and not stamped and part.kind in ("section", "annex")
                    and ATX_HEADING.match(line) and line.startswith("# ")):
                out.extend(["", self.marker("dates", relative, number + offset, part, in_full)])
                stamped = True
        return "\n".join(out)

    def full(self) -> str:
        """Return the whole policy as one Markdown page: intro, sections, annexes in nav order.

        Headings of sections and annexes move down one level under the introduction's
        title; links between policy pages become in-page links (``inventory.md`` →
        ``#inventory``), so the page stands alone (an app may ship it as a file).
        """
        chunks = []
        for part in self.parts:
            if part.kind not in ("intro", "section", "annex"):
                continue
            text = self.page(part, in_full=True)
            if part.kind != "intro":
                text = "\n".join(ATX_HEADING.sub(r"#\1\2", line) if ATX_HEADING.match(line) and
                                 not line.startswith("######") else line for line in text.split("\n"))
            chunks.append(self._in_page_links(text).strip("\n"))
        return "\n\n".join(chunks) + "\n"

    def variables_resolved(self, body: str, relative: str, offset: int = 0) -> str:
        """Render the Jinja2 variables of a page (``{{ operator.handler.name }}``).

        Undefined names fail: PolicyError ``Error reading 'docs/x.md': line N uses an
        undefined variable ...`` (DESIGN: undefined names fail the build with the file and line).
        """
        if "{{" not in body and "{%" not in body:
            return body
        try:
            code = self._text_env.compile(body, name=relative, filename=relative)
            template = self._text_env.template_class.from_code(
                self._text_env, code, self._text_env.make_globals(None))
            return template.render(**self.variables)
        except jinja2.TemplateSyntaxError as error:
            raise core.PolicyError(
                f"Error reading '{relative}': line {error.lineno + offset} has a template error: "
                f"{error.message}; expected a variable such as {{{{ operator.handler.name }}}}"
            ) from None
        except jinja2.TemplateError as error:  # undefined, or the sandbox's SecurityError, ...
            line = _template_line(error.__traceback__)
            where = f"line {line + offset}" if line else "a line"
            what = ("an undefined variable" if isinstance(error, jinja2.UndefinedError)
                    else "a template expression a page may not use")
            raise core.PolicyError(
                f"Error reading '{relative}': {where} uses {what} ({error.message}); "
                f"expected a key of data/operator.yml such as operator.handler.name"
            ) from None

    # --- markers ---------------------------------------------------------------------------

    def marker(self, name: str, relative: str, line: int, part: Part, in_full: bool) -> str:
        """Return the Markdown or HTML that replaces ``<!-- policy:NAME -->``."""
        if name == "dates":
            return self.dates_html(self.version)
        if name == "toc":
            return self.toc_markdown(in_full)
        if name == "inventory":
            return html_block(self._macros.collected_table(
                self.collected_rows(in_full, part), self.language))
        if name == "sharing":
            return html_block(self._macros.shared_table(
                self.shared_rows(in_full, part), self.language))
        if name == "full":
            if part.kind != "full":
                raise core.PolicyError(
                    f"Error reading '{relative}': line {line} has the marker 'policy:full' in a page with "
                    f"policy: {part.kind}; expected it only in the page with policy: full (docs/full.md)")
            return self.full()
        if name in DEFERRED_MARKERS:
            return f"<!-- policy:{name} -->"
        raise core.PolicyError(
            f"Error reading '{relative}': line {line} has the unknown marker 'policy:{name}'; "
            f"expected one of {', '.join('policy:' + m for m in MARKERS)}"
        )

    def dates_html(self, version: core.Version) -> str:
        """The effective and updated dates of ``version`` as HTML ``<time>`` elements."""
        return html_block(self._macros.policy_dates(
            {"iso": version.effective.isoformat(), "text": dates.format_date(version.effective, self.language)},
            {"iso": version.updated.isoformat(), "text": dates.format_date(version.updated, self.language)},
            self.language,
        ))

    def sections(self) -> list[tuple[Part, Heading]]:
        """The section pages in nav order with their first heading (title and id)."""
        return [(part, self.first_heading[part.src]) for part in self.parts
                if part.kind == "section" and part.src in self.first_heading]

    def toc_markdown(self, in_full: bool) -> str:
        """The table of contents as a Markdown list linking every section.

        On a page: links to the section pages (``collection.md``), which MkDocs resolves
        and checks; in ``/full/``: links to the in-page ids (``#collection``).
        """
        items = []
        for part, heading in self.sections():
            target = f"#{heading.anchor}" if in_full else part.src
            items.append(f"- [{heading.title}]({target})")
        return "\n".join(items)

    def href(self, anchor: str, from_part: Part, in_full: bool) -> str:
        """The URL of a policy heading id, relative to the page being rendered."""
        if in_full or anchor not in self.anchors:
            return f"#{anchor}"
        target = self.anchors[anchor]
        if target == from_part:
            return f"#{anchor}"
        return f"{_relative_url(target.url, from_part.url)}#{anchor}"

    def collected_rows(self, in_full: bool, part: Part) -> list[dict]:
        """The collected-information rows, localized, each with ``href`` of its clause."""
        rows = core.localize(self.policy.inventory["collected"], self.language)
        return [dict(row, href=self.href(row["source"], part, in_full)) for row in rows]

    def shared_rows(self, in_full: bool, part: Part) -> list[dict]:
        """The third-party sharing rows, localized, each with ``href`` of its clause."""
        rows = core.localize(self.policy.inventory["shared"], self.language)
        return [dict(row, href=self.href(row["source"], part, in_full)) for row in rows]

    # --- helpers ---------------------------------------------------------------------------

    def _in_page_links(self, text: str) -> str:
        by_src = {part.src[:-3]: part for part in self.parts}

        def replace(match: re.Match) -> str:
            part = by_src.get(match.group(1))
            if part is None or part.src not in self.first_heading:
                return match.group(0)
            return f"]({match.group(2) or '#' + self.first_heading[part.src].anchor})"

        return PAGE_LINK.sub(replace, text)



def insert_after_title(markdown: str, block: str) -> str:
    """Put ``block`` right after the page's first ``# title`` line (or first, without one).

    MkDocs takes a page's title from its first H1 only when nothing comes before it: a
    notice above the title would turn the nav label into the file name.
    """
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[: index + 1] + ["", block, ""] + lines[index + 1:])
    return block + "\n\n" + markdown


def html_block(markup) -> str:
    """HTML from a macro, made safe to place in Markdown as one raw block.

    Python-Markdown ends a raw HTML block at a blank line, so blank lines are dropped.
    """
    return "\n".join(line for line in str(markup).split("\n") if line.strip())


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#!|])")
_LIST_START = re.compile(r"^(\s*)(\d+)\.(\s)|^(\s*)([-+])(\s)")


def _markdown_values(value):
    """``value`` (dicts, lists, scalars) with every string passed through :func:`markdown_text`."""
    if isinstance(value, dict):
        return {key: _markdown_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_markdown_values(item) for item in value]
    return markdown_text(value)


def markdown_text(value):
    """A data value as Markdown that shows exactly its text.

    Markdown's own syntax characters get a backslash (``[`` → ``\\[``), a leading list
    marker is escaped (``1. x`` stays a name, not a list) and line breaks become spaces, so
    a value cannot start a heading, a list, a link or emphasis. HTML (``<``, ``&``) is
    escaped by Jinja2's autoescape after this. Values that are not text pass unchanged.
    """
    if not isinstance(value, str):
        return value
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(value.splitlines()))
    return _LIST_START.sub(lambda m: (f"{m.group(1)}{m.group(2)}\\.{m.group(3)}" if m.group(2)
                                      else f"{m.group(4)}\\{m.group(5)}{m.group(6)}"), text)


def _relative_url(target: str, base: str) -> str:
    """``collection/`` seen from ``inventory/`` → ``../collection/``."""
    relative = posixpath.relpath("/" + target, "/" + base)
    if relative == ".":
        return "./"
    return relative + ("/" if target.endswith("/") and not relative.endswith("/") else "")


def _template_line(traceback) -> int | None:
    """The template line of the innermost frame Jinja attributes to the page."""
    line = None
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename.startswith("docs/"):
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line
