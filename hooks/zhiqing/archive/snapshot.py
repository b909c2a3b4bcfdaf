"""Frozen versions on disk: where a release's files are, what a snapshot holds, whether the text changed.

A release freezes the whole policy as rendered (variables resolved, dates stamped, tables
included) into ``docs/archive/<id>/index.md`` and ``index.en.md`` with a copy of
``data/inventory.yml``. PIPL Art. 17 asks that processing rules be easy to consult and to
preserve: a snapshot is never rewritten (:mod:`zhiqing.archive.integrity` checks it).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from zhiqing.data.files import load_yaml, read_text, yaml_string
from zhiqing.data.model import Version, split_bases
from zhiqing.languages import DEFAULT_LANGUAGE, LANGUAGES
from zhiqing.pages.markdown import split_front_matter

if TYPE_CHECKING:  # pragma: no cover
    from zhiqing.render.renderer import Renderer

ARCHIVE = "docs/archive"
SNAPSHOT_FILES = {"zh": "index.md", "en": "index.en.md"}
CHANGES_FILES = {"zh": "changes.md", "en": "changes.en.md"}
# What a release folder holds, and the archive's own pages.
RELEASE_FILES = ("index.md", "index.en.md", "changes.md", "changes.en.md", "inventory.yml")
ARCHIVE_PAGES = ("index.md", "index.en.md")
TITLES = {"zh": "隐私政策（{id} 版）", "en": "Privacy Policy (version {id})"}
CHANGES_TITLES = {"zh": "修改对照（{id} 版）", "en": "Changes in version {id}"}


def snapshot_path(root: Path, version_id: str, language: str) -> Path:
    """``docs/archive/<id>/index.md`` (zh) or ``index.en.md`` (en)."""
    return root / ARCHIVE / version_id / SNAPSHOT_FILES[language]


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes, as 64 lowercase hex digits."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot_text(renderer: Renderer, inventory_sha256: str = "") -> str:
    """The frozen file of ``renderer.version`` in ``renderer.language``: front matter and the whole policy.

    The front matter records the release itself (dates, summaries, the translation flag and
    notes when the release has them, the SHA-256 of the frozen ``inventory.yml``), so that the hash of this file in ``data/versions.yml`` also
    protects the manifest entry and the inventory copy (:func:`zhiqing.archive.integrity.check_integrity`).
    """
    version, language = renderer.version, renderer.language
    body = renderer.full()
    title = TITLES[language].format(id=version.id)
    quote = yaml_string
    return (f'---\npolicy_snapshot: "{version.id}"\ntitle: "{title}"\npolicy_release:\n'
            f'  effective: "{version.effective.isoformat()}"\n  updated: "{version.updated.isoformat()}"\n'
            f"  summary:\n    zh: {quote(version.summary['zh'])}\n    en: {quote(version.summary['en'])}\n"
            f"{optional_release_yaml(version, '  ')}"
            f'  inventory_sha256: "{inventory_sha256}"\n---\n\n{body}')


def optional_release_yaml(version: Version, indent: str) -> str:
    """The optional keys of a release (``translation_unchanged``, ``notes``) as YAML lines
    indented by ``indent``; empty for a release without them (every release before issue 12),
    so its snapshot and entry stay byte for byte what they were."""
    quote = yaml_string
    text = f"{indent}translation_unchanged: true\n" if version.translation_unchanged else ""
    notes = {language: version.notes[language] for language in LANGUAGES if version.notes.get(language)}
    if notes:
        text += f"{indent}notes:\n" + "".join(f"{indent}  {language}: {quote(value)}\n" for language, value in notes.items())
    return text


def snapshot_body(text: str) -> str:
    """The policy text of a snapshot file, without its front matter."""
    return split_front_matter(text)[1].lstrip("\n")


def unreleased_languages(root: Path, renderers: dict[str, Renderer]) -> list[str]:
    """Languages whose current text differs from the newest snapshot (an unreleased edit).

    ``renderers`` maps each language to the renderer of the current pages with the newest
    release's dates, so only edits of the pages or the data count.
    """
    changed = []
    for language in LANGUAGES:
        renderer = renderers[language]
        path = snapshot_path(root, renderer.version.id, language)
        frozen = snapshot_body(read_text(path, root)) if path.exists() else None
        if frozen != snapshot_body(snapshot_text(renderer)):
            changed.append(language)
    return changed


def load_snapshot(root: Path, version_id: str, language: str) -> str:
    """The policy text (body) of version ``version_id`` in ``language``."""
    return snapshot_body(read_text(snapshot_path(root, version_id, language), root))


def load_inventory_copy(root: Path, version_id: str) -> dict:
    """The inventory frozen with version ``version_id`` (``docs/archive/<id>/inventory.yml``), in the
    shape :func:`~zhiqing.data.model.load_inventory` gives (marks split off by
    :func:`~zhiqing.data.model.split_bases`), so that it compares with the current one field by field."""
    return split_bases(load_yaml(root / ARCHIVE / version_id / "inventory.yml", root))


def changes_stub(version_id: str, language: str) -> str:
    """The page file of a redline: the build computes its content (marker ``policy:changes``)."""
    title = CHANGES_TITLES[language].format(id=version_id)
    return f'---\npolicy_changes: "{version_id}"\ntitle: "{title}"\n---\n\n<!-- policy:changes -->\n'


def frozen_release(root: Path, version: Version) -> dict:
    """What the zh snapshot of ``version`` records about its release (front matter ``policy_release``)."""
    meta, _, _ = split_front_matter(read_text(snapshot_path(root, version.id, DEFAULT_LANGUAGE), root))
    return meta.get("policy_release") or {}
