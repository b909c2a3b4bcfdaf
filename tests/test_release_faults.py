"""A release killed at any step, or run twice at once, leaves no release or a complete one.

The fault injection forks this process (the imports are warm), and the child runs
``policy.py release`` with the file-system calls it makes (``mkdtemp``, ``copyfile``,
``write_bytes``, ``write_text``, ``fsync``, ``replace``) counted: just before the N-th it sends
itself SIGKILL or SIGTERM. For every N and both signals the parent then checks what the next
build sees (loaded exactly as ``on_config`` does), what the next ``release`` says, and that
nothing visible changed unless the release is complete (``zhiqing/archive/journal.py``).
"""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import RELEASE_TODAY, copy_site, digest, load_as_build, policy_py, shipped_releases
from zhiqing.archive import journal

ARGS = ("release", "--effective", "2031-01-01", "--summary-zh", "答复期限改为 15 个工作日。",
        "--summary-en", "Reply within 15 working days.", "--updated", "2030-12-01")
STEPS = [(tempfile, "mkdtemp"), (shutil, "copyfile"), (Path, "write_bytes"), (Path, "write_text"),
         (os, "fsync"), (os, "replace")]
# The releases in data/versions.yml, which the test release 2031-01-01 follows; the URLs it adds:
# the cumulative redline from the release before, its own text and its redline, in both languages.
SHIPPED = shipped_releases()
NEW_URLS = [f"/archive/{SHIPPED[-1]}/since/", "/archive/2031-01-01/", "/archive/2031-01-01/changes/",
            f"/en/archive/{SHIPPED[-1]}/since/", "/en/archive/2031-01-01/", "/en/archive/2031-01-01/changes/"]


def edited_copy(folder: Path) -> Path:
    work = copy_site(folder)
    contact = work / "docs/contact.md"
    contact.write_text(contact.read_text(encoding="utf-8").replace("15 天内", "15 个工作日内"), encoding="utf-8")
    contact_en = work / "docs" / "contact.en.md"
    contact_en.write_text(contact_en.read_text(encoding="utf-8").replace("within 15 days", "within 15 working days"), encoding="utf-8")
    return work


def visible(tree: dict[str, str]) -> dict[str, str]:
    """A digest without hidden names (the build does not read or publish them)."""
    return {key: value for key, value in tree.items() if not any(part.startswith(".") for part in key.split("/"))}


def counting(kill_at: int | None, signum: int, counts: list[int]):
    """Patch STEPS so that each call counts, and the ``kill_at``-th first sends ``signum`` to this process."""
    counter = itertools.count(1)
    originals = []
    for owner, name in STEPS:
        original = getattr(owner, name)
        originals.append((owner, name, original))

        def wrapper(*args, _original=original, **kwargs):
            number = next(counter)
            counts[0] = number
            if number == kill_at:
                os.kill(os.getpid(), signum)
            return _original(*args, **kwargs)

        setattr(owner, name, wrapper)
    return originals


def steps_of_a_release(tmp_path: Path) -> int:
    """How many counted calls a release makes (run in this process, not killed)."""
    work = edited_copy(tmp_path / "count")
    counts = [0]
    originals = counting(None, 0, counts)
    try:
        result = policy_py(work, *ARGS, env=RELEASE_TODAY)
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)
    assert result.returncode == 0, result.stderr
    return counts[0]


def killed_release(work: Path, kill_at: int, signum: int) -> int:
    """Run the release in a child process killed before its ``kill_at``-th step; return the wait status."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 99
        try:
            counting(kill_at, signum, [0])
            code = policy_py(work, *ARGS, env=RELEASE_TODAY).returncode
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return status


# staging folder, inventory copy, 2 snapshots, 2 redline stubs, versions and ledger under
# temporary names, the journal (written, synced, renamed), 3 renames: 13 steps.
STEPS_OF_A_RELEASE = 13


def test_a_release_makes_the_steps_the_journal_orders(tmp_path):
    assert steps_of_a_release(tmp_path) == STEPS_OF_A_RELEASE


# One test per step and signal (the test above keeps the count exact), so that parallel workers share them.
@pytest.mark.parametrize("kill_at", range(1, STEPS_OF_A_RELEASE + 1), ids=lambda n: f"step-{n}")
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_release_killed_at_any_step_leaves_no_release_or_a_complete_one(tmp_path, signum, kill_at):
    os.umask(0o022)
    work = edited_copy(tmp_path / f"at-{kill_at}")
    before = visible(digest(work))
    status = killed_release(work, kill_at, signum)
    if signum == signal.SIGKILL:
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, kill_at
    else:
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 130, kill_at
    decided = (work / journal.JOURNAL).exists() or (work / "docs/archive/2031-01-01").exists()
    if not decided:
        assert visible(digest(work)) == before, f"killed at step {kill_at}: files changed without a release"
    # The next build: no release, or the complete one (a killed commit is completed first).
    state, _ = load_as_build(work, RELEASE_TODAY)
    released = [version.id for version in state.policy.versions]
    assert released == ([*SHIPPED, "2031-01-01"] if decided else SHIPPED), kill_at
    if decided:
        assert not (work / journal.JOURNAL).exists()
        assert state.published_urls[-6:] == NEW_URLS
        folder = work / "docs/archive/2031-01-01"
        assert sorted(path.name for path in folder.iterdir()) == [
            "changes.en.md", "changes.md", "index.en.md", "index.md", "inventory.yml"]
        assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    # The next release: it works, or says exactly why not; no temporary file is left.
    again = policy_py(work, *ARGS, env=RELEASE_TODAY)
    if decided:
        assert (again.returncode, again.stderr.strip()) == (
            1, "policy.py release: release refused: version 2031-01-01 exists already; "
               "expected a new effective date"), kill_at
    else:
        assert again.returncode == 0, f"killed at step {kill_at}: {again.stderr}"
        assert again.stdout.startswith("released 2031-01-01: docs/archive/2031-01-01/")
    assert sorted(path.name for path in (work / "data").iterdir() if path.name.startswith(".")) == [
        ".release.lock"], kill_at
    assert [path.name for path in (work / "docs/archive").iterdir() if path.name.startswith(".")] == []


def test_a_second_release_while_one_runs_is_refused(tmp_path):
    work = edited_copy(tmp_path / "site")
    before = digest(work)
    with journal.release_lock(work):
        result = policy_py(work, *ARGS, env=RELEASE_TODAY)
    assert (result.returncode, result.stderr.strip()) == (
        1, f"policy.py release: release refused: another release is running (process {os.getpid()}); "
           f"expected one release at a time: wait for it to end, then run release again")
    assert visible(digest(work)) == visible(before)


def test_two_releases_started_together_make_one(tmp_path):
    work = edited_copy(tmp_path / "site")
    environment = {**os.environ, **RELEASE_TODAY}
    processes = [subprocess.Popen([sys.executable, "hooks/policy.py", *ARGS[:2], day, *ARGS[3:7], "--updated",
                                   "2030-12-01"], cwd=work, env=environment, text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for day in ("2031-01-01", "2031-01-02")]
    outputs = [process.communicate() for process in processes]
    codes = sorted(process.returncode for process in processes)
    assert codes == [0, 1], outputs
    refused = next(err for (out, err), process in zip(outputs, processes) if process.returncode == 1)
    # Refused while the other runs, or after it: as a second release of the same text.
    assert refused.startswith(tuple(f"policy.py release: release refused: {start}" for start in (
        "another release is running", "the text is identical to the last release",
        "effective date 2031-01-01 is not after the last release 2031-01-02"))), refused
    state, _ = load_as_build(work, RELEASE_TODAY)
    assert [version.id for version in state.policy.versions][:-1] == SHIPPED
    assert len(state.policy.versions) == len(SHIPPED) + 1
