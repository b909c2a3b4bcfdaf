"""The output folder: a successful build replaces what MkDocs' clean would, a failed one nothing.

The build writes into a hidden staging folder beside the output folder and swaps it in at the
end (``zhiqing/site/output_folder.py``); the failing builds themselves are in
``test_build_errors.py`` and ``test_bad_input.py`` (the tree is hashed before and after).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import deploy_folder, digest, mkdocs_build, problems
from zhiqing.errors import PolicyError
from zhiqing.site.output_folder import MARKER, check_output_folder, remove_leftovers

EPOCH = {"SOURCE_DATE_EPOCH": "1796083200"}  # 2026-12-01


def dead_pid() -> int:
    """The id of a process that has ended."""
    process = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(process.stdout)


@pytest.mark.build
def test_a_successful_build_keeps_dotfiles_and_cleans_a_killed_builds_leftover(site_copy, tmp_path):
    deploy = deploy_folder(tmp_path / "deploy")
    killed = tmp_path / ".deploy.building-killed1"  # what `kill -9` during a build leaves
    (killed / "index.html").parent.mkdir()
    (killed / "index.html").write_text("half", encoding="utf-8")
    (killed / MARKER).write_text(f"{dead_pid()}\n", encoding="ascii")
    foreign = tmp_path / ".deploy.building-notours"  # same name, no marker: not ours to remove
    foreign.mkdir()
    result = mkdocs_build(site_copy, "-d", str(deploy), env=EPOCH)
    assert result.returncode == 0, result.stderr
    assert problems(result) == []
    assert (deploy / ".git/HEAD").read_text(encoding="utf-8") == "ref: refs/heads/gh-pages\n"
    assert (deploy / ".well-known/security.txt").read_text(encoding="utf-8") == "Contact: x\n"
    assert not (deploy / "notes.txt").exists()  # MkDocs' own clean removes it too
    assert '<html lang="zh"' in (deploy / "index.html").read_text(encoding="utf-8")
    assert (deploy / "en/index.html").is_file() and (deploy / "policy.json").is_file()
    assert not (deploy / MARKER).exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == [".deploy.building-notours", "deploy", "site-src"]
    assert f"INFO    -  The site is in '{deploy}'." in result.stderr.splitlines()


@pytest.mark.parametrize("relative, message", [
    ("data", "site_dir 'data' would replace the repository's sources (data/) with the built site; "
             "expected site/ or a folder outside the repository"),
    ("hooks/out", "site_dir 'hooks/out' would replace the repository's sources (hooks/) with the built site; "
                  "expected site/ or a folder outside the repository"),
    (".", "site_dir '.' would replace the repository's sources (docs/) with the built site; "
          "expected site/ or a folder outside the repository"),
    ("mkdocs.yml", "site_dir 'mkdocs.yml' is a file; expected a folder for the built site "
                   "(site/ or a folder outside the repository)"),
])
def test_an_output_folder_holding_sources_is_refused(site_copy, monkeypatch, relative, message):
    monkeypatch.chdir(site_copy)
    with pytest.raises(PolicyError) as caught:
        check_output_folder(site_copy / relative, site_copy)
    assert str(caught.value) == message


def test_site_and_a_folder_outside_are_accepted(site_copy, tmp_path):
    check_output_folder(site_copy / "site", site_copy)
    check_output_folder(tmp_path / "deploy", site_copy)


def test_a_leftover_of_a_running_build_is_kept(tmp_path):
    running = tmp_path / ".site.building-running"
    running.mkdir()
    (running / MARKER).write_text("1\n", encoding="ascii")  # pid 1 runs as long as the machine
    assert remove_leftovers(tmp_path / "site") == []
    assert running.is_dir()


@pytest.mark.build
def test_the_build_refuses_an_output_folder_of_sources_and_changes_nothing(site_copy):
    before = sorted(path.name for path in (site_copy / "data").iterdir())
    result = mkdocs_build(site_copy, "-d", "data")
    assert result.returncode == 1
    assert problems(result) == ["ERROR   -  site_dir 'data' would replace the repository's sources (data/) with "
                                "the built site; expected site/ or a folder outside the repository"]
    assert sorted(path.name for path in (site_copy / "data").iterdir()) == before
    assert not list(site_copy.glob(".*building*"))


class Config:
    """What :class:`~zhiqing.build.Session` reads and writes of MkDocs' config."""

    def __init__(self, site_dir: Path):
        self.site_dir = str(site_dir)


@pytest.mark.parametrize("built, failed, kept", [(True, False, "new"), (False, False, "old"), (True, True, "old")],
                         ids=["succeeded", "interrupted", "failed-after-the-last-event"])
def test_the_session_swaps_only_a_build_that_succeeded_and_gives_gh_deploy_the_output_folder(
        tmp_path, built, failed, kept):
    from zhiqing.build import Session
    from zhiqing.site.output_folder import make_staging

    site = deploy_folder(tmp_path / "site")
    config = Config(site)
    session = Session(command="gh-deploy", config=config, site_dir=site, staging=make_staging(site))
    (session.staging / "index.html").write_text("<p>new</p>\n", encoding="utf-8")
    config.site_dir = str(session.staging)
    session.built, session.failed = built, failed
    session.finish()
    assert config.site_dir == str(site)  # gh-deploy publishes config.site_dir after on_shutdown
    if kept == "new":
        assert (site / "index.html").read_text(encoding="utf-8") == "<p>new</p>\n"
        assert not (site / "notes.txt").exists()
    else:
        assert (site / "index.html").read_text(encoding="utf-8") == "<p>an earlier build</p>\n"
        assert (site / "notes.txt").is_file()
    assert (site / ".git/HEAD").is_file()
    assert [path.name for path in tmp_path.iterdir()] == ["site"]


@pytest.mark.parametrize("fail_at", [1, 3, 4, 5], ids=["moving-old-first", "moving-old-last", "moving-new-first",
                                                        "moving-new-last"])
def test_a_swap_that_fails_midway_puts_the_old_site_back(tmp_path, monkeypatch, fail_at):
    import shutil as shutil_module

    from zhiqing.site import output_folder

    site = deploy_folder(tmp_path / "site")
    (site / "assets").mkdir()
    (site / "assets/a.css").write_text("old", encoding="utf-8")
    staging = output_folder.make_staging(site)
    for name in ("index.html", "en"):
        (staging / name).parent.mkdir(exist_ok=True)
    (staging / "index.html").write_text("<p>new</p>", encoding="utf-8")
    (staging / "en").mkdir()
    before = digest(site)
    moves = [0]
    original = shutil_module.move

    def failing_move(source, target):
        moves[0] += 1
        if moves[0] == fail_at:  # old: assets, index.html, notes.txt; new: en, index.html
            raise PermissionError(1, "Operation not permitted", str(source))
        return original(source, target)

    monkeypatch.setattr(output_folder.shutil, "move", failing_move)
    with pytest.raises(PolicyError) as caught:
        output_folder.publish(staging, site)
    failed = {1: site / "assets", 3: site / "notes.txt", 4: staging / "en", 5: staging / "index.html"}[fail_at]
    assert str(caught.value) == (f"The build succeeded but could not replace the contents of '{site}' (Operation not "
                                 f"permitted: '{failed}'); the old site is left as it was")
    assert digest(site) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


@pytest.mark.parametrize("phase", ["moving-old-aside", "moving-new-in"])
def test_a_swap_killed_midway_is_mended_by_the_next_build(tmp_path, phase):
    from zhiqing.site.output_folder import PHASE_NEW, remove_leftovers

    site = deploy_folder(tmp_path / "site")  # old: index.html, notes.txt
    staging = tmp_path / ".site.building-abc123"
    aside = tmp_path / ".site.replaced-abc123"
    for folder in (staging, aside):
        folder.mkdir()
        (folder / MARKER).write_text(f"{dead_pid()}\n", encoding="ascii")
    (staging / "index.html").write_text("<p>new</p>\n", encoding="utf-8")
    (staging / "policy.json").write_text("{}\n", encoding="utf-8")
    if phase == "moving-old-aside":  # killed after index.html went aside
        (site / "index.html").rename(aside / "index.html")
        expected = {"index.html": "<p>an earlier build</p>\n", "notes.txt": "the operator's file\n"}
    else:  # killed after every old entry went aside and policy.json came in
        (site / "index.html").rename(aside / "index.html")
        (site / "notes.txt").rename(aside / "notes.txt")
        (aside / PHASE_NEW).write_text("", encoding="ascii")
        (staging / "policy.json").rename(site / "policy.json")
        expected = {"index.html": "<p>new</p>\n", "policy.json": "{}\n"}
    assert sorted(path.name for path in remove_leftovers(site)) == [".site.building-abc123", ".site.replaced-abc123"]
    assert {path.name: path.read_text(encoding="utf-8") for path in site.iterdir() if path.is_file()} == expected
    assert (site / ".git/HEAD").is_file() and (site / ".well-known/security.txt").is_file()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]
