"""Portal captures → one feed v1 document (PORTAL-API.md §6), ready for `build_snapshot`.

Counts become observations; the portal's own ratios, each with the numerator and denominator
it divides, become reported values (the figure users compare with); the 766 scores become the
`index_766_*` KPIs with score, maximum and change. What the portal does not publish is named in
`unpublished_measures`, so the screen can say so instead of "not reported".
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from cchc_tui.feed.raw import FeedIssue
from cchc_tui.model.catalogue import MEASURES
from cchc_tui.model.vocabulary import Level
from cchc_tui.portal.records import GROUP_MAX, Capture, Group, UnitRecord
from cchc_tui.portal.rules import CLGQ_PUBLISHED, ON_TIME, PAYMENT
from cchc_tui.text import format_count, format_number, percent, round_half_up

PUBLISHER = "Cổng Dịch vụ công quốc gia (dichvucong.gov.vn)"
PAGE_URL = "https://dichvucong.gov.vn/danh-gia-chat-luong-phuc-vu"
NATION = ("VN", "Cả nước")
INDEX_KPIS = {"CKMB": "index_766_ckmb", "TDGQ": "index_766_tdgq", "CLGQ": "index_766_clgq",
              "TTTT": "index_766_tttt", "MDHL": "index_766_mdhl", "MDSH": "index_766_mdsh"}
# What the answers do give (§6); every other catalogue measure is "not published".
PUBLISHED_MEASURES = frozenset({
    "dossiers_received", "dossiers_resolved", "dossiers_resolved_within_deadline",
    "dossiers_received_online", "dossiers_received_direct",
    "dossiers_received_postal", "procedures_total", "procedures_online_full",
    "procedures_online_partial", "dossiers_paid_online", "dossiers_fee_bearing",
    "dossiers_digitized", "dossiers_e_result"})
_PROVINCE = re.compile(r"^H\d+$")
_AGENCY = re.compile(r"^H\d+\.\d{1,2}$")
_CHART_NOTE = "biểu đồ theo tháng của cổng (portal monthly chart)"


def unpublished_measures() -> list[str]:
    return [m for m in MEASURES if m not in PUBLISHED_MEASURES]


# -- periods ------------------------------------------------------------------------------------
class PeriodUnknown(ValueError):
    """Neither the answer, the file name nor --as-of says which day the figures run to."""


def period_of(time_type: str, year: int, number: int | None, as_of: date) -> tuple[str, date]:
    """The period a capture covers (its start to the capture day) and its first day.

    A whole period once the capture day reaches its end ("2026", "2026-Q3", "2026-09"),
    else the days so far ("2026-01-01/2026-10-10")."""
    if time_type == "quarter":
        q = number or (as_of.month - 1) // 3 + 1
        start, last_month, label = date(year, 3 * q - 2, 1), 3 * q, f"{year}-Q{q}"
    elif time_type == "month":
        m = number or as_of.month
        start, last_month, label = date(year, m, 1), m, f"{year}-{m:02d}"
    else:
        start, last_month, label = date(year, 1, 1), 12, str(year)
    end = date(year, last_month, monthrange(year, last_month)[1])
    if as_of < start:
        raise PeriodUnknown(f"the capture day {as_of.isoformat()} is before the period it "
                            f"answers ({label})")
    return (label if as_of >= end else f"{start.isoformat()}/{as_of.isoformat()}"), start


# -- units --------------------------------------------------------------------------------------
def level_of(rec: UnitRecord, under_nation: bool) -> Level:
    if under_nation:
        return "province"
    if rec.child_group == "AGENCY":
        return "agency"
    if rec.child_group == "COMMUNE":
        return "commune"
    code = rec.code or ""
    if _PROVINCE.match(code):
        return "province"
    if _AGENCY.match(code):
        return "agency"
    return "commune"


class _Doc:
    """The feed being built, units merged by code across captures."""

    def __init__(self) -> None:
        self.units: dict[str, dict[str, Any]] = {}
        self.observations: list[dict[str, Any]] = []
        self.reported: list[dict[str, Any]] = []
        self.index_766: list[dict[str, Any]] = []

    def unit(self, code: str, name: str, level: Level, parent: str | None,
             external_id: str | None) -> None:
        rec = self.units.get(code)
        if rec is None:
            rec = self.units[code] = {"code": code, "name": name, "level": level,
                                      "parent": parent}
        rec["parent"] = rec["parent"] or parent
        if external_id:
            rec["external_id"] = external_id

    def count(self, unit: str, period: str, measure: str, value: float | None) -> None:
        if value is not None:
            self.observations.append({"unit": unit, "period": period, "measure": measure,
                                      "value": _number(value)})

    def ratio(self, unit: str, period: str, kpi: str, num: float | None, den: float | None,
              note: str | None = None) -> None:
        """A published ratio with its own basis. For 0/0 the portal prints 0: the basis is
        kept, so the figure shows as "no value (0/0)", never as a made-up 0."""
        if num is None or den is None or den < 0:
            return
        value = round_half_up(percent(num, den)) if den else 0.0
        rec = {"unit": unit, "period": period, "kpi": kpi, "value": value,
               "numerator": _number(num), "denominator": _number(den)}
        if note:
            rec["note"] = note
        self.reported.append(rec)

    def score(self, unit: str, period: str, kpi: str, score: float | None, top: float | None,
              change: float | None = None, note: str | None = None) -> None:
        if score is None or not top:
            return
        rec: dict[str, Any] = {"unit": unit, "period": period, "kpi": kpi,
                               "value": round_half_up(percent(score, top)), "score": _number(score),
                               "max_score": _number(top)}
        if change is not None:
            rec["change"] = change
        if note:
            rec["note"] = note
        self.reported.append(rec)


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


# -- the document -------------------------------------------------------------------------------
def to_feed(captures: Iterable[tuple[Capture, date | None]], *,
            generated_at: datetime | None = None) -> dict[str, Any]:
    """Captures, each with the day it runs to (None: the capture's own), → a feed v1 dict.

    Raises PeriodUnknown when a capture's day is known from nowhere."""
    doc = _Doc()
    days: list[date] = []
    names: list[str] = []
    for cap, day in captures:
        as_of = cap.as_of or day
        if as_of is None:
            raise PeriodUnknown(f"{cap.origin}: the answer does not say which day it runs to; "
                                "name the day with --as-of YYYY-MM-DD")
        days.append(as_of)
        names.append(cap.root.name or NATION[1])
        _capture(doc, cap, as_of)
    stamp = generated_at or (datetime.combine(max(days), datetime.min.time(), UTC)
                             if days else datetime.now(UTC))
    return {
        "format": "cchc-kpi-feed", "version": 1,
        "generated_at": stamp.isoformat().replace("+00:00", "Z"),
        "publisher": PUBLISHER,
        "title": "Chỉ số phục vụ người dân, doanh nghiệp (QĐ 766): " + ", ".join(names),
        "url": PAGE_URL,
        "unpublished_measures": unpublished_measures(),
        "units": list(doc.units.values()),
        "observations": doc.observations,
        "reported": doc.reported,
        "index_766": doc.index_766,
    }


def _capture(doc: _Doc, cap: Capture, as_of: date) -> None:
    year = cap.year or as_of.year
    period, start = period_of(cap.time_type or "year", year, cap.number, as_of)
    root = cap.root
    root_code = NATION[0] if cap.nation else (root.code or NATION[0])
    doc.unit(root_code, root.name if not cap.nation else NATION[1],
             "nation" if cap.nation else level_of(root, False), None, root.department_id)
    _figures(doc, root, root_code, period, root=True, cap=cap)
    _index_766(doc, root, root_code, period, cap.radar)
    for rec in cap.children:
        if not rec.code:  # units are keyed by code; transparency and satisfaction have none
            cap.warnings.append(FeedIssue(cap.origin, "", f"{rec.name or rec.department_id}: no "
                                          "departmentCode in any answer, left out", "warning",
                                          "no_department_code",
                                          (("name", str(rec.name or rec.department_id)),)))
            continue
        doc.unit(rec.code, rec.name, level_of(rec, cap.nation), root_code, rec.department_id)
        _figures(doc, rec, rec.code, period, root=False, cap=cap)
        _index_766(doc, rec, rec.code, period, {})
    _charts(doc, cap, root_code, start, as_of, period)


def _bases(rec: UnitRecord, root: bool) -> list[tuple[float, str]]:
    """The dossier totals the sections divide by: progress, digitised, channels (root)."""
    out = []
    progress, digitized, online = (rec.groups.get(g) for g in ("TDGQ", "MDSH", "CLGQ"))
    if progress is not None and progress.counts.get("totalReceived") is not None:
        out.append((progress.counts["totalReceived"] or 0.0, "tiến độ giải quyết"))
    m = digitized.metric("SO_HOA_GIAY_TO_GIAI_QUYET") if digitized is not None else None
    if m is not None and m.denominator is not None:
        out.append((m.denominator, "số hóa"))
    if root and online is not None and online.counts.get("channelTotalSum") is not None:
        out.append((online.counts["channelTotalSum"] or 0.0, "theo kênh tiếp nhận"))
    return out


def _figures(doc: _Doc, rec: UnitRecord, code: str, period: str, *, root: bool,
             cap: Capture) -> None:
    groups = rec.groups
    # Said once, on the digitisation rate (the section with its own base), else on-time.
    note = _bases_note(_bases(rec, root))
    digitized = groups.get("MDSH")
    has_digitized = digitized is not None and \
        digitized.metric("SO_HOA_GIAY_TO_GIAI_QUYET") is not None
    progress = groups.get("TDGQ")
    if progress is not None and progress.counts:
        c = progress.counts
        doc.count(code, period, "dossiers_received", c.get("totalReceived"))
        doc.count(code, period, "dossiers_resolved_within_deadline", c.get("totalOnTime"))
        # totalOverdue is received − on time, pending dossiers included (the root's
        # totalCompleted is smaller than its received): not "resolved late", so left out.
        doc.count(code, period, "dossiers_resolved", c.get("totalCompleted"))
        doc.ratio(code, period, "on_time_rate", c.get("totalOnTime"), c.get("totalReceived"),
                  None if has_digitized else note)
    payment = groups.get("TTTT")
    if payment is not None and payment.counts:
        c = payment.counts
        doc.count(code, period, "dossiers_paid_online", c.get("totalDossierOnlinePaymentSuccess"))
        doc.count(code, period, "dossiers_fee_bearing", c.get("totalDossierFinancialObligation"))
        doc.ratio(code, period, "online_payment_rate", c.get("totalDossierOnlinePaymentSuccess"),
                  c.get("totalDossierFinancialObligation"))
    if digitized is not None:
        for metric, measure, kpi in (("SO_HOA_GIAY_TO_GIAI_QUYET", "dossiers_digitized",
                                      "digitization_rate"),
                                     ("ORIGINAL_RESULT_AVAILABLE", "dossiers_e_result",
                                      "e_result_rate")):
            m = digitized.metric(metric)
            if m is not None:
                doc.count(code, period, measure, m.numerator)
                doc.ratio(code, period, kpi, m.numerator, m.denominator,
                          note if kpi == "digitization_rate" else None)
    satisfaction = groups.get("MDHL")
    if satisfaction is not None:
        m = satisfaction.metric("DOSSIER_RECEIVING_SATISFACTION")
        if m is not None:
            doc.ratio(code, period, "satisfaction_rate", m.numerator, m.denominator)
    if root:
        _channels(doc, code, period, groups.get("CLGQ"), cap)
    for group, kpi in INDEX_KPIS.items():
        g: Group | None = groups.get(group)
        if g is not None:
            doc.score(code, period, kpi, g.score, g.max_score or GROUP_MAX[group], g.change,
                      _radar_note(cap.radar.get(group), g.score) if root else None)
    doc.score(code, period, "index_766_total", rec.total, 100, rec.total_change)


def _index_766(doc: _Doc, rec: UnitRecord, code: str, period: str,
               radar: dict[str, float]) -> None:
    """Every 766 metric of the unit with its counts, ratio, score and maximum (feed section
    `index_766`), so that the score can be recomputed wherever the feed goes. Where the portal
    sends no metric object the figures are ours: ON_TIME (the progress tree), the three payment
    components (counts only) and CLGQ (the group's score: no counts for children)."""
    metrics: list[dict[str, Any]] = []
    for group in GROUP_MAX:
        g = rec.groups.get(group)
        if g is None:
            continue
        if group == "TDGQ" and ("totalReceived" in g.counts or "totalOnTime" in g.counts):
            metrics.append(_metric(ON_TIME, group, "", g.counts.get("totalOnTime"),
                                   g.counts.get("totalReceived"), g.ratio, g.score,
                                   g.max_score or GROUP_MAX[group]))
        elif group == "TTTT" and g.counts:
            metrics += [_metric(c.code, group, "", g.counts.get(c.numerator),
                                g.counts.get(c.denominator), None, None, c.weight)
                        for c in PAYMENT]
        elif group == "CLGQ" and g.score is not None:
            metrics.append(_metric(CLGQ_PUBLISHED, group, "", None, None, g.ratio, g.score,
                                   g.max_score or GROUP_MAX[group]))
        for m in g.metrics:
            metrics.append(_metric(m.code, group, m.name, m.numerator, m.denominator, m.ratio,
                                   m.score, m.max_score, m.data_quality_status,
                                   m.data_quality_message))
    groups = {group: g.score for group, g in rec.groups.items() if group in GROUP_MAX}
    if not metrics and not groups and rec.total is None:
        return
    out: dict[str, Any] = {"unit": code, "period": period, "total": rec.total,
                           "groups": groups, "metrics": metrics}
    if radar:
        out["radar"] = dict(radar)
    doc.index_766.append(out)


def _metric(code: str, group: str, name: str, numerator: float | None,
            denominator: float | None, ratio: float | None, score: float | None,
            top: float | None, quality: str | None = None,
            note: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"code": code, "group": group}
    if name and name != code:
        out["name"] = name
    for key, value in (("numerator", numerator), ("denominator", denominator),
                       ("ratio", ratio), ("score", score), ("max_score", top)):
        out[key] = None if value is None else _number(value)
    if quality:
        out["quality"] = quality
    if note:
        out["quality_note"] = note
    return out


def _channels(doc: _Doc, code: str, period: str, online: Group | None, cap: Capture) -> None:
    """The root's channels and procedures: the provide-online parent, else the donuts."""
    if online is not None and online.counts:
        c = online.counts
        doc.count(code, period, "dossiers_received_online", c.get("channelOnlineSum"))
        doc.count(code, period, "dossiers_received_direct", c.get("channelDirectSum"))
        doc.count(code, period, "dossiers_received_postal", c.get("channelPostalSum"))
        doc.count(code, period, "procedures_total", c.get("authorityCount"))
        doc.count(code, period, "procedures_online_full", c.get("fullCount"))
        doc.count(code, period, "procedures_online_partial", c.get("partialCount"))
        doc.ratio(code, period, "online_dossier_rate", c.get("channelOnlineSum"),
                  c.get("channelTotalSum"))
        return
    dossiers = cap.donuts.get("onlineDossier", {})
    provision = cap.donuts.get("onlineProvision", {})
    if "ONLINE" in dossiers:
        doc.count(code, period, "dossiers_received_online", dossiers["ONLINE"])
        if "OTHER" in dossiers:
            doc.ratio(code, period, "online_dossier_rate", dossiers["ONLINE"],
                      dossiers["ONLINE"] + dossiers["OTHER"])
    if {"FULL", "PARTIAL", "NONE"} <= provision.keys():
        doc.count(code, period, "procedures_online_full", provision["FULL"])
        doc.count(code, period, "procedures_online_partial", provision["PARTIAL"])
        doc.count(code, period, "procedures_total", sum(provision.values()))


def _radar_note(radar: float | None, own: float | None) -> str | None:
    """The group's own endpoint and the service-results radar disagree (two moments)."""
    if radar is None or own is None or radar == own:
        return None
    shown = format_number(radar, "vi", 2)
    return (f"Biểu đồ tổng hợp của cổng ghi {shown} điểm: các mục được đọc ở những thời điểm "
            f"khác nhau — the portal's summary radar says {format_number(radar, 'en', 2)}: "
            "its sections were read at different moments")


def _bases_note(bases: list[tuple[float, str]]) -> str | None:
    """Say so when the portal's sections divide by different dossier totals."""
    if len({value for value, _ in bases}) < 2:
        return None
    shown = " / ".join(format_count(v, "vi") for v, _ in bases)
    parts = ", ".join(f"{format_count(v, 'vi')} {label}" for v, label in bases)
    return (f"Các mục của cổng tính trên tổng hồ sơ khác nhau: {shown} ({parts}) — the "
            f"portal's sections count different dossier totals")


def _charts(doc: _Doc, cap: Capture, code: str, start: date, as_of: date, own: str) -> None:
    """The portal's monthly charts of the root, months of the capture's year up to its day;
    not the capture's own period (a month's capture), whose figures are the answer's own."""
    year = start.year
    for points, kpi in ((cap.monthly_score, "index_766_total"),
                        (cap.monthly_on_time, "on_time_rate")):
        for month, value in points:
            first = date(year, month, 1)
            last = date(year, month, monthrange(year, month)[1])
            if first > as_of:
                continue
            period = f"{year}-{month:02d}" if as_of >= last else \
                f"{first.isoformat()}/{as_of.isoformat()}"
            if period == own:
                continue
            rec = {"unit": code, "period": period, "kpi": kpi, "value": value,
                   "note": _CHART_NOTE}
            if kpi == "index_766_total":
                rec.update(score=value, max_score=100)
            doc.reported.append(rec)
