"""MkDocs hook: the archive in the site — integrity, draft and status notices, /archive/,
the redlines, /policy.json and the Atom feeds.

The work is in ``archive`` (snapshots, status, redline) and ``core``; this module wires
it to MkDocs events. static-i18n calls these events once per language.
"""

from __future__ import annotations

import datetime
import json
import logging
import posixpath
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from zhiqing.archive import release as archive
from zhiqing import build as build_context
from zhiqing.data import model as core
from zhiqing.data import dates
from zhiqing.site import published
from zhiqing.render import renderer as render

log = logging.getLogger("mkdocs.hooks.archive")

_state: dict = {"command": "build"}


def on_startup(*, command, **kwargs):
    _state["command"] = command


def on_config(config, **kwargs):
    """Check every snapshot's hash and whether the current text is released."""
    nested = build_context.nested_i18n_build(config)
    if nested and "policy" in _state:
        return config  # static-i18n's English build: the checks of this build are done
    try:
        build = build_context.loaded(config)
        root, policy = build.root, build.policy
        archive.check_integrity(root, policy.versions)
        unreleased = archive.unreleased_languages(policy, build.parts)
        today = core.build_date()
        published_urls = published.read(root)
    except (core.PolicyError, ValueError) as error:
        raise PluginError(str(error)) from None
    _state["inventory_copies"] = {}
    _state.update(root=root, policy=policy, today=today, unreleased=unreleased, published=published_urls,
                  statuses={s.version.id: s for s in archive.statuses(policy.versions, today)},
                  macros=jinja2.Environment(loader=jinja2.FileSystemLoader(str(root / "overrides")),
                                            autoescape=True, undefined=jinja2.StrictUndefined)
                  .get_template("policy/archive.html").module)
    if unreleased and not nested:
        log.warning(
            f"The current text differs from the newest release {policy.latest.id} "
            f"({', '.join(unreleased)}): the pages are marked as a draft. Release it with "
            f"`python hooks/policy.py release --effective YYYY-MM-DD --summary-zh TEXT --summary-en TEXT`.")
    return config


def on_page_markdown(markdown, *, page, config, files, **kwargs):
    """Add the draft and status notices; expand ``policy:archive`` and ``policy:changes``."""
    language = build_context.language(config)
    url = build_context.url_without_language(page)
    meta = page.meta
    macros = _state["macros"]
    try:
        if meta.get("policy") in ("intro", "section", "annex", "full"):
            notices = []
            if _state["unreleased"]:
                notices.append(str(macros.draft_notice(language)))
            latest = _state["statuses"][_state["policy"].latest.id]
            if latest.state == "upcoming":
                force = archive.in_force(_state["policy"].versions, _state["today"])
                notices.append(str(macros.upcoming_notice(
                    _day(latest.version.effective, language),
                    _version_link(force, url) if force else None, language)))
            return render.insert_after_title(markdown, "\n\n".join(notices)) if notices else markdown
        if "policy_snapshot" in meta or "policy_changes" in meta:
            # Search finds the current text; N frozen copies of it would bury every result.
            meta["search"] = dict(meta.get("search") or {}, exclude=True)
        if "policy_snapshot" in meta:
            status = _state["statuses"].get(str(meta["policy_snapshot"]))
            if status is None:
                raise core.PolicyError(f"Error reading 'docs/{page.file.src_uri}': policy_snapshot "
                                       f"{meta['policy_snapshot']!r} is not a release in data/versions.yml")
            return str(macros.status_banner(_status_data(status, url, language), language)) + "\n\n" + markdown
        if meta.get("policy") == "archive" or "policy_changes" in meta:
            return _expand(markdown, page, url, language)
    except core.PolicyError as error:
        raise PluginError(str(error)) from None
    return markdown


def _expand(markdown: str, page, url: str, language: str) -> str:
    lines = []
    for number, line in enumerate(markdown.split("\n"), start=1):
        match = render.MARKER.match(line)
        if match and match.group(1) == "archive":
            lines.append(render.html_block(archive_table(url, language)))
        elif match and match.group(1) == "changes":
            lines.append(render.html_block(changes_page(str(page.meta.get("policy_changes")), url, language,
                                            f"docs/{page.file.src_uri}")))
        else:
            lines.append(line)
    return "\n".join(lines)


def archive_table(url: str, language: str) -> str:
    """The history table, newest first, as HTML (``overrides/policy/archive.html``)."""
    rows = []
    for version in reversed(_state["policy"].versions):
        status = _state["statuses"][version.id]
        rows.append({
            "id": version.id, "state": status.state, "summary": version.summary[language],
            "effective": _day(version.effective, language), "updated": _day(version.updated, language),
            "href": render._relative_url(f"archive/{version.id}/", url),
            "changes_href": render._relative_url(f"archive/{version.id}/changes/", url) if status.previous else None,
        })
    return str(_state["macros"].archive_table(rows, language))


def changes_page(version_id: str, url: str, language: str, relative: str) -> str:
    """The redline of ``version_id`` against the version before it, as HTML."""
    status = _state["statuses"].get(version_id)
    if status is None or status.previous is None:
        raise core.PolicyError(f"Error reading '{relative}': policy_changes is {version_id!r}; expected a "
                               f"release in data/versions.yml that has a version before it")
    root = _state["root"]
    old_id = status.previous.id
    old_text = archive.load_snapshot(root, old_id, language)
    new_text = archive.load_snapshot(root, version_id, language)
    blocks = archive.redline(old_text, new_text, language)
    titles = archive.section_titles(old_text)
    titles.update(archive.section_titles(new_text))
    sections = archive.changed_sections(blocks, titles)
    inventory = archive.inventory_changes(_inventory_copy(old_id), _inventory_copy(version_id), language)
    return str(_state["macros"].redline({"id": old_id}, {"id": version_id}, blocks, sections, inventory, language))


def _inventory_copy(version_id: str) -> dict:
    """The frozen inventory of a version, read once per build (both languages use it)."""
    copies = _state.setdefault("inventory_copies", {})
    if version_id not in copies:
        copies[version_id] = archive.load_inventory_copy(_state["root"], version_id)
    return copies[version_id]


@event_priority(-200)  # after static-i18n has built every language
def on_post_build(*, config, **kwargs):
    """Write ``/policy.json`` and the Atom feeds ``/feed.xml``, ``/en/feed.xml``."""
    if build_context.nested_i18n_build(config):
        return
    site = Path(config.site_dir)
    site_url = config.site_url or ""
    policy = _state["policy"]
    data = manifest(policy.versions, _state["today"], site_url)
    (site / "policy.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    names = {"zh": "隐私政策", "en": "Privacy Policy"}
    for language in core.LANGUAGES:
        target = site / "feed.xml" if language == core.DEFAULT_LANGUAGE else site / language / "feed.xml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(feed(policy.versions, language, site_url, names[language]))
    _redirect_languages(config, site)
    for url in published.missing(_state["published"], site):
        log.warning(
            f"The published URL '{url}' is not in the site: it is listed in {published.FILE}, and a URL the "
            f"site has published must keep working. Keep the page, or declare a redirect for it in mkdocs.yml "
            f"(plugins: redirects: redirect_maps, e.g. 'old.md': 'new.md').")


def _redirect_languages(config, site: Path) -> None:
    """Write the redirects of ``redirect_maps`` for the languages after the default one.

    mkdocs-redirects writes ``/minors/`` → ``/children/`` only: static-i18n builds ``en``
    with the same file names, so ``/en/minors/`` would vanish without this.
    """
    plugin = config.plugins.get("redirects")
    if plugin is None:
        return
    from mkdocs_redirects.plugin import write_html

    for language in core.LANGUAGES[1:]:
        for old_path, target in published.language_redirects(plugin.config.get("redirect_maps") or {}, language):
            landing = posixpath.normpath(posixpath.join(posixpath.dirname(old_path), target.split("#")[0]))
            if "://" not in target and not (site / landing / "index.html").is_file():
                log.warning(f"Redirect of '{old_path}' in {language}: the target '{landing}/' is not in the site; "
                            f"expected the {language} page of the target in redirect_maps")
                continue
            write_html(str(site), old_path, target)


def manifest(versions: list[core.Version], today: datetime.date, site_url: str = "") -> dict:
    """The ``/policy.json`` manifest (``schemas/policy.schema.json``) as a dict.

    ``in_force``/``upcoming`` are ids on ``today``; each version has its dates, ``until``
    (the day before the next effective date, or None), the summary, the URLs of its full
    text and changes per language (absolute under ``site_url`` when set, else relative to
    the site root), and the SHA-256 of each snapshot.
    """
    statuses = archive.statuses(versions, today)
    upcoming = [s.version.id for s in statuses if s.state == "upcoming"]
    force = archive.in_force(versions, today)
    entries = []
    for status in statuses:
        version = status.version
        entries.append({
            "id": version.id,
            "effective": version.effective.isoformat(),
            "updated": version.updated.isoformat(),
            "until": status.until.isoformat() if status.until else None,
            "status": status.state,
            "summary": dict(version.summary),
            "url": {language: _site_url(site_url, language, f"archive/{version.id}/") for language in core.LANGUAGES},
            "changes": {language: (_site_url(site_url, language, f"archive/{version.id}/changes/")
                                   if status.previous else None) for language in core.LANGUAGES},
            "sha256": dict(version.sha256),
        })
    return {"schema": 1, "in_force": force.id if force else None, "upcoming": upcoming[0] if upcoming else None,
            "generated": today.isoformat(), "versions": entries}


def feed(versions: list[core.Version], language: str, site_url: str, title: str) -> bytes:
    """An Atom feed of the releases in ``language``, newest first, made with feedgen.

    Each entry links the redline (or the full text of the first version) and carries the
    summary. Without ``site_url`` the ids are ``urn:`` names and the links relative.
    """
    from feedgen.feed import FeedGenerator

    generator = FeedGenerator()
    base = _site_url(site_url, language, "")
    generator.id(base + "feed.xml" if site_url else f"urn:zhiqing:policy:{language}")
    generator.title(title)
    generator.language(language)
    generator.link(href=base + "archive/" if site_url else ("archive/"), rel="alternate")
    generator.link(href=base + "feed.xml" if site_url else "feed.xml", rel="self")
    latest = max(versions, key=lambda v: v.updated)
    generator.updated(_moment(latest.updated))
    for index, version in enumerate(versions):
        entry = generator.add_entry(order="prepend")
        target = f"archive/{version.id}/changes/" if index else f"archive/{version.id}/"
        entry.id(base + target if site_url else f"urn:zhiqing:policy:{language}:{version.id}")
        entry.title(archive.TITLES[language].format(id=version.id))
        entry.link(href=base + target if site_url else target, rel="alternate")
        entry.summary(version.summary[language])
        entry.updated(_moment(version.updated))
        entry.published(_moment(version.updated))
    return generator.atom_str(pretty=True)


# --- helpers -------------------------------------------------------------------------------

def _moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)


def _site_url(site_url: str, language: str, path: str) -> str:
    prefix = "" if language == core.DEFAULT_LANGUAGE else f"{language}/"
    if site_url:
        return site_url.rstrip("/") + "/" + prefix + path
    return prefix + path






def _day(day: datetime.date, language: str) -> dict:
    return {"iso": day.isoformat(), "text": dates.format_date(day, language)}


def _version_link(version: core.Version | None, url: str) -> dict | None:
    if version is None:
        return None
    return {"id": version.id, "href": render._relative_url(f"archive/{version.id}/", url)}


def _status_data(status: archive.Status, url: str, language: str) -> dict:
    force = archive.in_force(_state["policy"].versions, _state["today"])
    return {
        "state": status.state,
        "effective": _day(status.version.effective, language),
        "until": _day(status.until, language) if status.until else None,
        "next": _version_link(status.next, url),
        "in_force": _version_link(force, url),
        "changes_href": render._relative_url(f"archive/{status.version.id}/changes/", url) if status.previous else None,
    }
