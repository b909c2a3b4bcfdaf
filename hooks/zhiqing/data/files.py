"""Reading the operator's files: UTF-8 text, YAML with clear messages, and where a YAML key is.

Every problem is raised as :class:`~zhiqing.errors.PolicyError` naming the file (relative to
the repository root) and line.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from zhiqing.errors import PolicyError


def relative_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` in POSIX form (``docs/index.md``), or as given when outside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# The largest text file the project reads: legal text and its data are tens of kilobytes; a file
# of megabytes is a mistake (or an attack: a 20 MB string takes libyaml seconds to read).
MAX_BYTES = 2_000_000


def read_text(path: Path, root: Path) -> str:
    """Return the text of ``path``, decoded as UTF-8 (a leading BOM is dropped, CRLF → LF).

    Raises PolicyError naming the file when it does not exist, is not a regular file, is
    larger than :data:`MAX_BYTES`, is not UTF-8 (e.g. saved as GBK), or holds a control
    character other than tab and newline (naming line and column).
    """
    relative = relative_path(path, root)
    try:
        if path.is_dir():
            raise PolicyError(f"Error reading '{relative}': it is a folder; expected a file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise PolicyError(f"Error reading '{relative}': the file is {size:,} bytes; expected at most "
                              f"{MAX_BYTES:,} (the policy's largest file is about 40,000)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise PolicyError(f"Error reading '{relative}': the file does not exist") from None
    except OSError as error:
        raise PolicyError(f"Error reading '{relative}': {error.strerror}; expected a file the build can read") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PolicyError(
            f"Error reading '{relative}': line {line} is not UTF-8 "
            f"(byte 0x{data[error.start]:02x}); save the file as UTF-8, not GBK or another encoding"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = control_character(text)
    if found is not None:
        line = text.count("\n", 0, found) + 1
        column = found - (text.rfind("\n", 0, found) + 1) + 1
        raise PolicyError(f"Error reading '{relative}': line {line} column {column} holds "
                          f"{character_name(text[found])}")
    return text


# Characters no text of the policy may hold: control characters other than tab and newline (C0,
# DEL, C1 such as U+0085, which YAML reads as a line break and XML 1.0 refuses), the line and
# paragraph separators U+2028/U+2029, Unicode's bidirectional controls U+202A–U+202E,
# U+2066–U+2069, U+200E, U+200F, U+061C (they reorder what a reader sees: "Trojan Source",
# CVE-2021-42574), and lone
# surrogates (what Python makes of bytes that are not UTF-8 in a command-line argument).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
                      "\ud800-\udfff]")
TEXT_EXPECTED = "expected text without control characters (tab and newline are allowed)"
# Letters that show as nothing, besides the categories of :func:`visible`.
_BLANK_LETTERS = "\u115f\u1160\u3164\uffa0\u2800\u17b4\u17b5"


def control_character(text: str) -> int | None:
    """The index of the first character of ``text`` no text of the policy may hold, or None."""
    match = _CONTROL.search(text)
    return match.start() if match else None


def character_name(character: str) -> str:
    """What is wrong with a character :func:`control_character` found, and what was expected:
    ``the control character U+0001; expected text without …`` (or, for a lone surrogate,
    ``a byte that is not UTF-8 (0xff); expected UTF-8 text``)."""
    code = ord(character)
    if 0xDC80 <= code <= 0xDCFF:
        return f"a byte that is not UTF-8 (0x{code - 0xDC00:02x}); expected UTF-8 text"
    if 0xD800 <= code <= 0xDFFF:
        return f"the lone surrogate U+{code:04X} (half of a character); expected whole characters"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069 or code in (0x200E, 0x200F, 0x061C):
        return (f"the bidirectional control U+{code:04X}, which reorders what a reader sees; "
                f"expected text in its reading order")
    return f"the control character U+{code:04X}; {TEXT_EXPECTED}"


def visible(text: str) -> bool:
    """True when ``text`` holds a character that shows on its own: not only spaces, format
    characters (zero-width space U+200B, BOM), control characters, combining marks (U+0301,
    variation selectors U+FE0F, U+E0100) and blank letters (U+3164, U+17B4)."""
    return any(unicodedata.category(character)[0] not in "ZCM" and character not in _BLANK_LETTERS
               for character in text)


def check_strings(value: Any, relative: str, text: str, path: tuple = ()) -> None:
    """Refuse a string (or key) in loaded YAML that holds a control character or only invisible characters.

    YAML's escapes (``"\\x01"``, ``"\\u200b"``) put into a value what the file's text does not
    show; such a value would break the feeds (XML 1.0 refuses control characters) or show as
    nothing, and a key is echoed in messages (no escape sequence may reach a terminal).
    ``text`` is the file's YAML, read for the line only when something is refused
    (:func:`yaml_lines`). Raises PolicyError naming the file, line and key.
    """
    if isinstance(value, dict):
        for key, item in value.items():
            found = control_character(key) if isinstance(key, str) else None
            if found is not None:
                line = yaml_lines(text).get(path + (key,), 1)
                raise PolicyError(f"Error reading '{relative}': line {line} has the key {key!r}, which holds "
                                  f"{character_name(key[found])}")
            check_strings(item, relative, text, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_strings(item, relative, text, path + (index,))
    elif isinstance(value, str):
        found = control_character(value)
        if found is None and (not value or visible(value)):
            return
        lines = yaml_lines(text)
        line = next((lines[path[:end]] for end in range(len(path), -1, -1) if path[:end] in lines), 1)
        key = ".".join(str(part) for part in path)
        if found is not None:
            raise PolicyError(f"Error reading '{relative}': line {line} key '{key}' holds "
                              f"{character_name(value[found])}")
        raise PolicyError(f"Error reading '{relative}': line {line} key '{key}' holds only invisible "
                          f"characters ({value!r}); expected visible text, or \"\" for none")


class UniqueKeys:
    """Refuse a mapping key written twice (mixed into both loaders below)."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            self.flatten_mapping(node)
            seen: dict = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                try:
                    first = seen.setdefault(key, key_node.start_mark.line)
                except TypeError:
                    continue  # an unhashable key: SafeConstructor reports it
                if first != key_node.start_mark.line:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"the key {key!r} is used twice (first on line {first + 1}); "
                                    f"expected each key once", key_node.start_mark)
        return super().construct_mapping(node, deep=deep)


class Loader(UniqueKeys, yaml.SafeLoader):
    """SafeLoader that keeps ``2023-11-01`` a string and refuses a key written twice.

    PyYAML turns ISO dates into ``datetime.date`` and raises a bare ValueError on
    ``2023-02-30``; keeping them strings lets the schema and the date parser report
    the file and key instead. PyYAML also keeps the last of two equal keys silently, so a
    row pasted twice, or a second ``purpose:``, would drop a value without a word (the
    YAML spec requires keys to be unique). Its error messages are clearer than libyaml's.
    """


class FastLoader(UniqueKeys, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same rules on libyaml, about ten times faster: used first, :class:`Loader` on error."""


Loader.yaml_implicit_resolvers = FastLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# How deep YAML values may nest: the data files need 5 levels, front matter 3. libyaml builds
# values recursively: 100,000 nested "[" crash it (a segmentation fault), 3,000 indented keys
# exhaust Python's recursion.
MAX_DEPTH = 32


def structure_problem(text: str) -> str | None:
    """What the YAML ``text`` may not do, as ``line L column C …; expected …``, or None.

    Refused: anchors and aliases (``&name``, ``*name``, ``<<: *name``), since an alias repeats
    a value without writing it, and nine lines of nested aliases ("billion laughs") expand to
    9⁹ values, gigabytes of memory (YAML 1.2 §3.2.2.2 leaves expansion to the reader); and
    values nested more than :data:`MAX_DEPTH` levels. Lines and columns count from 1. The
    tokens are scanned by libyaml without building any value, and the scan stops at the first
    problem: linear in the length of the text. A syntax error gives None (the loader reports
    it with its line).
    """
    loader = FastLoader(text)
    depth = 0
    try:
        while loader.check_token():
            token = loader.get_token()
            mark = token.start_mark
            where = f"line {mark.line + 1} column {mark.column + 1}"
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                kind, sign = ("anchor", "&") if isinstance(token, yaml.AnchorToken) else ("alias", "*")
                return (f"{where} uses the YAML {kind} '{sign}{token.value}'; expected every value written out "
                        f"(anchors and aliases are refused: a few lines of them can expand to gigabytes)")
            if isinstance(token, _OPENING):
                depth += 1
                if depth > MAX_DEPTH:
                    return (f"{where} nests values more than {MAX_DEPTH} levels deep; expected at most "
                            f"{MAX_DEPTH} (the data files need 5)")
            elif isinstance(token, _CLOSING):
                depth -= 1
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


_OPENING = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken, yaml.BlockMappingStartToken,
            yaml.BlockSequenceStartToken)
_CLOSING = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken, yaml.BlockEndToken)


def load_yaml(path: Path, root: Path) -> Any:
    """Parse a YAML file into plain Python values, dates kept as strings.

    Raises PolicyError naming the file and line when the YAML does not parse, uses an
    anchor or alias or nests too deep (:func:`structure_problem`), or holds a value with a control character or
    only invisible characters (:func:`check_strings`).
    """
    relative = relative_path(path, root)
    text = read_text(path, root)
    problem = structure_problem(text)
    if problem:
        raise PolicyError(f"Error reading '{relative}': {problem}")
    try:
        data = yaml.load(text, Loader=FastLoader)
    except yaml.YAMLError:
        data = _load_with_message(text, relative)
    check_strings(data, relative, text)
    return data


def _load_with_message(text: str, relative: str) -> Any:
    """Load ``text`` with the pure-Python loader, whose errors say more; raise PolicyError."""
    try:
        return yaml.load(text, Loader=Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        if "'\\t'" in problem:
            problem += " (YAML does not allow tabs for indentation; use spaces)"
        colon = _full_width_colon(text, getattr(error, "context_mark", None) or mark, mark)
        if colon:
            mark = colon
            problem += " (a full-width colon '：' is not YAML's ':'; type ': ' with a half-width colon)"
        where = f" line {mark.line + 1} column {mark.column + 1}" if mark else ""
        raise PolicyError(f"Error reading '{relative}':{where} is not valid YAML: {problem}") from None


def _full_width_colon(text: str, start, end):
    """The mark of a full-width colon ``：`` typed after a key between two error marks, if any.

    A Chinese input method types ``：``; YAML then reads ``phone： ""`` as text and fails a
    line later with a message that does not mention the colon.
    """
    if start is None or end is None:
        return None
    lines = text.split("\n")
    for number in range(start.line, min(end.line, len(lines) - 1) + 1):
        match = re.match(r"^(\s*-?\s*[A-Za-z_][A-Za-z0-9_]*)：", lines[number])
        if match:
            return yaml.Mark(None, None, number, len(match.group(1)), None, None)
    return None


def yaml_lines(text: str) -> dict[tuple, int]:
    """Map each key path of a YAML text to its line (from 1).

    ``("collected", 2, "purpose")`` → the line of ``purpose:`` in the third row;
    ``("collected", 2)`` → the line where that row starts; ``()`` → 1. A text that does
    not parse gives only ``{(): 1}``.
    """
    lines: dict[tuple, int] = {(): 1}
    try:
        root = yaml.compose(text, Loader=Loader)
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


# What YAML may not hold raw in a double-quoted string (not printable, or a line break it
# would fold into a space): written as \uXXXX escapes instead.
_YAML_UNSAFE = re.compile("[^\x09\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]")


def yaml_string(text: str) -> str:
    """``text`` as a double-quoted YAML string that loads back exactly (JSON plus escapes).

    The one way the project writes text into YAML (``data/versions.yml``, a snapshot's front
    matter), so that what a release freezes reads back as it was given.
    """
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(text, ensure_ascii=False))
