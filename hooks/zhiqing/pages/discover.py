"""Finding the policy pages: nav order, front matter, translations, heading ids — read once, checked.

Pages of the policy say what they are in their front matter, ``policy: intro | section |
annex | full | archive``; their order is the order of ``nav`` in ``mkdocs.yml``. Every
heading of a policy page carries an explicit, unique, lowercase ASCII id shared by both
languages and kept across versions (anchors apps, list rows and auditors link to); a page of the policy text starts with its ``#`` title.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from zhiqing.data.files import read_text, relative_path, structure_problem
from zhiqing.errors import PolicyError
from zhiqing.languages import DEFAULT_LANGUAGE, TRANSLATIONS, default_source, source_in
from zhiqing.pages.markdown import ANY_HEADING, HEADING, LIST_ITEM, Heading, headings, split_front_matter

PAGE_KINDS = ("intro", "section", "annex", "full", "archive")
# The kinds whose pages are the policy's text (the others assemble it or list versions).
TEXT_KINDS = ("intro", "section", "annex")
INDENTED_CODE = re.compile(r"^(\t| {4})\s*\S")


@dataclass(frozen=True)
class Part:
    """One page of the policy: ``src`` is its default-language (Chinese) file relative to ``docs/``."""

    kind: str
    src: str

    def path(self, language: str) -> str:
        """``collection.md`` for zh, ``collection.en.md`` for en (static-i18n's suffix layout)."""
        return source_in(self.src, language)

    @property
    def url(self) -> str:
        """The page's URL relative to the language root: ``collection/``, ``""`` for the index."""
        return page_url(self.src)


def page_url(src: str) -> str:
    """``collection.md`` → ``collection/``; ``index.md`` → ``""``; ``archive/index.md`` → ``archive/``."""
    stem = src[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@dataclass(frozen=True)
class PageSource:
    """One language's file of a policy page, as read: front matter, body, lines before the body."""

    part: Part
    language: str
    relative: str  # the file relative to the repository root, e.g. docs/collection.en.md
    meta: dict
    body: str
    offset: int
    headings: tuple[Heading, ...]

    @property
    def title(self) -> Heading | None:
        """The page's first heading (its title), or None."""
        return self.headings[0] if self.headings else None


@dataclass
class PolicyPages:
    """The policy pages of a site in nav order, each read once in every language."""

    parts: list[Part]
    sources: dict[tuple[str, str], PageSource]  # (src, language) -> source

    def source(self, part: Part, language: str) -> PageSource:
        """The file of ``part`` in ``language``."""
        return self.sources[(part.src, language)]

    def part(self, src: str) -> Part | None:
        """The part whose default-language file is ``src``, or None."""
        return next((part for part in self.parts if part.src == src), None)

    def heading_ids(self) -> set[str]:
        """Every heading id of the policy (the default language's; translations share them)."""
        return {heading.anchor for part in self.parts
                for heading in self.source(part, DEFAULT_LANGUAGE).headings}


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
    return read_config(root).get("nav") or []


def theme_folder(root: Path) -> Path | None:
    """The folder of ``theme.custom_dir`` in ``mkdocs.yml`` (relative to it), or None."""
    theme = read_config(root).get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    return root / str(custom) if custom else None


def read_config(root: Path) -> dict:
    """``mkdocs.yml`` as plain values, without MkDocs (tags such as ``!!python/name`` ignored)."""

    class Loose(yaml.SafeLoader):
        pass

    Loose.add_multi_constructor("", lambda loader, suffix, node: None)
    text = read_text(root / "mkdocs.yml", root)
    problem = structure_problem(text)
    if problem:
        raise PolicyError(f"Error reading 'mkdocs.yml': {problem}")
    try:
        config = yaml.load(text, Loader=Loose) or {}
    except yaml.YAMLError as error:
        raise PolicyError(f"Error reading 'mkdocs.yml': {str(error).splitlines()[0]}") from None
    return config if isinstance(config, dict) else {}


def read_page(path: Path, root: Path) -> tuple[dict, str, int]:
    """``(meta, body, lines_before_body)`` of a page file; PolicyError names the file."""
    text = read_text(path, root)
    try:
        return split_front_matter(text)
    except PolicyError as error:
        raise PolicyError(f"Error reading '{relative_path(path, root)}': {error}") from None


def discover(docs_dir: Path, nav: list, root: Path) -> PolicyPages:
    """Read the policy pages of ``nav`` in every language and check them.

    Checks (each a PolicyError naming the file and line): the ``policy`` front matter is
    one of PAGE_KINDS; every heading of a policy page has an explicit id ``{#id}``; no
    id is used twice across pages; every page has its translations with the same kind and
    the same ids in the same order (the ids are shared by both languages);
    a page of the text starts with its ``#`` title and has text; no page of ``nav`` is empty,
    and none lacks the ``policy`` key its translation has; every page of ``docs/`` with a
    ``policy`` key is in ``nav`` (:func:`_check_all_in_nav`: MkDocs only mentions such a page,
    and a release would freeze the policy without it).
    """
    parts: list[Part] = []
    sources: dict[tuple[str, str], PageSource] = {}
    seen: dict[str, str] = {}
    listed = [posixpath.normpath(src) for src in nav_paths(nav)]
    for number, src in enumerate(listed):
        if default_source(src) != src:
            raise PolicyError(f"Error reading 'mkdocs.yml': nav lists '{src}', a translation; expected the "
                              f"Chinese file '{default_source(src)}' (static-i18n adds the translations)")
        if src in listed[:number]:
            raise PolicyError(f"Error reading 'mkdocs.yml': nav lists '{src}' twice; expected each page once")
    for src in listed:
        path = docs_dir / src
        if not path.exists():
            translations = [docs_dir / source_in(src, language) for language in TRANSLATIONS]
            if any(translation.exists() for translation in translations):
                # A page of the policy lost its Chinese file. MkDocs only warns, and the draft
                # notice and the published-URL check would follow with advice that does not fit
                # (release, redirect): say it once, here.
                raise PolicyError(
                    f"Error reading 'mkdocs.yml': nav lists '{src}', which is not in "
                    f"{relative_path(docs_dir, root)}/; expected the page (to rename or remove a page, "
                    f"change nav and declare a redirect for its URL)"
                )
            continue  # perhaps generated by a hook in on_files; MkDocs reports it otherwise
        meta, body, offset = read_page(path, root)
        kind = meta.get("policy")
        relative = relative_path(path, root)
        if not body.strip():
            raise PolicyError(
                f"Error reading '{relative}': the page has no text; expected its title ('# …') and its text "
                f"(to drop a page, remove it from nav and declare a redirect for its URL)")
        if kind is None:
            _check_not_a_lost_kind(docs_dir, src, relative, root)
            continue
        if kind not in PAGE_KINDS:
            raise PolicyError(
                f"Error reading '{relative}': front matter 'policy' is {kind!r}, "
                f"expected one of {', '.join(PAGE_KINDS)}"
            )
        part = Part(kind, src)
        _check_covers(meta, relative)
        ids = _checked_ids(body, relative, offset)
        _check_title(body, relative, offset, kind)
        for anchor, line in ids:
            if anchor in seen:
                raise PolicyError(
                    f"Error reading '{relative}': line {line} uses the heading id '{anchor}' "
                    f"already used in {seen[anchor]}; expected an id used once in the policy"
                )
            seen[anchor] = relative
        sources[(src, DEFAULT_LANGUAGE)] = PageSource(part, DEFAULT_LANGUAGE, relative, meta, body, offset,
                                                      tuple(headings(body)))
        for language in TRANSLATIONS:
            translated = docs_dir / part.path(language)
            translated_relative = relative_path(translated, root)
            if not translated.exists():
                raise PolicyError(
                    f"Error reading '{translated_relative}': the file does not exist; "
                    f"expected the {language} translation of '{relative}'"
                )
            t_meta, t_body, t_offset = read_page(translated, root)
            if t_meta.get("policy") != kind:
                raise PolicyError(
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
                raise PolicyError(
                    f"Error reading '{translated_relative}': it {detail}; "
                    f"expected the same heading ids as '{relative}', in the same order"
                )
            sources[(src, language)] = PageSource(part, language, translated_relative, t_meta, t_body, t_offset,
                                                  tuple(headings(t_body)))
        parts.append(part)
    _check_all_in_nav(docs_dir, listed, root)
    return PolicyPages(parts, sources)


def _check_all_in_nav(docs_dir: Path, listed: list[str], root: Path) -> None:
    """Every Chinese page of ``docs_dir`` (in any folder but the release snapshots'
    ``archive/<id>/``) whose front matter has ``policy`` is one of ``listed`` (nav's paths,
    normalized); else a PolicyError naming the page, and the nav entry that names no file when
    there is one (a misspelt ``contacts.md`` for ``contact.md``)."""
    for path in sorted(docs_dir.rglob("*.md")):
        src = path.relative_to(docs_dir).as_posix()
        if default_source(src) != src or src in listed or (src.startswith("archive/") and src.count("/") > 1):
            continue
        kind = read_page(path, root)[0].get("policy")
        if kind is None:
            continue
        absent = [entry for entry in listed if not (docs_dir / entry).exists()]
        hint = f" (nav lists '{absent[0]}', which is not in {relative_path(docs_dir, root)}/)" if absent else ""
        raise PolicyError(
            f"Error reading 'mkdocs.yml': nav does not list '{src}', a page of the policy "
            f"('policy: {kind}' in its front matter){hint}; expected it in nav, in the policy's order "
            f"(to drop a page, remove its 'policy' key or the file, and declare a redirect for its URL)")


# What a page may say it covers (front matter ``covers:``), read by the compliance check's clause
# model (zhiqing.check.clauses.TOPICS, kept equal by tests/test_markdown.py).
TOPICS = ("intro", "collection", "storage", "security", "sharing", "rights", "minors", "updates", "contact")


def _check_covers(meta: dict, relative: str) -> None:
    """``covers``, when given, is a list of topics of TOPICS: what the page is about, for the
    compliance check (a section found by its title's words is only a guess)."""
    if "covers" not in meta:
        return
    covers = meta["covers"]
    if not isinstance(covers, list) or not covers or not all(isinstance(topic, str) for topic in covers):
        found = "empty" if covers in (None, "", []) else f"{covers!r}"
        raise PolicyError(
            f"Error reading '{relative}': front matter 'covers' is {found}; expected a list of topics "
            f"such as covers: [rights] (topics: {', '.join(TOPICS)})")
    unknown = [topic for topic in covers if topic not in TOPICS]
    if unknown:
        raise PolicyError(
            f"Error reading '{relative}': front matter 'covers' names {unknown[0]!r}; expected one of "
            f"{', '.join(TOPICS)}")
    twice = [topic for topic in covers if covers.count(topic) > 1]
    if twice:
        raise PolicyError(
            f"Error reading '{relative}': front matter 'covers' names {twice[0]!r} twice; expected each topic once")


def _check_not_a_lost_kind(docs_dir: Path, src: str, relative: str, root: Path) -> None:
    """A page without ``policy:`` is not part of the policy, unless a translation says it is:
    then its front matter was lost (emptied, overwritten), and the policy would silently lose a page."""
    for language in TRANSLATIONS:
        translated = docs_dir / source_in(src, language)
        if translated.exists():
            kind = read_page(translated, root)[0].get("policy")
            if kind is not None:
                raise PolicyError(
                    f"Error reading '{relative}': the front matter has no 'policy' key; expected "
                    f"'policy: {kind}' as in '{relative_path(translated, root)}'")


def _check_title(body: str, relative: str, offset: int, kind: str) -> None:
    """A page of the policy text starts with its title, a ``#`` heading, and has text under it:
    the table of contents, ``/full/`` and the redline name the page by its title (a page without
    one would vanish from them), and a title alone would publish an empty section."""
    if kind not in TEXT_KINDS:
        return
    found = headings(body)
    if found and found[0].level == 1 and not any(
            line.strip() and not ANY_HEADING.match(line) for line in body.split("\n")):
        raise PolicyError(f"Error reading '{relative}': the page has only headings; expected the text "
                          f"of '{found[0].title}' under its title")
    if not found or found[0].level != 1:
        where = (f"line {found[0].line + offset} is a '{'#' * found[0].level}' heading" if found
                 else "the page has no heading")
        example = f"# {found[0].title} {{#{found[0].anchor}}}" if found else "# 五、未成年人的个人信息保护 {#minors}"
        raise PolicyError(
            f"Error reading '{relative}': {where}, expected the page's title first, "
            f"a '# ' heading such as '{example}'"
        )


def _checked_ids(body: str, relative: str, offset: int) -> list[tuple[str, int]]:
    ids: list[tuple[str, int]] = []
    own: set[str] = set()
    lines = body.split("\n")
    for number, line in enumerate(lines, start=1):
        if INDENTED_CODE.match(line) and _starts_code_block(lines, number - 1):
            raise PolicyError(
                f"Error reading '{relative}': line {number + offset} starts with a tab or four spaces, which "
                f"Markdown shows as a block of code; expected the paragraph to start at the beginning of the line")
        if not ANY_HEADING.match(line):
            continue
        match = HEADING.match(line)
        if not match:
            half_width = line.strip().replace("｛", "{").replace("｝", "}").replace("＃", "#")
            if HEADING.match(half_width):  # typed with a Chinese input method
                raise PolicyError(
                    f"Error reading '{relative}': line {number + offset} is a heading whose id is written "
                    f"with full-width characters ({line.strip()!r}); expected half-width ASCII such as "
                    f"'{half_width}'"
                )
            bare = re.sub(r"\s*\{[^}]*\}\s*$", "", line.strip())
            raise PolicyError(
                f"Error reading '{relative}': line {number + offset} is a heading without an "
                f"explicit id ({line.strip()!r}); expected an ASCII id not used elsewhere, such as "
                f"'{bare} {{#my-section}}'"
            )
        anchor = match.group(3)
        if not re.fullmatch(r"[a-z][a-z0-9-]*", anchor):
            raise PolicyError(
                f"Error reading '{relative}': line {number + offset} has the heading id "
                f"{anchor!r}; expected lowercase ASCII letters, digits and hyphens such as 'collection'"
            )
        if anchor in own:
            raise PolicyError(
                f"Error reading '{relative}': line {number + offset} uses the heading id "
                f"'{anchor}' twice; expected an id used once in the policy"
            )
        own.add(anchor)
        ids.append((anchor, number + offset))
    return ids


def _starts_code_block(lines: list[str], index: int) -> bool:
    """True when ``lines[index]`` (indented) opens an indented code block, not a list's text.

    Policy pages hold no code: such a line is a paragraph indented by mistake (a tab pasted
    from a word processor), which would show as code and scroll sideways on a phone.
    """
    if index == 0 or lines[index - 1].strip():
        return False  # continues the paragraph above
    for previous in reversed(lines[:index]):
        if previous.strip():
            return not (LIST_ITEM.match(previous) or previous.startswith(("\t", "    ")))
    return True
