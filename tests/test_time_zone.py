"""The policy lives in China time: every "today" is the date in the operator's time zone.

A version effective 2027-01-01 takes effect at 00:00 in Beijing (2026-12-31T16:00Z), not eight
hours later at 00:00 UTC: the build's status of each version (the introduction's upcoming
notice, /archive/, /policy.json), ``release``'s default updated date and its refusals, and the
feeds' times all use the date in ``time_zone`` of data/operator.yml (Asia/Shanghai by default).
The edges are checked in-process with ``SOURCE_DATE_EPOCH`` as the instant: 23:59 on the day
before, 00:01 and 23:59 on the effective day.
"""

from __future__ import annotations

import datetime
import re
import shutil
import zoneinfo
from pathlib import Path

import pytest
import yaml

from conftest import NEWEST_RELEASE, ROOT, copy_site, load_as_build, policy_py, shipped_releases
from zhiqing.site import archive_pages, feeds
from zhiqing.site.manifest import manifest

# Instants (SOURCE_DATE_EPOCH), named by the time in Beijing.
BEIJING_2026_12_01_0700 = "1796079600"   # 2026-11-30T23:00:00Z: still 2026-11-30 in UTC
BEIJING_2026_12_31_2359 = "1798732740"   # 2026-12-31T15:59:00Z
BEIJING_2027_01_01_0001 = "1798732860"   # 2026-12-31T16:01:00Z: still 2026-12-31 in UTC
BEIJING_2027_01_01_0100 = "1798736400"   # 2026-12-31T17:00:00Z (the instant of issue 14)
BEIJING_2027_01_01_2359 = "1798819140"   # 2027-01-01T15:59:00Z


@pytest.fixture(scope="module")
def upcoming_2027(tmp_path_factory) -> Path:
    """A copy of the site with a release effective 2027-01-01, made at 07:00 Beijing on 2026-12-01."""
    work = copy_site(tmp_path_factory.mktemp("upcoming-2027"))
    contact = work / "docs" / "contact.md"
    contact.write_text(contact.read_text(encoding="utf-8").replace("15 天内", "15 个工作日内"), encoding="utf-8")
    contact_en = work / "docs" / "contact.en.md"
    contact_en.write_text(contact_en.read_text(encoding="utf-8").replace("within 15 days", "within 15 working days"), encoding="utf-8")
    at = {"SOURCE_DATE_EPOCH": BEIJING_2026_12_01_0700}
    refused = policy_py(work, "release", "--effective", "2027-01-01", "--updated", "2026-12-02",
                        "--summary-zh", "答复期限改为 15 个工作日。", "--summary-en", "Reply time: 15 working days.", env=at)
    assert (refused.returncode, refused.stderr) == (1, "policy.py release: release refused: updated date 2026-12-02 "
                                                       "is after today 2026-12-01; expected --updated on or before today\n")
    result = policy_py(work, "release", "--effective", "2027-01-01",
                       "--summary-zh", "答复期限改为 15 个工作日。", "--summary-en", "Reply time: 15 working days.", env=at)
    assert result.returncode == 0, f"{result.reproduce}\n{result.stderr}"
    return work


@pytest.mark.build
def test_release_at_7_in_beijing_stamps_that_day(upcoming_2027):
    entry = yaml.safe_load((upcoming_2027 / "data/versions.yml").read_text(encoding="utf-8"))[-1]
    assert (entry["id"], entry["effective"], entry["updated"]) == ("2027-01-01", "2027-01-01", "2026-12-01")


@pytest.mark.build
def test_release_accepts_today_in_beijing_as_updated(tmp_path):
    work = copy_site(tmp_path / "site")
    contact = work / "docs" / "contact.md"
    contact.write_text(contact.read_text(encoding="utf-8").replace("15 天内", "15 个工作日内"), encoding="utf-8")
    contact_en = work / "docs" / "contact.en.md"
    contact_en.write_text(contact_en.read_text(encoding="utf-8").replace("within 15 days", "within 15 working days"), encoding="utf-8")
    result = policy_py(work, "release", "--effective", "2027-01-01", "--updated", "2026-12-01",
                       "--summary-zh", "改。", "--summary-en", "Changed.", env={"SOURCE_DATE_EPOCH": BEIJING_2026_12_01_0700})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("released 2027-01-01: docs/archive/2027-01-01/")


UPCOMING_NOTICE = re.compile(r'<div class="admonition info policy-status"><p>.*<time datetime="2027-01-01">')


@pytest.mark.build
@pytest.mark.parametrize("instant, today, in_force, upcoming", [
    (BEIJING_2026_12_31_2359, "2026-12-31", NEWEST_RELEASE, "2027-01-01"),
    (BEIJING_2027_01_01_0001, "2027-01-01", "2027-01-01", None),
    (BEIJING_2027_01_01_0100, "2027-01-01", "2027-01-01", None),
    (BEIJING_2027_01_01_2359, "2027-01-01", "2027-01-01", None),
])
def test_the_effective_day_begins_at_midnight_in_beijing(upcoming_2027, instant, today, in_force, upcoming):
    state, warnings = load_as_build(upcoming_2027, {"SOURCE_DATE_EPOCH": instant})
    assert warnings == []
    assert state.today.isoformat() == today
    # The shipped releases before the newest were superseded by it; it is in force until 2027-01-01.
    assert {vid: status.state for vid, status in state.statuses.items()} == {
        **{vid: "superseded" for vid in shipped_releases()[:-1]},
        NEWEST_RELEASE: "in_force" if in_force == NEWEST_RELEASE else "superseded",
        "2027-01-01": "in_force" if in_force == "2027-01-01" else "upcoming"}
    data = manifest(state.policy.versions, state.today)
    assert (data["in_force"], data["upcoming"], data["generated"]) == (in_force, upcoming, today)
    # The introduction says the newest version is upcoming exactly while it is.
    intro = archive_pages.with_notices(state, "# 隐私政策 {#privacy-policy}\n", {"policy": "intro"}, "", "zh",
                                       "docs/index.md")
    assert bool(UPCOMING_NOTICE.search(intro)) == (upcoming is not None), intro


@pytest.mark.build
def test_another_time_zone_from_operator_yml(upcoming_2027, tmp_path):
    """At 00:01 in Beijing it is still 08:01 on 2026-12-31 in Los Angeles."""
    work = copy_site(tmp_path / "site")
    for name in ("docs", "data"):
        shutil.rmtree(work / name)
        shutil.copytree(upcoming_2027 / name, work / name)
    operator = work / "data/operator.yml"
    text = operator.read_text(encoding="utf-8")
    assert "time_zone: Asia/Shanghai" in text
    operator.write_text(text.replace("time_zone: Asia/Shanghai", "time_zone: America/Los_Angeles"), encoding="utf-8")
    state, _ = load_as_build(work, {"SOURCE_DATE_EPOCH": BEIJING_2027_01_01_0001})
    assert (state.today.isoformat(), state.in_force.id) == ("2026-12-31", NEWEST_RELEASE)
    assert state.policy.time_zone == zoneinfo.ZoneInfo("America/Los_Angeles")


def test_feed_times_are_midnight_in_beijing():
    from zhiqing.build import BuildState

    policy = BuildState.load(ROOT, today=datetime.date(2026, 12, 1)).policy
    xml = feeds.feed(policy.versions, "zh", "", "隐私政策", "隐私政策", policy.time_zone).decode("utf-8")
    assert "<updated>2023-11-01T00:00:00+08:00</updated>" in xml
    assert "<published>2023-11-01T00:00:00+08:00</published>" in xml


def test_the_shipped_time_zone_is_beijing():
    from zhiqing.data.model import load_operator, time_zone

    assert load_operator(ROOT)["time_zone"] == "Asia/Shanghai"
    assert time_zone({}) == zoneinfo.ZoneInfo("Asia/Shanghai")


def test_the_scheduled_build_runs_at_0005_in_beijing_as_its_comment_says():
    """The daily publish switches an upcoming version to in force: it must run just after midnight in China."""
    workflow = (ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    line = next(line for line in workflow.splitlines() if line.strip().startswith("- cron:"))
    match = re.fullmatch(r'\s*- cron: "(\d+) (\d+) \* \* \*"\s+# (\d\d):(\d\d) in Beijing \(UTC\+8\)', line)
    assert match, line
    minute, hour, said_hour, said_minute = map(int, match.groups())
    # GitHub Actions reads cron in UTC.
    run = datetime.datetime(2027, 1, 1, hour, minute, tzinfo=datetime.timezone.utc)
    beijing = run.astimezone(zoneinfo.ZoneInfo("Asia/Shanghai"))
    assert (beijing.hour, beijing.minute) == (said_hour, said_minute) == (0, 5)
