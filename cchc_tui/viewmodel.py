"""View-models: what each panel shows, computed from the engine (plain Python, no Textual).

Widgets receive these small frozen dataclasses and only draw them; every number on screen is
formatted here with the vi-VN / en helpers of `cchc_tui.text`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from cchc_tui import i18n
from cchc_tui.cells import KpiRow, partial_status, unit_kpi_row
from cchc_tui.i18n import Lang, pick, status_label
from cchc_tui.kpi.engine import Engine
from cchc_tui.kpi.marks import NOTE_MARK, PARTIAL_MARK, value_marks
from cchc_tui.kpi.provenance import sources_shown
from cchc_tui.model.catalogue import INDEX_766, KPIS
from cchc_tui.model.periods import Period, describe_period, short_label
from cchc_tui.model.snapshot import SourceInfo
from cchc_tui.model.vocabulary import State, Status
from cchc_tui.sources.status import SourceStatus
from cchc_tui.text import (
    format_count,
    format_number,
    format_percent,
    format_points,
    printable,
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

# Worst first: behind, at risk, on track, met, then the rows that cannot be judged.
_STATUS_ORDER = {"behind": 0, "not_met": 0, "at_risk": 1, "on_track": 2, "met": 3,
                 "partial": 4, "no_target": 5, "no_data": 6}


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
    lang: Lang


@dataclass(frozen=True, slots=True)
class RankRow:
    code: str
    name: str
    value_text: str
    gap_text: str
    status: Status
    status_text: str


@dataclass(frozen=True, slots=True)
class GapsView:
    title: str
    rows: tuple[KpiRow, ...]  # worst first
    ranking_title: str
    ranking: tuple[RankRow, ...]
    lang: Lang


def trend(engine: Engine, unit: str, kpi_id: str, period: Period, lang: Lang,
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
               lang: Lang) -> PanelView:
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


def gaps_view(engine: Engine, unit: str, period: Period, lang: Lang,
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
    title = pick(i18n.RANKING_TITLE, lang) + pick((kpi.vi, kpi.en), lang)
    return GapsView(pick(GAPS_TITLE, lang), tuple(rows), title,
                    tuple(r for _, r in ranked), lang)


@dataclass(frozen=True, slots=True)
class ScreenViews:
    """Everything the panels show for one unit, period, language and ranking KPI."""

    panels: dict[str, PanelView]  # by PanelSpec.key
    gaps: GapsView


class Superseded(Exception):
    """A newer key press wants another screen: this one is not worth finishing."""


def screen_views(engine: Engine, unit: str, period: Period, lang: Lang, ranking_kpi: str,
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
    state: State
    # The parts of source_text, so that a narrow header can shorten one and keep another.
    source_name: str = ""  # the publisher, or "dữ liệu mô phỏng" (never dropped)
    data_text: str = ""  # "số liệu ngày 01/11/2026 08:42"
    data_date: str = ""  # "01/11/2026 08:42"
    simulated: bool = False  # the name says "dữ liệu mô phỏng": a narrow header keeps that


def header_view(engine: Engine | None, unit: str | None, period: Period | None, lang: Lang,
                status: SourceStatus, now: datetime) -> HeaderView:
    crumbs: tuple[str, ...] = ()
    source_text = stamp = ""
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
    name, simulated = source_text, pick(i18n.SIMULATED, lang) in source_text
    if data_time is not None:
        stamp = data_time.strftime("%d/%m/%Y %H:%M")
        source_text += " · " + pick(i18n.DATA_OF, lang).format(stamp=stamp)
    data_text = pick(i18n.DATA_OF, lang).format(stamp=stamp) if stamp else ""
    period_text = describe_period(period, lang) if period is not None else "—"
    # The reason may quote a feed (a whole FeedError): one line, inert, on the second line.
    state_text = " · ".join(printable(line) for line in
                            status_text(status, lang, now).splitlines())
    return HeaderView(crumbs, period_text, source_text, state_text, status.state, name,
                      data_text, stamp, simulated)


def _clock(when: datetime | None, now: datetime) -> str:
    if when is None:
        return "—"
    if when.date() == now.date():
        return when.strftime("%H:%M:%S")
    return when.strftime("%d/%m/%Y %H:%M")


def _waited(status: SourceStatus, now: datetime) -> int | None:
    """Whole seconds a read has been under way, once it has taken a second or more."""
    if not status.reading or status.reading_since is None:
        return None
    seconds = int((now - status.reading_since).total_seconds())
    return seconds if seconds >= 1 else None


def status_text(status: SourceStatus, lang: Lang, now: datetime) -> str:
    """The state (symbol and word), why, and when the figures were read and will be again."""
    words = {k: pick(pair, lang) for k, pair in i18n.HEADER_STATE.items()}
    kind = pick(i18n.KIND_WORDS.get(status.kind, (status.kind, status.kind)), lang)
    read = _clock(status.last_success, now)
    upcoming = _clock(status.next_poll, now)
    waited = _waited(status, now)
    retry = words["retrying"] if status.reading else words["retry"].format(at=upcoming)
    if waited is not None:
        retry += f" ({waited} s)"
    if status.state == "loading":
        if waited is not None:
            return words["waiting"].format(waited=waited, kind=kind)
        return words["reading"]
    if status.state == "live":
        if waited is not None:  # a read that hangs shows from its first second
            return words["live_waiting"].format(waited=waited, read=read, kind=kind)
        return words["live"].format(read=read, next=upcoming, kind=kind)
    aged = words["aged"] if status.aged else ""
    reason = status.reason_text(lang)
    if status.state == "stale":
        return words["stale"].format(saved=_clock(status.saved_at, now), reason=reason,
                                     retry=retry)
    head = words["offline"] if status.state == "offline" else words["error"]
    if status.last_success is None and status.saved_at is None:  # nothing read yet
        return words["nothing_yet"].format(head=head, reason=reason, retry=retry)
    return words["failed"].format(head=head, reason=reason, read=read, aged=aged,
                                  retry=retry)


def publishers_text(sources: Sequence[SourceInfo], lang: Lang, most: int = 2) -> str:
    """"Phòng VH-TT quận Thanh Xuân; UBND phường Thạch Bàn (+1 nguồn)"."""
    names: list[str] = []
    for info in sources:
        name = pick(i18n.SIMULATED, lang) if info.simulated else info.publisher
        if name not in names:
            names.append(name)
    text = "; ".join(names[:most])
    if len(names) > most:
        more = len(names) - most
        text += pick(i18n.MORE_SOURCES, lang).format(more=more)
    return text


def money(value: float, lang: Lang) -> str:
    return format_number(value, lang) + pick(i18n.CURRENCY, lang)
