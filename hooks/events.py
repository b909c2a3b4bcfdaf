"""MkDocs hook file: every event of the build, in the order the concerns run.

(Intermediate: calls the event functions the moved modules still define.)
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from zhiqing.check import preview
from zhiqing.site import archive_pages, full_page, headers, languages, pages


def on_startup(*, command, dirty, **kwargs):
    pages.on_startup(command=command)
    archive_pages.on_startup(command=command)
    preview.on_startup(command=command, dirty=dirty)


def on_config(config, **kwargs):
    for module in (pages, languages, archive_pages, preview, full_page):
        result = module.on_config(config)
        config = result if result is not None else config
    return config


def on_page_markdown(markdown, *, page, config, files, **kwargs):
    for module in (pages, archive_pages, preview):
        markdown = module.on_page_markdown(markdown, page=page, config=config, files=files)
    return markdown


def on_page_content(html, *, page, config, files, **kwargs):
    return pages.on_page_content(html, page=page, config=config, files=files)


def on_page_context(context, *, page, config, nav, **kwargs):
    return full_page.on_page_context(context, page=page, config=config)


def on_post_template(output_content, *, template_name, config, **kwargs):
    return languages.on_post_template(output_content, template_name=template_name, config=config)


def on_post_page(output, *, page, config, **kwargs):
    return languages.on_post_page(output, page=page, config=config)


@event_priority(-200)  # after static-i18n (-100) has built every language
def on_post_build(*, config, **kwargs):
    languages.on_post_build(config=config)
    archive_pages.on_post_build(config=config)
    preview.on_post_build(config=config)
    headers.on_post_build(config=config)


def on_build_error(*, error, **kwargs):
    pages.on_build_error(error=error)
