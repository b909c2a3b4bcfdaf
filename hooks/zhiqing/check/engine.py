"""The compliance check: what Chinese law asks of a published privacy policy and the policy lacks.

Pure functions over the current Markdown (``docs/*.md``, Chinese, variables resolved) and
the data files. The rules and their severities and sources are data
(``data/rules/rules.yml``), so are the word lists they use (``data/rules/phrases.yml``,
``synonyms.yml``, ``garbles.yml``), each validated by its schema in ``schemas/``. Nothing
here knows one policy's wording: a rule looks for kinds of sentences, not for sentences.
``python hooks/policy.py check`` prints the findings; ``hooks/check_hooks.py`` counts them in
``mkdocs build`` and shows them on the pages in ``mkdocs serve``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import yaml

from zhiqing.data import model as core
from zhiqing.render import renderer as render

SEVERITIES = ("error", "warning", "info")
DATA_FILES = ("data/operator.yml", "data/inventory.yml", "data/versions.yml")
RULE_FILES = ("rules", "phrases", "synonyms", "garbles")

LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
LINK = re.compile(r"!?\[([^\]]*)\]\(([^)]*)\)")
CJK = "\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’"
SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")
CLAUSE_SPLIT = re.compile(r"[，,；;：:]")
# A paragraph never ends in these: the sentence goes on (REGULATORY TXT-01).
CUT_OFF = "，、（(,"
# The last paragraph of a page ends in one of these.
TERMINAL = "。！？；）」”』】.!?;)"
ASCII_IN_CJK = re.compile(rf"[{CJK}][,()]|[,()][{CJK}]")
# WeChat shows privacy_text after "为了" (小程序用户隐私保护指引).
WECHAT_PURPOSE_PREFIX = re.compile(r"^(?:为了|用于|为)")
# The interfaces of app.json requiredPrivateInfos that collect each privacy key (WeChat, 2022-07-14).
GEO_INTERFACES = {
    "Location": {"getFuzzyLocation", "getLocation", "onLocationChange", "startLocationUpdate",
                 "startLocationUpdateBackground"},
    "ChooseLocation": {"chooseLocation", "choosePoi"},
    "Address": {"chooseAddress"},
}


@dataclass(frozen=True)
class Finding:
    """One thing the law asks and the policy lacks.

    ``path`` is relative to the repository root (``docs/index.md``, ``data/inventory.yml``),
    ``line`` counts from 1 in that file, ``severity`` is one of SEVERITIES, ``source`` the
    legal source of the rule. ``page`` is the Chinese page (``index.md``) the finding
    concerns, where ``mkdocs serve`` shows it.
    """

    path: str
    line: int
    rule: str
    severity: str
    message: str
    source: str
    page: str = ""

    def text(self) -> str:
        """``docs/index.md:13: COL-08 error: … (source: PIPL Art. 14)``."""
        return f"{self.path}:{self.line}: {self.rule} {self.severity}: {self.message} (source: {self.source})"


# --- the rules' data ------------------------------------------------------------------------

@dataclass
class Rules:
    """The rule catalogue and word lists of ``data/rules/``, validated, patterns compiled.

    ``catalogue`` maps a rule id to ``{severity, source, requirement}``; ``lists`` maps a
    list name of ``phrases.yml`` to its entry; ``kinds`` are the rows of ``synonyms.yml``;
    ``garbles`` the ``{wrong, right}`` pairs of ``garbles.yml``.
    """

    catalogue: dict
    lists: dict
    kinds: list[dict]
    garbles: list[dict]
    compiled: dict = field(default_factory=dict)

    def words(self, name: str) -> list[str]:
        """The phrases of list ``name``; raises PolicyError when the list is missing."""
        return self._entry(name, "phrases")

    def patterns(self, name: str) -> list[re.Pattern]:
        """The compiled patterns of list ``name``; raises PolicyError when it is missing."""
        self._entry(name, "patterns")
        return self.compiled[name]

    def groups(self, name: str) -> dict[str, list[str]]:
        """The groups of list ``name`` (a name → the words that say it)."""
        return self._entry(name, "groups")

    def phrase_in(self, name: str, text: str) -> str | None:
        """The first phrase of list ``name`` found in ``text``, or None."""
        return next((word for word in self.words(name) if word in text), None)

    def match(self, name: str, text: str) -> re.Match | None:
        """The first match in ``text`` of a pattern of list ``name``, or None."""
        for pattern in self.patterns(name):
            found = pattern.search(text)
            if found:
                return found
        return None

    def _entry(self, name: str, kind: str):
        entry = self.lists.get(name)
        if entry is None or kind not in entry:
            raise core.PolicyError(
                f"Error reading 'data/rules/phrases.yml': the list '{name}' is missing; "
                f"expected {name}: {{source: ..., {kind}: [...]}}")
        return entry[kind]


def load_rules(root: Path) -> Rules:
    """Load and validate ``data/rules/*.yml`` against ``schemas/<name>.schema.json``.

    Raises PolicyError naming the file and key for YAML or schema problems, a pattern
    that is not a regular expression, or a rule id of the code missing from rules.yml.
    """
    data = {}
    for name in RULE_FILES:
        relative = f"data/rules/{name}.yml"
        data[name] = core.load_yaml(root / relative, root)
        core.validate(data[name], core.schema(root, name), relative)
    rules = Rules(data["rules"], data["phrases"], data["synonyms"]["kinds"], data["garbles"]["garbles"])
    for name, entry in rules.lists.items():
        compiled = []
        for number, pattern in enumerate(entry.get("patterns", []), start=1):
            try:
                compiled.append(re.compile(pattern))
            except re.error as error:
                raise core.PolicyError(
                    f"Error reading 'data/rules/phrases.yml': {name} pattern {number} {pattern!r} is not a "
                    f"regular expression ({error}); expected a Python regular expression") from None
        rules.compiled[name] = compiled
    missing = [rule for rule in RULES if rule not in rules.catalogue]
    if missing:
        raise core.PolicyError(
            f"Error reading 'data/rules/rules.yml': the rule {missing[0]} is missing; "
            f"expected {missing[0]}: {{severity: ..., source: ..., requirement: ...}}")
    return rules


# --- where things are: YAML lines, Markdown blocks --------------------------------------------

def yaml_lines(text: str) -> dict[tuple, int]:
    """Map each key path of a YAML text to its line (from 1).

    ``("collected", 2, "purpose")`` → the line of ``purpose:`` in the third row;
    ``("collected", 2)`` → the line where that row starts; ``()`` → 1.
    """
    lines: dict[tuple, int] = {(): 1}
    try:
        root = yaml.compose(text, Loader=core._Loader)
    except yaml.YAMLError:
        return lines

    def walk(node, path: tuple) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                lines[path + (key.value,)] = key.start_mark.line + 1
                walk(value, path + (key.value,))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                lines[path + (index,)] = item.start_mark.line + 1
                walk(item, path + (index,))

    if root is not None:
        walk(root, ())
    return lines


@dataclass
class Block:
    """A heading, paragraph or list item of a policy page, variables resolved.

    ``text`` is the block's lines joined with Markdown links reduced to their text and
    emphasis marks removed; ``raw`` keeps the Markdown; ``lines`` gives the file line of
    each line of ``text``.
    """

    path: str
    page: str
    kind: str  # heading, paragraph, item, marker
    text: str
    raw: str
    lines: list[tuple[int, int]]  # (offset in text, file line)
    title: str  # the page's first heading

    @property
    def line(self) -> int:
        return self.lines[0][1]

    def line_at(self, offset: int) -> int:
        """The file line of character ``offset`` of ``text``."""
        line = self.lines[0][1]
        for start, number in self.lines:
            if start <= offset:
                line = number
        return line

    def sentences(self) -> Iterator[tuple[int, str]]:
        """``(offset, sentence)`` of each sentence, split after 。！？；."""
        offset = 0
        for sentence in SENTENCE_END.split(self.text):
            if sentence:
                yield offset, sentence
            offset += len(sentence)


def plain(markdown: str) -> str:
    """Markdown of one line → its text: links become their text, ``**``, ``{#id}`` and list marks go."""
    text = LINK.sub(r"\1", markdown)
    text = re.sub(r"\s*\{#[^}]*\}\s*$", "", text)
    text = re.sub(r"^#{1,6}\s+", "", text)
    text = LIST_ITEM.sub("", text)
    return text.replace("**", "").replace("__", "").strip()


def blocks_of(body: str, offset: int, path: str, page: str) -> list[Block]:
    """Split a page's body (front matter removed, variables resolved) into blocks.

    ``offset`` is the number of lines before the body in the file.
    """
    blocks: list[Block] = []
    title = ""
    current: list[tuple[int, str]] = []
    kind = "paragraph"

    def flush() -> None:
        nonlocal current
        if current:
            text, lines, raw = "", [], []
            for number, line in current:
                lines.append((len(text), number))
                text += plain(line)
                raw.append(line)
            blocks.append(Block(path, page, kind, text, "\n".join(raw), lines, title))
        current = []

    for number, line in enumerate(body.split("\n"), start=offset + 1):
        if not line.strip():
            flush()
        elif render.MARKER.match(line):
            flush()
            blocks.append(Block(path, page, "marker", render.MARKER.match(line).group(1), line,
                                [(0, number)], title))
        elif render.ANY_HEADING.match(line):
            flush()
            if not title:
                title = plain(line)
            blocks.append(Block(path, page, "heading", plain(line), line, [(0, number)], title))
        elif LIST_ITEM.match(line):
            flush()
            kind = "item"
            current = [(number, line)]
        else:
            if not current:
                kind = "paragraph"
            current.append((number, line))
    flush()
    return blocks


# --- the context the rules read --------------------------------------------------------------

@dataclass
class Context:
    """What the rules read: the loaded policy, its pages as blocks, the data files' lines."""

    root: Path
    policy: core.Policy
    rules: Rules
    parts: list[render.Part]
    blocks: list[Block]
    anchors: dict[str, tuple[str, int]]  # heading id -> (path, line)
    data_lines: dict[str, dict[tuple, int]]
    titles: dict[str, str]  # page src -> first heading title
    docs_files: set[str]

    # --- findings --------------------------------------------------------------------------

    def finding(self, rule: str, path: str, line: int, message: str, page: str = "",
                severity: str | None = None) -> Finding:
        """A finding of ``rule`` with the catalogue's severity and source."""
        entry = self.rules.catalogue[rule]
        return Finding(path, line, rule, severity or entry["severity"], message, entry["source"],
                       page or self.page_of(path))

    def at(self, rule: str, block: Block, message: str, offset: int = 0, severity: str | None = None) -> Finding:
        """A finding at character ``offset`` of ``block``."""
        return self.finding(rule, block.path, block.line_at(offset), message, block.page, severity)

    def in_data(self, rule: str, path: str, key: tuple, message: str, severity: str | None = None) -> Finding:
        """A finding at the line of ``key`` (a key path) in the data file ``path``."""
        lines = self.data_lines.get(path, {})
        probe = key
        while probe not in lines and probe:
            probe = probe[:-1]
        page = ""
        if path == "data/inventory.yml" and key:
            page = self.marker_page("inventory" if key[0] == "collected" else "sharing")
        return self.finding(rule, path, lines.get(probe, 1), message, page, severity)

    def page_of(self, path: str) -> str:
        """The Chinese page a file's findings are shown on (the introduction for data files)."""
        if path.startswith("docs/"):
            return path[len("docs/"):]
        intro = next((part.src for part in self.parts if part.kind == "intro"), None)
        return intro or (self.parts[0].src if self.parts else "")

    def marker_page(self, name: str) -> str:
        """The page holding the marker ``<!-- policy:NAME -->`` (the list's page)."""
        for block in self.blocks:
            if block.kind == "marker" and block.text == name:
                return block.page
        return self.page_of("data")

    # --- the text --------------------------------------------------------------------------

    def text_blocks(self, pages: Iterable[str] | None = None) -> list[Block]:
        """Paragraphs and list items (not headings or markers), of ``pages`` when given."""
        wanted = set(pages) if pages is not None else None
        return [block for block in self.blocks if block.kind in ("paragraph", "item")
                and (wanted is None or block.page in wanted)]

    def section(self, name: str) -> list[str]:
        """Pages whose first heading says they are the section ``name`` (``section_<name>`` list)."""
        return [part.src for part in self.parts if part.kind in ("section", "intro")
                and self.rules.phrase_in(f"section_{name}", self.titles.get(part.src, ""))]

    def heading(self, page: str) -> Block | None:
        """The first heading of ``page``."""
        return next((block for block in self.blocks if block.page == page and block.kind == "heading"), None)

    def first_line(self) -> tuple[str, int, str]:
        """``(path, line, page)`` of the first heading of the policy, for findings about all of it."""
        block = next((block for block in self.blocks if block.kind == "heading"), None)
        if block is None:
            return "mkdocs.yml", 1, ""
        return block.path, block.line, block.page

    def whole(self, rule: str, message: str, pages: list[str] | None = None) -> Finding:
        """A finding about a section (its heading) or, without ``pages``, the whole policy."""
        heading = self.heading(pages[0]) if pages else None
        if heading is not None:
            return self.at(rule, heading, message)
        path, line, page = self.first_line()
        return self.finding(rule, path, line, message, page)

    def contact_values(self, text: str) -> list[str]:
        """Phone numbers, emails and the operator's own contact details found in ``text``."""
        found = [m.group(0) for pattern in self.rules.patterns("contact_value") for m in pattern.finditer(text)]
        handler = self.policy.operator["handler"]
        for value in (handler["phone"], handler["email"], handler["address"]["zh"]):
            if value.strip() and value.strip() in text:
                found.append(value.strip())
        return found

    def kinds_in(self, text: str) -> list[tuple[int, str, dict]]:
        """``(offset, word, kind)`` of each kind of personal information ``text`` names.

        The longest word wins where words overlap (手机号码 over 手机号).
        """
        hits = []
        for kind in self.rules.kinds:
            for word in kind["words"]:
                for found in re.finditer(re.escape(word), text):
                    hits.append((found.start(), found.end(), word, kind))
        hits.sort(key=lambda hit: (hit[0], -(hit[1] - hit[0])))
        chosen, end = [], -1
        for start, stop, word, kind in hits:
            if start >= end:
                chosen.append((start, word, kind))
                end = stop
        return chosen

    def row_kinds(self, names: Iterable[str]) -> set[str]:
        """The names of the kinds that the inventory's PI type names (zh) map to."""
        found = set()
        for name in names:
            for kind in self.rules.kinds:
                if kind["name"] in name or any(word in name for word in kind["words"]):
                    found.add(kind["name"])
        return found


def load_context(root: Path) -> Context:
    """Load everything the rules read from the repository at ``root``.

    Raises PolicyError (file and line) for a data file, page or rule file that does not load.
    """
    policy = core.load_policy(root)
    rules = load_rules(root)
    docs_dir = root / "docs"
    parts = render.discover_parts(docs_dir, render.read_nav(root), root)
    renderer = render.Renderer(policy, parts, core.DEFAULT_LANGUAGE, docs_dir)
    blocks: list[Block] = []
    anchors: dict[str, tuple[str, int]] = {}
    titles: dict[str, str] = {}
    for part in parts:
        if part.kind == "full":
            continue
        relative = f"docs/{part.src}"
        _, body, offset = render.split_front_matter(core.read_text(docs_dir / part.src, root))
        for _, title, anchor, line in core.heading_ids(body):
            anchors[anchor] = (relative, line + offset)
            titles.setdefault(part.src, title)
        # Variables resolved, so that a filled-in phone counts; line numbers stay the file's.
        resolved = renderer.variables_resolved(body, relative, offset)
        blocks.extend(blocks_of(resolved, offset, relative, part.src))
    # The pages must render as the build renders them (markers, variables, both languages):
    # a mistake the build refuses is reported here the same way, before any rule runs.
    for language in core.LANGUAGES:
        page_renderer = renderer if language == core.DEFAULT_LANGUAGE else \
            render.Renderer(policy, parts, language, docs_dir)
        for part in parts:
            if part.kind != "full":
                page_renderer.page(part)
    data_lines = {relative: yaml_lines(core.read_text(root / relative, root)) for relative in DATA_FILES}
    docs_files = {path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*.md")}
    return Context(root, policy, rules, parts, blocks, anchors, data_lines, titles, docs_files)


# --- the rules -------------------------------------------------------------------------------
# Each takes the Context and yields Findings. The docstring's first line is the requirement;
# REGULATORY.md gives the mechanical check each one implements.

RULES: dict[str, Callable[[Context], Iterable[Finding]]] = {}


def rule(rule_id: str):
    def register(function):
        RULES[rule_id] = function
        return function
    return register


def _quote(text: str, limit: int = 40) -> str:
    text = text.strip()
    return f"“{text if len(text) <= limit else text[:limit] + '…'}”"


def _zh(value) -> str:
    return (value.get("zh") if isinstance(value, dict) else value or "").strip()


@rule("META-01")
def meta_01(ctx: Context) -> Iterator[Finding]:
    """The handler's legal name is stated (PIPL Art. 17(1)).

    The name in ``data/operator.yml`` is set, appears in the first 500 characters of the
    policy, and no paragraph opens with the defined term (“我们”) without a name before it.
    """
    name = _zh(ctx.policy.operator["handler"]["name"])
    if not name:
        yield ctx.in_data("META-01", "data/operator.yml", ("handler", "name"),
                          "the handler's legal name (handler.name) is empty")
    opening = "".join(block.text for block in ctx.text_blocks())[:500]
    if name and name not in opening:
        path, line, page = ctx.first_line()
        yield ctx.finding("META-01", path, line, f"the handler's name “{name}” is not in the first 500 "
                          "characters of the policy", page)
    for block in ctx.text_blocks():
        found = ctx.rules.match("defined_term_without_name", block.text)
        if found:
            yield ctx.at("META-01", block, f"the defined term {_quote(found.group(0))} has no handler's name "
                         f"before it: {_quote(block.text)}", found.start())


@rule("META-02")
def meta_02(ctx: Context) -> Iterator[Finding]:
    """A working contact method is stated (PIPL Art. 17(1), 50).

    The 联系我们 section gives a phone number, email or postal address; a sentence that
    promises contact by phone or mail gives the value; ``data/operator.yml`` has at least
    one, and a phone or email in the text is the one in the data.
    """
    handler = ctx.policy.operator["handler"]
    if not (handler["phone"].strip() or handler["email"].strip() or _zh(handler["address"])):
        yield ctx.in_data("META-02", "data/operator.yml", ("handler", "phone"),
                          "data/operator.yml gives no phone, email or address of the handler")
    empty_promises = set()
    for block in ctx.text_blocks():
        for offset, sentence in block.sentences():
            found = ctx.rules.match("contact_promise", sentence)
            if found and not ctx.contact_values(sentence):
                empty_promises.add(block.page)
                yield ctx.at("META-02", block, f"the sentence promises contact but gives no value: "
                             f"{_quote(sentence)}", offset)
    pages = ctx.section("contact")
    if not pages:
        yield ctx.whole("META-02", "the policy has no section titled 联系我们 (contact us)")
        return
    values = [value for block in ctx.text_blocks(pages) for value in ctx.contact_values(block.text)]
    if not values and not empty_promises & set(pages):
        yield ctx.whole("META-02", "the contact section gives no phone number, email or postal address", pages)
    for value in values:
        digits = re.sub(r"\D", "", value)
        phone = re.sub(r"\D", "", handler["phone"])
        if "@" in value and handler["email"].strip() and value != handler["email"].strip():
            block = next(b for b in ctx.text_blocks(pages) if value in b.text)
            yield ctx.at("META-02", block, f"the text gives the email “{value}” but data/operator.yml "
                         f"handler.email is “{handler['email']}”", block.text.index(value))
        elif "@" not in value and phone and digits and not (digits.endswith(phone) or phone.endswith(digits)) \
                and value != _zh(handler["address"]):
            block = next(b for b in ctx.text_blocks(pages) if value in b.text)
            yield ctx.at("META-02", block, f"the text gives the phone “{value}” but data/operator.yml "
                         f"handler.phone is “{handler['phone']}”", block.text.index(value))


@rule("META-03")
def meta_03(ctx: Context) -> Iterator[Finding]:
    """The effective and updated dates are present and real (PIPL Art. 17; 工信部〔2020〕164号).

    The introduction carries ``<!-- policy:dates -->`` (stamped from data/versions.yml), or
    both labels with a written date that exists and is the newest release's.
    """
    intro = [part.src for part in ctx.parts if part.kind == "intro"]
    pages = intro or [part.src for part in ctx.parts[:1]]
    if any(block.kind == "marker" and block.text == "dates" and block.page in pages for block in ctx.blocks):
        return
    latest = ctx.policy.latest
    expected = {"生效日期": latest.effective, "更新日期": latest.updated}
    for label in ctx.rules.words("dates_labels"):
        block = next((b for b in ctx.text_blocks(pages) if label in b.text), None)
        if block is None:
            yield ctx.whole("META-03", f"the introduction does not state the {label} "
                            "(add <!-- policy:dates -->)", pages)
            continue
        after = block.text[block.text.index(label):]
        found = ctx.rules.match("written_date", after)
        if not found:
            yield ctx.at("META-03", block, f"{label} has no date written YYYY年M月D日: {_quote(after)}",
                         block.text.index(label))
            continue
        try:
            written = datetime.date(*(int(group) for group in found.groups()[:3]))
        except ValueError:
            yield ctx.at("META-03", block, f"{label} {_quote(found.group(0))} is not a date that exists",
                         block.text.index(label))
            continue
        if label in expected and written != expected[label]:
            yield ctx.at("META-03", block, f"{label} {_quote(found.group(0))} is not the newest release's "
                         f"({expected[label].isoformat()} in data/versions.yml)", block.text.index(label))


@rule("META-04")
def meta_04(ctx: Context) -> Iterator[Finding]:
    """No template leftovers (PIPL Art. 17 真实、准确、完整).

    Placeholders such as XX, ___, an empty （）, an empty link, or a bracket holding what
    should be filled in (【公司名称】), in the text with variables resolved.
    """
    brackets = re.compile(r"(?<!!)\[([^\]]{0,12})\](?!\()|【([^】]{0,20})】")
    for block in ctx.blocks:
        if block.kind == "marker":
            continue
        raw = block.raw
        hits = [m for pattern in ctx.rules.patterns("placeholder") for m in pattern.finditer(raw)]
        for found in brackets.finditer(raw):
            inner = found.group(1) if found.group(1) is not None else found.group(2)
            if not inner.strip() or ctx.rules.phrase_in("placeholder_words", inner):
                hits.append(found)
        for found in sorted(hits, key=lambda m: m.start())[:1]:
            line = block.lines[raw[:found.start()].count("\n")][1] if block.lines else block.line
            yield ctx.finding("META-04", block.path, line, f"a template leftover {_quote(found.group(0))} "
                              f"is in the text", block.page)


@rule("META-05")
def meta_05(ctx: Context) -> Iterator[Finding]:
    """The product is named and the scope is precise (PIPL Art. 7, 17).

    ``product.name`` is set and appears in the title or the first paragraph; a sentence
    stating the scope does not say 包括但不限于.
    """
    name = _zh(ctx.policy.operator["product"]["name"])
    if not name:
        yield ctx.in_data("META-05", "data/operator.yml", ("product", "name"),
                          "the product's name (product.name) is empty")
    else:
        texts = [block for block in ctx.blocks if block.kind in ("heading", "paragraph")][:2]
        if not any(name in block.text for block in texts):
            path, line, page = ctx.first_line()
            yield ctx.finding("META-05", path, line, f"the product's name “{name}” is not in the title "
                              "or the first paragraph", page)
    for block in ctx.text_blocks():
        for offset, sentence in block.sentences():
            vague = ctx.rules.phrase_in("vague_scope", sentence)
            if vague and ctx.rules.phrase_in("scope_markers", sentence):
                yield ctx.at("META-05", block, f"the scope is open-ended ({vague}): {_quote(sentence)}",
                             offset + sentence.index(vague))


@rule("META-06")
def meta_06(ctx: Context) -> Iterator[Finding]:
    """A large handler names its data-protection officer (PIPL Art. 52).

    When ``handler.large_handler`` is true: ``handler.dpo.contact`` is set and the text
    says 个人信息保护负责人.
    """
    handler = ctx.policy.operator["handler"]
    if not handler["large_handler"]:
        return
    if not handler["dpo"]["contact"].strip():
        yield ctx.in_data("META-06", "data/operator.yml", ("handler", "dpo", "contact"),
                          "handler.large_handler is true but handler.dpo.contact is empty")
    if not any(ctx.rules.phrase_in("dpo", block.text) for block in ctx.text_blocks()):
        yield ctx.whole("META-06", "the policy does not name the 个人信息保护负责人 (data-protection officer)",
                        ctx.section("contact") or None)


@rule("COL-01")
def col_01(ctx: Context) -> Iterator[Finding]:
    """A collected-information list exists and every referenced document resolves (PIPL Art. 17(2)).

    ``collected`` is not empty; every row's ``source`` is a heading id of the policy; every
    《…》 the text mentions (laws and standards aside) is a link to a page of the site or
    the title of a policy page.
    """
    inventory = ctx.policy.inventory
    if not inventory["collected"]:
        yield ctx.in_data("COL-01", "data/inventory.yml", ("collected",),
                          "the collected-information list (collected) is empty")
    for table in ("collected", "shared"):
        for index, row in enumerate(inventory[table]):
            if row["source"] not in ctx.anchors:
                yield ctx.in_data("COL-01", "data/inventory.yml", (table, index, "source"),
                                  f"{table} row {row['id']} rests on “{row['source']}”, which is not a heading "
                                  "id of the policy")
    titles = set(ctx.titles.values())
    pages = {part.src for part in ctx.parts}
    for block in ctx.blocks:
        if block.kind == "marker":
            continue
        linked = set()
        for link in LINK.finditer(block.raw):
            target = link.group(2).split("#")[0].strip()
            for mention in ctx.rules.patterns("document_title")[0].finditer(link.group(1)):
                if target in pages or target in ctx.docs_files:
                    linked.add(mention.group(1))
        for mention in ctx.rules.patterns("document_title")[0].finditer(block.text):
            title = mention.group(1)
            if title in linked or title in titles or ctx.rules.match("law_title", title):
                continue
            yield ctx.at("COL-01", block, f"《{title}》 is not a page of the site: link it to the page that "
                         "holds it, or add that page", mention.start())


@rule("COL-02")
def col_02(ctx: Context) -> Iterator[Finding]:
    """Each collected row is complete (MIIT 292号; GB/T 35273-2020 §5.5 a) 2)).

    Function, PI types, purpose, collection method and trigger are stated. (Function type is
    COL-04's, retention COL-07's.)
    """
    for index, row in enumerate(ctx.policy.inventory["collected"]):
        missing = [key for key in ("function", "purpose", "trigger") if not _zh(row[key])]
        if not row["method"]:
            missing.insert(2, "method")
        if not row["pi_types"]:
            missing.insert(1, "pi_types")
        if missing:
            yield ctx.in_data("COL-02", "data/inventory.yml", ("collected", index),
                              f"collected row {row['id']} does not state {', '.join(missing)}")


@rule("COL-03")
def col_03(ctx: Context) -> Iterator[Finding]:
    """Each purpose is specific (认定方法 二(3)(4); GB/T 35273-2020 §5.5 c)).

    At least 6 characters, and none of the vague phrases of ``vague_purpose``.
    """
    for index, row in enumerate(ctx.policy.inventory["collected"]):
        purpose = _zh(row["purpose"])
        if not purpose:
            continue  # COL-02 reports it
        vague = ctx.rules.phrase_in("vague_purpose", purpose)
        if vague:
            yield ctx.in_data("COL-03", "data/inventory.yml", ("collected", index, "purpose"),
                              f"collected row {row['id']} has a vague purpose ({vague}): {_quote(purpose)}")
        elif not ctx.rules.match("min_purpose_length", purpose):
            yield ctx.in_data("COL-03", "data/inventory.yml", ("collected", index, "purpose"),
                              f"collected row {row['id']} has a purpose too short to be specific: {_quote(purpose)}")


@rule("COL-04")
def col_04(ctx: Context) -> Iterator[Finding]:
    """Basic and extended functions are told apart, with the effect of refusing (GB/T 35273-2020 §5.3; PIPL 16).

    Every row's ``function_type`` is basic or extended; the text names both kinds of
    function and says what refusing does.
    """
    rows = ctx.policy.inventory["collected"]
    for index, row in enumerate(rows):
        if row["function_type"] not in ("basic", "extended"):
            yield ctx.in_data("COL-04", "data/inventory.yml", ("collected", index, "function_type"),
                              f"collected row {row['id']} does not say whether its function is basic or extended")
    if not rows:
        return
    text = "".join(block.text for block in ctx.text_blocks())
    pages = ctx.section("collection") or None
    missing = [name for name in ("basic_function", "extended_function") if not ctx.rules.phrase_in(name, text)]
    if missing:
        words = " and ".join(ctx.rules.words(name)[0] for name in missing)
        yield ctx.whole("COL-04", f"the policy does not name {words}", pages)
    elif not ctx.rules.match("refusal_effect", text):
        yield ctx.whole("COL-04", "the policy does not say what refusing to provide information does", pages)


@rule("COL-05")
def col_05(ctx: Context) -> Iterator[Finding]:
    """Sensitive personal information is marked, with necessity, impact and separate consent (PIPL 28-30).

    A PI type of a sensitive kind (``synonyms.yml``) is marked sensitive; when a row holds
    sensitive information the text says 敏感个人信息, its necessity and impact, and asks for
    单独同意.
    """
    text = "".join(block.text for block in ctx.text_blocks())
    lacking = [name for name in ("sensitive_notice", "separate_consent", "necessity_impact")
               if not ctx.rules.phrase_in(name, text)]
    sensitive_kinds = {kind["name"] for kind in ctx.rules.kinds if kind["sensitive"]}
    for index, row in enumerate(ctx.policy.inventory["collected"]):
        for number, pi in enumerate(row["pi_types"]):
            name = _zh(pi["name"])
            if not pi["sensitive"] and ctx.row_kinds([name]) & sensitive_kinds:
                yield ctx.in_data("COL-05", "data/inventory.yml", ("collected", index, "pi_types", number),
                                  f"collected row {row['id']}: {name} is sensitive personal information "
                                  "but is not marked sensitive")
        sensitive = [_zh(pi["name"]) for pi in row["pi_types"] if pi["sensitive"]]
        if sensitive and lacking:
            number = next(n for n, pi in enumerate(row["pi_types"]) if pi["sensitive"])
            words = ", ".join(ctx.rules.words(name)[0] for name in lacking)
            yield ctx.in_data("COL-05", "data/inventory.yml", ("collected", index, "pi_types", number),
                              f"collected row {row['id']} holds sensitive personal information "
                              f"({'、'.join(sensitive)}) but the policy never says {words}")


@rule("COL-06")
def col_06(ctx: Context) -> Iterator[Finding]:
    """Permissions and WeChat privacy interfaces are tied to purposes and rows (认定方法 二(3)).

    A row with a privacy key collects through the WeChat interface, names a PI type of that
    key and states its purpose; a row collecting through the interface has a key; a
    permission the text asks for has a row with its key and a purpose in the same clause
    or the one next to it.
    """
    rows = ctx.policy.inventory["collected"]
    keys = set()
    for index, row in enumerate(rows):
        key = row["wechat_privacy_key"]
        if key is None:
            if row["method"] == "wechat_api":
                yield ctx.in_data("COL-06", "data/inventory.yml", ("collected", index, "wechat_privacy_key"),
                                  f"collected row {row['id']} collects through a WeChat interface but names "
                                  "no privacy key")
            continue
        keys.add(key)
        names = [_zh(pi["name"]) for pi in row["pi_types"]]
        kinds = {kind["name"] for kind in ctx.rules.kinds if kind["privacy_key"] == key}
        if not ctx.row_kinds(names) & kinds:
            yield ctx.in_data("COL-06", "data/inventory.yml", ("collected", index, "wechat_privacy_key"),
                              f"collected row {row['id']} has the privacy key {key} but none of its PI types "
                              f"({'、'.join(names)}) is what {key} collects")
        elif not _zh(row["purpose"]):
            yield ctx.in_data("COL-06", "data/inventory.yml", ("collected", index, "wechat_privacy_key"),
                              f"collected row {row['id']} has the privacy key {key} but no purpose")
        if row["method"] not in ("wechat_api", ""):
            yield ctx.in_data("COL-06", "data/inventory.yml", ("collected", index, "method"),
                              f"collected row {row['id']} has the privacy key {key} but its method is "
                              f"{row['method']}, not wechat_api")
    markers = ctx.rules.words("purpose_markers")
    for block in ctx.text_blocks():
        if not ctx.rules.phrase_in("permission_words", block.text):
            continue
        for offset, sentence in block.sentences():
            if not ctx.rules.phrase_in("permission_words", sentence):
                continue  # a sentence about a permission, not one asking for it
            clauses = CLAUSE_SPLIT.split(sentence)
            explained = [any(word in clause for word in markers) for clause in clauses]
            bare, unrowed = [], []
            for number, clause in enumerate(clauses):
                named = [(word, kind) for _, word, kind in ctx.kinds_in(clause)
                         if kind["permission"] or kind["privacy_key"]]
                if not named:
                    continue
                near = explained[max(0, number - 1): number + 2]
                if not any(near):
                    bare.append(clause.strip())
                for word, kind in named:
                    if kind["privacy_key"] not in keys and word not in unrowed:
                        unrowed.append(word)
            if bare:
                yield ctx.at("COL-06", block, f"permissions are listed without a purpose: {_quote('，'.join(bare))}",
                             offset + sentence.index(bare[0]))
            for word in unrowed:
                yield ctx.at("COL-06", block, f"the text asks for “{word}” but no collected row has its "
                             "privacy key", offset + sentence.index(word))


@rule("COL-07")
def col_07(ctx: Context) -> Iterator[Finding]:
    """Retention periods are concrete (PIPL Art. 17(2), 19).

    The paragraph stating the retention period gives a number of days, months or years,
    deletion on account closure, or how the period is determined, not only 所需的期限; a
    row without such a policy-wide period states its own.
    """
    concrete_text = False
    # The storage section when there is one: elsewhere 存储期限 is named, not stated (“… and the retention period change”).
    pages = ctx.section("storage") or None
    labelled = [block for block in ctx.text_blocks(pages) if ctx.rules.phrase_in("retention_labels", block.text)]
    for block in labelled:
        if ctx.rules.match("concrete_retention", block.text):
            concrete_text = True
            continue
        vague = ctx.rules.phrase_in("vague_retention", block.text)
        where = block.text.index(vague) if vague else 0
        what = f"only {_quote(vague)}" if vague else "no period"
        yield ctx.at("COL-07", block, f"the retention period is not concrete: it says {what}", where)
    if not labelled:
        yield ctx.whole("COL-07", "the policy states no retention period (存储期限)", pages)
    if concrete_text:
        return
    for index, row in enumerate(ctx.policy.inventory["collected"]):
        retention = _zh(row["retention"])
        if not retention:
            yield ctx.in_data("COL-07", "data/inventory.yml", ("collected", index, "retention"),
                              f"collected row {row['id']} states no retention period")
        elif not ctx.rules.match("concrete_retention", retention):
            yield ctx.in_data("COL-07", "data/inventory.yml", ("collected", index, "retention"),
                              f"collected row {row['id']} has a retention period that is not concrete: "
                              f"{_quote(retention)}")


@rule("COL-08")
def col_08(ctx: Context) -> Iterator[Finding]:
    """No implied consent (PIPL Art. 14; 认定方法 三): using the product is not consent."""
    for block in ctx.text_blocks():
        for pattern in ctx.rules.patterns("implied_consent"):
            for found in pattern.finditer(block.text):
                yield ctx.at("COL-08", block, f"consent is implied from use: {_quote(found.group(0), 60)}",
                             found.start())


@rule("COL-09")
def col_09(ctx: Context) -> Iterator[Finding]:
    """Profiling and personalised push can be switched off by a stated path (PIPL Art. 24).

    When a row's purpose or function is profiling (``profiling``), a paragraph on it says
    how to switch it off (关闭) with a path such as 我的 > 设置.
    """
    rows = [(index, row) for index, row in enumerate(ctx.policy.inventory["collected"])
            if ctx.rules.phrase_in("profiling", _zh(row["purpose"]) + _zh(row["function"]))]
    if not rows:
        return
    about = [block for block in ctx.text_blocks() if ctx.rules.phrase_in("profiling", block.text)
             or (ctx.rules.phrase_in("opt_out", block.text) and "个性化" in block.text)]
    for block in about:
        if ctx.rules.phrase_in("opt_out", block.text) and ctx.rules.match("ui_path", block.text):
            return
    opting = [block for block in about if ctx.rules.phrase_in("opt_out", block.text)]
    if opting:
        block = opting[0]
        offset, sentence = next((offset, sentence) for offset, sentence in block.sentences()
                                if ctx.rules.phrase_in("opt_out", sentence))
        yield ctx.at("COL-09", block, f"the policy says profiling can be switched off but gives no path "
                     f"(such as 我的 > 设置): {_quote(sentence)}", offset)
    else:
        index, row = rows[0]
        yield ctx.in_data("COL-09", "data/inventory.yml", ("collected", index, "purpose"),
                          f"collected row {row['id']} is profiling but the policy never says how to switch it off")


@rule("COL-10")
def col_10(ctx: Context) -> Iterator[Finding]:
    """Every kind of personal information the text names is in the collected list (PIPL Art. 6, 17).

    Kinds are found through ``synonyms.yml``; each must map to a PI type of a collected row.
    """
    listed = ctx.row_kinds(_zh(pi["name"]) for row in ctx.policy.inventory["collected"] for pi in row["pi_types"])
    reported = set()
    pages = [part.src for part in ctx.parts if part.kind in ("intro", "section")]
    for block in ctx.text_blocks(pages):
        for offset, word, kind in ctx.kinds_in(block.text):
            if kind["name"] in listed or kind["name"] in reported:
                continue
            reported.add(kind["name"])
            yield ctx.at("COL-10", block, f"the text names “{word}” ({kind['name']}) but no collected row "
                         "lists it", offset)


@rule("SHR-01")
def shr_01(ctx: Context) -> Iterator[Finding]:
    """A third-party sharing list exists when the text mentions sharing (PIPL Art. 23; MIIT 292号)."""
    if ctx.policy.inventory["shared"]:
        return
    for block in ctx.text_blocks():
        word = ctx.rules.phrase_in("sharing_mentions", block.text)
        if word:
            yield ctx.at("SHR-01", block, f"the text mentions “{word}” but the sharing list (shared) is empty",
                         block.text.index(word))
            return


@rule("SHR-02")
def shr_02(ctx: Context) -> Iterator[Finding]:
    """Recipients are named, with what they receive and how (PIPL Art. 23).

    Each shared row names a legal entity (not a category such as 合作伙伴), the purpose,
    the PI types shared and the method; an SDK row gives its privacy policy URL.
    """
    for index, row in enumerate(ctx.policy.inventory["shared"]):
        recipient = _zh(row["recipient"])
        category = _zh(row["category"])
        problems = []
        if not recipient:
            problems.append(f"names no recipient (only the category “{category}”)" if category
                            else "names no recipient")
        elif ctx.rules.match("recipient_category", recipient):
            problems.append(f"names a category, not a legal entity: “{recipient}”")
        missing = [key for key, empty in (("purpose", not _zh(row["purpose"])), ("pi_types", not row["pi_types"]),
                                          ("method", not row["method"]),
                                          ("policy_url", row["recipient_type"] == "sdk" and not row["policy_url"]))
                   if empty]
        if missing:
            problems.append(f"does not state {', '.join(missing)}")
        if problems:
            yield ctx.in_data("SHR-02", "data/inventory.yml", ("shared", index, "recipient"),
                              f"shared row {row['id']} {'; '.join(problems)}")


@rule("SHR-03")
def shr_03(ctx: Context) -> Iterator[Finding]:
    """Entrusted processing and provision are told apart (PIPL Art. 21, 23).

    Each shared row's ``relationship`` is entrusted, provided or joint; when information
    is provided, the text asks for 单独同意.
    """
    text = "".join(block.text for block in ctx.text_blocks())
    for index, row in enumerate(ctx.policy.inventory["shared"]):
        if not row["relationship"]:
            yield ctx.in_data("SHR-03", "data/inventory.yml", ("shared", index, "relationship"),
                              f"shared row {row['id']} does not say whether the recipient processes on our behalf "
                              "(entrusted), receives the information (provided) or decides jointly (joint)")
        elif row["relationship"] == "provided" and not ctx.rules.phrase_in("separate_consent", text):
            yield ctx.in_data("SHR-03", "data/inventory.yml", ("shared", index, "relationship"),
                              f"shared row {row['id']} provides information to another handler but the policy "
                              "never asks for 单独同意 (separate consent)")


@rule("SHR-04")
def shr_04(ctx: Context) -> Iterator[Finding]:
    """The storage location and any cross-border transfer are stated (PIPL Art. 38-40).

    The text says where information is stored; a sentence about transfer abroad (not one
    that rules it out) needs the overseas recipient's name, contact and rights method,
    which the inventory cannot yet record: it is reported for the operator to check.
    """
    blocks = ctx.text_blocks()
    if not any(ctx.rules.match("storage_location", block.text) for block in blocks):
        yield ctx.whole("SHR-04", "the policy does not say where personal information is stored",
                        ctx.section("storage") or None)
    for block in blocks:
        for offset, sentence in block.sentences():
            word = ctx.rules.phrase_in("cross_border", sentence)
            if word and not ctx.rules.phrase_in("negation", sentence):
                yield ctx.at("SHR-04", block, f"the text mentions a transfer abroad ({word}): state the overseas "
                             f"recipient's name, contact and how to exercise rights: {_quote(sentence)}", offset)


@rule("SHR-05")
def shr_05(ctx: Context) -> Iterator[Finding]:
    """A transfer notice names the recipient and its contact (PIPL Art. 22)."""
    for block in ctx.text_blocks():
        word = ctx.rules.phrase_in("transfer", block.text)
        if not word:
            continue
        missing = [phrase for phrase in ctx.rules.words("transfer_notice") if phrase not in block.text]
        if missing:
            yield ctx.at("SHR-05", block, f"the transfer paragraph does not promise to tell the recipient's "
                         f"{'、'.join(missing)}: {_quote(block.text)}", block.text.index(word))


@rule("RGT-01")
def rgt_01(ctx: Context) -> Iterator[Finding]:
    """Each right has a concrete route (PIPL Art. 44-48, 50; GB/T 35273-2020 §8).

    The rights section names each right of ``rights`` and gives a route: a path in the
    product (我的 > 设置 > …) or the contact section, which must then give a contact.
    """
    pages = ctx.section("rights")
    if not pages:
        yield ctx.whole("RGT-01", "the policy has no section on how to exercise your rights")
        return
    blocks = ctx.text_blocks(pages)
    text = "".join(block.text for block in blocks)
    missing = [name for name, words in ctx.rules.groups("rights").items() if not any(w in text for w in words)]
    if missing:
        yield ctx.whole("RGT-01", f"the rights section does not mention the right(s) {'、'.join(missing)}", pages)
    if any(ctx.rules.match("ui_path", block.text) for block in blocks):
        return
    contact = [value for block in ctx.text_blocks(ctx.section("contact")) for value in ctx.contact_values(block.text)]
    referring = [block for block in blocks if ctx.rules.phrase_in("contact_reference", block.text)]
    if referring and contact:
        return
    if referring:
        block = referring[0]
        word = ctx.rules.phrase_in("contact_reference", block.text)
        yield ctx.at("RGT-01", block, "the route to exercise rights is the contact section, which gives no "
                     f"contact: {_quote(block.text)}", block.text.index(word))
    else:
        yield ctx.whole("RGT-01", "the rights section gives no route (a path such as 我的 > 设置, or a contact)",
                        pages)


@rule("RGT-02")
def rgt_02(ctx: Context) -> Iterator[Finding]:
    """Requests are answered within 15 working days (认定方法 六; [U] on the exact text, so a warning)."""
    pages = ctx.section("rights") + ctx.section("contact")
    found_any = False
    for block in ctx.text_blocks(pages):
        for pattern in ctx.rules.patterns("response_time"):
            for found in pattern.finditer(block.text):
                found_any = True
                if int(found.group(1)) > 15:
                    yield ctx.at("RGT-02", block, f"the answer comes later than 15 working days: "
                                 f"{_quote(found.group(0))}", found.start())
    if not found_any:
        yield ctx.whole("RGT-02", "the policy does not say within how many days a request is answered",
                        pages or None)


@rule("RGT-03")
def rgt_03(ctx: Context) -> Iterator[Finding]:
    """A complaint channel is stated (GB/T 35273-2020 §5.5 a) 8)); an outdated authority's name is info."""
    pages = ctx.section("contact")
    blocks = ctx.text_blocks(pages)
    if not any(ctx.rules.phrase_in("complaint", block.text) for block in blocks):
        yield ctx.whole("RGT-03", "the contact section gives no way to complain (投诉) to an outside body",
                        pages or None)
    for block in blocks:
        if not ctx.rules.phrase_in("complaint", block.text):
            continue
        for current, old_words in ctx.rules.groups("outdated_authority").items():
            for word in old_words:
                if word in block.text:
                    yield ctx.at("RGT-03", block, f"“{word}” is no longer the authority's name; it is now "
                                 f"“{current}”", block.text.index(word), severity="info")


@rule("RGT-04")
def rgt_04(ctx: Context) -> Iterator[Finding]:
    """Account deletion has a route and a time limit (GB/T 35273-2020 §8.5)."""
    pages = ctx.section("rights")
    blocks = [block for block in ctx.text_blocks(pages) if ctx.rules.phrase_in("account_deletion", block.text)]
    if not blocks:
        yield ctx.whole("RGT-04", "the rights section does not say how to delete the account (注销)", pages or None)
        return
    if any(ctx.rules.match("ui_path", block.text) and ctx.rules.match("time_limit", block.text) for block in blocks):
        return
    block = blocks[0]
    word = ctx.rules.phrase_in("account_deletion", block.text)
    yield ctx.at("RGT-04", block, "account deletion (注销) is mentioned without a path and a time limit",
                 block.text.index(word))


@rule("MIN-01")
def min_01(ctx: Context) -> Iterator[Finding]:
    """Minors under 14 have a dedicated section with guardian consent (PIPL Art. 31).

    Applies when ``audience.minors_u14`` is not none.
    """
    if ctx.policy.operator["audience"]["minors_u14"] == "none":
        return
    pages = ctx.section("minors")
    if not pages:
        yield ctx.in_data("MIN-01", "data/operator.yml", ("audience", "minors_u14"),
                          f"audience.minors_u14 is {ctx.policy.operator['audience']['minors_u14']} but the policy "
                          "has no section on minors")
    elif not any(ctx.rules.match("guardian_consent", block.text) for block in ctx.text_blocks(pages)):
        yield ctx.whole("MIN-01", "the minors section does not ask for the guardian's consent (监护人同意)", pages)


@rule("TXT-01")
def txt_01(ctx: Context) -> Iterator[Finding]:
    """No truncated text (PIPL Art. 17: complete).

    No paragraph ends in ，、（; the last paragraph of a page ends a sentence.
    """
    for part in ctx.parts:
        blocks = [block for block in ctx.blocks if block.page == part.src and block.kind != "heading"]
        for number, block in enumerate(blocks):
            if block.kind == "marker":
                continue
            end = block.text.rstrip()[-1:] if block.text.strip() else ""
            last = number == len(blocks) - 1
            if end and (end in CUT_OFF or (last and end not in TERMINAL)):
                yield ctx.at("TXT-01", block, f"the text stops mid-sentence: {_quote('…' + block.text[-20:])}",
                             len(block.text) - 1)


@rule("TXT-02")
def txt_02(ctx: Context) -> Iterator[Finding]:
    """No known garbles of stock phrases (GB/T 35273-2020 §5.5 c)); ``garbles.yml`` gives the right form."""
    for block in ctx.blocks:
        if block.kind == "marker":
            continue
        for garble in ctx.rules.garbles:
            start = block.text.find(garble["wrong"])
            while start >= 0:
                yield ctx.at("TXT-02", block, f"“{garble['wrong']}” looks garbled; the stock phrase is "
                             f"“{garble['right']}”", start)
                start = block.text.find(garble["wrong"], start + 1)


@rule("TXT-03")
def txt_03(ctx: Context) -> Iterator[Finding]:
    """No vague quantifiers in lists of information or recipients (认定方法 二(4)).

    In the collection and sharing sections, ``vague_quantifiers`` leave a list open.
    """
    pages = ctx.section("collection") + ctx.section("sharing")
    for block in ctx.text_blocks(pages):
        hits = sorted((m for pattern in ctx.rules.patterns("vague_quantifiers") for m in pattern.finditer(block.text)),
                      key=lambda m: m.start())
        if hits:
            words = "、".join(dict.fromkeys(f"“{m.group(0)}”" for m in hits))
            yield ctx.at("TXT-03", block, f"the list stays open ({words}): name every item", hits[0].start())


@rule("TXT-04")
def txt_04(ctx: Context) -> Iterator[Finding]:
    """Consistent punctuation: Chinese text uses ，（） not ASCII ,() (clarity)."""
    for block in ctx.blocks:
        if block.kind == "marker":
            continue
        found = ASCII_IN_CJK.search(block.text)
        if found:
            context = block.text[max(0, found.start() - 6): found.end() + 6]
            yield ctx.at("TXT-04", block, f"ASCII punctuation in Chinese text: {_quote(context)} "
                         "(use ，（）)", found.start())


@rule("UPD-01")
def upd_01(ctx: Context) -> Iterator[Finding]:
    """Changes are notified and material changes re-consented (PIPL Art. 14(2), 17(2); GB/T 35273 §5.5 f))."""
    pages = ctx.section("updates")
    if not pages:
        yield ctx.whole("UPD-01", "the policy has no section on how it is updated")
        return
    blocks = ctx.text_blocks(pages)
    channel = next((block for block in blocks if ctx.rules.phrase_in("update_channels", block.text)), None)
    reconsent = any(ctx.rules.match("reconsent", block.text) for block in blocks)
    if channel is None:
        yield ctx.whole("UPD-01", "the update section names no notification channel (弹窗, 站内信 …)", pages)
    if not reconsent:
        message = "the update section does not say consent is asked again (重新取得同意) for material changes"
        yield ctx.at("UPD-01", channel, message) if channel else ctx.whole("UPD-01", message, pages)


@rule("WX-01")
def wx_01(ctx: Context) -> Iterator[Finding]:
    """The WeChat privacy settings are complete (小程序用户隐私保护指引: owner_setting, setting_list).

    For a WeChat mini program: a contact phone or email, ``wechat.notice_method`` and
    ``wechat.store_expire_timestamp`` are set; every privacy key's row has a purpose that
    does not start with 为了/用于 (WeChat shows it after “为了”).
    """
    operator = ctx.policy.operator
    if operator["product"]["platform"] != "wechat_miniprogram":
        return
    # The inventory's gaps for WeChat (an SDK row's name) are SHR-02's findings.
    for path, problem, key in wechat_missing(operator, {"collected": [], "shared": []}):
        yield ctx.in_data("WX-01", path, key, f"owner_setting needs {problem}")
    for index, row in enumerate(ctx.policy.inventory["collected"]):
        purpose = _zh(row["purpose"])
        if row["wechat_privacy_key"] and purpose and WECHAT_PURPOSE_PREFIX.match(purpose):
            yield ctx.in_data("WX-01", "data/inventory.yml", ("collected", index, "purpose"),
                              f"collected row {row['id']}: WeChat shows the purpose after “为了”; drop the "
                              f"leading “{WECHAT_PURPOSE_PREFIX.match(purpose).group(0)}”: {_quote(purpose)}")


@rule("WX-02")
def wx_02(ctx: Context) -> Iterator[Finding]:
    """Geographic interfaces are declared in requiredPrivateInfos (WeChat, 2022-07-14).

    A Location, ChooseLocation or Address key needs one of its interfaces in
    ``wechat.required_private_infos``; fuzzy and precise location cannot both be declared.
    """
    operator = ctx.policy.operator
    if operator["product"]["platform"] != "wechat_miniprogram":
        return
    declared = set((operator.get("wechat") or {}).get("required_private_infos", []))
    for index, row in enumerate(ctx.policy.inventory["collected"]):
        interfaces = GEO_INTERFACES.get(row["wechat_privacy_key"])
        if interfaces and not interfaces & declared:
            yield ctx.in_data("WX-02", "data/operator.yml", ("wechat", "required_private_infos"),
                              f"collected row {row['id']} uses {row['wechat_privacy_key']} but "
                              f"wechat.required_private_infos declares none of {', '.join(sorted(interfaces))}")
    if {"getFuzzyLocation", "getLocation"} <= declared:
        yield ctx.in_data("WX-02", "data/operator.yml", ("wechat", "required_private_infos"),
                          "getFuzzyLocation and getLocation cannot both be declared")


def wechat_missing(operator: dict, inventory: dict) -> list[tuple[str, str, tuple]]:
    """What the WeChat privacy settings lack: ``[(file, what, key path in that file)]``.

    Source: 小程序用户隐私保护指引 (owner_setting needs one contact, notice_method and
    store_expire_timestamp; every privacy key its text; an SDK entry its name and provider).
    """
    handler = operator["handler"]
    wechat = operator.get("wechat") or {}
    missing = []
    if not (handler["phone"].strip() or handler["email"].strip()):
        missing.append(("data/operator.yml", "handler.phone or handler.email", ("handler", "phone")))
    for key in ("notice_method", "store_expire_timestamp"):
        if not str(wechat.get(key, "")).strip():
            missing.append(("data/operator.yml", f"wechat.{key}", ("wechat", key)))
    for index, row in enumerate(inventory["collected"]):
        if row["wechat_privacy_key"] and not _zh(row["purpose"]):
            missing.append(("data/inventory.yml", f"collected row {row['id']} purpose", ("collected", index, "purpose")))
    for index, row in enumerate(inventory["shared"]):
        if row["recipient_type"] == "sdk":
            for key in ("recipient", "category", "purpose"):
                if not _zh(row[key]):
                    missing.append(("data/inventory.yml", f"shared row {row['id']} {key}", ("shared", index, key)))
    return missing


# --- running ---------------------------------------------------------------------------------

def check_policy(root: Path, rule_ids: Iterable[str] | None = None) -> list[Finding]:
    """Run the rules (all, or ``rule_ids``) over the repository at ``root``.

    Returns the findings sorted by file (pages in nav order, then the data files) and
    line. Raises PolicyError when a data, page or rule file does not load.
    """
    ctx = load_context(root)
    findings = []
    for rule_id in rule_ids or RULES:
        findings.extend(RULES[rule_id](ctx))
    order = [f"docs/{part.src}" for part in ctx.parts] + list(DATA_FILES)
    rank = {path: number for number, path in enumerate(order)}
    rule_rank = {rule_id: number for number, rule_id in enumerate(RULES)}
    return sorted(findings, key=lambda f: (rank.get(f.path, len(rank)), f.path, f.line, rule_rank[f.rule]))


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    """``{"error": n, "warning": n, "info": n}``."""
    result = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        result[finding.severity] += 1
    return result


def summary(findings: list[Finding]) -> str:
    """``3 errors, 1 warning, 0 info`` for a list of findings."""
    number = counts(findings)
    return (f"{number['error']} error{'s' * (number['error'] != 1)}, "
            f"{number['warning']} warning{'s' * (number['warning'] != 1)}, {number['info']} info")


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """Options of ``python hooks/policy.py check``."""
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text: one finding a line (default); json: for machines")


def run(args: argparse.Namespace, root: Path) -> int:
    """Print the findings; return 1 when one is an error, else 0."""
    findings = check_policy(root)
    if args.format == "json":
        print(json.dumps({"findings": [asdict(finding) for finding in findings], "counts": counts(findings)},
                         ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(finding.text())
        print(f"check: {summary(findings)}")
    return 1 if any(finding.severity == "error" for finding in findings) else 0
