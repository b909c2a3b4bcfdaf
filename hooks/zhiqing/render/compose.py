"""Putting pieces into a page's Markdown: raw HTML blocks, a block under the title, data values as text."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#!|])")
_LIST_START = re.compile(r"^(\s*)(\d+)\.(\s)|^(\s*)([-+])(\s)")


def html_block(markup) -> str:
    """HTML from a macro, made safe to place in Markdown as one raw block.

    Python-Markdown ends a raw HTML block at a blank line, so blank lines are dropped.
    """
    return "\n".join(line for line in str(markup).split("\n") if line.strip())


def insert_after_title(markdown: str, block: str) -> str:
    """Put ``block`` right after the page's first ``# title`` line (at the top without one),
    between blank lines.

    MkDocs takes a page's title from its first H1 only when nothing comes before it: a
    notice above the title would turn the nav label into the file name.
    """
    lines = markdown.split("\n")
    at = next((number + 1 for number, line in enumerate(lines) if line.startswith("# ")), 0)
    return "\n".join(lines[:at] + ["", block, ""] + lines[at:])


def markdown_values(value):
    """``value`` (dicts, lists, scalars) with every string passed through :func:`markdown_text`."""
    if isinstance(value, dict):
        return {key: markdown_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [markdown_values(item) for item in value]
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
