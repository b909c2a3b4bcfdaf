"""The archive on the site's pages: draft and status notices, /archive/, the redline pages.

HTML comes from the macros of ``overrides/policy/archive.html``; this module prepares their
data from the build state (the releases, their status on the build date, the snapshots).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from zhiqing.archive import redline
from zhiqing.archive.snapshot import load_snapshot
from zhiqing.archive.status import Status
from zhiqing.data.dates import format_date
from zhiqing.data.model import Version
from zhiqing.errors import PolicyError
from zhiqing.languages import DEFAULT_LANGUAGE
from zhiqing.pages.discover import PAGE_KINDS
from zhiqing.render.compose import insert_after_title
from zhiqing.site.urls import relative_url

if TYPE_CHECKING:  # pragma: no cover
    from zhiqing.build import BuildState

ARCHIVE_MACROS = "policy/archive.html"
# Pages whose text is the current policy: they carry the draft and upcoming notices.
CURRENT_KINDS = tuple(kind for kind in PAGE_KINDS if kind != "archive")


def with_notices(state: BuildState, markdown: str, meta: dict, url: str, language: str, relative: str) -> str:
    """A page's Markdown with what the archive adds to it.

    The current policy's pages get the draft notice (unreleased edits) and the upcoming
    notice (the newest version takes effect later) under their title; a frozen version gets
    its status banner (and, when released with ``--translation-unchanged``, the note that the
    English translation was not updated with the Chinese original); frozen versions and redlines are left out of search (it finds the
    current text). ``meta`` is the page's front matter (search settings are added to it),
    ``url`` the page's URL relative to its language root, ``relative`` its file for messages.
    """
    macros = state.templates.macros(ARCHIVE_MACROS)
    if meta.get("policy") in CURRENT_KINDS:
        notices = []
        if state.unreleased:
            notices.append(str(macros.draft_notice(language)))
        latest = state.statuses[state.policy.latest.id]
        if latest.state == "upcoming":
            notices.append(str(macros.upcoming_notice(
                day(latest.version.effective, language), version_link(state.in_force, url), language)))
        return insert_after_title(markdown, "\n\n".join(notices)) if notices else markdown
    if "policy_snapshot" in meta or "policy_changes" in meta or "policy_since" in meta:
        # Search finds the current text; N frozen copies of it would bury every result.
        meta["search"] = dict(meta.get("search") or {}, exclude=True)
    if "policy_snapshot" in meta:
        status = state.statuses.get(str(meta["policy_snapshot"]))
        if status is None:
            raise PolicyError(f"Error reading '{relative}': policy_snapshot "
                              f"{meta['policy_snapshot']!r} is not a release in data/versions.yml")
        banner = str(macros.status_banner(status_data(state, status, url, language), language))
        if status.version.translation_unchanged:
            banner += "\n\n" + str(macros.translation_note(language))
        return banner + "\n\n" + markdown
    return markdown


def archive_table(state: BuildState, url: str, language: str) -> str:
    """The history table, newest first, as HTML (macro ``archive_table``)."""
    rows = []
    for version in reversed(state.policy.versions):
        status = state.statuses[version.id]
        rows.append({
            "id": version.id, "state": status.state, "summary": version.summary[language],
            "effective": day(version.effective, language), "updated": day(version.updated, language),
            "href": relative_url(f"archive/{version.id}/", url),
            "changes_href": relative_url(f"archive/{version.id}/changes/", url) if status.previous else None,
            "since_href": (relative_url(f"archive/{version.id}/since/", url)
                           if version is not state.policy.latest else None),
            "translation_unchanged": version.translation_unchanged,
            "notes": version.notes.get(language, ""),
        })
    return str(state.templates.macros(ARCHIVE_MACROS).archive_table(rows, language))


def changes_page(state: BuildState, version_id: str, url: str, language: str, relative: str) -> str:
    """The redline of ``version_id`` against the version before it, as HTML (macro ``redline``)."""
    status = state.statuses.get(version_id)
    if status is None or status.previous is None:
        raise PolicyError(f"Error reading '{relative}': policy_changes is {version_id!r}; expected a "
                          f"release in data/versions.yml that has a version before it")
    return redline_html(state, status.previous, status.version, language)


def since_page(state: BuildState, version_id: str, url: str, language: str, relative: str) -> str:
    """The cumulative redline of ``version_id`` against the newest release, as HTML (macro ``redline``).

    One comparison of the two snapshots (never a chain of the releases between them), so the
    pages of N earlier versions take N comparisons: linear in N.
    """
    status = state.statuses.get(version_id)
    if status is None or version_id == state.policy.latest.id:
        raise PolicyError(f"Error reading '{relative}': policy_since is {version_id!r}; expected a "
                          f"release in data/versions.yml before the newest")
    return redline_html(state, status.version, state.policy.latest, language)


SINCE_TITLES = {"zh": "修改对照（{old} 版至 {new} 版）", "en": "Changes from version {old} to version {new}"}


def since_pages(state: BuildState, language: str) -> list[tuple[str, str, str]]:
    """The cumulative redline pages of ``language``: ``[(src_uri, dest_uri, markdown)]``, one per
    release before the newest, at ``archive/<id>/since/`` (``en/archive/<id>/since/`` in English).

    Made by every build rather than written by ``release``: they compare with the newest
    release, so each release changes them, and the frozen folders are never touched.
    Their URLs are kept in ``data/published-urls.txt`` (:func:`zhiqing.site.published.site_urls`).
    """
    newest = state.policy.latest.id
    prefix = "" if language == DEFAULT_LANGUAGE else f"{language}/"
    suffix = "" if language == DEFAULT_LANGUAGE else f".{language}"
    pages = []
    for version in state.policy.versions[:-1]:
        title = SINCE_TITLES[language].format(old=version.id, new=newest)
        markdown = f'---\npolicy_since: "{version.id}"\ntitle: "{title}"\n---\n\n<!-- policy:since -->\n'
        pages.append((f"archive/{version.id}/since{suffix}.md", f"{prefix}archive/{version.id}/since/index.html",
                      markdown))
    return pages


def redline_html(state: BuildState, old: Version, new: Version, language: str) -> str:
    """The redline page's HTML between two releases (``overrides/policy/archive.html``, macro ``redline``):
    the effective dates once, a summary linking each change, the changes in reach and the
    rest folded (:func:`zhiqing.archive.redline.layout`), then the changed rows of both lists."""
    old_text = load_snapshot(state.root, old.id, language)
    new_text = load_snapshot(state.root, new.id, language)
    blocks = redline.redline(old_text, new_text, language)
    titles = redline.section_titles(old_text)
    titles.update(redline.section_titles(new_text))
    inventory = redline.inventory_changes(state.inventory_copy(old.id), state.inventory_copy(new.id), language)
    return str(state.templates.macros(ARCHIVE_MACROS).redline(
        {"id": old.id, "effective": day(old.effective, language)},
        {"id": new.id, "effective": day(new.effective, language)},
        redline.layout(blocks, titles), inventory, language))


def day(value: datetime.date, language: str) -> dict:
    """A date for the macros: ``{"iso": "2023-11-01", "text": "2023年11月1日"}``."""
    return {"iso": value.isoformat(), "text": format_date(value, language)}


def version_link(version: Version | None, url: str) -> dict | None:
    """``{"id", "href"}`` of a version's archived page, seen from page URL ``url``; None for None."""
    if version is None:
        return None
    return {"id": version.id, "href": relative_url(f"archive/{version.id}/", url)}


def status_data(state: BuildState, status: Status, url: str, language: str) -> dict:
    """What the banner of an archived version says: its state, dates, successor, the version in force."""
    return {
        "state": status.state,
        "effective": day(status.version.effective, language),
        "until": day(status.until, language) if status.until else None,
        "next": version_link(status.next, url),
        "in_force": version_link(state.in_force, url),
        "changes_href": relative_url(f"archive/{status.version.id}/changes/", url) if status.previous else None,
    }
