"""The policy model shared by the hooks and the command line: load, validate, localize.

Follow the data: ``data/*.yml`` is read here once, checked against the JSON Schemas in
``schemas/`` (the same schemas an editor uses while the operator types), then checked for
what a schema cannot say (dates that exist and are in order, unique ids). Every problem is
raised as :class:`PolicyError` with one sentence naming the file, the row or key, what was
found and what was expected. Nothing in this module knows about MkDocs.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from zhiqing.data import dates

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"

# An explicit heading id written after a Markdown heading: ``## 标题 {#collection}``.
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*\{#([^}\s]+)\}\s*$")
HEADING_WITHOUT_ID = re.compile(r"^(#{1,6})\s+(?!.*\{#[^}]+\}\s*$)(.+)$")


class PolicyError(Exception):
    """A mistake in the operator's data or text: one sentence, shown without a traceback."""


class _UniqueKeys:
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


class _Loader(_UniqueKeys, yaml.SafeLoader):
    """SafeLoader that keeps ``2023-11-01`` a string and refuses a key written twice.

    PyYAML turns ISO dates into ``datetime.date`` and raises a bare ValueError on
    ``2023-02-30``; keeping them strings lets the schema and :func:`parse_date` report
    the file and key instead. PyYAML also keeps the last of two equal keys silently, so a
    row pasted twice, or a second ``purpose:``, would drop a value without a word (the
    YAML spec requires keys to be unique). Its error messages are clearer than libyaml's.
    """


class _FastLoader(_UniqueKeys, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same rules on libyaml, about ten times faster: used first, :class:`_Loader` on error."""


_Loader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_text(path: Path, root: Path) -> str:
    """Return the text of ``path``, decoded as UTF-8 (a leading BOM is dropped, CRLF → LF).

    Raises PolicyError naming the file when it is not UTF-8 (e.g. saved as GBK).
    """
    relative = _relative(path, root)
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


def load_yaml(path: Path, root: Path) -> Any:
    """Parse a YAML file into plain Python values, dates kept as strings.

    Raises PolicyError naming the file and line when the YAML does not parse.
    """
    relative = _relative(path, root)
    text = read_text(path, root)
    try:
        return yaml.load(text, Loader=_FastLoader)
    except yaml.YAMLError:
        pass
    try:
        return yaml.load(text, Loader=_Loader)
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


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# --- validation against schemas/ ---------------------------------------------------------

def schema(root: Path, name: str) -> dict:
    """Return the JSON Schema ``schemas/<name>.schema.json`` as a dict."""
    return json.loads((root / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))


def validate(data: Any, schema_: dict, relative: str, row_label: str | None = None) -> None:
    """Check ``data`` against a JSON Schema; raise PolicyError for the first problem.

    The message names the file, the row (``row_label`` names the top-level list, e.g.
    ``collected``) or key, what was found and what was expected, using the schema's
    ``description`` of the offending value for "expected".
    """
    validator = jsonschema.Draft202012Validator(schema_, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(data),
                    key=lambda e: ([str(p) for p in e.absolute_path], e.validator == "format", e.validator))
    if errors:
        raise PolicyError(f"Error reading '{relative}': {_describe(errors[0], data)}")


def _where(path: list, data: Any) -> str:
    """``['collected', 2, 'purpose']`` → ``collected row 3 (id C03) key 'purpose'``."""
    words, keys, node = [], [], data
    for part in path:
        if isinstance(part, int):
            label = f"row {part + 1}" if words or keys else f"entry {part + 1}"
            try:
                row_id = node[part].get("id") if isinstance(node[part], dict) else None
            except (IndexError, KeyError, TypeError):
                row_id = None
            if keys:
                words.append(".".join(keys))
                keys = []
            words.append(f"{label} (id {row_id})" if row_id else label)
        else:
            keys.append(str(part))
        try:
            node = node[part]
        except (IndexError, KeyError, TypeError):
            node = None
    if keys:
        words.append(f"key '{'.'.join(keys)}'")
    return " ".join(words) if words else "the top level"


_TYPE_NAMES = {dict: "a mapping", list: "a list", str: "a string", bool: "true/false",
               int: "a number", float: "a number", type(None): "empty"}


def _found(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return _TYPE_NAMES[type(value)]
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, str) else f"{value!r}" if value is not None else "empty"


def _expected(error: jsonschema.ValidationError) -> str:
    schema_ = error.schema if isinstance(error.schema, dict) else {}
    if "description" in schema_ and error.validator not in ("required", "additionalProperties"):
        return schema_["description"]
    if error.validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        names = {"object": "a mapping", "array": "a list", "string": "a string", "boolean": "true or false",
                 "null": "null", "integer": "a whole number", "number": "a number"}
        return " or ".join(names.get(w, w) for w in wanted)
    if error.validator == "enum":
        return "one of " + ", ".join("null" if v is None else str(v) for v in error.validator_value)
    if error.validator == "minLength":
        return "a non-empty text"
    if error.validator == "minItems":
        return f"at least {error.validator_value} item(s)"
    return error.message


def _describe(error: jsonschema.ValidationError, data: Any) -> str:
    path = list(error.absolute_path)
    if error.validator == "required":
        missing = [k for k in error.validator_value if k not in error.instance]
        where = _where(path + [missing[0]], data)
        return f"{where} is missing (expected {_schema_hint(error, missing[0])})"
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        unknown = sorted(set(error.instance) - set(allowed))
        return (f"{_where(path + [unknown[0]], data)} is not a known key "
                f"(expected one of: {', '.join(allowed)})")
    if error.validator == "format":
        return f"{_where(path, data)} is {_found(error.instance)}, not a date that exists (expected YYYY-MM-DD)"
    hint = ""
    if isinstance(error.instance, bool) and error.validator == "type" and "string" in str(error.validator_value):
        # YAML 1.1: an unquoted no, yes, on, off is a boolean, not the text typed.
        hint = " (an unquoted yes, no, on or off is read as true/false; put the text in quotes)"
    elif isinstance(error.instance, (int, float)) and not isinstance(error.instance, bool) \
            and error.validator in ("type", "pattern") and "string" in str(error.validator_value or "string"):
        # YAML 1.1: 02134567 is an octal number, 1_000 a number: the value shown is not what was typed.
        hint = " (YAML read an unquoted number, so a leading 0 or the digits may have changed; put the value in quotes)"
    return f"{_where(path, data)} is {_found(error.instance)}{hint}, expected {_expected(error)}"


def _schema_hint(error: jsonschema.ValidationError, key: str) -> str:
    sub = error.schema.get("properties", {}).get(key, {})
    if "$ref" in sub and not sub.get("description"):
        name = sub["$ref"].rsplit("/", 1)[-1]
        return _REF_HINTS.get(name, f"a value for '{key}'")
    return sub.get("description", f"a value for '{key}'")


_REF_HINTS = {
    "text": "bilingual text {zh: ..., en: ...}",
    "date": "a date written YYYY-MM-DD",
    "anchor": "the id of a policy heading, such as collection-permissions",
    "row_id": "a row id such as C01",
    "privacy_key": "a WeChat privacy_key or null",
    "phone": "a phone number or \"\"",
    "email": "an email address or \"\"",
    "sha256": "64 hexadecimal digits",
}


# --- the model -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Version:
    """One release of the policy (an entry of ``data/versions.yml``).

    ``effective`` and ``updated`` are ``datetime.date``; ``summary`` and ``sha256`` map a
    language code (``zh``, ``en``) to text; ``sha256`` is empty before the release is frozen.
    """

    id: str
    effective: datetime.date
    updated: datetime.date
    summary: dict
    sha256: dict = field(default_factory=dict)


@dataclass
class Policy:
    """Everything the site is built from, loaded and validated.

    ``operator`` and ``inventory`` are the YAML as plain dicts (bilingual fields as
    ``{zh, en}``); ``versions`` is oldest first.
    """

    root: Path
    operator: dict
    inventory: dict
    versions: list[Version]

    @property
    def latest(self) -> Version:
        """The newest release: the one whose text the current pages show."""
        return self.versions[-1]


def parse_date(value: str, relative: str, where: str) -> datetime.date:
    """Parse an ISO ``YYYY-MM-DD`` string; raise PolicyError naming file and key otherwise."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", str(value)):
        raise PolicyError(f"Error reading '{relative}': {where} is {value!r}, expected a date written YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise PolicyError(f"Error reading '{relative}': {where} is {value!r}, not a date (YYYY-MM-DD)") from None


def load_operator(root: Path) -> dict:
    """Load ``data/operator.yml``: the handler, product and audience (a dict).

    Raises PolicyError for YAML or schema problems (``schemas/operator.schema.json``).
    """
    relative = "data/operator.yml"
    data = load_yaml(root / relative, root)
    validate(data, schema(root, "operator"), relative)
    return data


def load_inventory(root: Path) -> dict:
    """Load ``data/inventory.yml``: ``{"collected": [row...], "shared": [row...]}``.

    Raises PolicyError for YAML or schema problems and for a row id used twice.
    Whether each ``source`` anchor exists is checked by :func:`check_sources`, which needs
    the pages.
    """
    relative = "data/inventory.yml"
    data = load_yaml(root / relative, root)
    validate(data, schema(root, "inventory"), relative)
    seen: dict[str, str] = {}
    for table in ("collected", "shared"):
        for number, row in enumerate(data[table], start=1):
            if row["id"] in seen:
                raise PolicyError(
                    f"Error reading '{relative}': {table} row {number} has id {row['id']!r}, "
                    f"already used by {seen[row['id']]}; expected a unique id"
                )
            seen[row["id"]] = f"{table} row {number}"
    return data


def build_date() -> datetime.date:
    """The build date (:func:`dates.build_date`); a bad ``SOURCE_DATE_EPOCH`` is a PolicyError."""
    try:
        return dates.build_date()
    except ValueError as error:
        raise PolicyError(str(error)) from None


def load_versions(root: Path, today: datetime.date | None = None) -> list[Version]:
    """Load ``data/versions.yml`` into a list of :class:`Version`, oldest first.

    Beyond the schema: each ``id`` equals its ``effective`` date (the id is the date the
    version takes effect), ``updated`` is not after ``effective`` (GB/T 35273 / MIIT: the
    policy is updated before it takes effect) nor after ``today`` (the build date, default
    :func:`build_date`: a text cannot have been updated in the future; a typo in the year
    would otherwise be published), ids are unique and in increasing order.
    Raises PolicyError naming the entry and key.
    """
    relative = "data/versions.yml"
    today = today or build_date()
    data = load_yaml(root / relative, root)
    validate(data, schema(root, "versions"), relative)
    versions: list[Version] = []
    for number, entry in enumerate(data, start=1):
        label = f"entry {number} (id {entry['id']})"
        effective = parse_date(entry["effective"], relative, f"{label} key 'effective'")
        updated = parse_date(entry["updated"], relative, f"{label} key 'updated'")
        parse_date(entry["id"], relative, f"{label} key 'id'")
        if entry["id"] != entry["effective"]:
            raise PolicyError(
                f"Error reading '{relative}': {label} has effective {entry['effective']!r}, "
                f"expected the same date as its id"
            )
        if updated > effective:
            raise PolicyError(
                f"Error reading '{relative}': {label} has updated {entry['updated']!r} after effective "
                f"{entry['effective']!r}; expected an updated date on or before the effective date"
            )
        if updated > today:
            raise PolicyError(
                f"Error reading '{relative}': {label} key 'updated' is {entry['updated']!r}, after the build "
                f"date {today.isoformat()}; expected a date on or before the build date (today, or "
                f"SOURCE_DATE_EPOCH when set)"
            )
        if versions and effective <= versions[-1].effective:
            what = "is used twice" if effective == versions[-1].effective else "is out of order"
            raise PolicyError(
                f"Error reading '{relative}': {label} {what}; expected entries oldest first, "
                f"each effective after {versions[-1].id}"
            )
        versions.append(Version(entry["id"], effective, updated, dict(entry["summary"]),
                                dict(entry.get("sha256") or {})))
    return versions


def load_policy(root: Path) -> Policy:
    """Load and validate the three data files under ``root/data``; return a :class:`Policy`."""
    return Policy(root, load_operator(root), load_inventory(root), load_versions(root))


def localize(value: Any, language: str) -> Any:
    """Replace every ``{zh: ..., en: ...}`` in ``value`` by the text for ``language``.

    An empty translation stays empty (the check reports it); nothing falls back silently.
    """
    if isinstance(value, dict):
        if set(value) == set(LANGUAGES):
            return value[language]
        return {key: localize(item, language) for key, item in value.items()}
    if isinstance(value, list):
        return [localize(item, language) for item in value]
    return value


# --- pages ---------------------------------------------------------------------------------

def heading_ids(markdown: str) -> list[tuple[int, str, str, int]]:
    """Return ``(level, title, id, line)`` for each heading with an explicit id, in order.

    ``line`` counts from 1 within ``markdown``. Fenced code is not special-cased: policy
    pages have none.
    """
    found = []
    for number, line in enumerate(markdown.split("\n"), start=1):
        match = HEADING.match(line)
        if match:
            found.append((len(match.group(1)), match.group(2), match.group(3), number))
    return found


def check_sources(inventory: dict, ids: set[str]) -> None:
    """Raise PolicyError when an inventory row's ``source`` is not a heading id of the policy."""
    for table in ("collected", "shared"):
        for number, row in enumerate(inventory[table], start=1):
            if row["source"] not in ids:
                close = difflib.get_close_matches(row["source"], sorted(ids), n=1) or sorted(ids)[:1] or ["collection"]
                raise PolicyError(
                    f"Error reading 'data/inventory.yml': {table} row {number} (id {row['id']}) key 'source' "
                    f"is {row['source']!r}, expected the id of a policy heading such as {close[0]!r}"
                )
