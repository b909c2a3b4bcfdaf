"""Where each version stands on a day: in force, superseded or upcoming."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from zhiqing.data.model import Version


@dataclass(frozen=True)
class Status:
    """Where a version stands on a given day.

    ``state`` is ``in_force``, ``superseded`` or ``upcoming``; ``until`` the last day it
    is (or will be) in force, the day before the next version's effective date, or None;
    ``next`` and ``previous`` the neighbouring versions or None.
    """

    version: Version
    state: str
    until: datetime.date | None
    next: Version | None
    previous: Version | None


def statuses(versions: list[Version], today: datetime.date) -> list[Status]:
    """The status of every version on ``today`` (a ``datetime.date``), oldest first.

    A version is in force from its effective date (inclusive) until the day before the next
    version's effective date; before its effective date it is upcoming.
    """
    result = []
    for index, version in enumerate(versions):
        following = versions[index + 1] if index + 1 < len(versions) else None
        previous = versions[index - 1] if index else None
        until = following.effective - datetime.timedelta(days=1) if following else None
        if version.effective > today:
            state = "upcoming"
        elif following is not None and following.effective <= today:
            state = "superseded"
        else:
            state = "in_force"
        result.append(Status(version, state, until, following, previous))
    return result


def in_force(versions: list[Version], today: datetime.date) -> Version | None:
    """The version in force on ``today``, or None when every version is still upcoming."""
    return next((s.version for s in statuses(versions, today) if s.state == "in_force"), None)
