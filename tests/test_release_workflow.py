"""Release for people (issue 12): the preview, uncommitted releases, summaries and notes, the cumulative redline."""

from __future__ import annotations

import subprocess

import pytest

from zhiqing.archive import redline
from zhiqing.archive.snapshot import load_inventory_copy, load_snapshot
from zhiqing.render.templates import Templates
from zhiqing.site import archive_pages
from conftest import NEWEST_RELEASE, RELEASE_TODAY, ROOT, digest, load_as_build, policy_py, shipped_releases

SUMMARY = ("--summary-zh", "答复期限改为 15 个工作日。", "--summary-en", "Reply within 15 working days.")


def edit(root, zh: tuple[str, str] | None = ("15 天内", "15 个工作日内"),
         en: tuple[str, str] | None = ("within 15 days", "within 15 working days")) -> None:
    """Replace text in section 七, in Chinese and (unless None) in English."""
    for name, change in (("contact.md", zh), ("contact.en.md", en)):
        if change:
            path = root / "docs" / name
            text = path.read_text(encoding="utf-8")
            assert change[0] in text
            path.write_text(text.replace(*change), encoding="utf-8")


def release(root, effective: str, *extra: str):
    return policy_py(root, "release", "--effective", effective, "--updated", "2030-12-01", *extra, env=RELEASE_TODAY)


# --- --dry-run ---------------------------------------------------------------------------------

def test_dry_run_prints_the_release_and_writes_nothing(site_copy):
    edit(site_copy)
    before = digest(site_copy)
    result = release(site_copy, "2031-01-01", *SUMMARY, "--dry-run")
    assert (result.returncode, result.stderr) == (0, "policy.py release: dry run: nothing was written\n")
    assert result.stdout == (
        f"would release 2031-01-01 (effective 2031-01-01, updated 2030-12-01) after {NEWEST_RELEASE}\n"
        "summary zh: 答复期限改为 15 个工作日。\n"
        "summary en: Reply within 15 working days.\n"
        f"--- {NEWEST_RELEASE} (zh)\n+++ 2031-01-01 (zh)\n"
        "@@ 七、如何联系我们 (#contact) @@\n"
        "您可以通过以下方式与我们联系，我们将在 15 [-天-]{+个工作日+}内答复您的请求；\n"
        f"--- {NEWEST_RELEASE} (en)\n+++ 2031-01-01 (en)\n"
        "@@ 7. How to contact us (#contact) @@\n"
        "You may contact us in the following ways, and we will reply to your request within 15 {+working +}days;\n")
    assert digest(site_copy) == before  # byte for byte: no lock, no journal, no snapshot


def test_dry_run_says_what_would_refuse_it(site_copy):
    edit(site_copy, en=None)
    before = digest(site_copy)
    result = release(site_copy, "2031-01-01", *SUMMARY, "--dry-run")
    assert result.returncode == 1
    assert result.stderr == (
        "policy.py release: release refused: the Chinese original changed but its English translation did not: "
        "docs/contact.md (docs/contact.en.md unchanged); expected the translation updated too, or "
        "--translation-unchanged to release the original with the translation as it was (recorded in the release)\n"
        "policy.py release: dry run: nothing was written; the release would be refused (1)\n")
    assert result.stdout.endswith(f"--- {NEWEST_RELEASE} (en)\n+++ 2031-01-01 (en)\n(no change)\n")
    assert digest(site_copy) == before


def test_dry_run_lists_every_refusal_with_the_preview(site_copy):
    edit(site_copy, en=None)
    before = digest(site_copy)
    result = release(site_copy, "2031-01-01", "--summary-zh", "改。", "--summary-en", "x" * 41, "--dry-run")
    assert result.returncode == 1
    refusals = [line for line in result.stderr.splitlines() if "release refused" in line]
    assert [line.split(": ", 3)[2][:39] for line in refusals] == [
        "--summary-en is 41 columns wide; expect", "the Chinese original changed but its En"]
    assert result.stderr.splitlines()[-1] == ("policy.py release: dry run: nothing was written; the release would be "
                                              "refused (2)")
    assert "@@ 七、如何联系我们 (#contact) @@" in result.stdout
    assert digest(site_copy) == before


def test_a_refusal_before_the_preview_is_the_release_refusal(site_copy):
    before = digest(site_copy)
    result = release(site_copy, "2031-01-01", *SUMMARY, "--dry-run")
    assert (result.returncode, result.stderr) == (1, "policy.py release: release refused: the text is identical to "
                                                     f"the last release {NEWEST_RELEASE}; expected an edit of the pages or of "
                                                     "data/ to release\n")
    assert digest(site_copy) == before


# --- a release not committed yet ------------------------------------------------------------------

def git(root, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.cn", *args], cwd=root, check=True,
                   capture_output=True)


def test_release_refuses_to_run_over_an_uncommitted_release(site_copy):
    git(site_copy, "init", "-q")
    git(site_copy, "add", "-A")
    git(site_copy, "commit", "-qm", "site")
    edit(site_copy)
    assert release(site_copy, "2031-01-01", *SUMMARY).returncode == 0
    edit(site_copy, ("您可以通过电话", "您可以通过电话或邮件"), ("You may contact us by telephone", "You may contact us by telephone or email"))
    before = digest(site_copy)
    refused = release(site_copy, "2031-02-01", "--summary-zh", "新增邮件。", "--summary-en", "Email added.")
    assert (refused.returncode, refused.stderr) == (1, (
        "policy.py release: release refused: files of an earlier release are not committed: data/versions.yml, "
        "docs/archive/2031-01-01/; expected them committed first (git add docs data && git commit), thrown "
        "away (README: \"Throwing away a release\"), or --allow-uncommitted to release on top of them\n"))
    assert digest(site_copy) == before
    allowed = release(site_copy, "2031-02-01", "--summary-zh", "新增邮件。", "--summary-en", "Email added.",
                      "--allow-uncommitted")
    assert allowed.returncode == 0, allowed.stderr


# --- summaries and notes ---------------------------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (("--summary-zh", "答复期限由十五天改为十五个工作日，并新增邮件联系方式。", "--summary-en", "x"),
     "release refused: --summary-zh is 54 columns wide; expected at most 40 (one line on a phone: 20 Chinese or 40 "
     "Latin characters), with the rest in --notes-zh"),
    (("--summary-zh", "改。", "--summary-en", "The reply time is now fifteen working days."),
     "release refused: --summary-en is 43 columns wide; expected at most 40 (one line on a phone: 20 Chinese or 40 "
     "Latin characters), with the rest in --notes-en"),
    (("--summary-zh", "改。", "--summary-en", "x", "--notes-zh", "说明。"),
     "release refused: --notes-zh is given but --notes-en is missing; expected the notes in both languages or in "
     "neither"),
    (("--summary-zh", "改。", "--summary-en", "x", "--notes-zh", "说明\x07。", "--notes-en", "y"),
     "release refused: --notes-zh holds the control character U+0007; expected text without control characters "
     "(tab and newline are allowed)"),
    (("--summary-zh", "改。", "--summary-en", "x", "--notes-zh", "说明。", "--notes-en", "\u200b"),
     "release refused: --notes-en holds only invisible characters ('\\u200b'); expected visible text"),
])
def test_summary_and_notes_refusals(site_copy, args, message):
    edit(site_copy)
    before = digest(site_copy)
    result = release(site_copy, "2031-01-01", *args)
    assert (result.returncode, result.stderr) == (1, f"policy.py release: {message}\n")
    assert digest(site_copy) == before


def test_notes_are_recorded_with_their_lines(site_copy):
    edit(site_copy)
    result = release(site_copy, "2031-01-01", *SUMMARY, "--notes-zh", "第一段。\n第二段。", "--notes-en", "First.\nSecond.")
    assert result.returncode == 0, result.stderr
    entry = (site_copy / "data/versions.yml").read_text(encoding="utf-8").split('- id: "2031-01-01"\n')[1]
    assert '  notes:\n    zh: "第一段。\\n第二段。"\n    en: "First.\\nSecond."\n  sha256:\n' in entry
    state, _ = load_as_build(site_copy, RELEASE_TODAY)  # the integrity check reads the notes back from the snapshot
    assert state.policy.latest.notes == {"zh": "第一段。\n第二段。", "en": "First.\nSecond."}
    html = archive_pages.archive_table(state, "archive/", "en")
    assert ('<td data-label="Summary of changes"><p>Reply within 15 working days.</p><details class="policy-notes">'
            '<summary>Notes</summary><p>First.</p><p>Second.</p></details></td>') in html


# --- the cumulative redline ---------------------------------------------------------------------------

def test_cumulative_redline_across_releases_is_the_diff_of_the_first_and_last(site_copy):
    """Two releases after the shipped ones: the redline since the first release compares it with the last."""
    edit(site_copy)
    assert release(site_copy, "2031-01-01", *SUMMARY).returncode == 0
    edit(site_copy, ("您可以通过电话", "您可以通过电话或邮件"), ("You may contact us by telephone", "You may contact us by telephone or email"))
    assert release(site_copy, "2031-02-01", "--summary-zh", "新增邮件。", "--summary-en", "Email added.").returncode == 0
    state, _ = load_as_build(site_copy, RELEASE_TODAY)
    macros = Templates(ROOT / "overrides").macros("policy/archive.html")
    for language in ("zh", "en"):
        first, last = load_snapshot(site_copy, "2023-11-01", language), load_snapshot(site_copy, "2031-02-01", language)
        blocks = redline.redline(first, last, language)
        titles = redline.section_titles(first) | redline.section_titles(last)
        expected = str(macros.redline(
            {"id": "2023-11-01", "effective": archive_pages.day(state.policy.versions[0].effective, language)},
            {"id": "2031-02-01", "effective": archive_pages.day(state.policy.versions[-1].effective, language)},
            redline.layout(blocks, titles),
            redline.inventory_changes(load_inventory_copy(site_copy, "2023-11-01"),
                                      load_inventory_copy(site_copy, "2031-02-01"), language), language))
        page = archive_pages.since_page(state, "2023-11-01", "archive/2023-11-01/since/", language, "x")
        assert page == expected
    zh = archive_pages.since_page(state, "2023-11-01", "archive/2023-11-01/since/", "zh", "x")
    assert '我们将在 15 <del>天</del><ins>个工作日</ins>内答复您的请求；</p>' in zh
    assert '<p id="change-2" class="policy-changed">您可以通过电话<ins>或邮件</ins>与我们联系；</p>' in zh
    step = archive_pages.since_page(state, "2031-01-01", "archive/2031-01-01/since/", "zh", "x")
    assert '<p>1 个章节中的 1 段有修改：</p>' in step
    assert [page[0] for page in archive_pages.since_pages(state, "en")] == [
        *(f"archive/{day}/since.en.md" for day in shipped_releases()), "archive/2031-01-01/since.en.md"]
