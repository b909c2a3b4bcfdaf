"""``python hooks/policy.py release``: freeze the current text and inventory as a new version.

The release writes ``docs/archive/<id>/`` (both snapshots, ``inventory.yml``, the redline
pages), appends the entry with the snapshots' SHA-256 to ``data/versions.yml`` and the
release's URLs to ``data/published-urls.txt`` — all or nothing, one release at a time
(:mod:`zhiqing.archive.journal`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import os
import shutil
import stat
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from zhiqing.archive import journal
from zhiqing.archive.snapshot import (ARCHIVE, CHANGES_FILES, SNAPSHOT_FILES, changes_stub, optional_release_yaml,
                                      sha256_file, snapshot_text, unreleased_languages)
from zhiqing.build import load_checked
from zhiqing.data import dates
from zhiqing.data.files import character_name, control_character, read_text, visible, yaml_string
from zhiqing.data.model import Version, build_date, load_operator
from zhiqing.errors import PolicyError
from zhiqing.languages import LANGUAGES

VERSIONS = "data/versions.yml"
from zhiqing.render.renderer import renderers
from zhiqing.site import published


# How far ahead a release may take effect. A change is announced before it applies (the
# notice period of a policy update is days or weeks); a date years ahead is a typo (2207 for
# 2027), and since every release must take effect after the last, it would block every
# release until then, with no way to mend it (a release is never edited).
MAX_DAYS_AHEAD = 366


@dataclass
class Released:
    """What :func:`release` did: the new version, the languages whose text changed since the
    last release (``["zh"]`` when the translation was not touched), that last release, the
    leftovers of killed releases it removed first (paths relative to the repository), and the
    id of a killed release it completed first (or None). A dry run fills ``preview`` (what
    would be released, as text) and ``refusals`` (the refusals it would meet), and writes nothing."""

    version: Version
    changed: list[str]
    last: Version
    removed: list[str] = field(default_factory=list)
    completed: str | None = None
    preview: str = ""
    refusals: list[str] = field(default_factory=list)


# A summary is one line on a phone: /archive/ and /full/ at 360 CSS px (the narrowest common
# phone), 17 px type, 1 rem margins, leave about 328 px: 19 Chinese characters or about 40 Latin
# ones. Counted in columns, a Chinese (East Asian wide) character two, any other one.
SUMMARY_COLUMNS = 40
# Notes are a few paragraphs, not a second policy.
NOTES_CHARACTERS = 2000


def release(root: Path, effective: str, summary: dict, updated: str | None = None,
            today: datetime.date | None = None, translation_unchanged: bool = False, notes: dict | None = None,
            dry_run: bool = False, allow_uncommitted: bool = False) -> Released:
    """Freeze the current text as version ``effective``; return :class:`Released`.

    ``effective`` and ``updated`` are ``YYYY-MM-DD`` strings (``updated`` defaults to
    ``today``, by default the date in the operator's time zone:
    :func:`~zhiqing.data.model.build_date`); ``summary`` maps ``zh`` and ``en`` to text. Writes ``docs/archive/<id>/`` (both
    snapshots, ``inventory.yml``, and the redline pages when a previous version exists),
    appends the entry with hashes to ``data/versions.yml`` and the release's URLs to
    ``data/published-urls.txt``: all or nothing, one release at a time
    (:mod:`zhiqing.archive.journal`), new files with the usual permissions.

    Refuses with PolicyError, writing nothing: a summary missing, holding a control character
    or only invisible characters; an id that is not a date or exists; an effective date not
    after the last one, before ``today`` (a release cannot rewrite the past) or more than
    :data:`MAX_DAYS_AHEAD` days after it; an updated date before the last release's, after the
    effective date or after ``today``; text identical to the last release; whatever the
    build refuses (:func:`~zhiqing.build.load_checked`); files it cannot write; another
    release running; the Chinese original changed where its English translation did not
    (:func:`untranslated_changes`), unless ``translation_unchanged`` (``--translation-unchanged``),
    which the entry and the snapshots then record and ``/archive/`` shows; a summary longer
    than :data:`SUMMARY_COLUMNS` columns; notes (``{"zh", "en"}``, optional, both or neither)
    longer than :data:`NOTES_CHARACTERS` or with the summary's faults; files of an earlier
    release not yet committed to Git (:func:`uncommitted_release_files`) unless
    ``allow_uncommitted``.

    ``dry_run``: the same checks without the lock, without completing or cleaning up an
    interrupted release and without writing anything; the translation and uncommitted-files
    refusals are returned in ``refusals`` instead of raised, with ``preview`` (the version,
    the changed sections and list rows, the redline of each language).
    """
    today = today or build_date(load_operator(root))
    refusals: list[str] = []

    def checked(check, *args) -> None:
        """Run one check; a dry run notes its refusal and goes on, so as to list them all."""
        try:
            check(*args)
        except PolicyError as error:
            if not dry_run:
                raise
            refusals.append(str(error))

    for language in LANGUAGES:
        checked(_check_summary, summary.get(language) or "", language)
    notes = {language: text for language, text in (notes or {}).items() if text}
    if notes:
        for language in LANGUAGES:
            checked(_check_notes, notes.get(language) or "", language)
    effective_date = _date_argument(effective, "--effective")
    updated_date = _date_argument(updated, "--updated") if updated else None
    with contextlib.nullcontext() if dry_run else journal.release_lock(root):
        completed = None if dry_run else journal.complete_interrupted(root, locked=True)
        removed = [] if dry_run else journal.remove_leftovers(root)
        state = load_checked(root, command="release", today=today)
        policy = state.policy
        last = policy.latest
        if updated_date is None:
            updated_date = today
            updated = updated_date.isoformat()
        checked(_check_dates, root, policy, effective, effective_date, updated, updated_date, today)
        changed = unreleased_languages(root, {language: state.renderer(language) for language in LANGUAGES})
        if not changed:
            raise PolicyError(f"release refused: the text is identical to the last release {last.id}; "
                              f"expected an edit of the pages or of data/ to release")
        checked(_check_writable, root)
        untranslated = untranslated_changes(root, state)
        if untranslated and not translation_unchanged:
            refusals.append(f"release refused: the Chinese original changed but its English translation did not: "
                            f"{'; '.join(untranslated)}; expected the translation updated too, or "
                            f"--translation-unchanged to release the original with the translation as it was "
                            f"(recorded in the release)")
        uncommitted = [] if allow_uncommitted else uncommitted_release_files(root, policy.versions)
        if uncommitted:
            refusals.append(f"release refused: files of an earlier release are not committed: {', '.join(uncommitted)}; "
                            f"expected them committed first (git add docs data && git commit), thrown away "
                            f"(README: \"Throwing away a release\"), or --allow-uncommitted to release on top of them")
        version = Version(effective, effective_date, updated_date, dict(summary),
                          translation_unchanged=bool(untranslated) and translation_unchanged, notes=notes)
        if dry_run:
            return Released(version, changed, last, preview=preview(root, state, version), refusals=refusals)
        if refusals:
            raise PolicyError(refusals[0])
        hashes = _prepare_and_commit(root, state, version)
    return Released(dataclasses.replace(version, sha256=hashes), changed, last, removed, completed)


def preview(root: Path, state, version: Version) -> str:
    """What ``release --dry-run`` prints: the version, its summaries and notes, then the redline of
    each language against the last release (changed sections with their changed paragraphs,
    changed list rows; :func:`zhiqing.archive.redline.terminal_text`)."""
    from zhiqing.archive import redline
    from zhiqing.archive.snapshot import load_inventory_copy, load_snapshot, snapshot_body

    last = state.policy.latest.id
    lines = [f"would release {version.id} (effective {version.id}, updated {version.updated.isoformat()}) "
             f"after {last}"]
    for language in LANGUAGES:
        lines.append(f"summary {language}: {version.summary[language]}")
    for language, text in version.notes.items():
        lines.append(f"notes {language}: {text}")
    if version.translation_unchanged:
        lines.append("translation: unchanged (recorded in the release)")
    text = "\n".join(lines) + "\n"
    for language, renderer in renderers(state.policy, state.pages, state.templates, version).items():
        text += redline.terminal_text(load_snapshot(root, last, language), snapshot_body(snapshot_text(renderer)),
                                      load_inventory_copy(root, last), state.policy.inventory,
                                      f"{last} ({language})", f"{version.id} ({language})", language)
    return text


def uncommitted_release_files(root: Path, versions: list[Version]) -> list[str]:
    """The files of released versions Git has not committed: an earlier ``release`` whose files
    are still to be committed (or thrown away), as paths relative to ``root``.

    Asks ``git status`` about ``data/versions.yml`` and the release folders listed in it
    (hidden leftovers aside), a release folder named once (``docs/archive/2031-01-01/``).
    Returns [] when ``root`` is not in a Git work tree or Git is
    missing: without Git there is nothing to compare with.
    """
    paths = ["data/versions.yml"] + [f"{ARCHIVE}/{version.id}" for version in versions]
    try:
        result = subprocess.run(["git", "-C", str(root), "status", "--porcelain=v1", "-z", "--untracked-files=all",
                                 "--", *paths], capture_output=True, timeout=60)
        top = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-prefix"], capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return []
    if result.returncode != 0 or top.returncode != 0:
        return []
    prefix = top.stdout.decode("utf-8", "replace").strip()
    found = []
    for record in result.stdout.decode("utf-8", "replace").split("\0"):
        path = record[3:]
        if not path or not path.startswith(prefix):
            continue
        relative = path[len(prefix):]
        if any(part.startswith(".") for part in relative.split("/")):
            continue
        if relative.startswith(f"{ARCHIVE}/") and relative.count("/") > 2:
            relative = "/".join(relative.split("/")[:3]) + "/"  # a release folder, named once
        if relative not in found:
            found.append(relative)
    return sorted(found)


def untranslated_changes(root: Path, state) -> list[str]:
    """Where the Chinese text changed since the last release and the English did not.

    Compares each language's current text (rendered with the last release's dates) with its
    last snapshot, section by section (:func:`zhiqing.archive.redline.redline`), and the two
    lists field by field. Returns one description a place, in the policy's order:
    ``"docs/storage.md (docs/storage.en.md unchanged)"``,
    ``"data/inventory.yml collected row C01 field retention (en unchanged)"``. A change of
    the English only (a translation corrected) is not listed: the Chinese is the original.
    """
    from zhiqing.archive import redline
    from zhiqing.archive.snapshot import load_inventory_copy, load_snapshot, snapshot_body

    last = state.policy.latest.id
    sections = {}
    for language in LANGUAGES:
        old = load_snapshot(root, last, language)
        new = snapshot_body(snapshot_text(state.renderer(language)))
        sections[language] = [block.section for block in redline.redline(old, new, language) if block.state != "same"]
    owners = {heading.anchor: part for part in state.pages.parts
              for heading in state.pages.source(part, "zh").headings}
    found: list[str] = []
    for section in sections["zh"]:
        part = owners.get(section)
        if section in sections["en"] or part is None:
            continue
        text = f"docs/{part.path('zh')} (docs/{part.path('en')} unchanged)"
        if text not in found:
            found.append(text)
    changes = {language: redline.inventory_changes(load_inventory_copy(root, last), state.policy.inventory, language)
               for language in LANGUAGES}
    for table, rows in changes["zh"].items():
        english = {(row["id"], field) for row in changes["en"][table] for field, _, _ in row["fields"]}
        for row in rows:
            for field, _, _ in row["fields"]:
                if (row["id"], field) not in english:
                    found.append(f"data/inventory.yml {table} row {row['id']} field {field} (en unchanged)")
    return found


def columns(text: str) -> int:
    """The width of ``text`` on screen in columns: 2 for an East Asian wide or full-width
    character (Unicode's East_Asian_Width W or F), 1 for any other; newlines not counted."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text if char != "\n")


def _check_summary(text: str, language: str) -> None:
    option = f"--summary-{language}"
    if not text.strip():
        raise PolicyError(f"release refused: the summary in {language} is missing; expected {option} TEXT")
    _check_text(text, option)
    if columns(text) > SUMMARY_COLUMNS:
        raise PolicyError(f"release refused: {option} is {columns(text)} columns wide; expected at most "
                          f"{SUMMARY_COLUMNS} (one line on a phone: 20 Chinese or 40 Latin characters), with the "
                          f"rest in --notes-{language}")


def _check_notes(text: str, language: str) -> None:
    option = f"--notes-{language}"
    if not text.strip():
        other = "--notes-en" if language == "zh" else "--notes-zh"
        raise PolicyError(f"release refused: {other} is given but {option} is missing; expected the notes in both "
                          f"languages or in neither")
    _check_text(text, option)
    if len(text) > NOTES_CHARACTERS:
        raise PolicyError(f"release refused: {option} has {len(text)} characters; expected at most {NOTES_CHARACTERS}")


def _check_text(text: str, option: str) -> None:
    """A text frozen by the release: no control character but tab and newline, not only invisible ones
    (the rules of :mod:`zhiqing.data.files`)."""
    found = control_character(text)
    if found is not None:
        raise PolicyError(f"release refused: {option} holds {character_name(text[found])}")
    if not visible(text):
        raise PolicyError(f"release refused: {option} holds only invisible characters ({text!r}); "
                          f"expected visible text")


def _check_dates(root: Path, policy, effective: str, effective_date: datetime.date, updated: str,
                 updated_date: datetime.date, today: datetime.date) -> None:
    last = policy.latest
    if effective in {version.id for version in policy.versions} or (root / ARCHIVE / effective).exists():
        raise PolicyError(f"release refused: version {effective} exists already; "
                          f"expected a new effective date")
    if effective_date <= last.effective:
        raise PolicyError(f"release refused: effective date {effective} is not after the last "
                          f"release {last.id}; expected a later date")
    if effective_date < today:
        raise PolicyError(f"release refused: effective date {effective} is before today {today.isoformat()}; "
                          f"expected today or a later date (a release cannot take effect in the past)")
    horizon = today + datetime.timedelta(days=MAX_DAYS_AHEAD)
    if effective_date > horizon:
        raise PolicyError(f"release refused: effective date {effective} is more than {MAX_DAYS_AHEAD} days after "
                          f"today {today.isoformat()}; expected a date up to {horizon.isoformat()} (every later "
                          f"release must take effect after it)")
    if updated_date < last.updated:
        raise PolicyError(f"release refused: updated date {updated} is before the last release's updated date "
                          f"{last.updated.isoformat()}; expected a date on or after it")
    if updated_date > effective_date:
        raise PolicyError(f"release refused: updated date {updated} is after the effective date "
                          f"{effective}; expected --updated on or before --effective")
    if updated_date > today:
        raise PolicyError(f"release refused: updated date {updated} is after today {today.isoformat()}; "
                          f"expected --updated on or before today")


def _check_writable(root: Path) -> None:
    """Refuse before writing anything when a file or folder the release changes is read-only.

    A file whose mode has no write bit is read-only for the release even where the user
    could write it (root, or by renaming over it): someone marked it so.
    """
    for relative in (VERSIONS, published.FILE, ARCHIVE, "data"):
        path = root / relative
        if not os.access(path, os.W_OK) or not stat.S_IMODE(path.stat().st_mode) & 0o222:
            raise PolicyError(f"release refused: '{relative}' is read-only; expected the release's files to be "
                              f"writable (nothing was written)")


def _prepare_and_commit(root: Path, state, version: Version) -> dict[str, str]:
    """Write every file of ``version`` under a temporary name, then commit them (journal.py)."""
    policy, effective = state.policy, version.id
    staging = Path(tempfile.mkdtemp(prefix=f".release-{effective}-", dir=root / ARCHIVE))
    versions_tmp = root / "data" / f".versions-{effective}.yml.tmp"
    ledger_tmp = root / "data" / f".published-urls-{effective}.txt.tmp"
    try:
        staging.chmod(0o777 & ~_umask())  # mkdtemp's 0700 would reach the committed folder
        shutil.copyfile(root / "data" / "inventory.yml", staging / "inventory.yml")
        inventory_sha256 = sha256_file(staging / "inventory.yml")
        hashes = {}
        for language, renderer in renderers(policy, state.pages, state.templates, version).items():
            path = staging / SNAPSHOT_FILES[language]
            path.write_bytes(snapshot_text(renderer, inventory_sha256).encode("utf-8"))
            hashes[language] = sha256_file(path)
            (staging / CHANGES_FILES[language]).write_text(changes_stub(effective, language), encoding="utf-8")
        manifest = read_text(root / VERSIONS, root)
        versions_tmp.write_text(manifest.rstrip("\n") + "\n" + entry_yaml(version, hashes), encoding="utf-8")
        urls = published.merged(state.published_urls, published.site_urls(state.nav, policy.versions + [version]))
        ledger_tmp.write_text(published.text(urls), encoding="utf-8")
        with journal.signals_held():
            journal.write_journal(root, effective, [(staging, root / ARCHIVE / effective),
                                                    (versions_tmp, root / VERSIONS),
                                                    (ledger_tmp, root / published.FILE)])
            try:
                journal.commit(root)
            except OSError as error:
                raise PolicyError(f"release {effective} is decided but its files could not all be moved into place: "
                                  f"{error.strerror} ('{error.filename}'); expected that file to be writable: fix "
                                  f"it, then run the build or any policy.py command to complete the release") from None
    except BaseException:
        if not (root / journal.JOURNAL).exists():  # not decided yet: nothing visible changed
            shutil.rmtree(staging, ignore_errors=True)
            versions_tmp.unlink(missing_ok=True)
            ledger_tmp.unlink(missing_ok=True)
        raise
    return hashes


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _date_argument(value: str, option: str) -> datetime.date:
    try:
        return dates.parse_iso_date(value or "")
    except dates.DateError as error:
        if error.wrong_form:
            raise PolicyError(f"release refused: {option} is {value!r}, expected a date written YYYY-MM-DD") from None
        raise PolicyError(f"release refused: {option} is {value!r}, not a date that exists "
                          f"(expected YYYY-MM-DD)") from None


def entry_yaml(version: Version, hashes: dict) -> str:
    """The entry of ``version`` for ``data/versions.yml``, with the snapshots' SHA-256 ``hashes``."""
    quote = yaml_string
    return (f'- id: "{version.id}"\n  effective: "{version.id}"\n  updated: "{version.updated.isoformat()}"\n'
            f"  summary:\n    zh: {quote(version.summary['zh'])}\n    en: {quote(version.summary['en'])}\n"
            f"{optional_release_yaml(version, '  ')}"
            f"  sha256:\n    zh: {hashes['zh']}\n    en: {hashes['en']}\n")
