"""A release changes three places at once: made all-or-nothing by a lock, a journal and renames.

``release`` writes ``docs/archive/<id>/``, ``data/versions.yml`` and
``data/published-urls.txt``. No file system renames three things in one step, so:

1. **Lock.** One release at a time: ``data/.release.lock`` is held with ``flock`` (released by
   the kernel when the process ends, however it ends). A second ``release`` is refused.
2. **Prepare.** Every new file is written completely under a hidden temporary name
   (``docs/archive/.release-<id>-…/``, ``data/.versions-<id>.yml.tmp``,
   ``data/.published-urls-<id>.txt.tmp``). Killed here, nothing visible has changed: the build
   ignores hidden names, and the next ``release`` removes them (it holds the lock, so their
   writer is gone).
3. **Journal.** ``data/.release-journal.json`` lists the renames from temporary to final
   names; it is itself written under a temporary name and renamed, so it exists whole or not
   at all. From this instant the release is decided.
4. **Commit.** The renames, in order; then the journal is removed. SIGTERM and SIGINT are held
   back during these few renames. Killed outright here (SIGKILL, power loss), the next build or
   ``release`` completes the renames the journal lists before it reads anything
   (:func:`complete_interrupted`): every file they move was complete before the journal existed.

So any interruption leaves either no release or, once the next command has run, a complete one.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import logging
import os
import re
import shutil
import signal
import stat
from pathlib import Path

from zhiqing.data.files import read_text
from zhiqing.errors import PolicyError

log = logging.getLogger("mkdocs.hooks.zhiqing")

LOCK = "data/.release.lock"
JOURNAL = "data/.release-journal.json"


@contextlib.contextmanager
def release_lock(root: Path):
    """Hold the release lock of the repository at ``root`` for the ``with`` block.

    Raises PolicyError at once when another process holds it (a release is running).
    """
    path = root / LOCK
    _check_regular(root, LOCK)
    try:
        handle = open(path, "a+", encoding="ascii")
    except OSError as error:
        raise PolicyError(f"release refused: cannot open '{LOCK}' ({error.strerror}); expected the data folder "
                          f"to be writable") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise PolicyError(f"release refused: another release is running (process {holder}); "
                              f"expected one release at a time: wait for it to end, then run release again") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def _check_regular(root: Path, relative: str) -> bool:
    """True when ``relative`` exists as a regular file; PolicyError when it is anything else
    (a folder, a FIFO that would block the reader, a link); False when it does not exist."""
    path = root / relative
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(mode):
        raise PolicyError(f"Error reading '{relative}': it is not a regular file; expected the file release makes "
                          f"(remove it when no release is running)")
    return True


def release_running(root: Path) -> str | None:
    """The process id of a release holding the lock of ``root`` now, or None (nothing is created)."""
    if not _check_regular(root, LOCK):
        return None
    try:
        handle = open(root / LOCK, encoding="ascii")
    except OSError:
        return None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return handle.read().strip() or "another process"
        fcntl.flock(handle, fcntl.LOCK_UN)
    return None


def write_journal(root: Path, version_id: str, moves: list[tuple[Path, Path]]) -> None:
    """Record the renames that commit release ``version_id`` (paths under ``root``), atomically."""
    entries = [[source.relative_to(root).as_posix(), target.relative_to(root).as_posix()] for source, target in moves]
    temporary = root / f"{JOURNAL}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump({"release": version_id, "moves": entries}, handle, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, root / JOURNAL)


def expected_moves(version_id: str) -> list[tuple[str, str]]:
    """The renames that commit release ``version_id``: ``(source pattern, target)``, in order.

    The only moves a journal may list (:func:`read_journal`): a journal is a file in the
    repository, and one that named other paths would move any file of the machine into
    ``docs/`` and so into the site.
    """
    return [(rf"docs/archive/\.release-{version_id}-[A-Za-z0-9_]+", f"docs/archive/{version_id}"),
            (rf"data/\.versions-{version_id}\.yml\.tmp", "data/versions.yml"),
            (rf"data/\.published-urls-{version_id}\.txt\.tmp", "data/published-urls.txt")]


def read_journal(root: Path) -> tuple[str, list[tuple[str, str]]]:
    """The release id and the renames of ``data/.release-journal.json``, checked.

    Raises PolicyError naming the journal when it is not a regular file, not JSON of the form
    release writes, or lists any rename but those of :func:`expected_moves`.
    """
    _check_regular(root, JOURNAL)
    text = read_text(root / JOURNAL, root)
    refused = (f"Error reading '{JOURNAL}': it is not a journal release writes; expected the renames of one "
               f"release, or no journal (remove it if no release was interrupted)")
    try:
        journal = json.loads(text)
        version_id, moves = journal["release"], [tuple(move) for move in journal["moves"]]
    except (ValueError, KeyError, TypeError, RecursionError):
        raise PolicyError(refused) from None
    if not (isinstance(version_id, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", version_id)):
        raise PolicyError(refused)
    patterns = expected_moves(version_id)
    if len(moves) != len(patterns) or not all(
            len(move) == 2 and all(isinstance(part, str) for part in move)
            and re.fullmatch(pattern, move[0]) and move[1] == target
            for move, (pattern, target) in zip(moves, patterns)):
        raise PolicyError(refused)
    return version_id, moves


def commit(root: Path) -> None:
    """Carry out the journal's renames that are not done yet, then remove the journal.

    A rename is done when its source is gone and its target exists; doing the rest again is
    harmless, so this is what both the release and the recovery of a killed release run.
    """
    _, moves = read_journal(root)
    for source, target in moves:
        if (root / source).exists():
            os.replace(root / source, root / target)
    (root / JOURNAL).unlink()


@contextlib.contextmanager
def signals_held():
    """Hold SIGTERM and SIGINT back for the ``with`` block (delivered when it ends)."""
    held = {signal.SIGTERM, signal.SIGINT}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def complete_interrupted(root: Path, locked: bool = False) -> str | None:
    """Complete a release whose commit was interrupted (the journal exists); return its id.

    Run by the build and by every command before they read the data. Unless the caller
    holds the lock (``locked``), a release still running is refused first (PolicyError: wait
    for it), whether or not there is anything to complete. Returns None when there is
    nothing to complete.
    """
    if not locked:
        running = release_running(root)
        if running:
            raise PolicyError(f"a release is running (process {running}); expected to build or run a command "
                              f"after it ends, so as to see the release whole")
    if not _check_regular(root, JOURNAL):
        return None
    with contextlib.nullcontext() if locked else release_lock(root):
        if not _check_regular(root, JOURNAL):
            return None
        try:
            version_id = read_journal(root)[0]
            commit(root)
        except OSError as error:
            raise PolicyError(f"the release recorded in '{JOURNAL}' is decided but could not be completed: "
                              f"{error.strerror} ('{error.filename}'); expected that file to be writable: fix "
                              f"it, then run the build or any policy.py command again to complete the release") from None
    log.info(f"Completed the release {version_id}, which was interrupted after its files were written.")
    return version_id


def leftovers(root: Path) -> list[Path]:
    """The temporary files of releases that were killed before their journal (hidden names)."""
    archive = root / "docs" / "archive"
    found = sorted(archive.glob(".release-*")) if archive.is_dir() else []
    data = root / "data"
    found += sorted(data.glob(".versions-*.yml.tmp")) + sorted(data.glob(".published-urls-*.txt.tmp"))
    found += [path for path in (root / f"{JOURNAL}.tmp",) if path.exists()]
    return found


def remove_leftovers(root: Path) -> list[str]:
    """Remove :func:`leftovers` (call with the lock held: their writer is gone); return their names."""
    removed = []
    for path in leftovers(root):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path.relative_to(root).as_posix())
    return removed
