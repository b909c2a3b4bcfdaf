"""``python hooks/policy.py release``: freeze the current text and inventory as a new version.

The release writes ``docs/archive/<id>/`` (both snapshots, ``inventory.yml``, the redline
pages), appends the entry with the snapshots' SHA-256 to ``data/versions.yml`` and the
release's URLs to ``data/published-urls.txt`` — all or nothing.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from zhiqing.archive.integrity import check_integrity
from zhiqing.archive.snapshot import (ARCHIVE, CHANGES_FILES, SNAPSHOT_FILES, changes_stub, sha256_file,
                                      snapshot_text, unreleased_languages)
from zhiqing.build import BuildState
from zhiqing.data import dates
from zhiqing.data.files import read_text
from zhiqing.data.model import Version, build_date, load_operator
from zhiqing.errors import PolicyError
from zhiqing.languages import LANGUAGES
from zhiqing.render.renderer import Renderer
from zhiqing.site import published


def release(root: Path, effective: str, summary: dict, updated: str | None = None,
            today: datetime.date | None = None) -> tuple[Version, list[str], Version]:
    """Freeze the current text as version ``effective``.

    Returns the new :class:`~zhiqing.data.model.Version`, the languages whose text changed
    since the last release (``["zh"]`` when the translation was not touched) and that last
    release.

    ``effective`` and ``updated`` are ``YYYY-MM-DD`` strings (``updated`` defaults to
    ``today``, by default the date in the operator's time zone:
    :func:`~zhiqing.data.model.build_date`); ``summary`` maps ``zh`` and ``en`` to non-empty text. Writes
    ``docs/archive/<id>/`` (both snapshots, ``inventory.yml``, and the redline pages when a
    previous version exists), appends the entry with hashes to ``data/versions.yml`` and the
    release's URLs to ``data/published-urls.txt``.
    Refuses with PolicyError, writing nothing: a missing summary, an id that is not a date,
    an id that exists, an effective date not after the last one or before ``today`` (a
    release cannot rewrite the past), an updated date before the last release's or after
    the effective date or ``today``, text identical to the last release. Nothing
    half-written is left behind: files are written in a temporary folder and moved into
    place, and versions.yml is replaced in one step.
    """
    today = today or build_date(load_operator(root))
    for language in LANGUAGES:
        if not (summary.get(language) or "").strip():
            raise PolicyError(f"release refused: the summary in {language} is missing; "
                              f"expected --summary-{language} TEXT")
    effective_date = _date_argument(effective, "--effective")
    updated = updated or today.isoformat()
    updated_date = _date_argument(updated, "--updated")
    state = BuildState.load(root, command="release", today=today)
    policy = state.policy
    check_integrity(root, policy.versions)
    pages = state.pages
    urls = published.read(root)
    ids = {version.id for version in policy.versions}
    if effective in ids or (root / ARCHIVE / effective).exists():
        raise PolicyError(f"release refused: version {effective} exists already; "
                          f"expected a new effective date")
    last = policy.latest
    if effective_date <= last.effective:
        raise PolicyError(f"release refused: effective date {effective} is not after the last "
                          f"release {last.id}; expected a later date")
    if effective_date < today:
        raise PolicyError(f"release refused: effective date {effective} is before today {today.isoformat()}; "
                          f"expected today or a later date (a release cannot take effect in the past)")
    if updated_date < last.updated:
        raise PolicyError(f"release refused: updated date {updated} is before the last release's updated date "
                          f"{last.updated.isoformat()}; expected a date on or after it")
    if updated_date > effective_date:
        raise PolicyError(f"release refused: updated date {updated} is after the effective date "
                          f"{effective}; expected --updated on or before --effective")
    if updated_date > today:
        raise PolicyError(f"release refused: updated date {updated} is after today {today.isoformat()}; "
                          f"expected --updated on or before today")
    changed = unreleased_languages(root, {language: state.renderer(language) for language in LANGUAGES})
    if not changed:
        raise PolicyError(f"release refused: the text is identical to the last release {last.id}; "
                          f"expected an edit of the pages or of data/ to release")
    version = Version(effective, effective_date, updated_date, dict(summary))
    staging = Path(tempfile.mkdtemp(prefix=f".release-{effective}-", dir=root / ARCHIVE))
    try:
        hashes = {}
        shutil.copyfile(root / "data" / "inventory.yml", staging / "inventory.yml")
        inventory_sha256 = sha256_file(staging / "inventory.yml")
        for language in LANGUAGES:
            path = staging / SNAPSHOT_FILES[language]
            renderer = Renderer(policy, pages, language, state.templates, version=version)
            path.write_bytes(snapshot_text(renderer, inventory_sha256).encode("utf-8"))
            hashes[language] = sha256_file(path)
            (staging / CHANGES_FILES[language]).write_text(
                changes_stub(effective, language), encoding="utf-8")
        manifest = read_text(root / "data" / "versions.yml", root)
        manifest = manifest.rstrip("\n") + "\n" + entry_yaml(version, hashes)
        manifest_tmp = root / "data" / f".versions-{effective}.yml.tmp"
        manifest_tmp.write_text(manifest, encoding="utf-8")
        target = root / ARCHIVE / effective
        os.replace(staging, target)
        try:
            os.replace(manifest_tmp, root / "data" / "versions.yml")
        except OSError:
            shutil.rmtree(target, ignore_errors=True)
            raise
        published.write(root, published.merged(urls, published.site_urls(state.nav, policy.versions + [version])))
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        leftover = root / "data" / f".versions-{effective}.yml.tmp"
        if leftover.exists():
            leftover.unlink()
    return Version(effective, effective_date, updated_date, dict(summary), hashes), changed, last


def _date_argument(value: str, option: str) -> datetime.date:
    try:
        return dates.parse_iso_date(value or "")
    except dates.DateError as error:
        if error.wrong_form:
            raise PolicyError(f"release refused: {option} is {value!r}, expected a date written YYYY-MM-DD") from None
        raise PolicyError(f"release refused: {option} is {value!r}, not a date that exists "
                          f"(expected YYYY-MM-DD)") from None


# What YAML may not hold raw in a double-quoted string (not printable, or a line break it
# would fold into a space): written as \uXXXX escapes instead.
_YAML_UNSAFE = re.compile("[^\x09\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]")


def yaml_string(text: str) -> str:
    """``text`` as a double-quoted YAML string that loads back exactly (JSON plus escapes)."""
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(text, ensure_ascii=False))


def entry_yaml(version: Version, hashes: dict) -> str:
    """The entry of ``version`` for ``data/versions.yml``, with the snapshots' SHA-256 ``hashes``."""
    quote = yaml_string
    return (f'- id: "{version.id}"\n  effective: "{version.id}"\n  updated: "{version.updated.isoformat()}"\n'
            f"  summary:\n    zh: {quote(version.summary['zh'])}\n    en: {quote(version.summary['en'])}\n"
            f"  sha256:\n    zh: {hashes['zh']}\n    en: {hashes['en']}\n")
