"""What the benchmarks share: a copy of the shipped site, one with synthetic releases, one with the hooks off.

Imported by the scripts of ``bench/`` (which Python runs with ``bench/`` first on the path):
its name must not be one the project's code imports, so that no benchmark module shadows it
(``tests/test_bench.py`` checks).
"""

from __future__ import annotations

import datetime
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_FILES = ("mkdocs.yml", "docs", "data", "schemas", "overrides", "hooks")
if str(ROOT / "hooks") not in sys.path:
    sys.path.insert(0, str(ROOT / "hooks"))


def copy_site(target: Path) -> Path:
    """Copy what the build reads into ``target`` (created); return it."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SITE_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


def make_site(work: Path, releases: int) -> Path:
    """Copy the site into ``work`` and add ``releases`` synthetic releases after the shipped ones.

    Each release changes the reply time of section 七 (both languages) by one day and takes effect one day
    after the last, the first the day after the newest shipped release (release refuses a date in the
    past, so each is made on its own day). They lie in the future: build the copy with
    :func:`build_environment`.
    """
    from zhiqing.archive.release import release

    copy_site(work)
    contact, contact_en = work / "docs" / "contact.md", work / "docs" / "contact.en.md"
    text, text_en = contact.read_text(encoding="utf-8"), contact_en.read_text(encoding="utf-8")
    day = newest_release(work) + datetime.timedelta(days=1)
    for number in range(releases):
        text = text.replace(f"在 {15 + number} 天内", f"在 {16 + number} 天内")
        contact.write_text(text, encoding="utf-8")
        text_en = text_en.replace(f"within {15 + number} days", f"within {16 + number} days")
        contact_en.write_text(text_en, encoding="utf-8")  # the translation follows (release refuses otherwise)
        effective = (day + datetime.timedelta(days=number)).isoformat()
        release(work, effective, {"zh": f"答复期限改为 {16 + number} 天。",
                                  "en": f"Reply time changed to {16 + number} days."},
                updated=effective, today=day + datetime.timedelta(days=number))
    return work


def newest_release(work: Path) -> datetime.date:
    """The effective date of the newest release in ``work``'s ``data/versions.yml``."""
    import yaml

    versions = yaml.safe_load((work / "data" / "versions.yml").read_text(encoding="utf-8"))
    return datetime.date.fromisoformat(versions[-1]["effective"])


def build_environment(work: Path) -> dict[str, str]:
    """``SOURCE_DATE_EPOCH`` for building ``work`` on the day its newest release takes effect (12:00 UTC,
    the same day in Beijing): the build refuses a release updated after the build date, and
    :func:`make_site`'s releases lie in the future."""
    noon = datetime.datetime.combine(newest_release(work), datetime.time(12), tzinfo=datetime.timezone.utc)
    return {"SOURCE_DATE_EPOCH": str(int(noon.timestamp()))}


def plain_config(work: Path) -> Path:
    """mkdocs.yml with the hooks off (same theme, plugins and Markdown)."""
    text = (work / "mkdocs.yml").read_text(encoding="utf-8")
    start = text.index("hooks:\n")
    end = text.index("\n\n", start)
    plain = work / "mkdocs-plain.yml"
    plain.write_text(text[:start] + "hooks: []" + text[end:], encoding="utf-8")
    return plain
