"""View-models: what each panel shows, computed from the engine (plain Python, no Textual).

Widgets receive these small frozen dataclasses and only draw them; every number on screen is
formatted here with the vi-VN / en helpers of `cchc_tui.text`.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from cchc_tui.i18n import pick, reason_label, source_label, status_label
from cchc_tui.kpi.engine import Engine, KpiResult, Ratio
from cchc_tui.kpi.findings import Finding, findings, missing_names
from cchc_tui.kpi.marks import NOTE_MARK, PARTIAL_KINDS, PARTIAL_MARK, months_span, value_marks
from cchc_tui.kpi.provenance import sources_shown
from cchc_tui.model.catalogue import INDEX_766, KPIS
from cchc_tui.model.periods import Period, describe_period, short_label
from cchc_tui.model.snapshot import SourceInfo
from cchc_tui.sources.status import SourceStatus, status_text
from cchc_tui.text import (
    format_count,
    format_date,
    format_number,
    format_percent,
    format_points,
    printable,
    score_text,
)


@dataclass(frozen=True, slots=True)
class PanelSpec:
    key: str
    vi: str
    en: str
    kpis: tuple[str, ...]
    counts: tuple[tuple[str, str, str], ...]  # (measure, short vi label, short en label)
    headline: str


PANELS: dict[str, PanelSpec] = {
    "online": PanelSpec(
        "online", "Dịch vụ công trực tuyến", "Online services",
        ("online_service_coverage", "full_process_coverage", "online_dossier_rate",
         "postal_dossier_rate"),
        (("dossiers_received_direct", "trực tiếp", "in person"),
         ("dossiers_received_online", "trực tuyến", "online"),
         ("dossiers_received_postal", "bưu chính", "by post"),
         ("dossiers_received", "tổng hồ sơ", "dossiers")),
        "online_dossier_rate"),
    "cashless": PanelSpec(
        "cashless", "Thanh toán không dùng tiền mặt", "Cashless payments",
        ("online_payment_rate", "e_receipt_commune_coverage", "cashless_school_rate",
         "cashless_household_rate"),
        (("dossiers_paid_online", "hồ sơ TT trực tuyến", "paid online"),
         ("dossiers_fee_bearing", "hồ sơ có phí", "fee-bearing"),
         ("e_receipts_issued", "biên lai ĐT", "e-receipts"),
         ("e_receipts_amount_vnd", "số tiền", "amount"),
         ("cashless_streets", "tuyến phố KDTM", "cashless streets"),
         ("qr_codes", "mã QR", "QR codes"), ("ewallets", "ví ĐT", "e-wallets"),
         ("smartbanking_accounts", "smartbanking", "smart-banking")),
        "online_payment_rate"),
    "email": PanelSpec(
        "email", "Thư công vụ và văn bản điện tử", "Email and e-documents",
        ("email_active_rate", "staff_email_rate", "e_document_rate",
         "staff_digital_training_rate"),
        (("email_accounts_issued", "tài khoản đã cấp", "accounts issued"),
         ("email_accounts_active", "đang dùng", "in use"),
         ("documents_received", "văn bản đến", "documents in"),
         ("documents_issued", "văn bản đi", "documents out")),
        "email_active_rate"),
}
GAPS_TITLE = ("Khoảng cách đến chỉ tiêu", "Target gaps")
# Every panel of the dashboard, in screen order (zoom keys 1…n follow it): the KPI panels
# above, then the target gaps.
SCREEN_PANELS: tuple[str, ...] = (*PANELS, "gaps")
DEFAULT_RANKING_KPI = "online_dossier_rate"

# What the denominator counts, to read "573/1.109 hồ sơ".
_NOUNS = {
    "procedures": ("TTHC", "procedures"), "dossiers": ("hồ sơ", "dossiers"),
    "certifications": ("việc", "certifications"), "staff": ("CBCC", "staff"),
    "email": ("tài khoản", "accounts"), "documents": ("văn bản", "documents"),
    "communes": ("xã", "communes"), "schools": ("trường", "schools"),
    "business": ("hộ", "households"),
}
# Worst first: behind, at risk, on track, met, then the rows that cannot be judged.
_STATUS_ORDER = {"behind": 0, "not_met": 0, "at_risk": 1, "on_track": 2, "met": 3,
                 "partial": 4, "no_target": 5, "no_data": 6}


@dataclass(frozen=True, slots=True)
class KpiRow:
    kpi_id: str
    name: str
    value: float | None
    value_text: str
    counts_text: str  # "573/1.109 hồ sơ", or why there is no value
    target: float | None
    target_text: str
    gap: float | None
    gap_text: str
    due_text: str
    status: str
    status_text: str  # symbol and word: "✓ đạt"
    pace_text: str
    projection_text: str
    marks: str = ""  # PARTIAL_MARK and/or NOTE_MARK, also at the end of value_text
    lang: str = "vi"
    notes: tuple[str, ...] = ()  # the notes and findings about this KPI, in full

    @property
    def note_hint(self) -> str:
        """" · † ghi chú: bấm d" after the counts when a note or finding is about the KPI."""
        if NOTE_MARK not in self.marks:
            return ""
        return f" · {NOTE_MARK} " + ("ghi chú: bấm d" if self.lang == "vi" else "note: press d")


@dataclass(frozen=True, slots=True)
class Trend:
    title: str
    labels: tuple[str, ...]
    values: tuple[float | None, ...]
    target: float | None
    partial: tuple[bool, ...] = ()  # per period: the value leaves out units or months (*)

    def is_partial(self, index: int) -> bool:
        return index < len(self.partial) and self.partial[index]


@dataclass(frozen=True, slots=True)
class PanelView:
    key: str
    title: str
    rows: tuple[KpiRow, ...]
    counts: tuple[tuple[str, str], ...]  # (label, formatted count)
    trend: Trend
    lang: str


@dataclass(frozen=True, slots=True)
class RankRow:
    code: str
    name: str
    value_text: str
    gap_text: str
    status: str
    status_text: str


@dataclass(frozen=True, slots=True)
class GapsView:
    title: str
    rows: tuple[KpiRow, ...]  # worst first
    ranking_title: str
    ranking: tuple[RankRow, ...]
    lang: str


def _noun(kpi_id: str, lang: str) -> str:
    den = KPIS[kpi_id].denominator
    if not den:
        return ""
    return pick(_NOUNS.get(den[0].split("_")[0], ("", "")), lang)


def _projection_text(result: KpiResult, lang: str) -> str:
    """Worded from the same figures as the status: a dated target by the trend's value at the
    due date, an undated one by the periods the trend needs from the value."""
    proj, a = result.assessment.projection, result.assessment
    if proj is None or result.target is None:
        return "—"
    if proj.value_at_due is not None:
        due = format_percent(proj.value_at_due, lang, 1)
        text = f"≈{due} " + ("lúc hạn" if lang == "vi" else "at due")
        if a.status == "met" and a.gap is not None and \
                (result.target.value - proj.value_at_due) * (
                    1 if result.kpi.higher_is_better else -1) > 0:
            text += " (xu hướng giảm)" if lang == "vi" else " (trend falling)"
        return text
    if proj.periods_to_target == 0:
        return "đã đạt" if lang == "vi" else "reached"
    if proj.periods_to_target is not None:
        n = proj.periods_to_target
        return f"đạt sau {n} kỳ" if lang == "vi" else f"in {n} periods"
    return "không đạt" if lang == "vi" else "not at this pace"


def coverage_text(engine: Engine | None, ratio: Ratio, lang: str) -> str:
    """"1/2 đơn vị, thiếu Quận Thanh Xuân" · "4/6 tháng"; "" when nothing is left out."""
    vi = lang == "vi"
    parts = []
    if ratio.coverage is not None and ratio.coverage[0] < ratio.coverage[1]:
        k, n = ratio.coverage
        text = f"{k}/{n} " + ("đơn vị" if vi else "units")
        if engine is not None and ratio.missing:
            text += (", thiếu " if vi else ", missing ") + missing_names(engine, ratio.missing, 2)
        parts.append(text)
    return "; ".join(parts)


def partial_reason(engine: Engine | None, ratio: Ratio, lang: str) -> str:
    """Why a parent shows "—": "chỉ 1/2 đơn vị có số liệu, thiếu Quận Thanh Xuân"."""
    k, n = ratio.coverage or (0, 0)
    text = f"chỉ {k}/{n} đơn vị có số liệu" if lang == "vi" else f"only {k}/{n} units report"
    if engine is not None and ratio.missing:
        text += (", thiếu " if lang == "vi" else ", missing ") + missing_names(
            engine, ratio.missing, 2)
    return text


def partial_status(ratio: Ratio, lang: str) -> str:
    """"* một phần: 4/6 tháng" / "* partial: 1/2 units": the status of a partial value."""
    vi = lang == "vi"
    if ratio.months is not None and ratio.months[0] < ratio.months[1]:
        what = f"{months_span(ratio)}/{ratio.months[1]} " + ("tháng" if vi else "months")
    elif ratio.coverage is not None:
        what = f"{ratio.coverage[0]}/{ratio.coverage[1]} " + ("đơn vị" if vi else "units")
    else:
        return status_label("partial", lang)
    return f"{status_label('partial', lang)}: {what}"


_last_notes: list[tuple[weakref.ref[Engine], str, Period, dict[str, tuple[Finding, ...]]]] = []


def kpi_notes(engine: Engine, unit: str, period: Period) -> dict[str, tuple[Finding, ...]]:
    """The findings of the unit and period, by the KPI they are about. The last answer is
    kept (every panel, the gaps table and the meeting cards ask for the same one) through a
    weak reference: an old engine and its snapshot are never kept alive here."""
    if _last_notes:
        ref, last_unit, last_period, notes = _last_notes[0]
        if ref() is engine and last_unit == unit and last_period == period:
            return notes
    out: dict[str, list[Finding]] = {}
    for finding in findings(engine, unit, period):
        if finding.kpi is not None:
            out.setdefault(finding.kpi, []).append(finding)
    notes = {k: tuple(v) for k, v in out.items()}
    _last_notes[:] = [(weakref.ref(engine), unit, period, notes)]
    return notes


def kpi_row(result: KpiResult, lang: str, notes: Sequence[Finding] = (),
            engine: Engine | None = None) -> KpiRow:
    kpi, a, t, r = result.kpi, result.assessment, result.target, result.ratio
    published = result.reported
    if result.value is None:
        counts = reason_label(result.reason, lang)
        if result.short is not None:  # refused: say how many reported and who is missing
            counts = partial_reason(engine, result.short, lang)
    elif published is not None and published.score is not None:
        counts = score_text(published.score, published.max_score or kpi.max_score,
                            published.change, lang)
    elif r is not None:
        counts = f"{format_count(r.numerator, lang)}/{format_count(r.denominator, lang)}"
        counts += f" {_noun(kpi.id, lang)}".rstrip()
        left_out = coverage_text(engine, r, lang)
        if left_out:
            counts += f" · {left_out}"
        elif r.coverage:
            counts += f" ({r.coverage[0]}/{r.coverage[1]})"
    else:
        counts = source_label(result.source, lang)
    marks = value_marks(result, notes)
    pace = "—"
    if a.pace_needed is not None and a.status not in ("met", "no_target", "no_data"):
        pace = format_points(a.pace_needed, lang) + (" điểm/kỳ" if lang == "vi" else " pts/period")
    return KpiRow(
        kpi_id=kpi.id, name=pick((kpi.vi, kpi.en), lang), value=result.value,
        value_text=format_percent(result.value, lang) + (marks if result.value is not None
                                                         else ""),
        counts_text=counts,
        target=t.value if t else None,
        target_text=format_percent(t.value, lang, 0) if t else "—",
        gap=a.gap, gap_text=format_points(a.gap, lang) if a.gap is not None else "—",
        due_text=format_date(t.due, lang) if t and t.due else "—",
        status=a.status, pace_text=pace,
        status_text=partial_status(r, lang) if a.status == "partial" and r is not None
        else status_label(a.status, lang),
        projection_text=_projection_text(result, lang), marks=marks, lang=lang,
        # The notes first, then what the partial mark already says.
        notes=tuple(f.message(lang) for f in sorted(notes, key=lambda f: f.kind in PARTIAL_KINDS)))


def unit_kpi_row(engine: Engine, unit: str, kpi_id: str, period: Period, lang: str) -> KpiRow:
    """The row of one KPI with its marks and notes."""
    notes = kpi_notes(engine, unit, period).get(kpi_id, ())
    return kpi_row(engine.result(unit, kpi_id, period), lang, notes, engine)


def trend(engine: Engine, unit: str, kpi_id: str, period: Period, lang: str,
          count: int = 12) -> Trend:
    points = engine.history(unit, kpi_id, period, count) if period.has_steps else []
    first = next((i for i, (_, v) in enumerate(points) if v is not None), 0)
    points = points[first:]  # from the first value: no run of empty periods before it
    target = engine.result(unit, kpi_id, period).target
    kpi = KPIS[kpi_id]
    return Trend(pick((kpi.vi, kpi.en), lang), tuple(short_label(p) for p, _ in points),
                 tuple(v for _, v in points), target.value if target else None,
                 tuple(engine.is_partial(unit, kpi_id, p) for p, _ in points))


def panel_view(engine: Engine, spec: PanelSpec, unit: str, period: Period,
               lang: str) -> PanelView:
    rows = tuple(unit_kpi_row(engine, unit, k, period, lang) for k in spec.kpis)
    totals = engine.counts(unit, period)
    counts = tuple((pick((vi, en), lang), (money(totals[m][0], lang) if m.endswith("_vnd")
                                           else format_count(totals[m][0], lang))
                    + (PARTIAL_MARK if engine.count_partial(unit, m, period) else ""))
                   for m, vi, en in spec.counts if m in totals)
    return PanelView(spec.key, pick((spec.vi, spec.en), lang), rows, counts,
                     trend(engine, unit, spec.headline, period, lang), lang)


def _sort_key(row: KpiRow) -> tuple[int, float]:
    return (_STATUS_ORDER.get(row.status, 9), -(row.gap or 0.0))


def gaps_view(engine: Engine, unit: str, period: Period, lang: str,
              ranking_kpi: str = DEFAULT_RANKING_KPI) -> GapsView:
    # The 766 scores have no targets of their own and a view of their own: not gaps.
    rows = sorted((unit_kpi_row(engine, unit, k, period, lang) for k, kpi in KPIS.items()
                   if kpi.group != INDEX_766), key=_sort_key)
    ranked: list[tuple[tuple[int, float, float], RankRow]] = []
    for child in engine.snapshot.children_of(unit):
        res = engine.result(child, ranking_kpi, period)
        a = res.assessment
        value = res.value if res.value is not None else 0.0
        key = (0 if a.gap is not None else 1 if res.value is not None else 2,
               -(a.gap or 0.0), value if res.kpi.higher_is_better else -value)
        marks = value_marks(res) + (NOTE_MARK if res.reported and res.reported.note else "")
        ranked.append((key, RankRow(
            child, engine.snapshot.units[child].name,
            format_percent(res.value, lang) + (marks if res.value is not None else ""),
            format_points(a.gap, lang) if a.gap is not None else "—", a.status,
            partial_status(res.ratio, lang) if a.status == "partial" and res.ratio is not None
            else status_label(a.status, lang))))
    ranked.sort(key=lambda kr: kr[0])
    kpi = KPIS[ranking_kpi]
    title = ("Đơn vị trực thuộc theo khoảng cách · " if lang == "vi"
             else "Sub-units by gap · ") + pick((kpi.vi, kpi.en), lang)
    return GapsView(pick(GAPS_TITLE, lang), tuple(rows), title,
                    tuple(r for _, r in ranked), lang)


@dataclass(frozen=True, slots=True)
class ScreenViews:
    """Everything the panels show for one unit, period, language and ranking KPI."""

    panels: dict[str, PanelView]  # by PanelSpec.key
    gaps: GapsView


class Superseded(Exception):
    """A newer key press wants another screen: this one is not worth finishing."""


def screen_views(engine: Engine, unit: str, period: Period, lang: str, ranking_kpi: str,
                 superseded: Callable[[], bool] = lambda: False) -> ScreenViews:
    """Every panel's view-model; `superseded` is asked between panels (raises Superseded)."""
    panels = {}
    for key, spec in PANELS.items():
        if superseded():
            raise Superseded
        panels[key] = panel_view(engine, spec, unit, period, lang)
    if superseded():
        raise Superseded
    return ScreenViews(panels, gaps_view(engine, unit, period, lang, ranking_kpi))


@dataclass(frozen=True, slots=True)
class HeaderView:
    breadcrumb: tuple[str, ...]
    period_text: str
    source_text: str
    state_text: str
    state: str  # loading | live | stale | offline | error


def header_view(engine: Engine | None, unit: str | None, period: Period | None, lang: str,
                status: SourceStatus, now: datetime) -> HeaderView:
    crumbs: tuple[str, ...] = ()
    source_text = ""
    data_time = status.data_time
    if engine is not None and unit is not None and unit in engine.snapshot.units:
        crumbs = tuple(u.name for u in engine.snapshot.path(unit))
        shown = sources_shown(engine.snapshot, unit, period) if period is not None else []
        if not shown and (own := engine.snapshot.source_of(unit)) is not None:
            shown = [own]
        if shown:
            source_text = publishers_text(shown, lang)
            stamps = [s.generated_at for s in shown if s.generated_at is not None]
            data_time = max(stamps) if stamps else data_time  # the files shown, in a folder
    if data_time is not None:
        stamp = data_time.strftime("%d/%m/%Y %H:%M")
        source_text += f" · số liệu ngày {stamp}" if lang == "vi" else f" · data of {stamp}"
    period_text = describe_period(period, lang) if period is not None else "—"
    # The reason may quote a feed (a whole FeedError): one line, inert, on the second line.
    state_text = " · ".join(printable(line) for line in
                            status_text(status, lang, now).splitlines())
    return HeaderView(crumbs, period_text, source_text, state_text, status.state)


def publishers_text(sources: Sequence[SourceInfo], lang: str, most: int = 2) -> str:
    """"Phòng VH-TT quận Thanh Xuân; UBND phường Thạch Bàn (+1 nguồn)"."""
    names: list[str] = []
    for info in sources:
        name = ("dữ liệu mô phỏng" if lang == "vi" else "simulated data") \
            if info.simulated else info.publisher
        if name not in names:
            names.append(name)
    text = "; ".join(names[:most])
    if len(names) > most:
        more = len(names) - most
        text += f" (+{more} nguồn)" if lang == "vi" else f" (+{more} more)"
    return text


def money(value: float, lang: str) -> str:
    return format_number(value, lang) + (" đ" if lang == "vi" else " VND")
