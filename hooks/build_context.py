"""What the hooks need to know about the build in progress: its language, whether it is
static-i18n's nested build of another language, and a page's URL without the language."""

from __future__ import annotations

import core


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
