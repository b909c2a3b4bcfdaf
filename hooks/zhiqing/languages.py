"""The site's languages and how a file name or URL says which one it is.

Chinese (``zh``) is the default, at the site root; every other language is a translation
under ``/<code>/`` whose Markdown files carry the suffix ``.<code>.md`` (static-i18n's
``docs_structure: suffix``).
"""

from __future__ import annotations

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
TRANSLATIONS = LANGUAGES[1:]


def source_in(src: str, language: str) -> str:
    """The file of page ``src`` (its default-language file) in ``language``.

    ``collection.md`` → ``collection.md`` (zh) or ``collection.en.md`` (en).
    """
    if language == DEFAULT_LANGUAGE:
        return src
    return f"{src[:-3]}.{language}.md"


def default_source(src_uri: str) -> str:
    """The default-language file of any language's page file: ``collection.en.md`` → ``collection.md``.

    The key under which a page is known in every language.
    """
    for language in TRANSLATIONS:
        suffix = f".{language}.md"
        if src_uri.endswith(suffix):
            return src_uri[: -len(suffix)] + ".md"
    return src_uri


def url_prefix(language: str) -> str:
    """The folder of ``language`` under the site root: ``""`` for zh, ``"en/"`` for en."""
    return "" if language == DEFAULT_LANGUAGE else f"{language}/"


def url_without_language(url: str) -> str:
    """A page URL relative to its language root: ``en/archive/x/`` → ``archive/x/``, ``en`` → ``""``."""
    for code in TRANSLATIONS:
        if url.startswith(f"{code}/"):
            return url[len(code) + 1:]
        if url == code:
            return ""
    return url


def language_of_url(url: str) -> str:
    """The language of a URL relative to the site root: ``en/…`` is en, anything else zh."""
    return next((code for code in TRANSLATIONS if url.startswith(f"{code}/")), DEFAULT_LANGUAGE)
