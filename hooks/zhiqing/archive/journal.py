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
import shutil
import signal
from pathlib import Path

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


def release_running(root: Path) -> str | None:
    """The process id of a release holding the lock of ``root`` now, or None (nothing is created)."""
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


def commit(root: Path) -> None:
    """Carry out the journal's renames that are not done yet, then remove the journal.

    A rename is done when its source is gone and its target exists; doing the rest again is
    harmless, so this is what both the release and the recovery of a killed release run.
    """
    journal = json.loads((root / JOURNAL).read_text(encoding="utf-8"))
    for source, target in journal["moves"]:
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
    if not (root / JOURNAL).exists():
        return None
    with contextlib.nullcontext() if locked else release_lock(root):
        if not (root / JOURNAL).exists():
            return None
        try:
            version_id = json.loads((root / JOURNAL).read_text(encoding="utf-8"))["release"]
            commit(root)
        except OSError as error:
            raise PolicyError(f"the release recorded in '{JOURNAL}' is decided but could not be completed: "
                              f"{error.strerror} ('{error.filename}'); expected that file to be writable: fix "
                              f"it, then run the build or any policy.py command again to complete the release") from None
        except (ValueError, KeyError, TypeError) as error:
            raise PolicyError(f"Error reading '{JOURNAL}': {error}; expected the journal release writes "
                              f"(README, 'When a release is interrupted')") from None
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
