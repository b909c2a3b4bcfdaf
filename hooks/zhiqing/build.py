"""What the hooks need to know about the build in progress: its language, whether it is
static-i18n's nested build of another language, a page's URL without the language, and the
policy loaded once for the whole build."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zhiqing.data import model as core
from zhiqing.render import renderer as render


def language(config) -> str:
    """The language being built (``zh`` or ``en``): static-i18n sets ``theme.language`` per build."""
    value = config.theme.get("language") or core.DEFAULT_LANGUAGE
    return value if value in core.LANGUAGES else core.DEFAULT_LANGUAGE


def nested_i18n_build(config) -> bool:
    """True inside static-i18n's nested build of another language (the outer build ends last)."""
    plugin = config.plugins.get("i18n")
    return bool(plugin is not None and getattr(plugin, "building", False))


def url_without_language(page) -> str:
    """The page URL relative to its language root: ``en/archive/x/`` → ``archive/x/``."""
    url = page.url or ""
    for code in core.LANGUAGES[1:]:
        if url.startswith(f"{code}/"):
            return url[len(code) + 1:]
        if url == code:
            return ""
    return url


@dataclass
class Loaded:
    """What every hook of one build reads: the site root, the validated data, the policy pages."""

    root: Path
    policy: core.Policy
    parts: list


_loaded: dict = {"config": None, "value": None}


def loaded(config) -> Loaded:
    """Load and validate ``data/*.yml`` and find the policy pages, once per build.

    static-i18n builds ``en`` with the same config object, and `mkdocs serve` loads a new
    one for each rebuild, so the config object identifies the build: the hooks share one
    load instead of each loading everything once per language. Raises PolicyError.
    """
    if _loaded["config"] is not config:
        root = Path(config.config_file_path).parent
        policy = core.load_policy(root)
        parts = render.discover_parts(Path(config.docs_dir), config.nav, root)
        _loaded.update(config=config, value=Loaded(root, policy, parts))
    return _loaded["value"]
