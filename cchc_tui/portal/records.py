"""The national portal's 766 answers as typed records: one per unit, every metric kept.

`Reader` gives typed access to parsed JSON and names the place of a bad value; the readers of
the raw answers (answers.py) and of the crawler's files (crawler.py) fill the same records.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cchc_tui.feed.json_feed import json_type
from cchc_tui.feed.raw import FeedError, FeedIssue

# Endpoint keys of a raw capture → (URL path under the evaluation API, 766 group).
ENDPOINTS: dict[str, tuple[str, str]] = {
    "SERVICE_RESULTS": ("service-results", ""),
    "TRANSPARENCY": ("transparency", "CKMB"),
    "DIGITIZED": ("dossier-digitized", "MDSH"),
    "PROGRESS": ("dvc-progress-tree", "TDGQ"),
    "ONLINE": ("provide-online-tree", "CLGQ"),
    "PAYMENT": ("formality-online-payment-tree", "TTTT"),
    "HANDLING_SATISFACTION": ("handling-satisfaction", "MDHL"),
}
GROUP_MAX: dict[str, float] = {"CKMB": 18, "TDGQ": 20, "CLGQ": 12, "TTTT": 10, "MDHL": 18,
                               "MDSH": 22}
# The service-results radar: four groups, and CLGQ + TTTT joined as ONLINE_SERVICE (22).
RADAR_CODES = ("CKMB", "TDGQ", "ONLINE_SERVICE", "MDHL", "MDSH")
# The national call and the crawler name CLGQ "ONLINE".
GROUP_ALIASES = {"ONLINE": "CLGQ"}
# Keys of an item that are identity or score, not counts.
_NOT_COUNTS = frozenset({"stt", "departmentId", "departmentName", "departmentCode",
                         "departmentType", "departmentLevel", "agencyLevel", "level", "childGroup",
                         "totalScore", "totalMaxScore", "score", "maxScore", "ratio", "scoreDelta",
                         "metrics", "ids", "groupScores", "rank", "groupRank"})
_COUNT_NAME = re.compile(r"^(total|channel)|(Count|Sum|Days)$")  # a string here is an error
_WHOLE = re.compile(r"^(total|channel)|(Count|Sum)$")  # counts of dossiers, procedures, …


@dataclass(frozen=True, slots=True)
class Metric:
    """One indicator object as the portal sends it."""

    code: str
    name: str
    numerator: float | None
    denominator: float | None
    ratio: float | None
    score: float | None
    max_score: float | None
    data_quality_status: str | None = None
    data_quality_message: str | None = None


@dataclass(frozen=True, slots=True)
class Group:
    """One unit's answer in one 766 group: its score, its indicators and the counts beside."""

    score: float | None
    max_score: float | None
    ratio: float | None  # as sent; for TTTT it is score × 10, not a payment rate
    change: float | None
    metrics: tuple[Metric, ...] = ()
    counts: Mapping[str, float | None] = field(default_factory=dict)

    def metric(self, code: str) -> Metric | None:
        return next((m for m in self.metrics if m.code == code), None)


@dataclass
class UnitRecord:
    """Everything the answers say about one unit, joined on departmentId."""

    department_id: str | None
    code: str | None
    name: str
    child_group: str | None = None  # AGENCY | COMMUNE (service-results with a root)
    portal_level: str | None = None  # PROVINCE | COMMUNE (tree endpoints)
    total: float | None = None
    total_change: float | None = None
    groups: dict[str, Group] = field(default_factory=dict)


@dataclass
class Capture:
    """One read of the portal for one root: the root's record and its children's."""

    origin: str
    root: UnitRecord
    children: list[UnitRecord]
    nation: bool  # the root is "Cả nước" (the national call)
    as_of: date | None = None  # the capture day, when the answer says it
    time_type: str | None = None  # year | quarter | month, when the answer says it
    year: int | None = None
    number: int | None = None  # the quarter or month
    donuts: dict[str, dict[str, float]] = field(default_factory=dict)  # ONLINE/OTHER, FULL/…
    radar: dict[str, float] = field(default_factory=dict)  # the root's group scores per
    # service-results, which may come from another moment than the group endpoints'
    monthly_score: list[tuple[int, float]] = field(default_factory=list)
    monthly_on_time: list[tuple[int, float]] = field(default_factory=list)
    warnings: list[FeedIssue] = field(default_factory=list)


class Reader:
    """Typed access to parsed JSON, raising FeedError with the place of a bad value."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.warnings: list[FeedIssue] = []

    def fail(self, where: str, message: str, kind: str = "", **args: str) -> FeedError:
        """A FeedError; with a `kind` (and its `args`) i18n words it in Vietnamese too."""
        return FeedError([FeedIssue(self.origin, where, message, "error", kind,
                                    tuple(args.items()))])

    def warn(self, where: str, message: str, kind: str = "", **args: str) -> None:
        self.warnings.append(FeedIssue(self.origin, where, message, "warning", kind,
                                       tuple(args.items())))

    def obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected an object, got {json_type(value)}",
                            "expected_object", type=json_type(value))
        return value

    def items(self, value: Any, where: str) -> list[dict[str, Any]]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(where, f"expected an array, got {json_type(value)}",
                            "expected_array", type=json_type(value))
        return [self.obj(v, f"{where}[{i}]") for i, v in enumerate(value)]

    def num(self, item: Mapping[str, Any], key: str, where: str) -> float | None:
        value = item.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"{where}.{key}", f"expected a number or null, got "
                                              f"{json_type(value)} {value!r}",
                            "expected_number_or_null", type=json_type(value), given=repr(value))
        return float(value)

    def count(self, item: Mapping[str, Any], key: str, where: str) -> float | None:
        """A count: a whole number ≥ 0, or null."""
        value = self.num(item, key, where)
        if value is not None and (value < 0 or not value.is_integer()):
            raise self.fail(f"{where}.{key}", f"expected a whole count ≥ 0 or null, got "
                                              f"{item[key]!r}", "metric_count",
                            given=repr(item[key]))
        return value

    def text(self, item: Mapping[str, Any], key: str, where: str) -> str | None:
        value = item.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(f"{where}.{key}", f"expected a string, got {json_type(value)}",
                            "expected_string", type=json_type(value))
        return value

    def counts(self, item: Mapping[str, Any], where: str) -> dict[str, float | None]:
        """Every count beside the scores (totalReceived, channelOnlineSum, authorityCount …)."""
        return {k: (self.count if _WHOLE.search(k) else self.num)(item, k, where)
                for k, v in item.items()
                if k not in _NOT_COUNTS and (not isinstance(v, str | dict | list)
                                             or _COUNT_NAME.search(k))}

    def metrics(self, item: Mapping[str, Any], where: str) -> tuple[Metric, ...]:
        out = []
        for i, m in enumerate(self.items(item.get("metrics"), f"{where}.metrics")):
            place = f"{where}.metrics[{i}]"
            code = self.text(m, "code", place)
            if not code:
                raise self.fail(place, "a metric without \"code\"", "metric_no_code")
            out.append(Metric(code, self.text(m, "name", place) or code,
                              self.count(m, "numerator", place),
                              self.count(m, "denominator", place),
                              self.num(m, "ratio", place), self.num(m, "score", place),
                              self.num(m, "maxScore", place),
                              self.text(m, "dataQualityStatus", place),
                              self.text(m, "dataQualityMessage", place)))
        return tuple(out)

    def group(self, item: Mapping[str, Any], where: str) -> Group:
        score = self.num(item, "totalScore", where)
        if score is None:
            score = self.num(item, "score", where)
        top = self.num(item, "totalMaxScore", where)
        if top is None:
            top = self.num(item, "maxScore", where)
        return Group(score, top, self.num(item, "ratio", where),
                     self.num(item, "scoreDelta", where), self.metrics(item, where),
                     self.counts(item, where))


def merge_identity(rec: UnitRecord, dept_id: str | None, code: str | None, name: str | None,
                   ) -> None:
    """Fill what the record lacks: each answer names a unit a little differently."""
    rec.department_id = rec.department_id or dept_id
    rec.code = rec.code or code
    rec.name = rec.name or (name or "")


def unit_record(r: Reader, item: Mapping[str, Any], where: str, units: dict[str, UnitRecord],
                ) -> UnitRecord:
    """The record of the unit `item` names, joined on departmentId (else its code)."""
    dept_id = r.text(item, "departmentId", where)
    code = r.text(item, "departmentCode", where)
    key = dept_id or code
    if not key:
        raise r.fail(where, "a unit without \"departmentId\" or \"departmentCode\"")
    rec = units.get(key)
    if rec is None:
        rec = units[key] = UnitRecord(dept_id, code, "")
    merge_identity(rec, dept_id, code, r.text(item, "departmentName", where))
    return rec


