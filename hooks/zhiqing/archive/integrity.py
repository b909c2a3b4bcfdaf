"""Every build checks that the archive is what releases wrote: hashes, manifest entries, files."""

from __future__ import annotations

import json
from pathlib import Path

from zhiqing.archive.snapshot import (ARCHIVE, ARCHIVE_PAGES, CHANGES_FILES, RELEASE_FILES, changes_stub,
                                      frozen_release, sha256_file, snapshot_path)
from zhiqing.data.model import Version
from zhiqing.errors import PolicyError
from zhiqing.languages import LANGUAGES


def check_integrity(root: Path, versions: list[Version]) -> None:
    """Raise PolicyError when a snapshot is missing, altered, or not in the manifest.

    Every listed version needs both snapshots whose SHA-256 equals ``versions.yml``; every
    folder under ``docs/archive/`` must be a listed version (a snapshot added by hand would
    otherwise be published as if released). The message names the file. An archived version
    is what was published (PIPL Art. 17: the rules must be easy to consult and to preserve).
    """
    listed = {version.id for version in versions}
    for version in versions:
        if not version.sha256:
            raise PolicyError(
                f"Error reading 'data/versions.yml': entry {version.id} has no 'sha256'; "
                f"expected the hashes written by `python hooks/policy.py release`")
        for language in LANGUAGES:
            path = snapshot_path(root, version.id, language)
            relative = path.relative_to(root).as_posix()
            if not path.exists():
                raise PolicyError(
                    f"Error reading '{relative}': the snapshot of version {version.id} is missing; "
                    f"expected the file recorded in data/versions.yml (restore it from version control)")
            actual = sha256_file(path)
            if actual != version.sha256[language]:
                raise PolicyError(
                    f"Error reading '{relative}': its SHA-256 is {actual}, expected "
                    f"{version.sha256[language]} as recorded in data/versions.yml; an archived "
                    f"version must never change (restore it from version control)")
        _check_release_files(root, version, versions)
    archive = root / ARCHIVE
    if archive.is_dir():
        # Hidden folders are not published (MkDocs skips them): a release killed while writing
        # leaves one, which the next release removes (zhiqing.archive.journal).
        for folder in sorted(p for p in archive.iterdir() if p.is_dir() and not p.name.startswith(".")):
            if folder.name not in listed:
                raise PolicyError(
                    f"Error reading '{ARCHIVE}/{folder.name}': the folder is not a release listed in "
                    f"data/versions.yml; expected only folders made by `python hooks/policy.py release`")
        # Any other file would be published among the versions (/archive/<id>/<file>) as if
        # released: a page, and as much an .svg or .xhtml a browser runs as a document.
        # (Hidden files such as .DS_Store are not published by MkDocs.)
        for path in sorted(archive.rglob("*")):
            relative = path.relative_to(archive).as_posix()
            if any(p.startswith(".") for p in relative.split("/")):
                continue
            if path.is_file() and relative not in ARCHIVE_PAGES and not (
                    relative.count("/") == 1 and relative.split("/")[1] in RELEASE_FILES):
                raise PolicyError(
                    f"Error reading '{ARCHIVE}/{relative}': the file is not part of a release; expected only "
                    f"{', '.join(ARCHIVE_PAGES)} and the files `python hooks/policy.py release` writes "
                    f"in docs/archive/<id>/ ({', '.join(RELEASE_FILES)})")


def _check_release_files(root: Path, version: Version, versions: list[Version]) -> None:
    """The manifest entry, the inventory copy and the redline pages agree with the snapshot.

    The snapshot (whose hash ``versions.yml`` holds) records the release's dates, summaries
    and the inventory copy's SHA-256; the redline pages hold only what ``release`` wrote.
    """
    folder = f"{ARCHIVE}/{version.id}"
    recorded = frozen_release(root, version)
    entry = {"effective": version.effective.isoformat(), "updated": version.updated.isoformat(),
             "summary": version.summary, "translation_unchanged": version.translation_unchanged or None,
             "notes": version.notes or None}
    for key, value in entry.items():
        if recorded.get(key) != value:
            shown = value if key != "summary" else json.dumps(value, ensure_ascii=False)
            was = recorded.get(key) if key != "summary" else json.dumps(recorded.get(key), ensure_ascii=False)
            raise PolicyError(
                f"Error reading 'data/versions.yml': entry {version.id} key '{key}' is {shown!r}, but its "
                f"snapshot {folder}/index.md records {was!r}; expected a released entry never to change")
    inventory = root / folder / "inventory.yml"
    if not inventory.exists():
        raise PolicyError(
            f"Error reading '{folder}/inventory.yml': the inventory frozen with version {version.id} is missing; "
            f"expected the file release wrote (restore it from version control)")
    if sha256_file(inventory) != recorded.get("inventory_sha256"):
        raise PolicyError(
            f"Error reading '{folder}/inventory.yml': its SHA-256 is {sha256_file(inventory)}, expected "
            f"{recorded.get('inventory_sha256')} as recorded in {folder}/index.md; an archived version must "
            f"never change (restore it from version control)")
    if versions.index(version) == 0:
        return
    for language in LANGUAGES:
        path = root / folder / CHANGES_FILES[language]
        if not path.exists() or path.read_bytes() != changes_stub(version.id, language).encode("utf-8"):
            what = "is missing" if not path.exists() else "differs from what release wrote"
            raise PolicyError(
                f"Error reading '{folder}/{CHANGES_FILES[language]}': the redline page {what}; expected the "
                f"file release wrote (restore it from version control)")
