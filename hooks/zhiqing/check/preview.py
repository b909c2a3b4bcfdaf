"""MkDocs hook: count the compliance findings in every build, show them on the pages in `mkdocs serve`.

Thin on purpose: the rules are pure functions in ``check``. ``mkdocs build`` logs one INFO
line (not a warning: ``--strict`` must not fail on what is the operator's decision);
``mkdocs serve`` puts the findings of a page at its top, in a box rendered by the macro
``overrides/policy/check.html``. Nothing of this reaches a built site.
"""

from __future__ import annotations

import logging
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from zhiqing import build as build_context
from zhiqing.check import engine as check
from zhiqing.data import model as core

log = logging.getLogger("mkdocs.hooks.check")

# `mkdocs serve` keeps this module loaded and calls on_startup once: `serving` survives
# rebuilds, the findings are recomputed by on_config on each one.
_serving = {"on": False}
_state: dict = {}


def on_startup(*, command, dirty, **kwargs):
    """Remember whether this is ``mkdocs serve`` (the only command that shows findings)."""
    _serving["on"] = command == "serve"


def on_config(config, **kwargs):
    """Run the check once per build (static-i18n's nested build of ``en`` reuses it)."""
    if build_context.nested_i18n_build(config):
        return config
    root = Path(config.config_file_path).parent
    try:
        findings = check.check_policy(root)
    except core.PolicyError as error:
        raise PluginError(str(error)) from None
    _state.clear()
    _state.update(root=root, findings=findings, macros=None)
    return config


def on_page_markdown(markdown, *, page, config, files, **kwargs):
    """In ``mkdocs serve``, put the page's findings under its title."""
    if not _serving["on"]:
        return markdown
    items = findings_for(_state.get("findings", []), page.file.src_uri)
    if not items:
        return markdown
    language = build_context.language(config)
    return with_findings(markdown, str(_macros().findings(items, language)))


@event_priority(-200)  # after static-i18n (-100) has built every language
def on_post_build(*, config, **kwargs):
    """One INFO line with the number of findings by severity."""
    if build_context.nested_i18n_build(config) or "findings" not in _state:
        return
    log.info(f"Compliance check: {check.summary(_state['findings'])} "
             f"(python hooks/policy.py check lists them)")


def findings_for(findings: list[check.Finding], src_uri: str) -> list[check.Finding]:
    """The findings shown on the page ``src_uri`` (``collection.md`` or ``collection.en.md``)."""
    for language in core.LANGUAGES[1:]:
        suffix = f".{language}.md"
        if src_uri.endswith(suffix):
            src_uri = src_uri[: -len(suffix)] + ".md"
    return [finding for finding in findings if finding.page == src_uri]


def with_findings(markdown: str, html: str) -> str:
    """Insert the ``html`` block after the page's first ``#`` heading (at the top without one).

    Blank lines inside the block are dropped: Python-Markdown ends a raw HTML block there.
    """
    block = "\n".join(line for line in html.split("\n") if line.strip())
    lines = markdown.split("\n")
    at = next((number + 1 for number, line in enumerate(lines) if line.startswith("# ")), 0)
    return "\n".join(lines[:at] + ["", block, ""] + lines[at:])


def _macros():
    if _state.get("macros") is None:
        environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_state["root"] / "overrides")),
                                         autoescape=True, undefined=jinja2.StrictUndefined)
        _state["macros"] = environment.get_template("policy/check.html").module
    return _state["macros"]

