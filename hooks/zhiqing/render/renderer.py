"""The policy's Markdown as published: variables resolved, markers expanded, /full/ assembled.

A :class:`Renderer` renders the pages of one language from what was loaded once (the
:class:`~zhiqing.data.model.Policy` and the :class:`~zhiqing.pages.discover.PolicyPages`)
with the macros of the build's one Jinja environment; it reads no file. The MkDocs hooks
and the command line both use it, so a page, ``/full/`` and a frozen snapshot are rendered
by the same code, and each page is rendered once per renderer (results are kept).

Markers (``<!-- policy:NAME -->``) are expanded through the registry in
:mod:`zhiqing.render.markers`.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

import jinja2
import jinja2.sandbox
from jinja2 import nodes

from zhiqing.data.dates import format_date
from zhiqing.data.files import character_name, control_character, visible
from zhiqing.data.model import Policy, Version, localize
from zhiqing.errors import PolicyError
from zhiqing.pages.discover import TEXT_KINDS, Part, PolicyPages
from zhiqing.languages import DEFAULT_LANGUAGE, LANGUAGES
from zhiqing.pages.markdown import ANY_HEADING, MARKER, Block, heading_one_level_down, plain, read_blocks, section_text
from zhiqing.render import markers
from zhiqing.render.compose import html_block, markdown_values
from zhiqing.render.templates import Templates
from zhiqing.site.urls import relative_url

PAGE_LINK = re.compile(r"\]\(([A-Za-z0-9_./-]+?)\.md(#[A-Za-z0-9_-]+)?\)")
# The number a section's title starts with: 三、 (Chinese), 3. (English).
SECTION_NUMBER = re.compile(r"^\s*([一二三四五六七八九十百]+、|\d+\.(?=\s))")
# The fields of each list in the order a row shows them (id and source are the row's own).
LIST_FIELDS = {
    "collected": ("function", "function_type", "pi_types", "purpose", "method", "wechat_privacy_key", "trigger",
                  "required", "retention"),
    "shared": ("recipient", "category", "relationship", "purpose", "scenario", "pi_types", "method", "policy_url"),
}
# Shown only when set: a WeChat privacy key is the project's mapping, which no policy states.
SHOWN_WHEN_SET = ("wechat_privacy_key",)


@dataclass(frozen=True)
class Heading:
    """A policy page's first heading: its title for one language and its id."""

    title: str
    anchor: str


@dataclass(frozen=True)
class Place:
    """Where Markdown is rendered: ``part``'s own page, or inside ``/full/`` (``in_full``),
    where links between policy pages become links to ids on the same page."""

    part: Part
    in_full: bool = False


def renderers(policy: Policy, pages: PolicyPages, templates: Templates, version: Version | None = None) -> dict[str, Renderer]:
    """A :class:`Renderer` per language (``{"zh": …, "en": …}``) for ``version``, the others
    sharing the Chinese one (its pages, read once, are what the lists' values are compared with)."""
    chinese = Renderer(policy, pages, DEFAULT_LANGUAGE, templates, version)
    return {language: chinese if language == DEFAULT_LANGUAGE else Renderer(policy, pages, language, templates, version,
                                                                            chinese=chinese)
            for language in LANGUAGES}


def comparable(text: str) -> str:
    """``text`` as a list value is compared with its clause: NFKC (full- and half-width forms
    alike: “，” and “,”), without spaces or tabs (“SaaS 服务” and “SaaS服务”), without the
    sentence's closing punctuation (“。”, “；”). Newlines stay: a value does not span blocks."""
    text = re.sub(r"[^\S\n]+", "", unicodedata.normalize("NFKC", text))
    return text.rstrip("。.;,:!?")


class Renderer:
    """Renders the policy pages of one language.

    ``policy`` is the loaded :class:`~zhiqing.data.model.Policy`, ``pages`` the pages from
    :func:`~zhiqing.pages.discover.discover`, ``language`` ``zh`` or ``en``, ``templates``
    the build's macros, ``version`` the release whose dates are stamped (default: the newest),
    ``chinese`` the renderer of the default language with the same version, whose pages the
    lists' values are compared with (made when needed; a build passes its own).
    """

    def __init__(self, policy: Policy, pages: PolicyPages, language: str, templates: Templates,
                 version: Version | None = None, chinese: "Renderer | None" = None):
        self.policy = policy
        self.pages = pages
        self._chinese = chinese
        self._templates = templates
        self._blocks: dict[str, list[Block]] = {}
        self._clause_texts: dict[str, str] = {}
        self.parts = pages.parts
        self.language = language
        self.version = version or policy.latest
        self.macros = templates.macros("policy/macros.html")
        # A data value is text: "[x](https://…)" or "**x**" shows as typed, never as a link or
        # emphasis (autoescape below does the same for HTML). The page's own literals stay Markdown.
        self.variables = {"operator": markdown_values(localize(policy.operator, language))}
        # Sandboxed: a page may read the operator's data, not reach into Python (PageEnvironment
        # refuses {% include %} and the rest before compiling, so no loader is needed).
        self._text_env = PageEnvironment(
            undefined=jinja2.StrictUndefined,
            autoescape=True,  # a data field is text: "<b>" shows as "<b>", never as markup
            comment_start_string="{##",  # "{#id}" is a heading id, not a Jinja comment
            comment_end_string="##}",
            keep_trailing_newline=True,
        )
        self.anchors: dict[str, Part] = {}  # heading id -> the page that holds it
        self.first_heading: dict[str, Heading] = {}  # Part.src -> Heading
        self._clause_titles: dict[str, str] = {}  # heading id -> the text of a link to it
        for part in self.parts:
            found = pages.source(part, language).headings
            if found:
                self.first_heading[part.src] = Heading(found[0].title, found[0].anchor)
                number = SECTION_NUMBER.match(plain(found[0].title))
            for index, heading in enumerate(found):
                self.anchors[heading.anchor] = part
                title = plain(heading.title).strip()
                if index and number:
                    section = number.group(1)
                    title = section + title if section.endswith("、") else f"Section {section.rstrip('.')}, {title}"
                self._clause_titles[heading.anchor] = title
        self._rendered: dict[tuple[str, bool], str] = {}
        self._resolved: dict[str, str] = {}
        self._full: str | None = None

    # --- pages -----------------------------------------------------------------------------

    def page(self, part: Part, in_full: bool = False) -> str:
        """Return the Markdown of ``part`` ready for MkDocs: variables and ``text`` markers resolved.

        A section or annex page on its own gets the dates stamped under its first heading;
        inside ``/full/`` (``in_full``) it does not (the introduction carries them once), and
        its links to other policy pages are made in-page by :meth:`full`. Rendered once per
        ``(part, in_full)``. Raises PolicyError naming the file and line for an undefined
        variable, a template syntax error or an unknown marker.
        """
        key = (part.src, in_full)
        if key not in self._rendered:
            self._rendered[key] = self.render(Place(part, in_full))
        return self._rendered[key]

    def render(self, place: Place) -> str:
        """Render the page of ``place`` (uncached: use :meth:`page`). Raises PolicyError as :meth:`page` does."""
        part = place.part
        source = self.pages.source(part, self.language)
        relative = source.relative
        out: list[str] = []
        stamped = False
        for number, line in enumerate(self.resolved(part).split("\n"), start=1 + source.offset):
            match = MARKER.match(line)
            if match:
                found = markers.find(match.group(1), relative, number)
                found.check_place(part.kind, relative, number)
                if found.stage == markers.TEXT:
                    out.append(found.expand(markers.MarkerUse(relative, number, self, place)))
                else:
                    out.append(f"<!-- policy:{found.name} -->")  # the build expands it (markers.SITE)
                stamped = stamped or found.name == "dates"
                continue
            out.append(line)
            if (not place.in_full and not stamped and part.kind in ("section", "annex")
                    and line.startswith("# ") and ANY_HEADING.match(line)):
                out.extend(["", self.dates_html(self.version)])
                stamped = True
        return "\n".join(out)

    def full(self) -> str:
        """Return the whole policy as one Markdown page: intro, sections, annexes in nav order.

        Headings of sections and annexes move down one level under the introduction's
        title; links to the pages ``/full/`` contains (the introduction, sections and annexes)
        become in-page links (``inventory.md`` → ``#inventory``), so the page stands alone
        (an app may ship it as a file). Links to any other page (``archive/index.md``) are
        left as written: MkDocs resolves them from ``full.md`` as from the page they came from.
        """
        if self._full is None:
            chunks = []
            for part in self.parts:
                if part.kind not in TEXT_KINDS:
                    continue
                text = self.page(part, in_full=True)
                if part.kind != "intro":
                    text = "\n".join(heading_one_level_down(line) for line in text.split("\n"))
                chunks.append(self._in_page_links(text).strip("\n"))
            self._full = "\n\n".join(chunks) + "\n"
        return self._full

    def resolved(self, part: Part) -> str:
        """The body of ``part`` in this language with its variables resolved (lines unchanged)."""
        if part.src not in self._resolved:
            source = self.pages.source(part, self.language)
            text = self.variables_resolved(source.body, source.relative, source.offset)
            if part.kind in TEXT_KINDS and not _has_text(text):
                raise PolicyError(f"Error reading '{source.relative}': the page has no text under its headings once "
                                  f"its variables are filled in; expected the section's text")
            self._resolved[part.src] = text
        return self._resolved[part.src]

    def variables_resolved(self, body: str, relative: str, offset: int = 0) -> str:
        """Render the Jinja2 variables of a page (``{{ operator.handler.name }}``).

        Undefined names fail: PolicyError ``Error reading 'docs/x.md': line N uses an
        undefined variable ...`` (a name that does not exist stops the build with the file and line).
        """
        if "{{" not in body and "{%" not in body:
            return body
        try:
            tree = self._text_env.parse(body, name=relative, filename=relative)
            refused = PageEnvironment.refused(tree)
            if refused:
                raise PolicyError(f"Error reading '{relative}': line {refused[0] + offset} uses {refused[1]}, which "
                                  f"a page may not use; expected a key of data/operator.yml such as "
                                  f"{{{{ operator.handler.name }}}}, with if/else, or, and ~")
            code = self._text_env.compile(tree, name=relative, filename=relative)
            template = self._text_env.template_class.from_code(
                self._text_env, code, self._text_env.make_globals(None))
            text = template.render(**self.variables)
        except jinja2.TemplateSyntaxError as error:
            raise PolicyError(
                f"Error reading '{relative}': line {error.lineno + offset} has a template error: "
                f"{error.message}; expected a variable such as {{{{ operator.handler.name }}}}"
            ) from None
        except jinja2.TemplateError as error:  # undefined, or the sandbox's SecurityError, ...
            line = _template_line(error.__traceback__, relative)
            where = f"line {line + offset}" if line else "a line"
            what = ("an undefined variable" if isinstance(error, jinja2.UndefinedError)
                    else "a template expression a page may not use")
            raise PolicyError(
                f"Error reading '{relative}': {where} uses {what} ({error.message}); "
                f"expected a key of data/operator.yml such as operator.handler.name"
            ) from None
        except (LookupError, TypeError, ValueError) as error:  # a filter on a value it cannot take: {{ 1|join }}
            line = _template_line(error.__traceback__, relative)
            where = f"line {line + offset}" if line else "a line"
            raise PolicyError(
                f"Error reading '{relative}': {where} has a template expression that fails ({error}); "
                f"expected a key of data/operator.yml such as operator.handler.name"
            ) from None
        found = control_character(text)
        if found is not None:  # a literal such as {{ "\\x01" }}: frozen, it would break every later build
            raise PolicyError(f"Error reading '{relative}': line {text.count(chr(10), 0, found) + 1 + offset} "
                              f"makes {character_name(text[found])}")
        return text

    # --- what markers show -----------------------------------------------------------------

    def dates_html(self, version: Version) -> str:
        """The effective and updated dates of ``version`` as HTML ``<time>`` elements."""
        return html_block(self.macros.policy_dates(
            {"iso": version.effective.isoformat(), "text": format_date(version.effective, self.language)},
            {"iso": version.updated.isoformat(), "text": format_date(version.updated, self.language)},
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
            items.append(f"- [{_link_text(heading.title)}]({target})")
        return "\n".join(items)

    def href(self, anchor: str, place: Place) -> str:
        """The URL of a policy heading id, relative to the page being rendered at ``place``."""
        if place.in_full or anchor not in self.anchors:
            return f"#{anchor}"
        target = self.anchors[anchor]
        if target == place.part:
            return f"#{anchor}"
        page = relative_url(target.url, place.part.url)
        return f"{page}{'' if page.endswith('/') else '/'}#{anchor}"  # the index: "../#id", not "..#id"

    def clause_title(self, anchor: str) -> str:
        """The text of a link to the heading ``anchor`` in this language: its title, after the
        number of its section when it is a sub-heading of a numbered section (``三、（一）提供``,
        ``Section 3, (1) Provision``); the id itself for an unknown one."""
        return self._clause_titles.get(anchor, anchor)

    def clause(self, anchor: str, place: Place) -> dict:
        """A link to the heading ``anchor`` from ``place``: ``{"href": ..., "title": ...}``."""
        return {"href": self.href(anchor, place), "title": self.clause_title(anchor)}

    def blocks(self, part: Part) -> list[Block]:
        """``part`` in this language, variables resolved, as :func:`read_blocks` reads it (file
        lines, the file's path and the page's default-language name), read once."""
        if part.src not in self._blocks:
            source = self.pages.source(part, self.language)
            self._blocks[part.src] = read_blocks(self.resolved(part), source.offset, source.relative, part.src)
        return self._blocks[part.src]

    @property
    def chinese(self) -> "Renderer":
        """The renderer of the default language: this one, the build's, or one made for the lists."""
        if self.language == DEFAULT_LANGUAGE:
            return self
        if self._chinese is None:
            self._chinese = Renderer(self.policy, self.pages, DEFAULT_LANGUAGE, self._templates, self.version)
        return self._chinese

    def clause_text(self, anchor: str) -> str:
        """The Chinese text a reader sees under the heading ``anchor`` (variables filled in;
        :func:`~zhiqing.pages.markdown.section_text`), from whichever page holds it; "" for an
        id no page has."""
        chinese = self.chinese
        for part in self.parts:
            if part.kind != "full":
                text = section_text(chinese.blocks(part), anchor)
                if text is not None:
                    return text
        return ""

    def _clause_text(self, anchor: str) -> str:
        """:meth:`clause_text` as :func:`comparable`, made once (by the Chinese renderer)."""
        chinese = self.chinese
        if anchor not in chinese._clause_texts:
            chinese._clause_texts[anchor] = comparable(self.clause_text(anchor))
        return chinese._clause_texts[anchor]

    def collected_rows(self, place: Place) -> list[dict]:
        """The collected-information rows as the list shows them in this language (:meth:`list_rows`)."""
        return self.list_rows("collected", place)

    def shared_rows(self, place: Place) -> list[dict]:
        """The third-party sharing rows as the list shows them in this language (:meth:`list_rows`)."""
        return self.list_rows("shared", place)

    def list_rows(self, table: str, place: Place) -> list[dict]:
        """The rows of ``table`` (``collected`` or ``shared``) for the list at ``place``.

        Each row is the localized data row plus: ``anchor`` (``row-c01``); ``href`` and
        ``source`` (``{"href", "title"}``) of the clause it cites; ``fields``, the fields that hold
        a value in :data:`LIST_FIELDS` order, each ``{"key", "value", "mark"}`` (``mark`` None
        for the words of the cited clause, else ``{"basis": "assessed", "reason": text}`` or
        ``{"basis": "stated", "clause": {"href", "title"}}``); ``unstated``, the keys of the
        fields that hold none (empty text, null, []), shown together on one line; ``pi``, the
        personal-information items as ``{"name", "sensitive", "mark", "sensitive_mark"}``;
        ``type_mark``, the mark of ``recipient_type``. A field of :data:`SHOWN_WHEN_SET` with
        no value is neither shown nor counted as unstated: no policy states it.

        A text the data gives as the policy's words (unmarked, or stated in another clause)
        whose Chinese is not in that clause's Chinese text (:meth:`clause_text`,
        both compared as :func:`comparable`), or that has no Chinese at all, is marked
        ``{"basis": "listed"}``: the list's own wording, not the clause's; its row has
        ``has_listed`` True, and the legend then says what the mark means. The page's legend
        says unmarked values are the clause's words; this keeps it true for data written in the
        operator's words (PIPL Art. 17 ¶1: 真实、准确). It compares characters, not meaning: a
        fragment of the clause (“提供给第三方” out of “我们不会将……提供给第三方”) passes.
        """
        rows = []
        for raw, row in zip(self.policy.inventory[table], localize(self.policy.inventory[table], self.language)):
            bases = row.get("bases") or {}

            def mark(path: str, text=None) -> dict | None:
                found = bases.get(path)
                if found is not None and found["basis"] == "assessed":
                    return {"basis": "assessed", "reason": found.get("reason", "")}
                cited = found["clause"] if found is not None else raw["source"]
                if isinstance(text, dict) and (text.get("zh") or text.get("en")) and (
                        not text.get("zh") or comparable(text["zh"]) not in self._clause_text(cited)):
                    return {"basis": "listed"}
                if found is None:
                    return None
                return {"basis": "stated", "clause": self.clause(cited, place)}

            pi = []
            for number, item in enumerate(row["pi_types"]):
                name, sensitive = (item["name"], item["sensitive"]) if isinstance(item, dict) else (item, False)
                own = f"pi_types.{number}"
                raw_name = raw["pi_types"][number]["name"] if isinstance(item, dict) else raw["pi_types"][number]
                pi.append({"name": name, "sensitive": sensitive is True,
                           "mark": mark(f"{own}.name" if f"{own}.name" in bases else own, raw_name),
                           "sensitive_mark": mark(f"{own}.sensitive")})
            fields, unstated = [], []
            for key in LIST_FIELDS[table]:
                value = row[key]
                empty = value is None or value == "" or value == []
                if key == "category" and row.get("recipient_type"):
                    empty = False  # the recipient's type is shown in its place
                if not empty:
                    fields.append({"key": key, "value": value, "mark": mark(key, raw.get(key))})
                elif key not in SHOWN_WHEN_SET:
                    unstated.append(key)
            source = self.clause(row["source"], place)
            marks = [field["mark"] for field in fields] + [item["mark"] for item in pi]
            rows.append(dict(row, anchor=f"row-{row['id'].lower()}", href=source["href"], source=source,
                             fields=fields, unstated=unstated, pi=pi, type_mark=mark("recipient_type"),
                             has_listed=any(found and found["basis"] == "listed" for found in marks)))
        return rows

    def not_listed(self, table: str, place: Place) -> list[dict]:
        """The clauses ``data/inventory.yml`` keeps out of list ``table`` on purpose, in this
        language: ``[{"href", "title", "reason"}]``."""
        return [dict(self.clause(entry["source"], place), reason=localize(entry["reason"], self.language))
                for entry in self.policy.inventory.get("not_listed") or [] if entry["list"] == table]

    # --- helpers ---------------------------------------------------------------------------

    def _in_page_links(self, text: str) -> str:
        by_src = {part.src[:-3]: part for part in self.parts if part.kind in TEXT_KINDS}

        def replace(match: re.Match) -> str:
            part = by_src.get(match.group(1))
            if part is None or part.src not in self.first_heading:
                return match.group(0)
            return f"]({match.group(2) or '#' + self.first_heading[part.src].anchor})"

        return PAGE_LINK.sub(replace, text)


def _link_text(title: str) -> str:
    """A heading's title as the text of a Markdown link: ``[``, ``]``, ``\\`` and backticks
    escaped, ``<`` and ``&`` as entities, so that a title holding ``](javascript:…) [`` or
    ``<img onerror=…>`` cannot close the link, open another or add markup. A title without
    them is kept byte for byte (snapshots frozen before this compare equal)."""
    return html.escape(_LINK_SPECIAL.sub(r"\\\1", title), quote=False)


_LINK_SPECIAL = re.compile(r"([\\\[\]`])")


def _has_text(body: str) -> bool:
    """True when a page's body shows some text besides its headings, or a marker that shows
    some (``<!-- policy:inventory -->``); comments, rules, empty links and invisible
    characters do not count."""
    if any(MARKER.search(line) for line in body.split("\n")):
        return True
    body = re.sub(r"<!--.*?-->", "", body, flags=re.S)
    lines = [line for line in body.split("\n")
             if not ANY_HEADING.match(line) and not re.fullmatch(r"\s*([-*_]\s*){3,}", line)]
    return visible(plain("\n".join(lines)))


class PageEnvironment(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """What the ``{{ }}`` of a policy page may do: read ``operator``, choose (``if``, ``or``),
    join text (``~``), and the filters of :attr:`FILTERS`. Nothing else (:data:`ALLOWED`): no
    loop, macro, call, assignment or arithmetic, no global function (``range``, ``lipsum``), no
    string method, no other filter. Legal text needs none of them, and ``{{ "x" * 10**10 }}``,
    ``{{ "x".ljust(10**9) }}`` or nested loops would fill the build machine's memory or time.
    :meth:`refused` reads the parsed template (Jinja's own AST) before it is compiled, so
    arithmetic never reaches the sandbox; the sandbox still guards attribute access
    (``__class__``), and unknown filters fail at compile.
    """

    ALLOWED = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.Name, nodes.Getattr, nodes.Getitem,
               nodes.Const, nodes.CondExpr, nodes.If, nodes.And, nodes.Or, nodes.Not, nodes.Compare,
               nodes.Operand, nodes.Concat, nodes.Filter, nodes.Test, nodes.Keyword)
    NAMES = {"For": "{% for %} (a loop)", "Macro": "{% macro %}", "Call": "a call of a function or method",
             "CallBlock": "{% call %}", "Assign": "{% set %}", "AssignBlock": "{% set %}",
             "FilterBlock": "{% filter %}", "With": "{% with %}", "Include": "{% include %}",
             "Import": "{% import %}", "FromImport": "{% from … import %}", "Extends": "{% extends %}",
             "Block": "{% block %}", "Slice": "a slice", "List": "a list", "Tuple": "a tuple", "Dict": "a dict"}

    @classmethod
    def refused(cls, tree) -> tuple[int, str] | None:
        """The first node of ``tree`` outside :data:`ALLOWED` as ``(line in the body, what)``, or None."""
        for node in tree.find_all(nodes.Node):
            if not isinstance(node, cls.ALLOWED):
                name = type(node).__name__
                what = cls.NAMES.get(name) or (f"arithmetic ('{node.operator}')" if hasattr(node, "operator")
                                               else name)
                return node.lineno, what
        return None

    FILTERS = ("default", "d", "escape", "e", "lower", "upper", "trim", "join", "length", "count",
               "first", "last", "string")

    def __init__(self, **options):
        super().__init__(**options)
        self.globals.clear()
        self.filters = {name: self.filters[name] for name in self.FILTERS}



def _template_line(traceback, relative: str) -> int | None:
    """The template line of the innermost frame Jinja attributes to the page ``relative``."""
    line = None
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == relative:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line
