"""View-models: what each panel shows, computed from the engine (plain Python, no Textual).

Widgets receive these small frozen dataclasses and only draw them; every number on screen is
formatted here with the vi-VN / en helpers of `cchc_tui.text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cchc_tui.i18n import pick, reason_label, source_label, status_label
from cchc_tui.kpi.engine import Engine, KpiResult
from cchc_tui.model.catalogue import INDEX_766, KPIS
from cchc_tui.model.periods import Period, describe_period, short_label
from cchc_tui.sources.status import SourceStatus, status_text
from cchc_tui.text import (
    format_count,
    format_date,
    format_number,
    format_percent,
    format_points,
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
_STATUS_ORDER = {"behind": 0, "at_risk": 1, "on_track": 2, "met": 3, "no_target": 4,
                 "no_data": 5}


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


@dataclass(frozen=True, slots=True)
class Trend:
    title: str
    labels: tuple[str, ...]
    values: tuple[float | None, ...]
    target: float | None


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
    proj = result.assessment.projection
    if proj is None or result.target is None:
        return "—"
    if proj.value_at_due is not None:
        due = format_percent(proj.value_at_due, lang, 1)
        return f"≈{due} " + ("lúc hạn" if lang == "vi" else "at due")
    if proj.periods_to_target == 0:
        return "đã đạt" if lang == "vi" else "reached"
    if proj.periods_to_target is not None:
        n = proj.periods_to_target
        return f"đạt sau {n} kỳ" if lang == "vi" else f"in {n} periods"
    return "không đạt" if lang == "vi" else "not at this pace"


def kpi_row(result: KpiResult, lang: str) -> KpiRow:
    kpi, a, t, r = result.kpi, result.assessment, result.target, result.ratio
    published = result.reported
    if result.value is None:
        counts = reason_label(result.reason, lang)
    elif published is not None and published.score is not None:
        counts = score_text(published.score, published.max_score or kpi.max_score,
                            published.change, lang)
    elif r is not None:
        counts = f"{format_count(r.numerator, lang)}/{format_count(r.denominator, lang)}"
        counts += f" {_noun(kpi.id, lang)}".rstrip()
        if r.coverage:
            counts += f" ({r.coverage[0]}/{r.coverage[1]})"
    else:
        counts = source_label(result.source, lang)
    pace = "—"
    if a.pace_needed is not None and a.status not in ("met", "no_target", "no_data"):
        pace = format_points(a.pace_needed, lang) + (" điểm/kỳ" if lang == "vi" else " pts/period")
    return KpiRow(
        kpi_id=kpi.id, name=pick((kpi.vi, kpi.en), lang), value=result.value,
        value_text=format_percent(result.value, lang), counts_text=counts,
        target=t.value if t else None,
        target_text=format_percent(t.value, lang, 0) if t else "—",
        gap=a.gap, gap_text=format_points(a.gap, lang) if a.gap is not None else "—",
        due_text=format_date(t.due, lang) if t and t.due else "—",
        status=a.status, status_text=status_label(a.status, lang), pace_text=pace,
        projection_text=_projection_text(result, lang))


def trend(engine: Engine, unit: str, kpi_id: str, period: Period, lang: str,
          count: int = 12) -> Trend:
    points = engine.history(unit, kpi_id, period, count) if period.has_steps else []
    target = engine.result(unit, kpi_id, period).target
    kpi = KPIS[kpi_id]
    return Trend(pick((kpi.vi, kpi.en), lang), tuple(short_label(p) for p, _ in points),
                 tuple(v for _, v in points), target.value if target else None)


def panel_view(engine: Engine, spec: PanelSpec, unit: str, period: Period,
               lang: str) -> PanelView:
    rows = tuple(kpi_row(engine.result(unit, k, period), lang) for k in spec.kpis)
    totals = engine.counts(unit, period)
    counts = tuple((pick((vi, en), lang), money(totals[m][0], lang) if m.endswith("_vnd")
                    else format_count(totals[m][0], lang))
                   for m, vi, en in spec.counts if m in totals)
    return PanelView(spec.key, pick((spec.vi, spec.en), lang), rows, counts,
                     trend(engine, unit, spec.headline, period, lang), lang)


def _sort_key(row: KpiRow) -> tuple[int, float]:
    return (_STATUS_ORDER.get(row.status, 9), -(row.gap or 0.0))


def gaps_view(engine: Engine, unit: str, period: Period, lang: str,
              ranking_kpi: str = DEFAULT_RANKING_KPI) -> GapsView:
    # The 766 scores have no targets of their own and a view of their own: not gaps.
    rows = sorted((kpi_row(r, lang) for r in engine.results(unit, period)
                   if r.kpi.group != INDEX_766), key=_sort_key)
    ranked: list[tuple[tuple[int, float, float], RankRow]] = []
    for child in engine.snapshot.children_of(unit):
        res = engine.result(child, ranking_kpi, period)
        a = res.assessment
        value = res.value if res.value is not None else 0.0
        key = (0 if a.gap is not None else 1 if res.value is not None else 2,
               -(a.gap or 0.0), value if res.kpi.higher_is_better else -value)
        ranked.append((key, RankRow(
            child, engine.snapshot.units[child].name, format_percent(res.value, lang),
            format_points(a.gap, lang) if a.gap is not None else "—", a.status,
            status_label(a.status, lang))))
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


def screen_views(engine: Engine, unit: str, period: Period, lang: str,
                 ranking_kpi: str) -> ScreenViews:
    return ScreenViews({key: panel_view(engine, spec, unit, period, lang)
                        for key, spec in PANELS.items()},
                       gaps_view(engine, unit, period, lang, ranking_kpi))


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
        info = engine.snapshot.source_of(unit)
        if info is not None:
            source_text = ("dữ liệu mô phỏng" if lang == "vi" else "simulated data") \
                if info.simulated else info.publisher
            data_time = info.generated_at or data_time  # the unit's own file, in a folder
    if data_time is not None:
        stamp = data_time.strftime("%d/%m/%Y %H:%M")
        source_text += f" · số liệu ngày {stamp}" if lang == "vi" else f" · data of {stamp}"
    period_text = describe_period(period, lang) if period is not None else "—"
    return HeaderView(crumbs, period_text, source_text, status_text(status, lang, now),
                      status.state)


def money(value: float, lang: str) -> str:
    return format_number(value, lang) + (" đ" if lang == "vi" else " VND")
