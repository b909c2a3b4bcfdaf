"""The MkDocs hooks of the site: every event, in the order its steps run, over one build state.

One hook file on purpose: MkDocs runs the events of several hook files in the order of
``hooks:`` in ``mkdocs.yml``, so the order between concerns (render a page, then add the
archive's notices, then the check's findings) would live in the config; here it is written
down, event by event. Each event is a few lines over the ``zhiqing`` package, which knows
nothing of MkDocs' events and which the command line and the tests use directly.

State: ``session`` (the command, from ``on_startup``) is the only thing kept at module level;
``on_config`` makes the build's :class:`~zhiqing.build.BuildState` and every later event
reads it. In ``mkdocs serve`` an edit under ``hooks/`` runs this file again before the next
rebuild (:mod:`zhiqing.reload`, wired in ``on_serve``); the session's command carries over. static-i18n builds ``en`` by running these events again inside the Chinese build's
``on_post_build``: that nested build reuses the state and leaves the site-wide outputs to
the outer build, which ends last.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from pathlib import Path

from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import event_priority

from zhiqing.build import Session, language_of, nested_i18n_build, quiet_dependencies
from zhiqing.check import preview
from zhiqing.errors import PolicyError
from zhiqing.languages import default_source, url_without_language
from zhiqing.pages import markup
from zhiqing.render.markers import expand_site_markers
from zhiqing.reload import Reloader
from zhiqing.site import archive_pages, external, full_page, language_outputs, outputs

log = logging.getLogger("mkdocs.hooks.zhiqing")
# Carried over when `mkdocs serve` runs this file again after an edit (zhiqing.reload).
session = Session(command=getattr(globals().get("session"), "command", "build"))


@contextlib.contextmanager
def _as_plugin_error():
    """A PolicyError becomes MkDocs' PluginError: one line, no traceback."""
    try:
        yield
    except PolicyError as error:
        raise PluginError(str(error)) from None


def on_startup(*, command, dirty, **kwargs):
    """Remember the command; keep jieba's and static-i18n's progress lines out of the output (:func:`~zhiqing.build.quiet_dependencies`)."""
    session.command = command
    quiet_dependencies()


def on_serve(server, *, config, builder, **kwargs):
    """Each rebuild of ``mkdocs serve`` first reloads the code when a file under ``hooks/`` was edited."""
    server.builder = Reloader(sys.modules[__name__], Path(__file__).resolve().parent).wrap(server.builder)
    return server


def on_config(config, **kwargs):
    """Load and check everything once (:func:`zhiqing.build.start`); any mistake stops the build."""
    with _as_plugin_error():
        language_outputs.refuse_features(config.theme.get("features"))
        outputs.require_site_url(session.command, config.site_url)
        session.start(config)
    return config


@event_priority(-150)  # after static-i18n (-100) has sorted the files of this language
def on_files(files, *, config, **kwargs):
    """Add the cumulative redline pages (one per earlier release, :func:`~zhiqing.site.archive_pages.since_pages`)."""
    from mkdocs.structure.files import File

    for src_uri, dest_uri, markdown in archive_pages.since_pages(session.state, language_of(config)):
        file = File.generated(config, src_uri, content=markdown)
        file.dest_uri = dest_uri
        file.url = dest_uri[:-len("index.html")]
        files.append(file)
    return files


def on_page_markdown(markdown, *, page, config, files, **kwargs):
    """A policy page's text, then the archive's notices and pages, then (in serve) the check's findings."""
    state, language = session.state, language_of(config)
    src = default_source(page.file.src_uri)
    url = url_without_language(page.url or "")
    relative = f"docs/{page.file.src_uri}"
    with _as_plugin_error():
        part = state.pages.part(src)
        if part is not None:
            markdown = state.renderer(language).page(part)
        markdown = archive_pages.with_notices(state, markdown, page.meta, url, language, relative)
        markdown = expand_site_markers(markdown, state, relative, url, language, page.meta)
    if session.serving:
        markdown = preview.with_page_findings(state, markdown, page.file.src_uri, language)
    return markdown


def on_page_content(html, *, page, config, files, **kwargs):
    """Stop on markup that changes what the page does; warn (so ``--strict`` fails) when a page
    would load anything from another host; trim the lean ``/full/``."""
    relative = f"docs/{page.file.src_uri}"
    problem = markup.content_problem(html)
    if problem:
        raise PluginError(f"Error reading '{relative}': its HTML has {problem}; {markup.EXPECTED}")
    for message in external.messages(html, relative):
        log.warning(message)
    if page.meta.get("template") == full_page.TEMPLATE:
        html = full_page.compact(html)
    return html


def on_page_context(context, *, page, config, nav, **kwargs):
    """The releases the lean ``/full/`` page lists for ``?since=`` (no other template shows them)."""
    if page.meta.get("template") == full_page.TEMPLATE:
        context["policy_releases"] = full_page.releases(session.state.policy.versions, language_of(config),
                                                        session.state.today)
    return context


def on_post_template(output_content, *, template_name, config, **kwargs):
    """Keep each language's 404 page; the English build would overwrite the Chinese one."""
    if template_name == "404.html":
        language = language_of(config)
        output_content = language_outputs.not_found_page(output_content, language, config.site_url or "")
        session.state.not_found_pages[language] = output_content
    return output_content


def on_post_page(output, *, page, config, **kwargs):
    """Drop the head's per-page language alternates; point English search at ``en/search/``."""
    return language_outputs.page_output(output, language_of(config))


@event_priority(-200)  # after static-i18n (-100) has built every language
def on_post_build(*, config, **kwargs):
    """The site-wide outputs, once, by the outer build (:func:`zhiqing.site.outputs.write_after_pages`)."""
    if nested_i18n_build(config):
        return
    redirects = config.plugins.get("redirects")
    outputs.write_after_pages(session.state, Path(config.site_dir), config.site_url or "",
                              (redirects.config.get("redirect_maps") or {}) if redirects is not None else None)
    session.built = True


def on_build_error(*, error, **kwargs):
    """Note the failure: :meth:`~zhiqing.build.Session.finish` then leaves the output folder as it was."""
    session.failed = True


def on_shutdown(**kwargs):
    """The end of ``build`` or ``gh-deploy`` (before gh-deploy publishes): swap the site in on success."""
    try:
        session.finish()
    except PolicyError as error:
        raise Abort(str(error)) from None
