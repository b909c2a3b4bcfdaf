"""Validation of the data files against the JSON Schemas in ``schemas/``, with messages for people.

The same schemas check the operator's YAML in their editor as they type (each data file
names its schema in its first line). A problem becomes one sentence naming the file, the
row (with its id) or key, what was found and what was expected, taken from the schema's
``description`` of the value where it has one.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import jsonschema

from zhiqing.errors import PolicyError


def schema(root: Path, name: str) -> dict:
    """Return the JSON Schema ``schemas/<name>.schema.json`` under ``root`` as a dict.

    Raises PolicyError naming the file when it cannot be read, is not JSON or is not a valid
    JSON Schema (draft 2020-12): the schemas are part of the repository, restored from Git.
    """
    from zhiqing.data.files import read_text  # (files imports nothing of this module)

    relative = f"schemas/{name}.schema.json"
    text = read_text(root / relative, root)
    try:
        loaded = json.loads(text)
        _check_schema(text)
    except json.JSONDecodeError as error:
        raise PolicyError(f"Error reading '{relative}': line {error.lineno} column {error.colno} is not valid JSON "
                          f"({error.msg}); expected the schema as shipped (restore it from version control)") from None
    except jsonschema.SchemaError as error:
        raise PolicyError(f"Error reading '{relative}': it is not a valid JSON Schema ({error.message}); expected the "
                          f"schema as shipped (restore it from version control)") from None
    return loaded


@functools.lru_cache(maxsize=32)
def _check_schema(text: str) -> None:
    """Check that the JSON ``text`` is a valid JSON Schema (draft 2020-12), once per process for
    the same text: every load reads every schema, and checking them is a fifth of loading a
    site (the tests load hundreds). A changed file is a new text, checked again. Raises what
    ``check_schema`` raises (jsonschema.SchemaError); nothing is cached then.
    """
    jsonschema.Draft202012Validator.check_schema(json.loads(text))


def validate(data: Any, schema_: dict, relative: str) -> None:
    """Check ``data`` against a JSON Schema; raise PolicyError for the first problem.

    ``relative`` is the file's path for the message, e.g.
    ``Error reading 'data/inventory.yml': collected row 3 (id C03) key 'purpose' is missing
    (expected bilingual text {zh: ..., en: ...})``. Problems are ordered by their place in
    the file, so the first one reported is the first one there.
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
    if isinstance(value, str) and len(value) > 80:  # one line of a terminal, not megabytes
        return f"{value[:60]!r}… ({len(value):,} characters)"
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
    "text_field": "bilingual text {zh: ..., en: ...}",
    "date": "a date written YYYY-MM-DD",
    "anchor": "the id of a policy heading, such as collection-permissions",
    "row_id": "a row id such as C01",
    "privacy_key": "a WeChat privacy_key or null",
    "phone": "a phone number or \"\"",
    "email": "an email address or \"\"",
    "sha256": "64 hexadecimal digits",
}
