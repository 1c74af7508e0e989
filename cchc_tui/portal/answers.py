"""The national portal's 766 answers (dichvucong.gov.vn), read into typed records per unit.

Three shapes are read: the seven raw answers of one capture (one envelope
`{code, data, message}` per endpoint), a single service-results answer (the national call),
and the crawler's `details_*` / `agencies*` / `communes*` files, which re-assemble the same
answers per unit. Every problem is a FeedError naming the file and the JSON path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

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
# The crawler's names for the groups (details files) and the national call's.
_DETAIL_GROUPS = {"CKMB_CongKhaiMinhBach": "CKMB", "TDGQ_TienDoGiaiQuyet": "TDGQ",
                  "ONLINE_DichVuTrucTuyen": "CLGQ", "TTTT_ThanhToanTrucTuyen": "TTTT",
                  "MDHL_MucDoHaiLong": "MDHL", "MDSH_SoHoaHoSo": "MDSH"}
_GROUP_ALIASES = {"ONLINE": "CLGQ"}
# Keys of an item that are identity or score, not counts.
_NOT_COUNTS = frozenset({"stt", "departmentId", "departmentName", "departmentCode",
                         "departmentType", "departmentLevel", "agencyLevel", "level", "childGroup",
                         "totalScore", "totalMaxScore", "score", "maxScore", "ratio", "scoreDelta",
                         "metrics", "ids", "groupScores", "rank", "groupRank"})
_COUNT_NAME = re.compile(r"^(total|channel)|(Count|Sum|Days)$")  # a string here is an error
_DETAIL_LISTS = ("unitsDetail", "agenciesDetail", "communesDetail", "agencies", "communes")


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


class _Reader:
    """Typed access to parsed JSON, raising FeedError with the place of a bad value."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.warnings: list[FeedIssue] = []

    def fail(self, where: str, message: str) -> FeedError:
        return FeedError([FeedIssue(self.origin, where, message)])

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(FeedIssue(self.origin, where, message, "warning"))

    def obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected an object, got {_json_type(value)}")
        return value

    def items(self, value: Any, where: str) -> list[dict[str, Any]]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(where, f"expected an array, got {_json_type(value)}")
        return [self.obj(v, f"{where}[{i}]") for i, v in enumerate(value)]

    def num(self, item: Mapping[str, Any], key: str, where: str) -> float | None:
        value = item.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"{where}.{key}", f"expected a number or null, got "
                                              f"{_json_type(value)} {value!r}")
        return float(value)

    def text(self, item: Mapping[str, Any], key: str, where: str) -> str | None:
        value = item.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(f"{where}.{key}", f"expected a string, got {_json_type(value)}")
        return value

    def counts(self, item: Mapping[str, Any], where: str) -> dict[str, float | None]:
        """Every count beside the scores (totalReceived, channelOnlineSum, authorityCount …)."""
        return {k: self.num(item, k, where) for k, v in item.items()
                if k not in _NOT_COUNTS and (not isinstance(v, str | dict | list)
                                             or _COUNT_NAME.search(k))}

    def metrics(self, item: Mapping[str, Any], where: str) -> tuple[Metric, ...]:
        out = []
        for i, m in enumerate(self.items(item.get("metrics"), f"{where}.metrics")):
            place = f"{where}.metrics[{i}]"
            code = self.text(m, "code", place)
            if not code:
                raise self.fail(place, "a metric without \"code\"")
            out.append(Metric(code, self.text(m, "name", place) or code,
                              self.num(m, "numerator", place), self.num(m, "denominator", place),
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


# -- sniffing ---------------------------------------------------------------------------------
def kind_of(doc: Any) -> str | None:
    """"raw" (seven answers), "service-results" (one envelope) or "details"; None otherwise."""
    if not isinstance(doc, dict):
        return None
    if any((isinstance(doc.get(k), dict) and "data" in doc[k])
           or (isinstance(doc.get(k), list) and doc[k]) for k in ENDPOINTS):
        return "raw"  # one envelope per endpoint, or a list of its pages
    data = doc.get("data")
    if "code" in doc and isinstance(data, dict) and "evaluation" in data and "radar" in data:
        return "service-results"
    if isinstance(doc.get("metadata"), dict) and any(k in doc for k in _DETAIL_LISTS):
        return "details"
    return None


def read_capture(doc: Any, origin: str) -> Capture:
    """Any of the three shapes as one Capture; FeedError when it is none of them or broken."""
    kind = kind_of(doc)
    if kind == "raw":
        return read_raw(doc, origin)
    if kind == "service-results":  # one answer on its own: the others are not missing
        return read_raw({"SERVICE_RESULTS": doc}, origin, complete=False)
    if kind == "details":
        return read_details(doc, origin)
    raise FeedError([FeedIssue(origin, "$", "not a portal answer: expected the seven 766 answers "
                                            "(SERVICE_RESULTS, TRANSPARENCY, …), a "
                                            "service-results answer {code, data} or a crawler "
                                            "details file {metadata, unitsDetail}")])


# -- the raw answers ----------------------------------------------------------------------------
def _data(r: _Reader, doc: Mapping[str, Any], key: str) -> dict[str, Any] | None:
    if key not in doc:
        return None
    where = f"$.{key}"
    if isinstance(doc[key], list):  # the pages of one answer, saved one after the other
        envelope = merge_pages([r.obj(page, f"{where}[{i}]") for i, page in enumerate(doc[key])])
    else:
        envelope = r.obj(doc[key], where)
    code = envelope.get("code")
    if code not in ("OK", None) or "data" not in envelope:
        message = envelope.get("message")
        raise r.fail(where, f"the portal did not answer OK: code {code!r}, message {message!r}")
    if envelope["data"] is None:
        r.warn(f"{where}.data", "the portal answered with no data")
        return None
    return r.obj(envelope["data"], f"{where}.data")


def read_raw(doc: Mapping[str, Any], origin: str, *, complete: bool = True) -> Capture:
    """The answers of one capture; with `complete`, an absent endpoint is worth a warning."""
    r = _Reader(origin)
    units: dict[str, UnitRecord] = {}  # departmentId (or code) → record
    root = UnitRecord(None, None, "")
    cap = Capture(origin, root, [], nation=False)
    for key in ENDPOINTS:
        data = _data(r, doc, key)
        if data is None:
            if key not in doc and complete:
                r.warn("$", f"no {key} answer: its figures are left out")
            continue
        where = f"$.{key}.data"
        if key == "SERVICE_RESULTS":
            _service_results(r, data, where, cap, units)
        else:
            _group_answer(r, key, data, where, root, units)
    if root.code is None and root.department_id is None and not root.name:
        raise r.fail("$", "no answer names its unit (overview or parent)")
    cap.nation = root.code is None
    cap.children = list(units.values())
    cap.warnings = r.warnings
    return cap


def _merge_identity(rec: UnitRecord, dept_id: str | None, code: str | None, name: str | None,
                    ) -> None:
    rec.department_id = rec.department_id or dept_id
    rec.code = rec.code or code
    rec.name = rec.name or (name or "")


def _unit(r: _Reader, item: Mapping[str, Any], where: str, units: dict[str, UnitRecord],
          ) -> UnitRecord:
    dept_id = r.text(item, "departmentId", where)
    code = r.text(item, "departmentCode", where)
    key = dept_id or code
    if not key:
        raise r.fail(where, "a unit without \"departmentId\" or \"departmentCode\"")
    rec = units.get(key)
    if rec is None:
        rec = units[key] = UnitRecord(dept_id, code, "")
    _merge_identity(rec, dept_id, code, r.text(item, "departmentName", where))
    return rec


def _service_results(r: _Reader, data: Mapping[str, Any], where: str, cap: Capture,
                     units: dict[str, UnitRecord]) -> None:
    overview = r.obj(data.get("overview") or {}, f"{where}.overview")
    root = cap.root
    _merge_identity(root, None, r.text(overview, "departmentCode", f"{where}.overview"),
                    r.text(overview, "departmentName", f"{where}.overview"))
    root.total = r.num(overview, "totalScore", f"{where}.overview")
    for i, item in enumerate(r.items(data.get("radar"), f"{where}.radar")):
        place = f"{where}.radar[{i}]"
        code = r.text(item, "code", place)
        score = r.num(item, "score", place)
        if code in GROUP_MAX:  # replaced by the group endpoints' own, read after
            root.groups[code] = Group(score, r.num(item, "maxScore", place),
                                      r.num(item, "ratio", place), None)
            if score is not None:
                cap.radar[code] = score
    donuts = r.obj(data.get("donuts") or {}, f"{where}.donuts")
    for name in ("onlineDossier", "onlineProvision"):
        for i, item in enumerate(r.items(donuts.get(name), f"{where}.donuts.{name}")):
            place = f"{where}.donuts.{name}[{i}]"
            code = r.text(item, "code", place)
            value = r.num(item, "value", place)
            if code and value is not None:
                cap.donuts.setdefault(name, {})[code] = value
    cap.monthly_score = _chart(r, data.get("monthlyChart"), f"{where}.monthlyChart",
                               "averageScore")
    cap.monthly_on_time = _chart(r, data.get("dossierChart"), f"{where}.dossierChart",
                                 "onTimePct")
    for i, item in enumerate(r.items(data.get("evaluation"), f"{where}.evaluation")):
        place = f"{where}.evaluation[{i}]"
        rec = _unit(r, item, place, units)
        rec.total = r.num(item, "totalScore", place)
        rec.total_change = r.num(item, "scoreDelta", place)
        rec.child_group = r.text(item, "childGroup", place) or rec.child_group
        scores = item.get("groupScores")
        if scores is not None:  # the national call: scores only, maxima are fixed
            for code in r.obj(scores, f"{place}.groupScores"):
                group = _GROUP_ALIASES.get(code, code)
                if group in GROUP_MAX:
                    score = r.num(scores, code, f"{place}.groupScores")
                    rec.groups.setdefault(group, Group(score, GROUP_MAX[group], None, None))
    _check_pages(r, data, where, "evaluation")


def _chart(r: _Reader, value: Any, where: str, key: str) -> list[tuple[int, float]]:
    out = []
    for i, item in enumerate(r.items(value, where)):
        place = f"{where}[{i}]"
        month = r.text(item, "month", place) or r.text(item, "label", place)
        figure = r.num(item, key, place)
        if month is None or not month.isdigit() or not 1 <= int(month) <= 12:
            raise r.fail(place, f"expected a month 01–12, got {month!r}")
        if figure is not None:
            out.append((int(month), figure))
    return out


def _check_pages(r: _Reader, data: Mapping[str, Any], where: str, key: str) -> None:
    pages = data.get("pagination")
    if not isinstance(pages, dict):
        return
    total = r.num(pages, "total", f"{where}.pagination")
    have = len(data.get(key) or [])
    if total is not None and have < total:
        r.warn(f"{where}.pagination", f"{have} of {int(total)} units in this answer (one page "
                                      "of several): the others are left out")


def _group_answer(r: _Reader, key: str, data: Mapping[str, Any], where: str, root: UnitRecord,
                  units: dict[str, UnitRecord]) -> None:
    group = ENDPOINTS[key][1]
    head_key = "overview" if "overview" in data else "parent"
    if data.get(head_key) is not None:
        head = r.obj(data[head_key], f"{where}.{head_key}")
        place = f"{where}.{head_key}"
        _merge_identity(root, r.text(head, "departmentId", place),
                        r.text(head, "departmentCode", place),
                        r.text(head, "departmentName", place))
        root.groups[group] = r.group(head, place)
    list_key = "evaluation" if "evaluation" in data else "children"
    for i, item in enumerate(r.items(data.get(list_key), f"{where}.{list_key}")):
        place = f"{where}.{list_key}[{i}]"
        rec = _unit(r, item, place, units)
        rec.portal_level = r.text(item, "level", place) or rec.portal_level
        rec.groups[group] = r.group(item, place)
    _check_pages(r, data, where, list_key)


def merge_pages(pages: list[dict[str, Any]]) -> dict[str, Any]:
    """One envelope from the pages of a paginated answer: the lists of units concatenated."""
    first = dict(pages[0])
    data = dict(first.get("data") or {})
    for key in ("evaluation", "children"):
        if isinstance(data.get(key), list):
            data[key] = [item for page in pages
                         for item in ((page.get("data") or {}).get(key) or [])]
    first["data"] = data
    return first


# -- the crawler's details files ------------------------------------------------------------
def read_details(doc: Mapping[str, Any], origin: str) -> Capture:
    r = _Reader(origin)
    meta = r.obj(doc["metadata"], "$.metadata")
    root = UnitRecord(r.text(meta, "rootDepartmentId", "$.metadata"),
                      r.text(meta, "provinceCode", "$.metadata"),
                      r.text(meta, "province", "$.metadata") or "")
    overview = doc.get("overview")
    if overview is not None:
        ov = r.obj(overview, "$.overview")
        _merge_identity(root, None, r.text(ov, "departmentCode", "$.overview"),
                        r.text(ov, "departmentName", "$.overview"))
        root.total = r.num(ov, "totalScore", "$.overview")
        root.total_change = r.num(ov, "scoreDelta", "$.overview")
        scores = ov.get("groupScores")
        if isinstance(scores, dict):
            for code in scores:
                group = _GROUP_ALIASES.get(code, code)
                if group in GROUP_MAX:
                    root.groups[group] = Group(r.num(scores, code, "$.overview.groupScores"),
                                               GROUP_MAX[group], None, None)
    if not root.code:
        raise r.fail("$.metadata", "missing \"provinceCode\": the file does not say whose "
                                   "figures these are")
    cap = Capture(origin, root, [], nation=False, as_of=_metadata_day(r, meta),
                  time_type=r.text(meta, "timeType", "$.metadata"))
    year = r.num(meta, "year", "$.metadata")
    cap.year = int(year) if year is not None else None
    period = meta.get("period")
    cap.number = int(period) if isinstance(period, int) and not isinstance(period, bool) else None
    units: dict[str, UnitRecord] = {}
    for list_key in _DETAIL_LISTS:
        for i, item in enumerate(r.items(doc.get(list_key), f"$.{list_key}")):
            place = f"$.{list_key}[{i}]"
            rec = _unit(r, item, place, units)
            rec.child_group = r.text(item, "childGroup", place) or rec.child_group
            rec.total = r.num(item, "totalScore", place)
            rec.total_change = r.num(item, "scoreDelta", place)
            _detail_groups(r, item, place, rec)
    total = doc.get("totalUnitsCount")
    if isinstance(total, int) and len(units) < total:
        r.warn("$.totalUnitsCount", f"{len(units)} of {total} units in this file (an excerpt?)")
    cap.children = list(units.values())
    cap.warnings = r.warnings
    return cap


def _detail_groups(r: _Reader, item: Mapping[str, Any], where: str, rec: UnitRecord) -> None:
    scores = item.get("groupScores")
    if isinstance(scores, dict):
        for code in scores:
            group = _GROUP_ALIASES.get(code, code)
            if group in GROUP_MAX:
                rec.groups[group] = Group(r.num(scores, code, f"{where}.groupScores"),
                                          GROUP_MAX[group], None, None)
    parts = item.get("componentIndicators")
    if parts is None:
        return
    parts = r.obj(parts, f"{where}.componentIndicators")
    for name, part in parts.items():
        group = _DETAIL_GROUPS.get(name)
        if group is not None:
            place = f"{where}.componentIndicators.{name}"
            rec.groups[group] = r.group(r.obj(part, place), place)


_DDMMYYYY = re.compile(r"(?<!\d)(\d{8})(?!\d)")


def _metadata_day(r: _Reader, meta: Mapping[str, Any]) -> date | None:
    stamp = r.text(meta, "extractedAt", "$.metadata")
    if stamp:
        try:
            return datetime.fromisoformat(stamp.replace("Z", "+00:00")).date()
        except ValueError:
            r.warn("$.metadata.extractedAt", f"not a date and time: {stamp!r}")
    return day_in_name(r.text(meta, "runDateStr", "$.metadata") or "")


def day_in_name(name: str) -> date | None:
    """The capture day a crawler wrote into a name: ddmmyyyy (10102026) or yyyymmdd."""
    for digits in reversed(_DDMMYYYY.findall(name)):
        for day, month, year in ((digits[:2], digits[2:4], digits[4:]),
                                 (digits[6:], digits[4:6], digits[:4])):
            try:
                found = date(int(year), int(month), int(day))
            except ValueError:
                continue
            if 2000 <= found.year <= 2100:
                return found
    return None


_TIME_IN_NAME = re.compile(r"(?<![a-z])(year|quarter|month)_(\d{4})(?:_(\d{1,2})(?!\d{6}))?")


def time_in_name(name: str) -> tuple[str, int, int | None] | None:
    """("year", 2026, None) from "raw_GiaLai_detail_year_2026_10102026.json"."""
    m = _TIME_IN_NAME.search(name.lower())
    if not m:
        return None
    return m.group(1), int(m.group(2)), int(m.group(3)) if m.group(3) else None


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"
