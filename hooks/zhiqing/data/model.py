"""The policy model shared by the hooks and the command line: load, validate, localize.

Follow the data: ``data/*.yml`` is read here once (:mod:`zhiqing.data.files`), checked
against the JSON Schemas in ``schemas/`` (:mod:`zhiqing.data.schemas`, the same schemas an
editor uses while the operator types), then checked for what a schema cannot say (dates
that exist and are in order, unique ids). Every problem is raised as
:class:`~zhiqing.errors.PolicyError` with one sentence naming the file, the row or key, what
was found and what was expected. Nothing in this module knows about MkDocs. WeChat's privacy
keys (``data/rules/wechat_keys.yml``), which the check and ``export wechat`` share, are read
here too (:func:`load_wechat_keys`).
"""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhiqing.data import dates
from zhiqing.data.files import load_yaml
from zhiqing.data.schemas import schema, validate
from zhiqing.errors import PolicyError
from zhiqing.languages import LANGUAGES

TABLES = ("collected", "shared")


@dataclass(frozen=True)
class Version:
    """One release of the policy (an entry of ``data/versions.yml``).

    ``effective`` and ``updated`` are ``datetime.date``; ``summary`` and ``sha256`` map a
    language code (``zh``, ``en``) to text; ``sha256`` is empty before the release is frozen.
    Optional, recorded from issue 12 on (an entry without them loads as before):
    ``translation_unchanged`` is True when the release changed the Chinese original and the
    operator released it with the English translation as it was (``--translation-unchanged``);
    ``notes`` maps a language to a longer explanation (``--notes-zh``/``--notes-en``), empty
    when none.
    """

    id: str
    effective: datetime.date
    updated: datetime.date
    summary: dict
    sha256: dict = field(default_factory=dict)
    translation_unchanged: bool = False
    notes: dict = field(default_factory=dict)


@dataclass
class Policy:
    """Everything the site is built from, loaded and validated.

    ``operator`` and ``inventory`` are the YAML as plain dicts (bilingual fields as
    ``{zh, en}``); ``versions`` is oldest first.
    """

    root: Path
    operator: dict
    inventory: dict
    versions: list[Version]

    @property
    def latest(self) -> Version:
        """The newest release: the one whose text the current pages show."""
        return self.versions[-1]

    @property
    def time_zone(self) -> datetime.tzinfo:
        """The zone the policy's dates are in (``time_zone`` of ``operator.yml``, default Asia/Shanghai)."""
        return time_zone(self.operator)


def parse_date(value: str, relative: str, where: str) -> datetime.date:
    """Parse an ISO ``YYYY-MM-DD`` string of a data file; raise PolicyError naming file and key otherwise."""
    try:
        return dates.parse_iso_date(value)
    except dates.DateError as error:
        if error.wrong_form:
            raise PolicyError(f"Error reading '{relative}': {where} is {value!r}, "
                              f"expected a date written YYYY-MM-DD") from None
        raise PolicyError(f"Error reading '{relative}': {where} is {value!r}, not a date (YYYY-MM-DD)") from None


def load_operator(root: Path) -> dict:
    """Load ``data/operator.yml``: the handler, product, audience and time zone (a dict).

    Raises PolicyError for YAML or schema problems (``schemas/operator.schema.json``) and for
    a ``time_zone`` that is not an IANA name (:func:`time_zone`).
    """
    relative = "data/operator.yml"
    data = load_yaml(root / relative, root)
    validate(data, schema(root, "operator"), relative)
    time_zone(data)
    return data


def load_inventory(root: Path) -> dict:
    """Load ``data/inventory.yml``: ``{"collected": [row...], "shared": [row...], "not_listed": [...]}``.

    Every row comes out as :func:`split_bases` makes it: each field its plain value (as the
    check and ``export wechat`` read it) and the marks in ``row["bases"]``. ``not_listed``
    is ``[]`` when the file has none.
    Raises PolicyError for YAML or schema problems and for a row id used twice.
    Whether each ``source`` (and ``clause``) anchor exists is checked by :func:`check_sources`,
    which needs the pages.
    """
    relative = "data/inventory.yml"
    data = load_yaml(root / relative, root)
    validate(data, schema(root, "inventory"), relative)
    seen: dict[str, str] = {}
    for table in TABLES:
        for number, row in enumerate(data[table], start=1):
            if row["id"] in seen:
                raise PolicyError(
                    f"Error reading '{relative}': {table} row {number} has id {row['id']!r}, "
                    f"already used by {seen[row['id']]}; expected a unique id"
                )
            seen[row["id"]] = f"{table} row {number}"
    return split_bases(data)


# --- what each value rests on ----------------------------------------------------------------
# A field of data/inventory.yml is stated (a plain value: the policy's words in the row's
# ``source`` clause), stated elsewhere ({value, basis: stated, clause}), assessed ({value,
# basis: assessed, reason}: a judgment, shown marked with its reason) or not stated (empty).
# schemas/inventory.schema.json describes the shapes.


def _is_marked(value: Any) -> bool:
    return isinstance(value, dict) and "value" in value and "basis" in value


def _mark(value: dict) -> dict:
    mark = {"basis": value["basis"]}
    if value.get("clause"):
        mark["clause"] = value["clause"]
    if value.get("reason") is not None:
        mark["reason"] = value["reason"]
    return mark


def split_bases(inventory: dict) -> dict:
    """The inventory with every marked value replaced by its plain value, the marks kept aside.

    ``inventory`` is ``data/inventory.yml`` as read (or a frozen copy of it). Returns a new
    dict of the same shape in which each row's fields hold plain values, as readers expect
    (``row["method"] == "wechat_api"``, ``pi["sensitive"] is True``), and each row has
    ``bases``: ``{path: mark}`` for the marked values only, ``path`` being the field
    (``"method"``) or a place in ``pi_types`` (``"pi_types.0.sensitive"`` of a collected row,
    ``"pi_types.1"`` of a shared one), ``mark`` ``{"basis": "assessed", "reason": {zh, en}}``
    or ``{"basis": "stated", "clause": "heading-id"}``. A plain or empty value has no entry:
    it is stated in the row's ``source``, or not stated. ``not_listed`` is ``[]`` when absent.
    Raises nothing: the schema has checked the shapes (a copy written before marks existed has none).
    """
    result = {key: value for key, value in inventory.items() if key not in TABLES}
    result["not_listed"] = list(inventory.get("not_listed") or [])
    for table in TABLES:
        rows = []
        for row in inventory.get(table) or []:
            bases: dict[str, dict] = {}
            plain_row = {}
            for key, value in row.items():
                if key == "pi_types" and isinstance(value, list):
                    plain_row[key] = [_split_pi(item, f"pi_types.{number}", bases) for number, item in enumerate(value)]
                elif _is_marked(value):
                    plain_row[key] = value["value"]
                    bases[key] = _mark(value)
                else:
                    plain_row[key] = value
            plain_row["bases"] = bases
            rows.append(plain_row)
        result[table] = rows
    return result


def _place(path: str) -> str:
    """A ``bases`` path as the schema's messages name it: ``purpose`` → ``key 'purpose.clause'``,
    ``pi_types.0.name`` → ``pi_types row 1 key 'name.clause'``, ``pi_types.1`` → ``pi_types row 2 key 'clause'``."""
    parts = path.split(".")
    if parts[0] == "pi_types" and len(parts) > 1:
        return f"pi_types row {int(parts[1]) + 1} key '{'.'.join(parts[2:] + ['clause'])}'"
    return f"key '{path}.clause'"


def _split_pi(item: Any, path: str, bases: dict[str, dict]) -> Any:
    """One ``pi_types`` item with its marks moved into ``bases`` (a shared row's item is itself
    a text, a collected row's item ``{name, sensitive}``)."""
    if _is_marked(item):
        bases[path] = _mark(item)
        return item["value"]
    if isinstance(item, dict) and "name" in item:
        plain = dict(item)
        for key in ("name", "sensitive"):
            if _is_marked(item.get(key)):
                plain[key] = item[key]["value"]
                bases[f"{path}.{key}"] = _mark(item[key])
        return plain
    return item


def time_zone(operator: dict) -> datetime.tzinfo:
    """The operator's time zone: ``time_zone`` of ``data/operator.yml``, else Asia/Shanghai.

    ``operator`` is the loaded file (a dict). The name must be one of the IANA tz database
    (:func:`zhiqing.data.dates.time_zone`); raises PolicyError naming the file and key otherwise.
    """
    name = operator.get("time_zone", dates.DEFAULT_TIME_ZONE)
    try:
        return dates.time_zone(name)
    except ValueError:
        raise PolicyError(f"Error reading 'data/operator.yml': key 'time_zone' is {name!r}, expected an IANA "
                          f"time zone name such as 'Asia/Shanghai'") from None


def build_date(operator: dict | None = None) -> datetime.date:
    """Today in the operator's zone (:func:`time_zone`; Asia/Shanghai when ``operator`` is None).

    The date of :func:`zhiqing.data.dates.build_date`: now, or the instant
    ``SOURCE_DATE_EPOCH``. A bad ``SOURCE_DATE_EPOCH`` or zone is a PolicyError.
    """
    zone = time_zone(operator or {})
    try:
        return dates.build_date(zone=zone)
    except ValueError as error:
        raise PolicyError(str(error)) from None


def load_versions(root: Path, today: datetime.date | None = None) -> list[Version]:
    """Load ``data/versions.yml`` into a list of :class:`Version`, oldest first.

    Beyond the schema: each ``id`` equals its ``effective`` date (the id is the date the
    version takes effect), ``updated`` is not after ``effective`` (GB/T 35273 / MIIT: the
    policy is updated before it takes effect) nor after ``today`` (the build date, default
    :func:`build_date` in Asia/Shanghai: a text cannot have been updated in the future; a typo in the year
    would otherwise be published), ids are unique and in increasing order.
    Raises PolicyError naming the entry and key.
    """
    relative = "data/versions.yml"
    today = today or build_date()
    data = load_yaml(root / relative, root)
    validate(data, schema(root, "versions"), relative)
    versions: list[Version] = []
    for number, entry in enumerate(data, start=1):
        label = f"entry {number} (id {entry['id']})"
        effective = parse_date(entry["effective"], relative, f"{label} key 'effective'")
        updated = parse_date(entry["updated"], relative, f"{label} key 'updated'")
        parse_date(entry["id"], relative, f"{label} key 'id'")
        if entry["id"] != entry["effective"]:
            raise PolicyError(
                f"Error reading '{relative}': {label} has effective {entry['effective']!r}, "
                f"expected the same date as its id"
            )
        if updated > effective:
            raise PolicyError(
                f"Error reading '{relative}': {label} has updated {entry['updated']!r} after effective "
                f"{entry['effective']!r}; expected an updated date on or before the effective date"
            )
        if updated > today:
            raise PolicyError(
                f"Error reading '{relative}': {label} key 'updated' is {entry['updated']!r}, after the build "
                f"date {today.isoformat()}; expected a date on or before the build date (today, or "
                f"SOURCE_DATE_EPOCH when set)"
            )
        if versions and effective <= versions[-1].effective:
            what = "is used twice" if effective == versions[-1].effective else "is out of order"
            raise PolicyError(
                f"Error reading '{relative}': {label} {what}; expected entries oldest first, "
                f"each effective after {versions[-1].id}"
            )
        versions.append(Version(entry["id"], effective, updated, dict(entry["summary"]),
                                dict(entry.get("sha256") or {}), bool(entry.get("translation_unchanged", False)),
                                dict(entry.get("notes") or {})))
    return versions


def localize(value: Any, language: str) -> Any:
    """Replace every ``{zh: ..., en: ...}`` in ``value`` by the text for ``language``.

    An empty translation stays empty (the check reports it); nothing falls back silently.
    """
    if isinstance(value, dict):
        if set(value) == set(LANGUAGES):
            return value[language]
        return {key: localize(item, language) for key, item in value.items()}
    if isinstance(value, list):
        return [localize(item, language) for item in value]
    return value


def check_sources(inventory: dict, ids: set[str]) -> None:
    """Raise PolicyError when a heading id of ``inventory`` (as :func:`load_inventory` returns it)
    is not one of the policy's ``ids``: a row's ``source``, a marked value's ``clause``
    (``key 'purpose.clause'``), a ``not_listed`` entry's ``source``."""
    def refuse(where: str, anchor: str) -> None:
        close = difflib.get_close_matches(anchor, sorted(ids), n=1) or sorted(ids)[:1] or ["collection"]
        raise PolicyError(f"Error reading 'data/inventory.yml': {where} is {anchor!r}, expected the id of a policy "
                          f"heading such as {close[0]!r}")

    for table in TABLES:
        for number, row in enumerate(inventory[table], start=1):
            if row["source"] not in ids:
                refuse(f"{table} row {number} (id {row['id']}) key 'source'", row["source"])
            for path, mark in (row.get("bases") or {}).items():
                if mark.get("clause") and mark["clause"] not in ids:
                    refuse(f"{table} row {number} (id {row['id']}) {_place(path)}", mark["clause"])
    for number, entry in enumerate(inventory.get("not_listed") or [], start=1):
        if entry["source"] not in ids:
            refuse(f"not_listed row {number} key 'source'", entry["source"])


# --- WeChat's privacy keys ----------------------------------------------------------------------
# ``data/rules/wechat_keys.yml`` (``schemas/wechat_keys.schema.json``) lists every ``privacy_key``
# of WeChat's 小程序用户隐私保护指引. Most name information a WeChat privacy interface collects
# (Location: ``wx.getLocation``, …); the ``self_collected`` ones (DeviceInfo, Email, EXIDNumber,
# EXOrderInfo, EXUserFollowAcct, EXUserOpLog, EXUserPublishContent) have no such interface: the
# mini program records or receives the information itself and the developer ticks the key.
# Source: WeChat 小程序用户隐私保护指引内容介绍 (the privacy interfaces of each kind of information).
# ``export wechat`` and the check's COL-06 both read it here.

WECHAT_KEYS_FILE = "data/rules/wechat_keys.yml"
# The collection methods (data/inventory.yml ``method``) a collected row with a privacy key may state.
INTERFACE_METHODS = ("wechat_api",)
SELF_COLLECTED_METHODS = ("auto_collect", "user_input", "wechat_api")


def load_wechat_keys(root: Path) -> dict[str, dict]:
    """The privacy keys of ``data/rules/wechat_keys.yml`` under ``root``.

    Returns ``{privacy_key: {"shown": str, "self_collected": bool}}`` in the file's order.
    Raises PolicyError naming the file and key for a YAML or schema problem.
    """
    data = load_yaml(root / WECHAT_KEYS_FILE, root)
    validate(data, schema(root, "wechat_keys"), WECHAT_KEYS_FILE)
    return data["keys"]


def self_collected_keys(root: Path) -> frozenset[str]:
    """The privacy keys the mini program collects itself (no WeChat privacy interface), e.g.
    ``{"DeviceInfo", "EXOrderInfo", …}``. Raises PolicyError as :func:`load_wechat_keys`."""
    return frozenset(key for key, entry in load_wechat_keys(root).items() if entry["self_collected"])


def collection_methods(key: str, self_collected: frozenset[str]) -> tuple[str, ...]:
    """The methods a collected row with the privacy key ``key`` may state (an empty method aside).

    ``wechat_api`` alone for a key a WeChat privacy interface collects; for a self-collected key
    (``self_collected``, from :func:`self_collected_keys`) also ``auto_collect`` (recorded by the
    mini program, e.g. 设备信息, 操作日志) and ``user_input`` (typed by the user, e.g. 邮箱,
    发布内容). Source: WeChat 小程序用户隐私保护指引内容介绍.
    """
    return SELF_COLLECTED_METHODS if key in self_collected else INTERFACE_METHODS

