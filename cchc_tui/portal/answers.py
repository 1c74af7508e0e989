"""The national portal's 766 answers (dichvucong.gov.vn), read into typed records per unit.

Three shapes are read: the seven raw answers of one capture (one envelope
`{code, data, message}` per endpoint, or a list of its pages), a single service-results answer
(the national call), and the crawler's files (crawler.py). Every problem is a FeedError naming
the file and the JSON path.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cchc_tui.feed.raw import FeedError, FeedIssue
from cchc_tui.portal.crawler import DETAIL_LISTS, read_details
from cchc_tui.portal.records import (
    ENDPOINTS,
    GROUP_ALIASES,
    GROUP_MAX,
    RADAR_CODES,
    Capture,
    Group,
    Reader,
    UnitRecord,
    merge_identity,
    unit_record,
)


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
    if isinstance(doc.get("metadata"), dict) and any(k in doc for k in DETAIL_LISTS):
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
                                            "details file {metadata, unitsDetail}",
                               kind="not_portal")])


# -- the raw answers ----------------------------------------------------------------------------
def _data(r: Reader, doc: Mapping[str, Any], key: str) -> dict[str, Any] | None:
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
        raise r.fail(where, f"the portal did not answer OK: code {code!r}, message {message!r}",
                     "portal_not_ok", code=repr(code), said=repr(message))
    if envelope["data"] is None:
        r.warn(f"{where}.data", "the portal answered with no data", "portal_no_data")
        return None
    return r.obj(envelope["data"], f"{where}.data")


def read_raw(doc: Mapping[str, Any], origin: str, *, complete: bool = True) -> Capture:
    """The answers of one capture; with `complete`, an absent endpoint is worth a warning."""
    r = Reader(origin)
    units: dict[str, UnitRecord] = {}  # departmentId (or code) → record
    root = UnitRecord(None, None, "")
    cap = Capture(origin, root, [], nation=False)
    for key in ENDPOINTS:
        data = _data(r, doc, key)
        if data is None:
            if key not in doc and complete:
                r.warn("$", f"no {key} answer: its figures are left out", "portal_no_answer",
                       key=key)
            continue
        where = f"$.{key}.data"
        if key == "SERVICE_RESULTS":
            _service_results(r, data, where, cap, units)
        else:
            _group_answer(r, key, data, where, root, units)
    if root.code is None and root.department_id is None and not root.name:
        raise r.fail("$", "no answer names its unit (overview or parent)", "portal_no_unit")
    cap.nation = root.code is None
    cap.children = list(units.values())
    cap.warnings = r.warnings
    return cap


def _service_results(r: Reader, data: Mapping[str, Any], where: str, cap: Capture,
                     units: dict[str, UnitRecord]) -> None:
    overview = r.obj(data.get("overview") or {}, f"{where}.overview")
    root = cap.root
    merge_identity(root, None, r.text(overview, "departmentCode", f"{where}.overview"),
                   r.text(overview, "departmentName", f"{where}.overview"))
    root.total = r.num(overview, "totalScore", f"{where}.overview")
    for i, item in enumerate(r.items(data.get("radar"), f"{where}.radar")):
        place = f"{where}.radar[{i}]"
        code = r.text(item, "code", place)
        score = r.num(item, "score", place)
        if code in GROUP_MAX:  # replaced by the group endpoints' own, read after
            root.groups[code] = Group(score, r.num(item, "maxScore", place),
                                      r.num(item, "ratio", place), None)
        if code in RADAR_CODES and score is not None:
            cap.radar[code] = score  # ONLINE_SERVICE too: CLGQ + TTTT
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
        rec = unit_record(r, item, place, units)
        rec.total = r.num(item, "totalScore", place)
        rec.total_change = r.num(item, "scoreDelta", place)
        rec.child_group = r.text(item, "childGroup", place) or rec.child_group
        scores = item.get("groupScores")
        if scores is not None:  # the national call: scores only, maxima are fixed
            for code in r.obj(scores, f"{place}.groupScores"):
                group = GROUP_ALIASES.get(code, code)
                if group in GROUP_MAX:
                    score = r.num(scores, code, f"{place}.groupScores")
                    rec.groups.setdefault(group, Group(score, GROUP_MAX[group], None, None))
    _check_pages(r, data, where, "evaluation")


def _chart(r: Reader, value: Any, where: str, key: str) -> list[tuple[int, float]]:
    out = []
    for i, item in enumerate(r.items(value, where)):
        place = f"{where}[{i}]"
        month = r.text(item, "month", place) or r.text(item, "label", place)
        figure = r.num(item, key, place)
        if month is None or not month.isdigit() or not 1 <= int(month) <= 12:
            raise r.fail(place, f"expected a month 01–12, got {month!r}", "portal_month",
                         given=repr(month))
        if figure is not None:
            out.append((int(month), figure))
    return out


def _check_pages(r: Reader, data: Mapping[str, Any], where: str, key: str) -> None:
    pages = data.get("pagination")
    if not isinstance(pages, dict):
        return
    total = r.num(pages, "total", f"{where}.pagination")
    have = len(data.get(key) or [])
    if total is not None and have < total:
        r.warn(f"{where}.pagination", f"{have} of {int(total)} units in this answer (one page "
                                      "of several): the others are left out",
               "portal_page", have=str(have), total=str(int(total)))


def _group_answer(r: Reader, key: str, data: Mapping[str, Any], where: str, root: UnitRecord,
                  units: dict[str, UnitRecord]) -> None:
    group = ENDPOINTS[key][1]
    head_key = "overview" if "overview" in data else "parent"
    if data.get(head_key) is not None:
        head = r.obj(data[head_key], f"{where}.{head_key}")
        place = f"{where}.{head_key}"
        merge_identity(root, r.text(head, "departmentId", place),
                       r.text(head, "departmentCode", place),
                       r.text(head, "departmentName", place))
        root.groups[group] = r.group(head, place)
    list_key = "evaluation" if "evaluation" in data else "children"
    for i, item in enumerate(r.items(data.get(list_key), f"{where}.{list_key}")):
        place = f"{where}.{list_key}[{i}]"
        rec = unit_record(r, item, place, units)
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
