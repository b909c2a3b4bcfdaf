"""``/policy.json``: the machine-readable manifest apps read to decide whether to ask for re-consent."""

from __future__ import annotations

import datetime

from zhiqing.archive.status import in_force, statuses
from zhiqing.data.model import Version
from zhiqing.languages import LANGUAGES
from zhiqing.site.urls import site_address


def manifest(versions: list[Version], today: datetime.date, site_url: str = "") -> dict:
    """The ``/policy.json`` manifest (``schemas/policy.schema.json``) as a dict.

    ``in_force``/``upcoming`` are ids on ``today``; each version has its dates, ``until``
    (the day before the next effective date, or None), the summary, the URLs of its full
    text, of its redline (``changes``, null for the first) and of its cumulative redline to
    the newest release (``since``, null for the newest) per language (absolute under
    ``site_url`` when set, else relative to the site root), and the SHA-256 of each snapshot.
    An app whose user agreed to version X links ``since`` of X: everything changed since.
    """
    states = statuses(versions, today)
    upcoming = [s.version.id for s in states if s.state == "upcoming"]
    force = in_force(versions, today)
    entries = []
    for status in states:
        version = status.version
        entries.append({
            "id": version.id,
            "effective": version.effective.isoformat(),
            "updated": version.updated.isoformat(),
            "until": status.until.isoformat() if status.until else None,
            "status": status.state,
            "summary": dict(version.summary),
            "url": {language: site_address(site_url, language, f"archive/{version.id}/") for language in LANGUAGES},
            "changes": {language: (site_address(site_url, language, f"archive/{version.id}/changes/")
                                   if status.previous else None) for language in LANGUAGES},
            "since": {language: (site_address(site_url, language, f"archive/{version.id}/since/")
                                 if status.version is not versions[-1] else None) for language in LANGUAGES},
            "sha256": dict(version.sha256),
        })
    return {"schema": 1, "in_force": force.id if force else None, "upcoming": upcoming[0] if upcoming else None,
            "generated": today.isoformat(), "versions": entries}
