"""MkDocs hook: load and validate the policy data, then render the policy pages.

Thin on purpose: every decision is in ``core`` (data) and ``render`` (Markdown), which the
command line and the tests call directly. static-i18n builds the site once per language and
calls these events again for ``en``; nothing here mutates the shared config.
"""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

from zhiqing import build as build_context
from zhiqing.data import model as core
from zhiqing.render import renderer as render

log = logging.getLogger("mkdocs.hooks.policy")

# Per-build state; `mkdocs serve` keeps this module loaded, so on_config resets it.
_state: dict = {}
# The command (build, serve, gh-deploy) and the output folder of the outer build.
_run: dict = {"command": "build", "site_dir": None}


def on_startup(*, command, **kwargs):
    _run["command"] = command


def on_config(config, **kwargs):
    """Load ``data/*.yml`` and find the policy pages; any mistake stops the build."""
    root = Path(config.config_file_path).parent
    if build_context.nested_i18n_build(config):
        return config  # static-i18n's English build: loaded and checked by the outer build
    _run["site_dir"] = Path(config.site_dir)
    docs_dir = Path(config.docs_dir)
    try:
        build = build_context.loaded(config)
        policy, parts = build.policy, build.parts
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


# An element that makes the browser fetch its src (or a stylesheet's href) when the page loads.
_EXTERNAL_LOAD = re.compile(
    r'<(?:img|script|iframe|source|video|audio|embed|object|link)\b[^>]*?\b(?:src|href|data)=["\']'
    r'((?:https?:)?//[^"\']+)', re.I)


# Other ways HTML loads a URL: responsive images, a video's poster, CSS url() in a style.
_EXTERNAL_LOAD_MORE = re.compile(
    r'\b(?:srcset|poster|imagesrcset)=["\'][^"\']*?((?:https?:)?//[^\s"\',]+)'
    r'|url\(\s*["\']?((?:https?:)?//[^"\')\s]+)', re.I)


def external_loads(html: str) -> list[str]:
    """URLs on another host that ``html`` would load (images, scripts, frames, stylesheets,
    srcset, poster, CSS ``url()``).

    Plain links (``<a href>``) are not loads: a reader chooses to follow them.
    """
    found = _EXTERNAL_LOAD.findall(html) + [a or b for a, b in _EXTERNAL_LOAD_MORE.findall(html)]
    return [url for url in found
            if not re.match(r"(?:https?:)?//(?:127\.0\.0\.1|localhost)(?:[:/]|$)", url)]


def on_page_content(html, *, page, config, files, **kwargs):
    """Warn (so ``--strict`` fails) when a page would load anything from another host.

    Readers in mainland China cannot reach most foreign hosts, and every such request tells
    a third party who reads the policy (DESIGN "Invariants").
    """
    for url in external_loads(html):
        log.warning(f"Error reading 'docs/{page.file.src_uri}': the page loads {url} from another host; "
                    f"expected every image, script and stylesheet to be in docs/ (no page may contact another host)")
    return html


def on_build_error(*, error, **kwargs):
    """Remove ``site/`` when a build fails, so nothing half-built or stale is uploaded.

    A strict build aborts only after every page is written, and static-i18n writes the
    Chinese site before the English build can fail; an earlier good build would also stay
    behind after a mistake found in ``on_config``. ``mkdocs serve`` keeps its folder (it
    shows the error and rebuilds on the next save).
    """
    site_dir = _run["site_dir"]
    if _run["command"] not in ("build", "gh-deploy") or site_dir is None or not site_dir.is_dir():
        return
    log.info(f"The build failed: removed '{site_dir.name}/' so that no partial site can be published.")
    shutil.rmtree(site_dir, ignore_errors=True)

