"""What the 766 view shows, as plain data: the unit's total with its rank among its siblings
and its change, the six groups against their maxima, the units below ranked by total, and the
portal's monthly chart of the total."""

from __future__ import annotations

from dataclasses import dataclass

from cchc_tui.i18n import Lang, pick
from cchc_tui.kpi.engine import Engine
from cchc_tui.model.catalogue import KPIS
from cchc_tui.model.periods import Period, describe_period
from cchc_tui.model.vocabulary import Level

TOTAL = "index_766_total"
GROUPS = ("index_766_ckmb", "index_766_tdgq", "index_766_clgq", "index_766_tttt",
          "index_766_mdhl", "index_766_mdsh")
KINDS = {"nation": ("cả nước", "nation"), "province": ("tỉnh, thành", "province"),
         "agency": ("sở, ngành", "agency"), "district": ("huyện", "district"),
         "commune": ("xã, phường", "commune")}
FILTERS = (None, "agency", "commune")  # `t` cycles: all, agencies only, communes only


@dataclass(frozen=True, slots=True)
class Score:
    kpi: str
    label: str
    percent: float | None  # of the maximum
    score: float | None
    max_score: float | None
    change: float | None


@dataclass(frozen=True, slots=True)
class ChildScore:
    code: str
    name: str
    level: Level
    kind: str  # the level in words
    total: float | None
    change: float | None
    place: int | None  # by total among the units below, 1 = best


@dataclass(frozen=True, slots=True)
class IndexView:
    title: str
    total: Score
    rank: tuple[int, int] | None  # (place, of) among the unit's siblings
    groups: tuple[Score, ...]
    children: tuple[ChildScore, ...]
    chart: tuple[tuple[str, float], ...]  # the portal's monthly chart: ("01/26", 54,82) …

    @property
    def empty(self) -> bool:
        return self.total.percent is None and not any(g.percent is not None
                                                      for g in self.groups)


def score(engine: Engine, unit: str, kpi: str, period: Period, lang: Lang) -> Score:
    published = engine.snapshot.reported_series(unit, kpi).get(period)
    spec = KPIS[kpi]
    top = published.max_score if published and published.max_score else spec.max_score
    return Score(kpi, pick((spec.vi, spec.en), lang), engine.value(unit, kpi, period),
                 published.score if published else None, top,
                 published.change if published else None)


def rank(engine: Engine, unit: str, period: Period) -> tuple[int, int] | None:
    """Where the unit's total stands among its siblings' (1 = highest; ties share a place);
    none when no sibling has a total for the period."""
    found = engine.rank(unit, TOTAL, period)
    return found if found is not None and found[1] > 1 else None


def children(engine: Engine, unit: str, period: Period, lang: Lang, *, worst_first: bool,
             only: str | None) -> tuple[ChildScore, ...]:
    snapshot = engine.snapshot
    rows = []
    for code in snapshot.children_of(unit):
        child = snapshot.units[code]
        published = snapshot.reported_series(code, TOTAL).get(period)
        rows.append((code, child, engine.value(code, TOTAL, period),
                     published.change if published else None))
    totals = sorted((t for _, _, t, _ in rows if t is not None), reverse=True)
    out = [ChildScore(code, u.name, u.level, pick(KINDS.get(u.level, (u.level, u.level)), lang),
                      total, change, 1 + sum(t > total for t in totals) if total is not None
                      else None)
           for code, u, total, change in rows if only is None or u.level == only]
    known = sorted((c for c in out if c.total is not None),
                   key=lambda c: (c.total or 0.0, c.code), reverse=not worst_first)
    return (*known, *(c for c in out if c.total is None))


def chart(engine: Engine, unit: str, period: Period) -> tuple[tuple[str, float], ...]:
    """The unit's published totals of single months (the portal's monthly chart), in order,
    from the year of `period` up to its end."""
    series = engine.snapshot.reported_series(unit, TOTAL)
    months = sorted((p for p in series if p.months == 1 and p.year == period.year
                     and p.end <= period.end), key=lambda p: p.start)
    return tuple((f"{p.start % 12 + 1:02d}/{p.year % 100:02d}", series[p].value)
                 for p in months)


def _portal_label(s: Score, lang: Lang) -> Score:
    """A group under the portal's own name (Số hóa hồ sơ, Dịch vụ trực tuyến …), as the
    group opened from it is titled."""
    from dataclasses import replace

    from cchc_tui.portal.rules import group_name

    return replace(s, label=group_name(s.kpi.removeprefix("index_766_").upper(), lang))


def index_view(engine: Engine, unit: str, period: Period, lang: Lang, *,
               worst_first: bool = False, only: str | None = None) -> IndexView:
    name = engine.snapshot.units[unit].name
    return IndexView(
        f"{name} — {describe_period(period, lang)}",
        score(engine, unit, TOTAL, period, lang), rank(engine, unit, period),
        tuple(_portal_label(score(engine, unit, k, period, lang), lang) for k in GROUPS),
        children(engine, unit, period, lang, worst_first=worst_first, only=only),
        chart(engine, unit, period))


# -- a group opened: its metrics, computed beside published, and the unit's levers ------------
@dataclass(frozen=True, slots=True)
class MetricRow:
    code: str
    name: str
    numerator: int | None
    denominator: int | None
    ratio: float | None  # computed from the counts (percent)
    ratio_published: float | None
    computed: float | None
    published: float | None
    max: float
    basis: str  # computed | published (no counts: the portal's score) | constant

    @property
    def differs(self) -> bool:
        """The computed score is not the portal's (over 0,01): marked on the figure."""
        return (self.basis == "computed" and self.published is not None
                and self.computed is not None and abs(self.computed - self.published) > 0.01
                + 1e-9)


@dataclass(frozen=True, slots=True)
class GroupDetail:
    code: str
    name: str
    unit_name: str
    max: float
    computed: float | None
    published: float | None
    basis: str
    metrics: tuple[MetricRow, ...]
    levers: tuple[str, ...]  # best points per item first, in the unit's own terms
    blocked: tuple[str, ...]  # what the unit cannot move itself, and why
    children: tuple[tuple[str, str, float], ...]  # a province: (code, name, gain), most first
    finding: str | None  # the capture's answers disagree: said once


def scored_groups(engine: Engine, unit: str, period: Period) -> bool:
    """Whether the unit has the portal's 766 counts metric by metric (groups can be opened)."""
    figures = engine.snapshot.index_766.get(unit, {}).get(period)
    return figures is not None and any(m.numerator is not None or m.denominator is not None
                                       for m in figures.metrics)


def group_detail(engine: Engine, unit: str, period: Period, group: str, lang: Lang,
                 ) -> GroupDetail | None:
    from cchc_tui.portal.counts import captures_of
    from cchc_tui.portal.levers import BLOCKED_REASONS, child_impacts, unit_levers
    from cchc_tui.portal.rules import GROUP_BY_CODE, group_name, metric_name
    from cchc_tui.portal.scoring import consistency_finding, score_capture

    if not scored_groups(engine, unit, period):
        return None
    capture = next((c for c in captures_of(engine.snapshot, "")
                    if c.period == period and unit in c.units), None)
    if capture is None:
        return None
    counts = capture.units[unit]
    scores = score_capture(capture)
    score = scores[unit]
    result = score.group(group)
    rows = tuple(MetricRow(m.code, (m.name if lang == "vi" and m.name else
                                    metric_name(m.code, lang)), m.numerator, m.denominator,
                           m.ratio, m.ratio_published, m.computed, m.published, m.max, m.basis)
                 for m in score.metrics if m.group == group)
    levers = unit_levers(counts)
    texts = tuple(lv.text(lang) for lv in levers.levers if lv.group == group)
    blocked = tuple(f"{metric_name(b.code, lang)}: {pick(BLOCKED_REASONS[b.reason], lang)}"
                    for b in levers.blocked if b.group == group)
    children = tuple((c.code, c.name, c.gain) for c in child_impacts(capture, unit, group)[:5]) \
        if counts.level == "province" else ()
    finding = consistency_finding(capture, scores)
    return GroupDetail(group, group_name(group, lang), engine.snapshot.units[unit].name,
                       GROUP_BY_CODE[group].max, result.computed, result.published,
                       result.basis, rows, texts, blocked, children,
                       finding.message(lang) if finding else None)
