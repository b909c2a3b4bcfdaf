"""The version archive: freeze releases, check their integrity, tell their status, redline them.

A release freezes the whole policy as rendered (variables resolved, dates stamped, tables
included) into ``docs/archive/<id>/index.md`` and ``index.en.md`` with a copy of
``data/inventory.yml``, and records the SHA-256 of each snapshot in ``data/versions.yml``.
PIPL Art. 17 asks that processing rules be easy to consult and to preserve: a snapshot is
never rewritten, and every build checks its hash.

Also the command line of ``release`` and ``diff`` (see ``hooks/policy.py``).
"""

from __future__ import annotations

import datetime
import difflib
import hashlib
import html
import json
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from zhiqing.data import model as core
from zhiqing.site import published
from zhiqing.render import renderer as render

ARCHIVE = "docs/archive"
SNAPSHOT_FILES = {"zh": "index.md", "en": "index.en.md"}
CHANGES_FILES = {"zh": "changes.md", "en": "changes.en.md"}
# What a release folder holds, and the archive's own pages.
RELEASE_FILES = ("index.md", "index.en.md", "changes.md", "changes.en.md", "inventory.yml")
_ARCHIVE_PAGES = ("index.md", "index.en.md")
TITLES = {"zh": "隐私政策（{id} 版）", "en": "Privacy Policy (version {id})"}
CHANGES_TITLES = {"zh": "修改对照（{id} 版）", "en": "Changes in version {id}"}


# --- paths and integrity -------------------------------------------------------------------

def snapshot_path(root: Path, version_id: str, language: str) -> Path:
    """``docs/archive/<id>/index.md`` (zh) or ``index.en.md`` (en)."""
    return root / ARCHIVE / version_id / SNAPSHOT_FILES[language]


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes, as 64 lowercase hex digits."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_integrity(root: Path, versions: list[core.Version]) -> None:
    """Raise PolicyError when a snapshot is missing, altered, or not in the manifest.

    Every listed version needs both snapshots whose SHA-256 equals ``versions.yml``; every
    folder under ``docs/archive/`` must be a listed version (a snapshot added by hand would
    otherwise be published as if released). The message names the file.
    """
    listed = {version.id for version in versions}
    for version in versions:
        if not version.sha256:
            raise core.PolicyError(
                f"Error reading 'data/versions.yml': entry {version.id} has no 'sha256'; "
                f"expected the hashes written by `python hooks/policy.py release`")
        for language in core.LANGUAGES:
            path = snapshot_path(root, version.id, language)
            relative = path.relative_to(root).as_posix()
            if not path.exists():
                raise core.PolicyError(
                    f"Error reading '{relative}': the snapshot of version {version.id} is missing; "
                    f"expected the file recorded in data/versions.yml (restore it from version control)")
            actual = sha256_file(path)
            if actual != version.sha256[language]:
                raise core.PolicyError(
                    f"Error reading '{relative}': its SHA-256 is {actual}, expected "
                    f"{version.sha256[language]} as recorded in data/versions.yml; an archived "
                    f"version must never change (restore it from version control)")
        _check_release_files(root, version, versions)
    archive = root / ARCHIVE
    if archive.is_dir():
        for folder in sorted(p for p in archive.iterdir() if p.is_dir()):
            if folder.name not in listed:
                raise core.PolicyError(
                    f"Error reading '{ARCHIVE}/{folder.name}': the folder is not a release listed in "
                    f"data/versions.yml; expected only folders made by `python hooks/policy.py release`")
        # Any other file would be published among the versions (/archive/<id>/<file>) as if
        # released: a page, and as much an .svg or .xhtml a browser runs as a document.
        # (Hidden files such as .DS_Store are not published by MkDocs.)
        for path in sorted(archive.rglob("*")):
            relative = path.relative_to(archive).as_posix()
            if any(p.startswith(".") for p in relative.split("/")):
                continue
            if path.is_file() and relative not in _ARCHIVE_PAGES and not (
                    relative.count("/") == 1 and relative.split("/")[1] in RELEASE_FILES):
                raise core.PolicyError(
                    f"Error reading '{ARCHIVE}/{relative}': the file is not part of a release; expected only "
                    f"{', '.join(_ARCHIVE_PAGES)} and the files `python hooks/policy.py release` writes "
                    f"in docs/archive/<id>/ ({', '.join(RELEASE_FILES)})")


def _check_release_files(root: Path, version: core.Version, versions: list[core.Version]) -> None:
    """The manifest entry, the inventory copy and the redline pages agree with the snapshot.

    The snapshot (whose hash ``versions.yml`` holds) records the release's dates, summaries
    and the inventory copy's SHA-256; the redline pages hold only what ``release`` wrote.
    """
    folder = f"{ARCHIVE}/{version.id}"
    snapshot = snapshot_path(root, version.id, core.DEFAULT_LANGUAGE)
    meta, _, _ = render.split_front_matter(core.read_text(snapshot, root))
    recorded = meta.get("policy_release") or {}
    entry = {"effective": version.effective.isoformat(), "updated": version.updated.isoformat(),
             "summary": version.summary}
    for key, value in entry.items():
        if recorded.get(key) != value:
            shown = value if key != "summary" else json.dumps(value, ensure_ascii=False)
            was = recorded.get(key) if key != "summary" else json.dumps(recorded.get(key), ensure_ascii=False)
            raise core.PolicyError(
                f"Error reading 'data/versions.yml': entry {version.id} key '{key}' is {shown!r}, but its "
                f"snapshot {folder}/index.md records {was!r}; expected a released entry never to change")
    inventory = root / folder / "inventory.yml"
    if not inventory.exists():
        raise core.PolicyError(
            f"Error reading '{folder}/inventory.yml': the inventory frozen with version {version.id} is missing; "
            f"expected the file release wrote (restore it from version control)")
    if sha256_file(inventory) != recorded.get("inventory_sha256"):
        raise core.PolicyError(
            f"Error reading '{folder}/inventory.yml': its SHA-256 is {sha256_file(inventory)}, expected "
            f"{recorded.get('inventory_sha256')} as recorded in {folder}/index.md; an archived version must "
            f"never change (restore it from version control)")
    if versions.index(version) == 0:
        return
    for language in core.LANGUAGES:
        path = root / folder / CHANGES_FILES[language]
        if not path.exists() or path.read_bytes() != changes_stub(version.id, language).encode("utf-8"):
            what = "is missing" if not path.exists() else "differs from what release wrote"
            raise core.PolicyError(
                f"Error reading '{folder}/{CHANGES_FILES[language]}': the redline page {what}; expected the "
                f"file release wrote (restore it from version control)")


# --- status --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Status:
    """Where a version stands on a given day.

    ``state`` is ``in_force``, ``superseded`` or ``upcoming``; ``until`` the last day it
    is (or will be) in force, the day before the next version's effective date, or None;
    ``next`` and ``previous`` the neighbouring versions or None.
    """

    version: core.Version
    state: str
    until: datetime.date | None
    next: core.Version | None
    previous: core.Version | None


def statuses(versions: list[core.Version], today: datetime.date) -> list[Status]:
    """The status of every version on ``today`` (a ``datetime.date``), oldest first.

    A version is in force from its effective date (inclusive) until the day before the next
    version's effective date; before its effective date it is upcoming (DESIGN "Output URLs").
    """
    result = []
    for index, version in enumerate(versions):
        following = versions[index + 1] if index + 1 < len(versions) else None
        previous = versions[index - 1] if index else None
        until = following.effective - datetime.timedelta(days=1) if following else None
        if version.effective > today:
            state = "upcoming"
        elif following is not None and following.effective <= today:
            state = "superseded"
        else:
            state = "in_force"
        result.append(Status(version, state, until, following, previous))
    return result


def in_force(versions: list[core.Version], today: datetime.date) -> core.Version | None:
    """The version in force on ``today``, or None when every version is still upcoming."""
    return next((s.version for s in statuses(versions, today) if s.state == "in_force"), None)


# --- snapshots -----------------------------------------------------------------------------

def snapshot_text(policy: core.Policy, parts: list[render.Part], language: str,
                  version: core.Version, inventory_sha256: str = "") -> str:
    """The frozen file of ``version`` in ``language``: front matter and the whole policy.

    The front matter records the release itself (dates, summaries, the SHA-256 of the
    frozen ``inventory.yml``), so that the hash of this file in ``data/versions.yml`` also
    protects the manifest entry and the inventory copy (:func:`check_integrity`).
    """
    body = render.Renderer(policy, parts, language, version=version).full()
    title = TITLES[language].format(id=version.id)
    quote = lambda text: json.dumps(text, ensure_ascii=False)
    return (f'---\npolicy_snapshot: "{version.id}"\ntitle: "{title}"\npolicy_release:\n'
            f'  effective: "{version.effective.isoformat()}"\n  updated: "{version.updated.isoformat()}"\n'
            f"  summary:\n    zh: {quote(version.summary['zh'])}\n    en: {quote(version.summary['en'])}\n"
            f'  inventory_sha256: "{inventory_sha256}"\n---\n\n{body}')


def snapshot_body(text: str) -> str:
    """The policy text of a snapshot file, without its front matter."""
    return render.split_front_matter(text)[1].lstrip("\n")


def unreleased_languages(policy: core.Policy, parts: list[render.Part]) -> list[str]:
    """Languages whose current text differs from the newest snapshot (an unreleased edit).

    The current text is rendered with the newest release's dates, so only edits of the
    pages or the data count.
    """
    latest = policy.latest
    changed = []
    for language in core.LANGUAGES:
        path = snapshot_path(policy.root, latest.id, language)
        frozen = snapshot_body(core.read_text(path, policy.root)) if path.exists() else None
        current = snapshot_body(snapshot_text(policy, parts, language, latest))
        if frozen != current:
            changed.append(language)
    return changed


def release(root: Path, effective: str, summary: dict, updated: str | None = None,
            today: datetime.date | None = None) -> tuple[core.Version, list[str]]:
    """Freeze the current text as version ``effective``.

    Returns the new :class:`core.Version` and the languages whose text changed since the
    last release (``["zh"]`` when the translation was not touched).

    ``effective`` and ``updated`` are ``YYYY-MM-DD`` strings (``updated`` defaults to
    ``today``); ``summary`` maps ``zh`` and ``en`` to non-empty text. Writes
    ``docs/archive/<id>/`` (both snapshots, ``inventory.yml``, and the redline pages when a
    previous version exists), appends the entry with hashes to ``data/versions.yml`` and the
    release's URLs to ``data/published-urls.txt``.
    Refuses with PolicyError, writing nothing: a missing summary, an id that is not a date,
    an id that exists, an effective date not after the last one or before ``today`` (a
    release cannot rewrite the past), an updated date before the last release's or after
    the effective date or ``today``, text identical to the last release. Nothing half-written is left behind: files are written in a temporary folder
    and moved into place, and versions.yml is replaced in one step.
    """
    today = today or datetime.date.today()
    for language in core.LANGUAGES:
        if not (summary.get(language) or "").strip():
            raise core.PolicyError(f"release refused: the summary in {language} is missing; "
                                   f"expected --summary-{language} TEXT")
    effective_date = _date_argument(effective, "--effective")
    updated = updated or today.isoformat()
    updated_date = _date_argument(updated, "--updated")
    policy = core.Policy(root, core.load_operator(root), core.load_inventory(root),
                         core.load_versions(root, today))
    check_integrity(root, policy.versions)
    nav = render.read_nav(root)
    parts = render.discover_parts(root / "docs", nav, root)
    urls = published.read(root)
    ids = {version.id for version in policy.versions}
    if effective in ids or (root / ARCHIVE / effective).exists():
        raise core.PolicyError(f"release refused: version {effective} exists already; "
                               f"expected a new effective date")
    last = policy.latest
    if effective_date <= last.effective:
        raise core.PolicyError(f"release refused: effective date {effective} is not after the last "
                               f"release {last.id}; expected a later date")
    if effective_date < today:
        raise core.PolicyError(f"release refused: effective date {effective} is before today {today.isoformat()}; "
                               f"expected today or a later date (a release cannot take effect in the past)")
    if updated_date < last.updated:
        raise core.PolicyError(f"release refused: updated date {updated} is before the last release's updated date "
                               f"{last.updated.isoformat()}; expected a date on or after it")
    if updated_date > effective_date:
        raise core.PolicyError(f"release refused: updated date {updated} is after the effective date "
                               f"{effective}; expected --updated on or before --effective")
    if updated_date > today:
        raise core.PolicyError(f"release refused: updated date {updated} is after today {today.isoformat()}; "
                               f"expected --updated on or before today")
    changed = unreleased_languages(policy, parts)
    if not changed:
        raise core.PolicyError(f"release refused: the text is identical to the last release {last.id}; "
                               f"expected an edit of the pages or of data/ to release")
    version = core.Version(effective, effective_date, updated_date, dict(summary))
    staging = Path(tempfile.mkdtemp(prefix=f".release-{effective}-", dir=root / ARCHIVE))
    try:
        hashes = {}
        shutil.copyfile(root / "data" / "inventory.yml", staging / "inventory.yml")
        inventory_sha256 = sha256_file(staging / "inventory.yml")
        for language in core.LANGUAGES:
            path = staging / SNAPSHOT_FILES[language]
            path.write_bytes(snapshot_text(policy, parts, language, version, inventory_sha256).encode("utf-8"))
            hashes[language] = sha256_file(path)
            (staging / CHANGES_FILES[language]).write_text(
                changes_stub(effective, language), encoding="utf-8")
        manifest = core.read_text(root / "data" / "versions.yml", root)
        manifest = manifest.rstrip("\n") + "\n" + _entry_yaml(version, hashes)
        manifest_tmp = root / "data" / f".versions-{effective}.yml.tmp"
        manifest_tmp.write_text(manifest, encoding="utf-8")
        target = root / ARCHIVE / effective
        os.replace(staging, target)
        try:
            os.replace(manifest_tmp, root / "data" / "versions.yml")
        except OSError:
            shutil.rmtree(target, ignore_errors=True)
            raise
        published.write(root, published.merged(urls, published.site_urls(nav, policy.versions + [version])))
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        leftover = root / "data" / f".versions-{effective}.yml.tmp"
        if leftover.exists():
            leftover.unlink()
    return core.Version(effective, effective_date, updated_date, dict(summary), hashes), changed


def changes_stub(version_id: str, language: str) -> str:
    """The page file of a redline: the hook computes its content at build time."""
    title = CHANGES_TITLES[language].format(id=version_id)
    return f'---\npolicy_changes: "{version_id}"\ntitle: "{title}"\n---\n\n<!-- policy:changes -->\n'


def _date_argument(value: str, option: str) -> datetime.date:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value or ""):
        raise core.PolicyError(f"release refused: {option} is {value!r}, expected a date written YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise core.PolicyError(f"release refused: {option} is {value!r}, not a date that exists "
                               f"(expected YYYY-MM-DD)") from None


# What YAML may not hold raw in a double-quoted string (not printable, or a line break it
# would fold into a space): written as \uXXXX escapes instead.
_YAML_UNSAFE = re.compile("[^\x09\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]")


def _yaml_string(text: str) -> str:
    """``text`` as a double-quoted YAML string that loads back exactly (JSON plus escapes)."""
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(text, ensure_ascii=False))


def _entry_yaml(version: core.Version, hashes: dict) -> str:
    quote = _yaml_string
    return (f'- id: "{version.id}"\n  effective: "{version.id}"\n  updated: "{version.updated.isoformat()}"\n'
            f"  summary:\n    zh: {quote(version.summary['zh'])}\n    en: {quote(version.summary['en'])}\n"
            f"  sha256:\n    zh: {hashes['zh']}\n    en: {hashes['en']}\n")


# --- redline -------------------------------------------------------------------------------

@dataclass
class Block:
    """A paragraph-level unit of a snapshot: a heading, paragraph, list item or HTML block."""

    kind: str      # "h1".."h6", "p", "li"
    text: str      # the visible text (Markdown syntax removed)
    anchor: str    # the heading id for headings, else ""
    section: str   # the id of the section (h2, else h1) it belongs to


_TABLE_START = re.compile(r"^<div class=\"policy-table\">")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s*\{#([^}\s]+)\})?\s*$")
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+\.)\s+(.*)$")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")


def blocks(text: str) -> list[Block]:
    """Split a snapshot body into :class:`Block` s, in order, skipping the inventory tables.

    The tables are compared row by row from the inventory copies instead
    (:func:`inventory_changes`).
    """
    found: list[Block] = []
    section = ""
    for chunk in re.split(r"\n\s*\n", text.strip()):
        chunk = chunk.strip()
        if not chunk or _TABLE_START.match(chunk):
            continue
        if chunk.startswith("<"):
            for paragraph in re.findall(r"<p>(.*?)</p>", chunk, re.S):
                found.append(Block("p", _TAG.sub("", paragraph).strip(), "", section))
            continue
        lines = chunk.split("\n")
        if all(_LIST_ITEM.match(line) for line in lines):
            for line in lines:
                found.append(Block("li", _plain(_LIST_ITEM.match(line).group(1)), "", section))
            continue
        heading = _HEADING.match(chunk) if len(lines) == 1 else None
        if heading:
            level, title, anchor = len(heading.group(1)), heading.group(2), heading.group(3) or ""
            if level <= 2:
                section = anchor
            found.append(Block(f"h{level}", _plain(title), anchor, section))
            continue
        found.append(Block("p", _plain(" ".join(lines)), "", section))
    return found


def _plain(markdown: str) -> str:
    text = _LINK.sub(r"\1", markdown).replace("**", "")
    return html.unescape(_ESCAPE.sub(r"\1", _TAG.sub("", text)))  # "1\." and a variable's "\[" are shown as "1." and "["


def tokens(text: str, language: str) -> list[str]:
    """Words of ``text``: jieba's segmentation for Chinese, words/spaces/punctuation otherwise."""
    if language == "zh":
        import jieba
        jieba.setLogLevel(60)
        return list(jieba.cut(text))
    return re.findall(r"\w+|\s+|[^\w\s]", text)


def inline_diff(old: str, new: str, language: str) -> list[tuple[str, str]]:
    """Changes inside one paragraph as ``[(op, text)]``, op in ``=``, ``-``, ``+``.

    Compared word by word (jieba for Chinese); a replaced run of words is then trimmed to
    the characters that differ, so ``15 天内`` → ``15 个工作日内`` gives
    ``[("=", "…15 "), ("-", "天"), ("+", "个工作日"), ("=", "内…")]``. Joining the ``=``
    and ``-`` parts gives ``old``; the ``=`` and ``+`` parts give ``new``.
    """
    a, b = tokens(old, language), tokens(new, language)
    result: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if result and result[-1][0] == op:
            result[-1] = (op, result[-1][1] + text)
        else:
            result.append((op, text))

    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        removed, inserted = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            add("=", removed)
        elif op == "replace":
            prefix = len(os.path.commonprefix([removed, inserted]))
            while prefix and _word_char(removed[prefix - 1]):
                prefix -= 1  # never split a number or a Latin word: "2023" → "2031" whole
            suffix = len(os.path.commonprefix([removed[prefix:][::-1], inserted[prefix:][::-1]]))
            while suffix and _word_char(removed[len(removed) - suffix]):
                suffix -= 1
            add("=", removed[:prefix])
            add("-", removed[prefix:len(removed) - suffix])
            add("+", inserted[prefix:len(inserted) - suffix])
            add("=", removed[len(removed) - suffix:])
        elif op == "delete":
            add("-", removed)
        else:
            add("+", inserted)
    # Keep deletions before insertions at the same place, as a reader expects.
    return _merge(result)


def _word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _merge(parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    merged: list[tuple[str, str]] = []
    for op, text in parts:
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged


@dataclass
class RedlineBlock:
    """One aligned block of a redline: ``state`` is ``same``, ``changed``, ``added``, ``removed``."""

    kind: str
    anchor: str
    section: str
    state: str
    parts: list[tuple[str, str]]


def redline(old_text: str, new_text: str, language: str) -> list[RedlineBlock]:
    """Align the blocks of two snapshot bodies, then diff paired blocks inside.

    Blocks are aligned by their text (difflib over the block list); within a replaced run,
    blocks are paired in order while they are similar (ratio ≥ 0.4) so a one-word edit is
    shown inside its paragraph, never as a whole paragraph removed and added.
    """
    old_blocks, new_blocks = blocks(old_text), blocks(new_text)
    matcher = difflib.SequenceMatcher(None, [b.text for b in old_blocks], [b.text for b in new_blocks],
                                      autojunk=False)
    result: list[RedlineBlock] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for block in new_blocks[j1:j2]:
                result.append(RedlineBlock(block.kind, block.anchor, block.section, "same", [("=", block.text)]))
            continue
        olds, news = old_blocks[i1:i2], new_blocks[j1:j2]
        while olds or news:
            if olds and news and difflib.SequenceMatcher(None, olds[0].text, news[0].text).ratio() >= 0.4:
                old, new = olds.pop(0), news.pop(0)
                result.append(RedlineBlock(new.kind, new.anchor, new.section, "changed",
                                           inline_diff(old.text, new.text, language)))
            elif olds and (not news or len(olds) >= len(news)):
                old = olds.pop(0)
                result.append(RedlineBlock(old.kind, old.anchor, old.section, "removed", [("-", old.text)]))
            else:
                new = news.pop(0)
                result.append(RedlineBlock(new.kind, new.anchor, new.section, "added", [("+", new.text)]))
    return result


def changed_sections(lines: list[RedlineBlock], titles: dict[str, str]) -> list[tuple[str, str]]:
    """``[(anchor, title)]`` of the sections with a change, in order of the text."""
    seen: list[str] = []
    for block in lines:
        if block.state != "same" and block.section not in seen:
            seen.append(block.section)
    return [(anchor, titles.get(anchor, anchor)) for anchor in seen]


def section_titles(text: str) -> dict[str, str]:
    """Heading id → visible title, for the headings of a snapshot body."""
    return {block.anchor: block.text for block in blocks(text) if block.anchor}


def _flatten(value, prefix: str = "") -> dict[str, str]:
    if isinstance(value, dict):
        out: dict[str, str] = {}
        for key, item in value.items():
            out.update(_flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(value, list):
        return {prefix: "; ".join(str(_flatten(item).get("", item) if not isinstance(item, dict)
                                      else ", ".join(f"{v}" for v in _flatten(item).values()))
                                  for item in value)}
    return {prefix: "" if value is None else str(value)}


def inventory_changes(old: dict, new: dict, language: str) -> dict[str, list[dict]]:
    """Row-level diff of the two lists, by row id, for ``language``.

    Returns ``{"collected": [...], "shared": [...]}``; each item is ``{"id", "change":
    "added"|"removed"|"changed", "fields": [(field, old, new)]}`` (fields only for changed
    rows; ``pi_types`` and other lists are compared as a whole).
    """
    result: dict[str, list[dict]] = {}
    for table in ("collected", "shared"):
        before = {row["id"]: _flatten(core.localize(row, language)) for row in old.get(table, [])}
        after = {row["id"]: _flatten(core.localize(row, language)) for row in new.get(table, [])}
        rows = []
        for row_id in list(after) + [i for i in before if i not in after]:
            if row_id not in before:
                rows.append({"id": row_id, "change": "added", "fields": []})
            elif row_id not in after:
                rows.append({"id": row_id, "change": "removed", "fields": []})
            else:
                fields = [(key, before[row_id].get(key, ""), after[row_id].get(key, ""))
                          for key in list(after[row_id]) + [k for k in before[row_id] if k not in after[row_id]]
                          if before[row_id].get(key, "") != after[row_id].get(key, "")]
                if fields:
                    rows.append({"id": row_id, "change": "changed", "fields": fields})
        result[table] = rows
    return result


def load_snapshot(root: Path, version_id: str, language: str) -> str:
    """The policy text (body) of version ``version_id`` in ``language``."""
    return snapshot_body(core.read_text(snapshot_path(root, version_id, language), root))


def load_inventory_copy(root: Path, version_id: str) -> dict:
    """The inventory frozen with version ``version_id`` (``docs/archive/<id>/inventory.yml``)."""
    return core.load_yaml(root / ARCHIVE / version_id / "inventory.yml", root)


# --- terminal ------------------------------------------------------------------------------

def terminal_redline(root: Path, old_id: str, new_id: str, language: str = "zh") -> str:
    """The redline of two versions as text: changed blocks with ``[-old-]{+new+}`` marks.

    Only blocks that changed are shown, each under its section id; then the inventory rows.
    """
    old_text, new_text = load_snapshot(root, old_id, language), load_snapshot(root, new_id, language)
    lines = redline(old_text, new_text, language)
    out = [f"--- {old_id}", f"+++ {new_id}"]
    titles = section_titles(new_text)
    titles.update({k: v for k, v in section_titles(old_text).items() if k not in titles})
    current = None
    for block in lines:
        if block.state == "same":
            continue
        if block.section != current:
            current = block.section
            out.append(f"@@ {titles.get(current, current)} (#{current}) @@")
        marks = "".join(text if op == "=" else f"[-{text}-]" if op == "-" else f"{{+{text}+}}"
                        for op, text in block.parts)
        out.append(marks)
    changes = inventory_changes(load_inventory_copy(root, old_id), load_inventory_copy(root, new_id), language)
    for table, rows in changes.items():
        for row in rows:
            if row["change"] == "changed":
                for field, before, after in row["fields"]:
                    out.append(f"{table} {row['id']} {field}: [-{before}-]{{+{after}+}}")
            else:
                out.append(f"{table} {row['id']}: {row['change']}")
    return "\n".join(out) + "\n"


def add_arguments(parser, command: str) -> None:
    """Arguments of ``release`` and ``diff`` for ``hooks/policy.py``."""
    if command == "release":
        parser.add_argument("--effective", required=True, help="the date the version takes effect, YYYY-MM-DD (its id)")
        parser.add_argument("--summary-zh", default="", help="what changed, in Chinese")
        parser.add_argument("--summary-en", default="", help="what changed, in English")
        parser.add_argument("--updated", help="the date of the update, YYYY-MM-DD (default: today)")
    else:
        parser.add_argument("old", help="the older version id (YYYY-MM-DD)")
        parser.add_argument("new", help="the newer version id (YYYY-MM-DD)")
        parser.add_argument("--language", choices=core.LANGUAGES, default="zh")


def run(args, root: Path) -> int:
    """Run ``release`` or ``diff``; raise PolicyError for a user mistake."""
    if args.command == "release":
        last = core.load_versions(root)[-1]
        version, changed = release(root, args.effective, {"zh": args.summary_zh, "en": args.summary_en},
                                   args.updated, today=core.build_date())
        print(f"released {version.id}: {ARCHIVE}/{version.id}/ "
              f"(sha256 zh {version.sha256['zh'][:12]}…, en {version.sha256['en'][:12]}…)")
        for language in core.LANGUAGES:
            if language not in changed:
                print(f"policy.py release: note: the {language} text did not change since {last.id}; "
                      f"check that its translation was updated too", file=sys.stderr)
        return 0
    versions = core.load_versions(root)
    check_integrity(root, versions)  # a redline of an altered snapshot would be a false record
    ids = [version.id for version in versions]
    for value in (args.old, args.new):
        if value not in ids:
            raise core.PolicyError(f"version {value!r} is not released; expected one of {', '.join(ids)}")
    sys.stdout.write(terminal_redline(root, args.old, args.new, args.language))
    return 0
