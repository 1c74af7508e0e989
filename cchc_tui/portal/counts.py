"""The counts behind each unit's 766 score, read from the portal's seven answers or from a
crawler `details_*` file, in one small typed shape the scoring and the levers work on.

Every value is checked on the way in: a wrong shape raises `CountsError` naming the place.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc_tui.portal.rules import CLGQ_PUBLISHED, METRIC_BY_CODE, ON_TIME, PAYMENT_FIELDS

SECTIONS = ("SERVICE_RESULTS", "TRANSPARENCY", "DIGITIZED", "PROGRESS", "ONLINE", "PAYMENT",
            "HANDLING_SATISFACTION")
# The sections that publish metric objects, and the group each scores.
_METRIC_SECTIONS = {"TRANSPARENCY": "CKMB", "DIGITIZED": "MDSH", "HANDLING_SATISFACTION": "MDHL"}
# The crawler's names for the groups and their component blocks.
_CRAWLER_GROUPS = {"CKMB": "CKMB", "TDGQ": "TDGQ", "ONLINE": "CLGQ", "TTTT": "TTTT",
                   "MDSH": "MDSH", "MDHL": "MDHL"}
_CRAWLER_BLOCKS = {"CKMB_CongKhaiMinhBach": "CKMB", "MDSH_SoHoaHoSo": "MDSH",
                   "MDHL_MucDoHaiLong": "MDHL"}
_RADAR = {"CKMB": "CKMB", "TDGQ": "TDGQ", "MDHL": "MDHL", "MDSH": "MDSH",
          "ONLINE_SERVICE": "CLGQ+TTTT"}


class CountsError(ValueError):
    """A capture that cannot be read: the message names the file and the place."""


@dataclass(slots=True)
class MetricCounts:
    code: str
    numerator: int | None
    denominator: int | None
    ratio: float | None          # as published
    score: float | None          # as published
    max: float
    name: str = ""               # as the portal wrote it
    section: str = ""            # the answer it came from


@dataclass(slots=True)
class UnitCounts:
    code: str
    name: str
    level: str                   # "province" | "agency" | "commune"
    parent: str | None = None
    department_id: str = ""
    metrics: dict[str, MetricCounts] = field(default_factory=dict)
    payment: dict[str, int | None] = field(default_factory=dict)
    progress: dict[str, int | None] = field(default_factory=dict)  # received, on time, overdue…
    groups_published: dict[str, float | None] = field(default_factory=dict)
    total_published: float | None = None
    radar_published: dict[str, float] = field(default_factory=dict)   # province only


@dataclass(slots=True)
class Capture:
    source: str                  # the file, as given
    kind: str                    # "answers" | "details"
    root: str | None             # the province's code
    units: dict[str, UnitCounts]


# ---- checked access -------------------------------------------------------------------------

def _obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise CountsError(f"{where}: expected an object, got {_kind(value)}")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise CountsError(f"{where}: expected a list, got {_kind(value)}")
    return value


def _count(obj: dict[str, Any], key: str, where: str) -> int | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) \
            or value < 0 or value != int(value):
        raise CountsError(f"{where}.{key}: expected a whole count ≥ 0, got {value!r}")
    return int(value)


def _number(obj: dict[str, Any], key: str, where: str) -> float | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise CountsError(f"{where}.{key}: expected a number, got {value!r}")
    return float(value)


def _text(obj: dict[str, Any], key: str, where: str, required: bool = True) -> str:
    value = obj.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value):
        raise CountsError(f"{where}.{key}: expected a text, got {value!r}")
    return value


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a text", type(None): "null"}.get(
        type(value), f"a {type(value).__name__}")


def _metrics(unit: dict[str, Any], where: str, section: str) -> dict[str, MetricCounts]:
    out: dict[str, MetricCounts] = {}
    for i, raw in enumerate(_list(unit.get("metrics"), f"{where}.metrics")):
        here = f"{where}.metrics[{i}]"
        item = _obj(raw, here)
        code = _text(item, "code", here)
        if code not in METRIC_BY_CODE:
            continue  # a metric the rules do not know yet is shown by nobody, scored by nobody
        out[code] = MetricCounts(code, _count(item, "numerator", here),
                                 _count(item, "denominator", here), _number(item, "ratio", here),
                                 _number(item, "score", here), _number(item, "maxScore", here)
                                 or METRIC_BY_CODE[code].max,
                                 _text(item, "name", here, required=False), section)
    return out


def _on_time(obj: dict[str, Any], where: str, score_key: str, section: str) -> MetricCounts:
    return MetricCounts(ON_TIME, _count(obj, "totalOnTime", where),
                        _count(obj, "totalReceived", where), _number(obj, "ratio", where),
                        _number(obj, score_key, where), METRIC_BY_CODE[ON_TIME].max, "", section)


_PROGRESS_FIELDS = ("totalReceived", "totalOnTime", "totalOverdue", "totalCompleted")


def _progress(obj: dict[str, Any], where: str) -> dict[str, int | None]:
    return {name: _count(obj, name, where) for name in _PROGRESS_FIELDS if name in obj}


def _payment(obj: dict[str, Any], where: str) -> dict[str, int | None]:
    return {name: _count(obj, name, where) for name in PAYMENT_FIELDS}


# ---- the seven answers ------------------------------------------------------------------------

def _data(answers: dict[str, Any], section: str) -> dict[str, Any]:
    if section not in answers:
        raise CountsError(f"{section}: missing (the capture needs all seven answers: "
                          f"{', '.join(SECTIONS)})")
    envelope = _obj(answers[section], section)
    return _obj(envelope.get("data"), f"{section}.data")


def counts_from_answers(answers: dict[str, Any]) -> dict[str, UnitCounts]:
    """Every unit of one capture of the seven answers, the province first, keyed by code."""
    data = {s: _data(answers, s) for s in SECTIONS}
    where = "PROGRESS.data.parent"
    parent = _obj(data["PROGRESS"].get("parent"), where)
    root_id = _text(parent, "departmentId", where)
    root = UnitCounts(_text(parent, "departmentCode", where),
                      _text(parent, "departmentName", where), "province", None, root_id)
    by_id: dict[str, UnitCounts] = {root_id: root}
    children = _list(data["PROGRESS"].get("children"), "PROGRESS.data.children")
    for i, raw in enumerate(children):
        here = f"PROGRESS.data.children[{i}]"
        item = _obj(raw, here)
        uid = _text(item, "departmentId", here)
        # the progress tree says PROVINCE for the province's agencies; service-results refines
        level = "agency" if item.get("level") == "PROVINCE" else "commune"
        by_id[uid] = UnitCounts(_text(item, "departmentCode", here),
                                _text(item, "departmentName", here), level, root.code, uid)
    for section, (where, item) in _items(data):
        unit = by_id.get(_text(item, "departmentId", where))
        if unit is None:
            continue  # a unit only some answers list: nothing to score it with
        _fill(unit, section, item, where)
    return {u.code: u for u in sorted(by_id.values(), key=lambda u: (u.parent is not None, u.code))}


def _items(data: dict[str, dict[str, Any]]) -> list[tuple[str, tuple[str, dict[str, Any]]]]:
    """(section, (place, object)) for the province's and every child's object of each answer."""
    out: list[tuple[str, tuple[str, dict[str, Any]]]] = []
    for section in SECTIONS:
        body = data[section]
        head, rows = (("overview", "evaluation") if section in _METRIC_SECTIONS
                      or section == "SERVICE_RESULTS" else ("parent", "children"))
        if section != "SERVICE_RESULTS":  # its overview has no departmentId (joined below)
            where = f"{section}.data.{head}"
            out.append((section, (where, _obj(body.get(head), where))))
        for i, raw in enumerate(_list(body.get(rows), f"{section}.data.{rows}")):
            where = f"{section}.data.{rows}[{i}]"
            out.append((section, (where, _obj(raw, where))))
    overview = _obj(data["SERVICE_RESULTS"].get("overview"), "SERVICE_RESULTS.data.overview")
    parent = data["PROGRESS"]["parent"]
    root = dict(overview, departmentId=parent["departmentId"], radar=data["SERVICE_RESULTS"].get(
        "radar"))
    out.append(("SERVICE_RESULTS", ("SERVICE_RESULTS.data.overview", root)))
    return out


def _fill(unit: UnitCounts, section: str, item: dict[str, Any], where: str) -> None:
    if section in _METRIC_SECTIONS:
        unit.metrics.update(_metrics(item, where, section))
        unit.groups_published[_METRIC_SECTIONS[section]] = _number(item, "totalScore", where)
    elif section == "PROGRESS":
        score_key = "totalScore" if unit.level == "province" else "score"
        unit.metrics[ON_TIME] = _on_time(item, where, score_key, section)
        unit.progress = _progress(item, where)
        unit.groups_published["TDGQ"] = unit.metrics[ON_TIME].score
    elif section == "ONLINE":
        score = _number(item, "totalScore", where)
        unit.groups_published["CLGQ"] = score
        unit.metrics[CLGQ_PUBLISHED] = MetricCounts(CLGQ_PUBLISHED, None, None,
                                                    _number(item, "ratio", where), score, 12.0,
                                                    "", section)
    elif section == "PAYMENT":
        unit.payment = _payment(item, where)
        unit.groups_published["TTTT"] = _number(item, "totalScore", where)
    elif section == "SERVICE_RESULTS":
        unit.total_published = _number(item, "totalScore", where)
        group = item.get("childGroup")
        if unit.level != "province" and group in ("AGENCY", "COMMUNE"):
            unit.level = group.lower()
        if item.get("radar") is not None:
            for i, raw in enumerate(_list(item["radar"], "SERVICE_RESULTS.data.radar")):
                here = f"SERVICE_RESULTS.data.radar[{i}]"
                entry = _obj(raw, here)
                code, score = entry.get("code"), _number(entry, "score", here)
                if code in _RADAR and score is not None:
                    unit.radar_published[_RADAR[code]] = score


# ---- a crawler details file -------------------------------------------------------------------

def counts_from_details(doc: dict[str, Any]) -> dict[str, UnitCounts]:
    """Every unit of a crawler `details_*` / `agencies_detail_*` file, keyed by code.

    These files keep the portal's metric objects, the progress counts and four of the six
    payment fields; the province itself comes with scores only and is left out."""
    key = next((k for k in ("unitsDetail", "agenciesDetail", "communesDetail") if k in doc), None)
    if key is None:
        raise CountsError("expected the seven answers (SERVICE_RESULTS, …) or a crawler details "
                          "file (unitsDetail / agenciesDetail), found keys: "
                          + ", ".join(sorted(map(str, doc))[:8]))
    meta = doc.get("metadata")
    parent = meta.get("provinceCode") if isinstance(meta, dict) else None
    units: dict[str, UnitCounts] = {}
    for i, raw in enumerate(_list(doc[key], key)):
        where = f"{key}[{i}]"
        item = _obj(raw, where)
        code = _text(item, "departmentCode", where)
        group = item.get("childGroup")
        unit = UnitCounts(code, _text(item, "departmentName", where),
                          group.lower() if group in ("AGENCY", "COMMUNE") else "commune",
                          parent if isinstance(parent, str) else None,
                          _text(item, "departmentId", where, required=False))
        unit.total_published = _number(item, "totalScore", where)
        scores = _obj(item.get("groupScores"), f"{where}.groupScores")
        for name, group_code in _CRAWLER_GROUPS.items():
            unit.groups_published[group_code] = _number(scores, name, f"{where}.groupScores")
        blocks = _obj(item.get("componentIndicators"), f"{where}.componentIndicators")
        for block, group_code in _CRAWLER_BLOCKS.items():
            if block in blocks:
                here = f"{where}.componentIndicators.{block}"
                unit.metrics.update(_metrics(_obj(blocks[block], here), here, group_code))
        if "TDGQ_TienDoGiaiQuyet" in blocks:
            here = f"{where}.componentIndicators.TDGQ_TienDoGiaiQuyet"
            progress = _obj(blocks["TDGQ_TienDoGiaiQuyet"], here)
            unit.metrics[ON_TIME] = _on_time(progress, here, "score", "TDGQ")
            unit.progress = _progress(progress, here)
        if "TTTT_ThanhToanTrucTuyen" in blocks:
            here = f"{where}.componentIndicators.TTTT_ThanhToanTrucTuyen"
            unit.payment = _payment(_obj(blocks["TTTT_ThanhToanTrucTuyen"], here), here)
        unit.metrics[CLGQ_PUBLISHED] = MetricCounts(CLGQ_PUBLISHED, None, None, None,
                                                    unit.groups_published["CLGQ"], 12.0, "",
                                                    "CLGQ")
        units[code] = unit
    return units


# ---- files ------------------------------------------------------------------------------------

def load_capture(path: Path | str) -> Capture:
    """Read one file: the seven answers of one capture, or a crawler details file."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CountsError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise CountsError(f"{name}: is a folder, expected a JSON file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CountsError(f"{name}: cannot be read ({exc})") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CountsError(f"{name}: not JSON (line {exc.lineno}, column {exc.colno}: "
                          f"{exc.msg})") from None
    if not isinstance(doc, dict):
        raise CountsError(f"{name}: expected a JSON object, got {_kind(doc)}")
    try:
        if any(s in doc for s in SECTIONS):
            units = counts_from_answers(doc)
            kind = "answers"
        else:
            units = counts_from_details(doc)
            kind = "details"
    except CountsError as exc:
        raise CountsError(f"{name}: {exc}") from None
    root = next((u.code for u in units.values() if u.level == "province"), None)
    if root is None:
        root = next((u.parent for u in units.values() if u.parent), None)
    return Capture(name, kind, root, units)
