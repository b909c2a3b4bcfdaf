"""The English translation's glossary (data/glossary.yml): one spelling variety, one term per concept.

Reads the English sources, not a built site: the pages (``docs/*.en.md``, the history page
``docs/archive/index.en.md``), the ``en`` values of ``data/inventory.yml`` and
``data/operator.yml``, the English strings of ``overrides/`` (the ``"en": {...}`` label
dictionaries and the ``{% if … == "en" %}`` branches), of the archive and feed modules, and
the English site name of ``mkdocs.yml``. Frozen text (the snapshots in ``docs/archive/<id>/``,
released summaries in ``data/versions.yml``) is what was published and is not checked.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from zhiqing.data.files import load_yaml, read_text, yaml_lines
from zhiqing.data.schemas import schema, validate

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = "data/glossary.yml"
DATA_FILES = ("data/inventory.yml", "data/operator.yml")
# Python modules whose dictionaries hold English text the site shows: module → names.
PYTHON_STRINGS = {
    "hooks/zhiqing/site/feeds.py": ("FEED_TITLES", "ENTRY_HEAD", "STATES"),
    "hooks/zhiqing/site/archive_pages.py": ("SINCE_TITLES",),
    "hooks/zhiqing/archive/snapshot.py": ("TITLES", "CHANGES_TITLES"),
}
EN_DICT = re.compile(r'"en":\s*\{')
EN_PAIR = re.compile(r'"[A-Za-z_]+":\s*"((?:[^"\\]|\\.)*)"')
EN_BRANCH = re.compile(r'\{%-?\s*if\s+(?:config\.theme\.)?language\s*==\s*"en"\s*-?%\}')
BRANCH_END = re.compile(r"\{%-?\s*(?:else|elif|endif)\b")
JINJA_OR_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|<[^>]*>", re.S)


@dataclass(frozen=True)
class Text:
    """English text shown on the site: the source file (relative), its line (from 1), the text."""

    path: str
    line: int
    text: str


def load_glossary(root: Path = ROOT) -> dict:
    """``data/glossary.yml`` checked against ``schemas/glossary.schema.json`` (PolicyError when not)."""
    data = load_yaml(root / GLOSSARY, root)
    validate(data, schema(root, "glossary"), GLOSSARY)
    return data


def line_of(text: str, offset: int) -> int:
    """The line (from 1) of character ``offset`` of ``text``."""
    return text.count("\n", 0, offset) + 1


def page_texts(root: Path) -> list[Text]:
    """Every line of the current English pages (front matter included: it holds titles)."""
    docs = root / "docs"
    paths = sorted(docs.glob("*.en.md")) + [docs / "archive" / "index.en.md"]
    return [Text(path.relative_to(root).as_posix(), number, line)
            for path in paths if path.is_file()
            for number, line in enumerate(read_text(path, root).split("\n"), start=1) if line.strip()]


def data_texts(root: Path) -> list[Text]:
    """The ``en`` value of every bilingual field of the data files, at the line of its row's key."""
    found = []
    for relative in DATA_FILES:
        path = root / relative
        if not path.is_file():
            continue
        lines = yaml_lines(read_text(path, root))

        def walk(node, keys: tuple) -> None:
            if isinstance(node, dict):
                if isinstance(node.get("en"), str) and node["en"].strip():
                    found.append(Text(relative, lines.get(keys + ("en",), lines.get(keys, 1)), node["en"]))
                for key, value in node.items():
                    walk(value, keys + (key,))
            elif isinstance(node, list):
                for index, value in enumerate(node):
                    walk(value, keys + (index,))

        walk(load_yaml(path, root), ())
    return found


def _closing_brace(text: str, start: int) -> int:
    """The offset just after the brace that closes the one at ``start``."""
    depth = 0
    for offset in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[offset], 0)
        if depth == 0:
            return offset + 1
    return len(text)


def override_texts(root: Path) -> list[Text]:
    """The English strings of the theme overrides: label dictionaries and English branches."""
    found = []
    for path in sorted((root / "overrides").rglob("*.html")):
        relative, text = path.relative_to(root).as_posix(), read_text(path, root)
        for match in EN_DICT.finditer(text):
            end = _closing_brace(text, match.end() - 1)
            for pair in EN_PAIR.finditer(text, match.end(), end):
                found.append(Text(relative, line_of(text, pair.start(1)), pair.group(1)))
        for match in EN_BRANCH.finditer(text):
            stop = BRANCH_END.search(text, match.end())
            segment = text[match.end():stop.start() if stop else len(text)]
            first = line_of(text, match.end())
            for number, line in enumerate(segment.split("\n"), start=first):
                visible = JINJA_OR_TAG.sub(" ", line).strip()
                if re.search(r"[A-Za-z]{2}", visible):
                    found.append(Text(relative, number, visible))
    return found


def python_texts(root: Path) -> list[Text]:
    """The ``"en"`` entries of the dictionaries named in :data:`PYTHON_STRINGS` (read with ``ast``)."""
    found = []
    for relative, names in PYTHON_STRINGS.items():
        path = root / relative
        if not path.is_file():
            continue
        for node in ast.walk(ast.parse(read_text(path, root))):
            if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict)
                    and any(isinstance(target, ast.Name) and target.id in names for target in node.targets)):
                continue
            for key, value in zip(node.value.keys, node.value.values):
                if isinstance(key, ast.Constant) and key.value == "en":
                    strings = value.values if isinstance(value, ast.Dict) else [value]
                    found.extend(Text(relative, string.lineno, string.value) for string in strings
                                 if isinstance(string, ast.Constant) and isinstance(string.value, str))
    return found


def config_texts(root: Path) -> list[Text]:
    """The English site name, description and palette toggle names of ``mkdocs.yml``."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return []
    text = read_text(path, root)
    config, lines = load_yaml(path, root), yaml_lines(text)
    found = []
    for index, plugin in enumerate(config.get("plugins") or []):
        if not (isinstance(plugin, dict) and "i18n" in plugin):
            continue
        for number, language in enumerate(plugin["i18n"].get("languages") or []):
            if language.get("locale") != "en":
                continue
            keys = ("plugins", index, "i18n", "languages", number)
            for key in ("site_name", "site_description", "name"):
                if language.get(key):
                    found.append(Text("mkdocs.yml", lines[keys + (key,)], language[key]))
            for place, palette in enumerate((language.get("theme") or {}).get("palette") or []):
                name = (palette.get("toggle") or {}).get("name")
                if name:
                    found.append(Text("mkdocs.yml", lines[keys + ("theme", "palette", place, "toggle", "name")], name))
    return found


def english_texts(root: Path = ROOT) -> list[Text]:
    """Every English text the site shows, from its sources (see the module's docstring)."""
    return page_texts(root) + data_texts(root) + override_texts(root) + python_texts(root) + config_texts(root)


def variant_pattern(variant: str) -> re.Pattern:
    """A forbidden variant as a whole-word pattern, any case, any run of spaces between its words."""
    words = r"\s+".join(re.escape(word) for word in variant.split())
    return re.compile(rf"(?<![\w-]){words}(?![\w-])", re.I)


def glossary_problems(texts: list[Text], glossary: dict) -> list[str]:
    """One line per forbidden variant or other-variety spelling in ``texts``, in their order.

    ``path:line: “found” is a variant of “term” (concept; data/glossary.yml)`` or
    ``path:line: “word” is not en-US spelling (data/glossary.yml: spelling)``.
    """
    rules = []
    for term in glossary["terms"]:
        patterns = [variant_pattern(variant) for variant in term.get("variants") or []]
        patterns += [re.compile(pattern, re.I) for pattern in term.get("patterns") or []]
        rules.append((term, patterns))
    spelling = glossary["spelling"]
    british = [re.compile(pattern, re.I) for pattern in spelling["patterns"]]
    allowed = [re.compile(pattern, re.I) for pattern in spelling["allowed"]]
    problems = []
    for text in texts:
        found = []  # (offset in the text, message): reported in the order they stand
        for term, patterns in rules:
            for pattern in patterns:
                for match in pattern.finditer(text.text):
                    found.append((match.start(), f"{text.path}:{text.line}: “{match.group(0)}” is a variant of "
                                                 f"“{term['en']}” ({term['concept']}; {GLOSSARY})"))
        for pattern in british:
            for match in pattern.finditer(text.text):
                if not any(word.fullmatch(match.group(0)) for word in allowed):
                    found.append((match.start(), f"{text.path}:{text.line}: “{match.group(0)}” is not "
                                                 f"{spelling['variety']} spelling ({GLOSSARY}: spelling)"))
        problems.extend(message for _, message in sorted(found, key=lambda item: item[0]))
    return problems


def line_holding(path: Path, text: str) -> int:
    """The line (from 1) of the one line of ``path`` that holds ``text``."""
    lines = [number for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1) if text in line]
    assert len(lines) == 1, f"{path}: {text!r} is on lines {lines}, expected one"
    return lines[0]


def test_glossary_matches_its_schema_and_decides_us_spelling():
    glossary = load_glossary()
    assert glossary["spelling"]["variety"] == "en-US"
    assert glossary["note"]["starts"] == "[the Chinese original "
    concepts = [term["concept"] for term in glossary["terms"]]
    assert len(concepts) == len(set(concepts))


def test_no_term_is_a_variant_of_itself_or_of_another_term():
    """The glossary is consistent: no English term is forbidden by a term's variants or patterns."""
    glossary = load_glossary()
    terms = [Text(GLOSSARY, 0, part.strip()) for term in glossary["terms"] for part in term["en"].split(" / ")]
    assert glossary_problems(terms, glossary) == []


def test_every_english_source_is_read():
    texts = english_texts()
    files = sorted({text.path for text in texts})
    assert files == [
        "data/inventory.yml",
        "docs/archive/index.en.md", "docs/collection.en.md", "docs/contact.en.md", "docs/disclosure.en.md",
        "docs/full.en.md", "docs/index.en.md", "docs/inventory.en.md", "docs/minors.en.md", "docs/rights.en.md",
        "docs/sharing.en.md", "docs/storage.en.md", "docs/updates.en.md",
        "hooks/zhiqing/archive/snapshot.py", "hooks/zhiqing/site/archive_pages.py", "hooks/zhiqing/site/feeds.py",
        "mkdocs.yml",
        "overrides/404.html", "overrides/main.html", "overrides/policy-full.html",
        "overrides/policy/archive.html", "overrides/policy/check.html", "overrides/policy/macros.html",
    ]
    # A few, each at the line where it is written (found by what the line holds, so that an edit
    # elsewhere in the file does not move the expectation).
    for path, holding, text in [
        ("data/inventory.yml", "en: Personalized push", "Personalized push"),
        ("overrides/policy/macros.html", '"trigger": "Usage scenario"', "Usage scenario"),
        ("overrides/policy/archive.html", '"translation_unchanged": "This version', "This version changed only the "
         "Chinese original; the English translation was not updated with it. Chinese is the original and English "
         "the translation; where they differ, the Chinese prevails."),
        ("overrides/404.html", ">Version history<", "Version history"),
        ("overrides/main.html", "<p>This English text", "This English text is a translation provided for "
         "convenience. The Chinese version"),
        ("overrides/policy-full.html", '"archive": "Version history"', "Version history"),
        ("hooks/zhiqing/site/feeds.py", "ENTRY_HEAD = ", "Effective date: {date} ({state})."),
        ("hooks/zhiqing/site/feeds.py", '"en": {"in_force"', "superseded"),
        ("mkdocs.yml", "site_name: Privacy Policy", "Privacy Policy"),
        ("mkdocs.yml", "name: Switch to dark mode", "Switch to dark mode"),
    ]:
        expected = Text(path, line_holding(ROOT / path, holding), text)
        assert expected in texts, expected


def test_the_english_uses_one_term_per_concept_and_us_spelling():
    assert glossary_problems(english_texts(), load_glossary()) == []


def test_a_variant_is_reported_with_its_file_and_line(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "inventory.yml").write_text(
        "collected:\n  - id: C01\n    function: {zh: 个性化推荐, en: Personalised recommendations}\n"
        "shared:\n  - id: S05\n    category: {zh: 安全保障的合作伙伴, en: Security partners}\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "storage.en.md").write_text(
        "# 2. Storage {#storage}\n\nThe storage period ends; we will carry out anonymization of it.\n\n"
        "Ask in a pop-up, or a Pop-up window.\n", encoding="utf-8")
    assert glossary_problems(english_texts(tmp_path), load_glossary()) == [
        "docs/storage.en.md:3: “storage period” is a variant of “retention period” (retention period; data/glossary.yml)",
        "docs/storage.en.md:3: “carry out anonymization” is a variant of “delete or anonymize” "
        "(delete or anonymize; data/glossary.yml)",
        "docs/storage.en.md:3: “anonymization of it” is a variant of “delete or anonymize” "
        "(delete or anonymize; data/glossary.yml)",
        "docs/storage.en.md:5: “pop-up” is a variant of “pop-up window” (pop-up window; data/glossary.yml)",
        "data/inventory.yml:3: “Personalised” is not en-US spelling (data/glossary.yml: spelling)",
        "data/inventory.yml:6: “Security partners” is a variant of “partners that provide security services” "
        "(partners that provide security services; data/glossary.yml)",
    ]


@pytest.mark.parametrize("text, expected", [
    ("We analysed the behaviour of users and cancelled it.", ["“analysed”", "“behaviour”", "“cancelled”"]),
    ("We organise and anonymise; whilst in the centre.", ["“organise”", "“anonymise”", "“whilst”", "“centre”"]),
    ("We advertise, exercise, supervise and promise; otherwise analyses and cancellation.", []),
    ("We analyzed the behavior of users and canceled it; personalized, authorized.", []),
])
def test_british_spellings_are_found_and_us_words_in_ise_are_not(text, expected):
    problems = glossary_problems([Text("docs/x.en.md", 1, text)], load_glossary())
    assert [problem.split(" is not ")[0].split(": ", 1)[1] for problem in problems] == expected
