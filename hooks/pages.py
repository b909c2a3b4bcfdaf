"""MkDocs hook: load and validate the policy data, then render the policy pages.

Thin on purpose: every decision is in ``core`` (data) and ``render`` (Markdown), which the
command line and the tests call directly. static-i18n builds the site once per language and
calls these events again for ``en``; nothing here mutates the shared config.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

import build_context
import core
import render

log = logging.getLogger("mkdocs.hooks.policy")

# Per-build state; `mkdocs serve` keeps this module loaded, so on_config resets it.
_state: dict = {}


def on_config(config, **kwargs):
    """Load ``data/*.yml`` and find the policy pages; any mistake stops the build."""
    root = Path(config.config_file_path).parent
    docs_dir = Path(config.docs_dir)
    try:
        policy = core.load_policy(root)
        parts = render.discover_parts(docs_dir, config.nav, root)
        ids = set()
        for part in parts:
            _, body, _ = render.split_front_matter(core.read_text(docs_dir / part.src, root))
            ids.update(anchor for _, _, anchor, _ in core.heading_ids(body))
        core.check_sources(policy.inventory, ids)
    except core.PolicyError as error:
        raise PluginError(str(error)) from None
    _state.clear()
    _state.update(root=root, docs_dir=docs_dir, policy=policy, parts={p.src: p for p in parts},
                  part_list=parts, renderers={})
    return config


def renderer(language: str) -> render.Renderer:
    """The renderer of ``language`` for this build (made once per language)."""
    if language not in _state["renderers"]:
        _state["renderers"][language] = render.Renderer(
            _state["policy"], _state["part_list"], language, _state["docs_dir"])
    return _state["renderers"][language]



def zh_src(src_uri: str) -> str:
    """``collection.en.md`` → ``collection.md``: the key of a page in every language."""
    for language in core.LANGUAGES[1:]:
        suffix = f".{language}.md"
        if src_uri.endswith(suffix):
            return src_uri[: -len(suffix)] + ".md"
    return src_uri


def on_page_markdown(markdown, *, page, config, files, **kwargs):
    """Resolve variables and markers of a policy page; other pages pass through."""
    part = _state["parts"].get(zh_src(page.file.src_uri))
    if part is None:
        return markdown
    try:
        return renderer(build_context.language(config)).page(part)
    except core.PolicyError as error:
        raise PluginError(str(error)) from None
