"""The crawler's own files (duynghiaqn/Crawler-766): `details_*`, `agencies*`, `communes*`,
which re-assemble the portal's answers per unit, and the capture day in its file names."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from cchc_tui.portal.records import (
    GROUP_ALIASES,
    GROUP_MAX,
    Capture,
    Group,
    Reader,
    UnitRecord,
    merge_identity,
    unit_record,
)

# The crawler's names for the groups (details files) and the national call's.
_DETAIL_GROUPS = {"CKMB_CongKhaiMinhBach": "CKMB", "TDGQ_TienDoGiaiQuyet": "TDGQ",
                  "ONLINE_DichVuTrucTuyen": "CLGQ", "TTTT_ThanhToanTrucTuyen": "TTTT",
                  "MDHL_MucDoHaiLong": "MDHL", "MDSH_SoHoaHoSo": "MDSH"}
DETAIL_LISTS = ("unitsDetail", "agenciesDetail", "communesDetail", "agencies", "communes")


def read_details(doc: Mapping[str, Any], origin: str) -> Capture:
    r = Reader(origin)
    meta = r.obj(doc["metadata"], "$.metadata")
    root = UnitRecord(r.text(meta, "rootDepartmentId", "$.metadata"),
                      r.text(meta, "provinceCode", "$.metadata"),
                      r.text(meta, "province", "$.metadata") or "")
    overview = doc.get("overview")
    if overview is not None:
        ov = r.obj(overview, "$.overview")
        merge_identity(root, None, r.text(ov, "departmentCode", "$.overview"),
                       r.text(ov, "departmentName", "$.overview"))
        root.total = r.num(ov, "totalScore", "$.overview")
        root.total_change = r.num(ov, "scoreDelta", "$.overview")
        scores = ov.get("groupScores")
        if isinstance(scores, dict):
            for code in scores:
                group = GROUP_ALIASES.get(code, code)
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
    for list_key in DETAIL_LISTS:
        for i, item in enumerate(r.items(doc.get(list_key), f"$.{list_key}")):
            place = f"$.{list_key}[{i}]"
            rec = unit_record(r, item, place, units)
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


def _detail_groups(r: Reader, item: Mapping[str, Any], where: str, rec: UnitRecord) -> None:
    scores = item.get("groupScores")
    if isinstance(scores, dict):
        for code in scores:
            group = GROUP_ALIASES.get(code, code)
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


def _metadata_day(r: Reader, meta: Mapping[str, Any]) -> date | None:
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
