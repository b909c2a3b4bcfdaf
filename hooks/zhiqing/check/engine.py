"""The compliance check's engine: the rule registry, what rules read, findings.

A rule is a small function in one of the family modules (``meta``, ``collection``,
``sharing``, ``rights``, ``minors``, ``text``, ``updates``, ``wechat``), registered with
:func:`rule`, which binds its id once: the function receives a :class:`Context` bound to
that id, so every finding it reports is filed under it (a rule cannot name another). Its
docstring gives the requirement, the rationale and the legal source; its severity and
source as printed are data (``data/rules/rules.yml``), so are the word lists it reads
(``data/rules/phrases.yml``, ``synonyms.yml``, ``garbles.yml``; each rule names the lists
it uses), each file validated by its schema in ``schemas/``.

The rules read the policy through the one Markdown reader (:mod:`zhiqing.pages.markdown`)
from the build's state: nothing is loaded twice. ``python hooks/policy.py check`` prints the
findings; the build counts them and ``mkdocs serve`` shows them on the pages.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from zhiqing.data.files import load_yaml, read_text, yaml_lines
from zhiqing.data.model import Policy
from zhiqing.data.schemas import schema, validate
from zhiqing.errors import PolicyError
from zhiqing.languages import DEFAULT_LANGUAGE, LANGUAGES
from zhiqing.pages.discover import Part
from zhiqing.check.clauses import TOPICS, Clause, Clauses
from zhiqing.pages.markdown import Block

if TYPE_CHECKING:  # pragma: no cover
    from zhiqing.build import BuildState

SEVERITIES = ("error", "warning", "info")
DATA_FILES = ("data/operator.yml", "data/inventory.yml", "data/versions.yml")
RULE_FILES = ("rules", "phrases", "synonyms", "garbles", "messages")
CHECK_LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class Finding:
    """One thing the law asks and the policy lacks, told in one language.

    ``path`` is relative to the repository root (``docs/index.md``, ``data/inventory.yml``),
    ``line`` counts from 1 in that file, ``severity`` is one of SEVERITIES, ``source`` the
    legal source of the rule. ``message`` says what is missing or wrong, where, with the
    quoted text; ``fix`` what to write instead; both in ``language`` (``zh`` or ``en``), from
    the templates of ``data/rules/messages.yml``. ``page`` is the Chinese page (``index.md``)
    the finding concerns, where ``mkdocs serve`` shows it. ``texts`` keeps the message and fix
    in every language (:meth:`in_language`).
    """

    path: str
    line: int
    rule: str
    severity: str
    message: str
    source: str
    page: str = ""
    fix: str = ""
    language: str = "zh"
    texts: dict = field(default_factory=dict, compare=False, repr=False)

    def in_language(self, language: str) -> Finding:
        """This finding told in ``language``."""
        message, fix = self.texts.get(language, (self.message, self.fix))
        return dataclasses.replace(self, message=message, fix=fix, language=language)

    @property
    def sentence(self) -> str:
        """The message ended as a sentence in its language (。 or .), for the preview box."""
        return _sentence(self.message, "。" if self.language == "zh" else ".")

    @property
    def severity_label(self) -> str:
        """错误、警告、提示 in Chinese; error, warning, info in English."""
        return SEVERITY_LABELS[self.language][self.severity]

    def text(self) -> str:
        """One line: ``docs/index.md:13: COL-08 错误：…。建议：…（依据：PIPL Art. 14）``."""
        if self.language == "zh":
            advice = f"建议：{self.fix}" if self.fix else ""
            return (f"{self.path}:{self.line}: {self.rule} {self.severity_label}：{_sentence(self.message, '。')}"
                    f"{advice}（依据：{self.source}）")
        advice = f" Fix: {_sentence(self.fix, '.')}" if self.fix else ""
        return (f"{self.path}:{self.line}: {self.rule} {self.severity_label}: {_sentence(self.message, '.')}"
                f"{advice} (source: {self.source})")

    def as_json(self) -> dict:
        """The finding as ``--format json`` prints it (no ``texts``)."""
        return {name: getattr(self, name) for name in
                ("path", "line", "rule", "severity", "message", "fix", "source", "page", "language")}


SEVERITY_LABELS = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
                   "en": {"error": "error", "warning": "warning", "info": "info"}}


def _sentence(text: str, stop: str) -> str:
    """``text`` ended by ``stop`` (。 or .) unless it already ends a sentence or a quote."""
    text = text.strip()
    if not text or text[-1] in "。！？.!?" or text[-2:] in ("。”", "！”", "？”", ".”"):
        return text
    return text + stop


# --- the rules' data ------------------------------------------------------------------------

@dataclass
class Rules:
    """The rule catalogue and word lists of ``data/rules/``, validated, patterns compiled.

    ``catalogue`` maps a rule id to ``{severity, source, title, requirement, looks_at}`` (the
    last three bilingual ``{zh, en}``; ``RULES.md`` is made from them); ``lists`` maps a
    list name of ``phrases.yml`` to its entry; ``kinds`` are the rows of ``synonyms.yml``;
    ``garbles`` the ``{wrong, right}`` pairs of ``garbles.yml``.
    """

    catalogue: dict
    lists: dict
    kinds: list[dict]
    garbles: list[dict]
    messages: dict = field(default_factory=dict)
    compiled: dict = field(default_factory=dict)

    def texts(self, rule_id: str, key: str, params: dict) -> dict[str, tuple[str, str]]:
        """``{language: (message, fix)}`` of the template ``key`` of ``rule_id``, filled with ``params``.

        A parameter given as ``{"zh": ..., "en": ...}`` (a section's name, a list of what is
        missing) fills each language's template with its own words. Raises PolicyError when
        ``data/rules/messages.yml`` lacks the template or a parameter.
        """
        entry = self.messages.get(rule_id, {}).get(key)
        if entry is None:
            raise PolicyError(
                f"Error reading 'data/rules/messages.yml': {rule_id} has no message '{key}'; "
                f"expected {rule_id}: {{{key}: {{zh: ..., en: ..., fix: {{zh: ..., en: ...}}}}}}")
        result = {}
        for language in CHECK_LANGUAGES:
            told = {name: value[language] if isinstance(value, dict) and set(value) == set(CHECK_LANGUAGES) else value
                    for name, value in params.items()}
            try:
                message = entry[language].format(**told)
                fix = entry.get("fix", {}).get(language, "").format(**told)
            except (KeyError, IndexError) as error:
                raise PolicyError(
                    f"Error reading 'data/rules/messages.yml': {rule_id}.{key}.{language} names "
                    f"{error} which the rule does not give; expected only {sorted(params)}") from None
            result[language] = (message, fix)
        return result

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
            raise PolicyError(
                f"Error reading 'data/rules/phrases.yml': the list '{name}' is missing; "
                f"expected {name}: {{source: ..., {kind}: [...]}}")
        return entry[kind]


# Rules loaded, by the sha256 of the rule files' and their schemas' text: a file read again is
# parsed and validated again only when its text changed. Rules are read, never changed.
_LOADED: dict[str, Rules] = {}


def load_rules(root: Path) -> Rules:
    """Load and validate ``data/rules/*.yml`` against ``schemas/<name>.schema.json``.

    Raises PolicyError naming the file and key for YAML or schema problems, a pattern
    that is not a regular expression, or a rule id of the code missing from rules.yml.
    """
    texts = tuple(read_text(root / f"data/rules/{name}.yml", root) + read_text(root / f"schemas/{name}.schema.json", root)
                  for name in RULE_FILES)
    key = hashlib.sha256("\0".join(texts).encode("utf-8")).hexdigest()
    if key in _LOADED:  # the same files read before (the tests run the check hundreds of times)
        return _LOADED[key]
    data = {}
    for name in RULE_FILES:
        relative = f"data/rules/{name}.yml"
        data[name] = load_yaml(root / relative, root)
        validate(data[name], schema(root, name), relative)
    rules = Rules(data["rules"], data["phrases"], data["synonyms"]["kinds"], data["garbles"]["garbles"],
                  data["messages"])
    for name, entry in rules.lists.items():
        compiled = []
        for number, pattern in enumerate(entry.get("patterns", []), start=1):
            try:
                compiled.append(re.compile(pattern))
            except re.error as error:
                raise PolicyError(
                    f"Error reading 'data/rules/phrases.yml': {name} pattern {number} {pattern!r} is not a "
                    f"regular expression ({error}); expected a Python regular expression") from None
        rules.compiled[name] = compiled
    missing = [rule_id for rule_id in RULES if rule_id not in rules.catalogue]
    if not missing:
        _LOADED[key] = rules
    if missing:
        raise PolicyError(
            f"Error reading 'data/rules/rules.yml': the rule {missing[0]} is missing; "
            f"expected {missing[0]}: {{severity: ..., source: ..., title: {{zh: ..., en: ...}}, "
            f"requirement: {{zh: ..., en: ...}}, looks_at: {{zh: ..., en: ...}}}}")
    return rules


# --- the registry -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Rule:
    """A rule of the check: its id, the function that checks, the word lists it reads.

    ``check`` takes a :class:`Context` bound to ``id`` and yields :class:`Finding` s; its
    docstring's first line is the requirement.
    """

    id: str
    check: Callable[["Context"], Iterable[Finding]]
    lists: tuple[str, ...] = ()


RULES: dict[str, Rule] = {}


def rule(rule_id: str, *, lists: tuple[str, ...] = ()):
    """Register the decorated function as the rule ``rule_id`` that reads the word lists ``lists``."""
    def register(function: Callable[["Context"], Iterable[Finding]]):
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} is registered twice")
        RULES[rule_id] = Rule(rule_id, function, lists)
        return function
    return register


# --- what the rules read ----------------------------------------------------------------------

@dataclass
class Context:
    """What a rule reads: the loaded policy, its clauses, its pages as blocks, the data files' lines.

    A rule receives the context bound to its own id (``rule``): :meth:`finding`, :meth:`at`,
    :meth:`in_data` and :meth:`whole` file what they report under that id, with the message
    template ``key`` of that rule in ``data/rules/messages.yml`` filled with ``params``.
    """

    root: Path
    policy: Policy
    rules: Rules
    parts: list[Part]
    blocks: list[Block]
    clauses: Clauses
    anchors: dict[str, tuple[str, int]]  # heading id -> (path, line)
    data_lines: dict[str, dict[tuple, int]]  # filled on first use (a data file's lines are read only for a finding in it)
    titles: dict[str, str]  # page src -> first heading title
    docs_files: set[str]
    language: str = "zh"
    raw: dict[str, str] = field(default_factory=dict)  # page src -> its Markdown as written (variables unresolved)
    rule: str = ""

    def bound(self, rule_id: str) -> Context:
        """This context for the rule ``rule_id``."""
        return dataclasses.replace(self, rule=rule_id)

    # --- findings --------------------------------------------------------------------------

    def finding(self, path: str, line: int, key: str, /, page: str = "", severity: str | None = None,
                **params) -> Finding:
        """A finding of this context's rule: message ``key`` filled with ``params``, the
        catalogue's severity (unless given) and source."""
        entry = self.rules.catalogue[self.rule]
        texts = self.rules.texts(self.rule, key, params)
        message, fix = texts[self.language]
        return Finding(path, line, self.rule, severity or entry["severity"], message, entry["source"],
                       page or self.page_of(path), fix, self.language, texts)

    def at(self, where: Block | Clause, key: str, offset: int = 0, /, severity: str | None = None,
           **params) -> Finding:
        """A finding at character ``offset`` of a block or clause."""
        return self.finding(where.path, where.line_at(offset), key, where.page, severity, **params)

    def in_data(self, path: str, keys: tuple, key: str, /, severity: str | None = None, **params) -> Finding:
        """A finding at the line of ``keys`` (a key path) in the data file ``path``."""
        if path not in self.data_lines and path in DATA_FILES:
            self.data_lines[path] = yaml_lines(read_text(self.root / path, self.root))
        lines = self.data_lines.get(path, {})
        probe = keys
        while probe not in lines and probe:
            probe = probe[:-1]
        page = ""
        if path == "data/inventory.yml" and keys:
            page = self.marker_page("inventory" if keys[0] == "collected" else "sharing")
        return self.finding(path, lines.get(probe, 1), key, page, severity, **params)

    def whole(self, key: str, topic: str | None = None, /, **params) -> Finding:
        """A finding about the section of ``topic`` (at its first page's title) or, without a
        page for it, about the whole policy (its first heading). When the section was found by
        its title's words (no page declares ``covers``), ``params`` gains ``guess`` saying so."""
        pages, guessed = self.clauses.pages(topic) if topic else ([], False)
        params.setdefault("section", {language: TOPIC_NAMES[language].get(topic, topic) if topic else ""
                                      for language in CHECK_LANGUAGES})
        heading = self.heading(pages[0]) if pages else None
        if heading is not None:
            found = self.at(heading, key, **params)
        else:
            path, line, page = self.first_line()
            found = self.finding(path, line, key, page, **params)
        if not (guessed and pages):
            return found
        texts = {language: (message + GUESSED[language], fix) for language, (message, fix) in found.texts.items()}
        return dataclasses.replace(found, message=texts[found.language][0], texts=texts)

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

    def section(self, topic: str) -> list[str]:
        """The pages covering ``topic`` (declared, or guessed from titles: :meth:`Clauses.pages`)."""
        return self.clauses.pages(topic)[0]

    def heading(self, page: str) -> Block | None:
        """The first heading of ``page``."""
        return next((block for block in self.blocks if block.page == page and block.kind == "heading"), None)

    def first_line(self) -> tuple[str, int, str]:
        """``(path, line, page)`` of the first heading of the policy, for findings about all of it."""
        block = next((block for block in self.blocks if block.kind == "heading"), None)
        if block is None:
            return "mkdocs.yml", 1, ""
        return block.path, block.line, block.page

    def contact_values(self, text: str) -> list[str]:
        """Phone numbers, emails and the operator's own contact details found in ``text``."""
        found = [m.group(0) for pattern in self.rules.patterns("contact_value") for m in pattern.finditer(text)]
        handler = self.policy.operator["handler"]
        for value in (handler["phone"], handler["email"], handler["address"]["zh"]):
            if value.strip() and value.strip() in text and value.strip() not in found:
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

    def row_kinds(self, names: Iterable[str], key: str | None = None) -> set[str]:
        """The names of the kinds that the inventory's PI type names (zh) map to, and the kinds
        WeChat's privacy key ``key`` collects (a row with key Camera lists what the camera takes)."""
        found = set()
        for name in names:
            for kind in self.rules.kinds:
                if kind["name"] in name or any(word in name for word in kind["words"]):
                    found.add(kind["name"])
        if key:
            found |= {kind["name"] for kind in self.rules.kinds if kind["privacy_key"] == key}
        return found


# Said of a section found by its title's words: no page of the policy declares ``covers``.
GUESSED = {"zh": "（本政策的页面未声明 covers，此节是按标题推测的）",
           "en": " (no page of the policy declares covers: this section was guessed from its title)"}

TOPIC_NAMES = {
    "zh": {"intro": "引言", "collection": "收集和使用个人信息", "storage": "个人信息的存储", "security": "个人信息的安全",
           "sharing": "委托处理、共享、转让、公开披露", "rights": "个人信息权利", "minors": "未成年人个人信息保护",
           "updates": "本政策的更新", "contact": "联系我们"},
    "en": {"intro": "introduction", "collection": "collection and use", "storage": "storage",
           "security": "security", "sharing": "entrusted processing, sharing, transfer and disclosure",
           "rights": "your rights", "minors": "minors", "updates": "updates to this policy",
           "contact": "contact us"},
}


def context(state: BuildState, rules: Rules, language: str = "zh") -> Context:
    """What the rules read, from a build's state: the Chinese pages (variables resolved) as blocks
    and clauses.

    The pages are also rendered in every language, as the build renders them, so that a
    mistake the build refuses (a marker, a variable) is reported the same way before any
    rule runs. Raises PolicyError (file and line).
    """
    root = state.root
    renderer = state.renderer(DEFAULT_LANGUAGE)
    blocks: list[Block] = []
    anchors: dict[str, tuple[str, int]] = {}
    titles: dict[str, str] = {}
    covers: dict[str, tuple[str, ...]] = {}
    raw: dict[str, str] = {}
    parts = state.pages.parts
    for part in parts:
        if part.kind == "full":
            continue
        source = state.pages.source(part, DEFAULT_LANGUAGE)
        covers[part.src] = tuple(source.meta.get("covers") or ())
        raw[part.src] = source.body
        for heading in source.headings:
            anchors[heading.anchor] = (source.relative, heading.line + source.offset)
            titles.setdefault(part.src, heading.title)
        # Variables resolved, so that a filled-in phone counts; line numbers stay the file's.
        blocks.extend(renderer.blocks(part))
    for language_ in LANGUAGES:
        for part in parts:
            if part.kind != "full":
                state.renderer(language_).page(part)
    data_lines: dict[str, dict[tuple, int]] = {}
    docs_files = {path.relative_to(state.docs_dir).as_posix() for path in state.docs_dir.rglob("*.md")}
    text_pages = [part.src for part in parts if part.kind in ("intro", "section")]
    guess = {topic: rules.words(f"section_{topic}") for topic in TOPICS if f"section_{topic}" in rules.lists}
    clauses = Clauses(blocks, covers, titles, guess, text_pages)
    return Context(root, state.policy, rules, parts, blocks, clauses, anchors, data_lines, titles, docs_files,
                   language, raw=raw)


# --- running ---------------------------------------------------------------------------------

def run(state: BuildState, rule_ids: Iterable[str] | None = None, language: str = "zh") -> list[Finding]:
    """Run the rules (all, or ``rule_ids``) over a build's state, messages in ``language``.

    Returns the findings sorted by file (pages in nav order, then the data files) and
    line. Raises PolicyError when a rule file or a page does not load.
    """
    rules = load_rules(state.root)
    ctx = context(state, rules, language)
    findings: list[Finding] = []
    for rule_id in rule_ids or RULES:
        findings.extend(RULES[rule_id].check(ctx.bound(rule_id)))
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


def summary(findings: list[Finding], language: str = "zh") -> str:
    """``3 个错误、1 个警告、0 条提示`` (zh) or ``3 errors, 1 warning, 0 info`` (en)."""
    number = counts(findings)
    if language == "zh":
        return f"{number['error']} 个错误、{number['warning']} 个警告、{number['info']} 条提示"
    return (f"{number['error']} error{'s' * (number['error'] != 1)}, "
            f"{number['warning']} warning{'s' * (number['warning'] != 1)}, {number['info']} info")


def quote(text: str, limit: int = 40) -> str:
    """``text`` in “” for a message, cut to ``limit`` characters with …."""
    text = text.strip()
    return f"“{text if len(text) <= limit else text[:limit] + '…'}”"


def zh(value) -> str:
    """The Chinese of a bilingual value (or the value itself), stripped."""
    return (value.get("zh") if isinstance(value, dict) else value or "").strip()
