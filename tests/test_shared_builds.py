"""conftest.shared: a folder the session fixtures build is made once per run, whichever
pytest-xdist worker asks first, and made again only when making it failed."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest

from conftest import shared


class Factory:
    """What ``shared`` uses of pytest's ``tmp_path_factory``: the process's temporary folder."""

    def __init__(self, base: Path):
        base.mkdir(parents=True, exist_ok=True)
        self.base = base

    def getbasetemp(self) -> Path:
        return self.base


def test_a_shared_folder_is_made_once_and_again_after_a_failure(tmp_path, monkeypatch):
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    made: list[Path] = []

    def make(folder: Path) -> None:
        made.append(folder)
        (folder / "site").write_text("built", encoding="utf-8")

    assert shared(Factory(tmp_path), "real", make) == tmp_path / "shared-real"
    assert shared(Factory(tmp_path), "real", make) == tmp_path / "shared-real"
    assert made == [tmp_path / "shared-real"]

    def broken(folder: Path) -> None:
        (folder / "half-written").write_text("", encoding="utf-8")
        raise AssertionError("the build broke")

    with pytest.raises(AssertionError, match="^the build broke$"):
        shared(Factory(tmp_path), "subpath", broken)
    assert shared(Factory(tmp_path), "subpath", make) == tmp_path / "shared-subpath"
    assert sorted(path.name for path in (tmp_path / "shared-subpath").iterdir()) == ["site"]

    # A pytest-xdist worker's temporary folder is inside the session's: the folders are one level up.
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw1")
    assert shared(Factory(tmp_path / "popen-gw1"), "real", make) == tmp_path / "shared-real"
    assert made == [tmp_path / "shared-real", tmp_path / "shared-subpath"]


def _ask(base: str, log: str) -> None:
    """One worker: ask for the folder; making it takes a while and is written down in ``log``."""
    def make(folder: Path) -> None:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write("made\n")
        time.sleep(0.5)
        (folder / "site").write_text("built", encoding="utf-8")

    folder = shared(Factory(Path(base) / f"popen-{multiprocessing.current_process().name}"), "real", make)
    assert (folder / "site").read_text(encoding="utf-8") == "built"


def test_workers_asking_at_once_make_the_folder_once(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw0")
    log = tmp_path / "log"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_ask, args=(str(tmp_path), str(log)), name=f"gw{n}") for n in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert [worker.exitcode for worker in workers] == [0, 0, 0]
    assert log.read_text(encoding="utf-8") == "made\n"
