"""Reading the operator's files: UTF-8 text, YAML with clear messages, and where a YAML key is.

Every problem is raised as :class:`~zhiqing.errors.PolicyError` naming the file (relative to
the repository root) and line.
"""

from __future__ import annotations

import re
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


def read_text(path: Path, root: Path) -> str:
    """Return the text of ``path``, decoded as UTF-8 (a leading BOM is dropped, CRLF → LF).

    Raises PolicyError naming the file when it does not exist or is not UTF-8 (e.g. saved as GBK).
    """
    relative = relative_path(path, root)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PolicyError(f"Error reading '{relative}': the file does not exist") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PolicyError(
            f"Error reading '{relative}': line {line} is not UTF-8 "
            f"(byte 0x{data[error.start]:02x}); save the file as UTF-8, not GBK or another encoding"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


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


def load_yaml(path: Path, root: Path) -> Any:
    """Parse a YAML file into plain Python values, dates kept as strings.

    Raises PolicyError naming the file and line when the YAML does not parse.
    """
    relative = relative_path(path, root)
    text = read_text(path, root)
    try:
        return yaml.load(text, Loader=FastLoader)
    except yaml.YAMLError:
        pass
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
