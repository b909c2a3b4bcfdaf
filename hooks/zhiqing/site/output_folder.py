"""Where a build writes: a fresh hidden folder beside the output folder, swapped in only on success.

``mkdocs build`` cleans its output folder first and writes page after page; a build that then
fails (a strict warning, a mistake found while rendering the English pages) would leave a
half-written site, and the earlier answer, removing the folder, destroyed what was in it (a
deploy checkout's ``.git/``, ``.well-known/``). Instead the build writes into
``<parent>/.<name>.building-XXXXXXXX/`` and, when it has succeeded, replaces the output
folder's contents with it, keeping the folder itself and its dotfiles as MkDocs' own clean
does. A failed or interrupted build removes only that hidden folder: the output folder keeps,
byte for byte, the last complete site (which may be older than the sources: the build's exit
status says whether it is current).

A build killed outright (``kill -9``) cannot clean up: the hidden folder carries a marker
with the process id, and the next build removes leftovers whose process is gone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from zhiqing.archive.journal import signals_held
from zhiqing.data.files import relative_path
from zhiqing.errors import PolicyError

MARKER = ".zhiqing-build"
# Written into the folder of the old entries once they are all aside: the new ones are going in.
PHASE_NEW = ".zhiqing-moving-new"
# The repository's own folders: a build into one of them would replace the sources with the site.
SOURCE_FOLDERS = ("docs", "data", "hooks", "overrides", "schemas", "tests", "bench", ".git", ".github", ".ci")


def is_inside(path: Path, folder: Path) -> bool:
    """True when ``path`` is ``folder`` or lies in it (both resolved)."""
    return path == folder or folder in path.parents


def check_output_folder(site_dir: Path, root: Path) -> None:
    """Refuse an output folder a successful build would destroy sources in.

    ``site_dir`` and ``root`` (the repository) are resolved here. Raises PolicyError when
    ``site_dir`` is a file, is the repository itself, or is, holds or lies inside one of
    :data:`SOURCE_FOLDERS` (``mkdocs build -d data`` would replace the data with the site).
    """
    site_dir, root = site_dir.resolve(), root.resolve()
    shown = relative_path(site_dir, root)
    if site_dir.exists() and not site_dir.is_dir():
        raise PolicyError(f"site_dir '{shown}' is a file; expected a folder for the built site "
                          f"(site/ or a folder outside the repository)")
    for name in SOURCE_FOLDERS:
        folder = root / name
        if site_dir == root or is_inside(site_dir, folder) or is_inside(folder, site_dir):
            raise PolicyError(f"site_dir '{shown}' would replace the repository's sources ({name}/) with the "
                              f"built site; expected site/ or a folder outside the repository")


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _dead(folder: Path) -> bool:
    """True when ``folder`` holds :data:`MARKER` naming a process that no longer runs."""
    try:
        pid = int((folder / MARKER).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return False
    return not _process_alive(pid)


def _move_entries(source: Path, target: Path) -> None:
    """Move the non-dot entries of ``source`` into ``target``, each one ``target`` lacks."""
    for entry in sorted(source.iterdir()):
        if not entry.name.startswith(".") and not (target / entry.name).exists():
            shutil.move(entry, target / entry.name)


def remove_leftovers(site_dir: Path) -> list[Path]:
    """Mend what builds of ``site_dir`` that were killed left behind; return the folders removed.

    A swap killed midway (:func:`publish`; ``kill -9`` only, as SIGTERM and SIGINT wait for
    it) left ``.<name>.replaced-<x>`` beside ``site_dir``: if it had started moving the new
    site in, the new site is completed from ``.<name>.building-<x>``, else the old entries
    are moved back. Then every ``.<name>.building-*`` of a process that is gone is removed.
    Only folders holding :data:`MARKER` with the id of a process that no longer runs are
    touched; anything else of those names is left alone.
    """
    removed = []
    for aside in sorted(site_dir.parent.glob(f".{site_dir.name}.replaced-*")):
        if not _dead(aside):
            continue
        staging = site_dir.parent / f".{site_dir.name}.building-{aside.name.rsplit('-', 1)[1]}"
        if (aside / PHASE_NEW).exists() and staging.is_dir():
            _move_entries(staging, site_dir)  # the build had succeeded: finish putting it in place
        else:
            _move_entries(aside, site_dir)  # the old site was being moved aside: put it back
        shutil.rmtree(aside, ignore_errors=True)
        removed.append(aside)
    for candidate in sorted(site_dir.parent.glob(f".{site_dir.name}.building-*")):
        if _dead(candidate):
            shutil.rmtree(candidate, ignore_errors=True)
            removed.append(candidate)
    return removed


def make_staging(site_dir: Path) -> Path:
    """Create and return the hidden folder a build of ``site_dir`` writes into (beside it).

    Raises PolicyError when the parent folder of ``site_dir`` cannot be written.
    """
    parent = site_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(site_dir)
        staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=parent))
        (staging / MARKER).write_text(f"{os.getpid()}\n", encoding="ascii")
    except OSError as error:
        raise PolicyError(f"cannot create the build folder beside site_dir '{site_dir}': {error.strerror}; "
                          f"expected a folder the build can write in") from None
    return staging


def publish(staging: Path, site_dir: Path) -> None:
    """Replace the contents of ``site_dir`` with those of ``staging`` (the build succeeded).

    What MkDocs' clean removes is replaced (every entry not starting with a dot); the folder
    itself and its dotfiles (``.git/``, ``.well-known/``) are kept, and the build's own dot
    entries (it makes none) are not published. The old entries are first moved aside into a
    hidden sibling folder; if a move fails or is interrupted, the new entries are taken out
    and the old ones put back before the error goes on, so the folder holds the old site or
    the new one, never a mix or neither. Raises PolicyError naming the output folder when the
    swap fails (and, should even the way back fail, where the old site was kept).
    ``site_dir`` is created (with the usual permissions) when it does not exist.
    """
    site_dir.mkdir(parents=True, exist_ok=True)
    old = sorted(entry for entry in site_dir.iterdir() if not entry.name.startswith("."))
    new = sorted(entry for entry in staging.iterdir() if not entry.name.startswith("."))
    aside = site_dir.parent / f".{site_dir.name}.replaced-{staging.name.rsplit('-', 1)[1]}"
    aside.mkdir()
    (aside / MARKER).write_text(f"{os.getpid()}\n", encoding="ascii")
    moved_aside: list[str] = []
    moved_in: list[Path] = []
    try:
        with signals_held():  # Ctrl-C and SIGTERM wait for the renames; kill -9: remove_leftovers
            for entry in old:
                shutil.move(entry, aside / entry.name)
                moved_aside.append(entry.name)
            (aside / PHASE_NEW).write_text("", encoding="ascii")
            for entry in new:
                shutil.move(entry, site_dir / entry.name)
                moved_in.append(site_dir / entry.name)
    except BaseException as error:
        try:
            for target in moved_in:
                shutil.rmtree(target) if target.is_dir() and not target.is_symlink() else target.unlink()
            for name in moved_aside:
                shutil.move(aside / name, site_dir / name)
        except OSError:
            raise PolicyError(f"The build succeeded but could not replace the contents of '{site_dir}' ({error}); "
                              f"putting the old site back failed too: it is kept in '{aside}'") from None
        shutil.rmtree(aside, ignore_errors=True)
        discard(staging)
        if isinstance(error, OSError):
            raise PolicyError(f"The build succeeded but could not replace the contents of '{site_dir}' "
                              f"({error.strerror}: '{error.filename}'); the old site is left as it was") from None
        raise
    shutil.rmtree(aside, ignore_errors=True)
    discard(staging)


def discard(staging: Path) -> None:
    """Remove the staging folder of a build that failed or was interrupted (only that folder)."""
    shutil.rmtree(staging, ignore_errors=True)
