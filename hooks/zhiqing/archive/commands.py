"""The archive's commands: ``python hooks/policy.py release`` and ``diff``."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from pathlib import Path

from zhiqing.archive.integrity import check_integrity
from zhiqing.archive.journal import JOURNAL
from zhiqing.archive.redline import terminal_redline
from zhiqing.archive.release import release
from zhiqing.archive.snapshot import ARCHIVE
from zhiqing.data.model import build_date, load_operator, load_versions
from zhiqing.errors import PolicyError
from zhiqing.languages import DEFAULT_LANGUAGE, LANGUAGES


@contextlib.contextmanager
def signals_as_exit():
    """SIGTERM ends the command as Ctrl-C does (an exception), so a release cleans up what it wrote."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set a handler (tests may run a command elsewhere)
        return

    def stop(number, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def add_release_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``release``."""
    parser.add_argument("--effective", required=True, help="the date the version takes effect, YYYY-MM-DD (its id)")
    parser.add_argument("--summary-zh", default="", help="what changed, in Chinese")
    parser.add_argument("--summary-en", default="", help="what changed, in English")
    parser.add_argument("--updated", help="the date of the update, YYYY-MM-DD (default: today)")
    parser.add_argument("--translation-unchanged", action="store_true",
                        help="release a change of the Chinese original whose English translation was not updated "
                             "(recorded in the release and shown on /archive/)")
    parser.add_argument("--notes-zh", default="", help="a longer explanation, in Chinese (shown on /archive/; "
                                                       "each line a paragraph)")
    parser.add_argument("--notes-en", default="", help="a longer explanation, in English")
    parser.add_argument("--dry-run", action="store_true",
                        help="print what would be released and the refusals it would meet; write nothing")
    parser.add_argument("--allow-uncommitted", action="store_true",
                        help="release although files of an earlier release are not committed to Git yet")


def run_release(args: argparse.Namespace, root: Path) -> int:
    """Release the current text; print where it went and a note for a language that did not change."""
    try:
        with signals_as_exit():
            done = release(root, args.effective, {"zh": args.summary_zh, "en": args.summary_en},
                           args.updated, today=build_date(load_operator(root)),
                           translation_unchanged=args.translation_unchanged,
                           notes={"zh": args.notes_zh, "en": args.notes_en}, dry_run=args.dry_run,
                           allow_uncommitted=args.allow_uncommitted)
    except KeyboardInterrupt:
        # SIGINT or SIGTERM: before the journal nothing changed; the commit itself holds them back.
        decided = (root / ARCHIVE / args.effective).is_dir() or (root / JOURNAL).exists()
        print(f"policy.py release: interrupted; " + (
            f"{args.effective} was released completely (the signal came as the files were committed)" if decided
            else "nothing was released and the temporary files were removed"), file=sys.stderr)
        return 130
    version, changed, last = done.version, done.changed, done.last
    if args.dry_run:
        sys.stdout.write(done.preview)
        for refusal in done.refusals:
            print(f"policy.py release: {refusal}", file=sys.stderr)
        print(f"policy.py release: dry run: nothing was written" + (
            f"; the release would be refused ({len(done.refusals)})" if done.refusals else ""), file=sys.stderr)
        return 1 if done.refusals else 0
    if done.completed:
        print(f"policy.py release: completed the release {done.completed} first, which was interrupted after "
              f"its files were written", file=sys.stderr)
    for path in done.removed:
        print(f"policy.py release: removed '{path}', left by a release that was killed before it "
              f"was decided", file=sys.stderr)
    print(f"released {version.id}: {ARCHIVE}/{version.id}/ "
          f"(sha256 zh {version.sha256['zh'][:12]}…, en {version.sha256['en'][:12]}…)")
    if version.translation_unchanged:
        print(f"policy.py release: note: released with --translation-unchanged: the Chinese original changed "
              f"and the English translation was kept as it was (recorded in data/versions.yml)", file=sys.stderr)
    elif changed == ["en"]:
        print(f"policy.py release: note: only the English translation changed since {last.id}; the Chinese "
              f"original is as it was", file=sys.stderr)
    return 0


def add_diff_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``diff``."""
    parser.add_argument("old", help="the older version id (YYYY-MM-DD)")
    parser.add_argument("new", help="the newer version id (YYYY-MM-DD)")
    parser.add_argument("--language", choices=LANGUAGES, default=DEFAULT_LANGUAGE)


def run_diff(args: argparse.Namespace, root: Path) -> int:
    """Print the redline of two released versions."""
    versions = load_versions(root, build_date(load_operator(root)))
    check_integrity(root, versions)  # a redline of an altered snapshot would be a false record
    ids = [version.id for version in versions]
    for value in (args.old, args.new):
        if value not in ids:
            raise PolicyError(f"version {value!r} is not released; expected one of {', '.join(ids)}")
    sys.stdout.write(terminal_redline(root, args.old, args.new, args.language))
    return 0
