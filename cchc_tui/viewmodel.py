"""View-models: what each panel shows, computed from the engine (plain Python, no Textual).

The panels and the header (what the screen shows before any figure) are in `frame`.
Widgets receive these small frozen dataclasses and only draw them; every number on screen is
formatted here with the vi-VN / en helpers of `cchc_tui.text`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cchc_tui import i18n
from cchc_tui.cells import KpiRow, partial_status, unit_kpi_row
from cchc_tui.frame import DEFAULT_RANKING_KPI, PANELS, PanelSpec
from cchc_tui.i18n import Lang, pick, status_label
from cchc_tui.kpi.engine import Engine
from cchc_tui.kpi.marks import NOTE_MARK, PARTIAL_MARK, value_marks
from cchc_tui.model.catalogue import INDEX_766, KPIS
from cchc_tui.model.periods import Period, short_label
from cchc_tui.model.vocabulary import Status
from cchc_tui.text import format_count, format_number, format_percent, format_points

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
    key: str  # its PanelSpec; the panel's title is the frame's (frame.PANELS), not a figure's
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
    return PanelView(spec.key, rows, counts,
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
    return GapsView(tuple(rows), title,
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




def money(value: float, lang: Lang) -> str:
    return format_number(value, lang) + pick(i18n.CURRENCY, lang)
