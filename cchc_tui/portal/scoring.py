"""The 766 score of a unit from its counts, and the check of it against the portal's.

A metric scores `r2(min(M, 100·n/d · M / T))` on the unrounded ratio; a group is `r2` of the sum
of its metrics; the total is `r2` of the six groups, no weights. `r2` is half up on the exact
double, as the portal rounds. The online-services group (CLGQ) has no counts for children and
is taken as published; so is a group whose counts a file lacks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cchc_tui.i18n import Lang, pick
from cchc_tui.model.vocabulary import Level
from cchc_tui.portal.counts import Capture, UnitCounts
from cchc_tui.portal.rules import (
    AS_PUBLISHED,
    CONSTANT,
    GROUPS,
    METRIC_BY_CODE,
    METRICS,
    ON_TIME,
    PAYMENT,
    ZERO_FULL,
    ZERO_ZERO,
    Metric,
    PaymentComponent,
    group_name,
    metric_name,
)
from cchc_tui.text import format_number
from cchc_tui.text import round_half_up as r2

TOLERANCE = 0.01          # a difference above this is a finding
_EPS = 1e-9               # float noise on sums of two-decimal figures

# Basis of a computed figure.
COMPUTED = "computed"
PUBLISHED = "published"   # taken as the portal published it (no counts to compute from)
FIXED = "constant"


def metric_score(rule: Metric, numerator: int | None, denominator: int | None) -> float | None:
    """The metric's points from its counts; None where the portal publishes none (0/0)."""
    if rule.zero == CONSTANT:
        return rule.max
    if not rule.scored or rule.zero == AS_PUBLISHED:
        return None
    if not denominator:
        if rule.zero == ZERO_FULL:
            return rule.max
        return 0.0 if rule.zero == ZERO_ZERO else None
    assert rule.target is not None
    return r2(min(rule.max, (100 * (numerator or 0) / denominator) * rule.max / rule.target))


def payment_component(comp: PaymentComponent, numerator: int, denominator: int) -> float:
    """One payment component: its percentage rounded first, then the points; 0 for 0/0."""
    if not denominator:
        return 0.0
    percent = r2(100 * numerator / denominator)
    return r2(min(comp.weight, comp.weight * percent / comp.target))


def payment_components(payment: Mapping[str, int | None]) -> dict[str, float | None]:
    """Each component's points; None when the capture lacks one of its two counts."""
    out: dict[str, float | None] = {}
    for comp in PAYMENT:
        a, b = payment.get(comp.numerator), payment.get(comp.denominator)
        out[comp.code] = None if a is None or b is None else payment_component(comp, a, b)
    return out


def group_score(metric_scores: Iterable[float | None]) -> float:
    """A group: `r2` of the sum of its metrics' points, a null score counting 0."""
    return r2(sum(s or 0.0 for s in metric_scores))


def total_score(group_scores: Iterable[float]) -> float:
    """The total: `r2` of the six groups' points, no weights."""
    return r2(sum(group_scores))


def ratio(numerator: int | None, denominator: int | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return r2(100 * numerator / denominator)


@dataclass(slots=True)
class MetricResult:
    code: str
    group: str
    max: float
    numerator: int | None
    denominator: int | None
    ratio: float | None               # computed, r2
    ratio_published: float | None
    computed: float | None
    published: float | None
    basis: str                        # COMPUTED | PUBLISHED | FIXED
    name: str = ""                    # the portal's own wording, when it sent one


@dataclass(slots=True)
class GroupResult:
    code: str
    max: float
    computed: float | None
    published: float | None
    basis: str


@dataclass(slots=True)
class UnitScore:
    code: str
    name: str
    level: Level
    parent: str | None
    metrics: list[MetricResult]
    groups: list[GroupResult]
    total: float | None
    total_published: float | None
    total_basis: str                  # COMPUTED, or PUBLISHED when a group was taken as published

    def group(self, code: str) -> GroupResult:
        return next(g for g in self.groups if g.code == code)

    def metric(self, code: str) -> MetricResult:
        return next(m for m in self.metrics if m.code == code)


def score_unit(unit: UnitCounts) -> UnitScore:
    """Score one unit from its counts with the portal's rules."""
    metrics: list[MetricResult] = []
    for rule in METRICS:
        counts = unit.metrics.get(rule.code)
        if counts is None or not rule.scored:
            continue
        if rule.zero == AS_PUBLISHED:
            computed, basis = counts.score, PUBLISHED
        else:
            computed = metric_score(rule, counts.numerator, counts.denominator)
            basis = FIXED if rule.zero == CONSTANT else COMPUTED
        metrics.append(MetricResult(rule.code, rule.group, rule.max, counts.numerator,
                                    counts.denominator, ratio(counts.numerator,
                                                              counts.denominator),
                                    counts.ratio, computed, counts.score, basis, counts.name))
    parts = payment_components(unit.payment) if unit.payment else {}
    for comp in PAYMENT:
        if comp.code in parts:
            a, b = unit.payment.get(comp.numerator), unit.payment.get(comp.denominator)
            metrics.append(MetricResult(comp.code, "TTTT", comp.weight, a, b, ratio(a, b), None,
                                        parts[comp.code], None,
                                        COMPUTED if parts[comp.code] is not None else PUBLISHED))
    groups = [_group(unit, code, gmax, metrics) for code, gmax in ((g.code, g.max) for g in GROUPS)]
    known = [g.computed for g in groups]
    total = None if any(v is None for v in known) else total_score(v or 0.0 for v in known)
    basis = COMPUTED if all(g.basis == COMPUTED for g in groups if g.code != "CLGQ") \
        else PUBLISHED
    return UnitScore(unit.code, unit.name, unit.level, unit.parent, metrics, groups, total,
                     unit.total_published, basis)


def _group(unit: UnitCounts, code: str, gmax: float, metrics: list[MetricResult]) -> GroupResult:
    published = unit.groups_published.get(code)
    own = [m for m in metrics if m.group == code]
    if not own:
        return GroupResult(code, gmax, published, published, PUBLISHED)
    if any(m.basis == PUBLISHED for m in own):  # CLGQ, or payment counts the file lacks
        return GroupResult(code, gmax, published, published, PUBLISHED)
    return GroupResult(code, gmax, group_score(m.computed for m in own), published, COMPUTED)


# ---- the cross-check ------------------------------------------------------------------------

@dataclass(slots=True)
class Finding:
    kind: str                          # metric_differs | group_differs | total_differs |
    #                                    capture_inconsistent
    message_vi: str
    message_en: str
    unit: str | None = None
    code: str | None = None            # the metric or group
    computed: float | None = None
    published: float | None = None
    figures: dict[str, float | int | str] = field(default_factory=dict)

    def message(self, lang: Lang) -> str:
        return pick((self.message_vi, self.message_en), lang)


def _differs(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return (a is None) != (b is None) and (a or b or 0.0) != 0.0
    return abs(a - b) > TOLERANCE + _EPS


def _n(value: float | None, lang: Lang) -> str:
    return format_number(value, lang, 2)


def unit_findings(score: UnitScore, totals: bool = True) -> list[Finding]:
    """Where the computed score of a metric, group or (with `totals`) the total differs from the
    portal's by more than 0,01."""
    out: list[Finding] = []
    for m in score.metrics:
        if m.basis == COMPUTED and m.published is not None and _differs(m.computed, m.published):
            out.append(_finding("metric_differs", score, m.code, metric_name(m.code, "vi"),
                                metric_name(m.code, "en"), m.computed, m.published))
    for g in score.groups:
        if g.basis == COMPUTED and _differs(g.computed, g.published):
            out.append(_finding("group_differs", score, g.code, group_name(g.code, "vi"),
                                group_name(g.code, "en"), g.computed, g.published))
    if totals and _differs(score.total, score.total_published):
        out.append(_finding("total_differs", score, None, "Tổng điểm", "Total", score.total,
                            score.total_published))
    return out


def _finding(kind: str, score: UnitScore, code: str | None, what_vi: str, what_en: str,
             computed: float | None, published: float | None) -> Finding:
    label = f" ({code})" if code else ""
    return Finding(
        kind,
        f"{score.code} {score.name}: {what_vi}{label} tính được {_n(computed, 'vi')}, "
        f"cổng công bố {_n(published, 'vi')}",
        f"{score.code} {score.name}: {what_en}{label} computed {_n(computed, 'en')}, "
        f"the portal publishes {_n(published, 'en')}",
        score.code, code, computed, published)


def capture_findings(capture: Capture, scores: Mapping[str, UnitScore]) -> list[Finding]:
    """Per-unit findings, except that when the answers of the capture disagree with each other
    (they were taken at different moments) the totals, which join all seven answers, give one
    finding for the capture instead of a false alarm per unit."""
    inconsistent = consistency_finding(capture, scores)
    out: list[Finding] = [inconsistent] if inconsistent else []
    for score in scores.values():
        out.extend(unit_findings(score, totals=inconsistent is None))
    return out


# Dossier counts that must not exceed the dossiers received (the progress tree's base).
_DOSSIER_BASES = tuple(m.code for m in METRICS if m.sums_children and m.code != ON_TIME)


def consistency_finding(capture: Capture, scores: Mapping[str, UnitScore]) -> Finding | None:
    """One finding when the capture's answers disagree: a section's dossier denominators above
    the dossiers received of the progress answer, or the province's radar unlike its groups."""
    above: dict[str, int] = {}
    compared = 0
    for unit in capture.units.values():
        received = unit.metrics.get(ON_TIME)
        if received is None or received.denominator is None:
            continue
        compared += 1
        seen: set[str] = set()
        for code in _DOSSIER_BASES:
            m = unit.metrics.get(code)
            if m and m.denominator is not None and m.denominator > received.denominator:
                seen.add(METRIC_BY_CODE[code].group)
        for group in seen:
            above[group] = above.get(group, 0) + 1
    radar = _radar_differences(capture)
    if not above and not radar:
        return None
    children = [s for s in scores.values() if s.level != "province"]
    matching = sum(1 for s in children if not _differs(s.total, s.total_published))
    vi: list[str] = []
    en: list[str] = []
    figures: dict[str, float | int | str] = {"units": compared}
    for group, count in sorted(above.items()):
        vi.append(f"mẫu số {group_name(group, 'vi')} ({group}) lớn hơn số hồ sơ tiếp nhận của "
                  f"Tiến độ giải quyết ở {count}/{compared} đơn vị")
        en.append(f"{group_name(group, 'en')} ({group}) denominators exceed the dossiers "
                  f"received of the progress answer for {count} of {compared} units")
        figures[f"above_received_{group}"] = count
    for group, (section, shown) in radar.items():
        vi.append(f"{group} của tỉnh: {_n(section, 'vi')} ở phần của nhóm, {_n(shown, 'vi')} ở "
                  f"biểu đồ tổng hợp")
        en.append(f"the province's {group} is {_n(section, 'en')} in its own answer but "
                  f"{_n(shown, 'en')} in the service-results radar")
    figures["totals_matching"] = matching
    figures["children"] = len(children)
    return Finding(
        "capture_inconsistent",
        "Các câu trả lời của lần thu thập này không cùng một thời điểm: " + "; ".join(vi)
        + f". Tổng điểm tính lại chỉ khớp {matching}/{len(children)} đơn vị con, nên không so "
          "sánh tổng điểm từng đơn vị; hãy dùng một lần thu thập nhất quán.",
        "The answers of this capture come from different moments: " + "; ".join(en)
        + f". Recomputed totals match only {matching} of {len(children)} children, so totals "
          "are not compared unit by unit; use a consistent capture.",
        capture.root, None, None, None, figures)


def _radar_differences(capture: Capture) -> dict[str, tuple[float, float]]:
    root = capture.units.get(capture.root or "")
    if root is None or not root.radar_published:
        return {}
    out: dict[str, tuple[float, float]] = {}
    for code, shown in root.radar_published.items():
        parts = code.split("+")
        values = [root.groups_published.get(p) for p in parts]
        if any(v is None for v in values):
            continue
        own = r2(sum(v or 0.0 for v in values))
        if _differs(own, shown):
            out[code] = (own, shown)
    return out


@dataclass(frozen=True, slots=True)
class Agreement:
    """How many of the capture's computed figures are the portal's own (within 0,01)."""

    metrics: tuple[int, int]   # (matching, of): metric scores computed from counts
    groups: tuple[int, int]    # groups computed from their metrics
    totals: tuple[int, int]    # children's totals (CLGQ, and a group lacking counts, as
    #                            published)


def agreement(scores: Mapping[str, UnitScore]) -> Agreement:
    metrics = [m for s in scores.values() for m in s.metrics
               if m.basis == COMPUTED and m.published is not None]
    groups = [g for s in scores.values() for g in s.groups
              if g.basis == COMPUTED and g.published is not None]
    children = [s for s in scores.values() if s.parent is not None
                and s.total is not None and s.total_published is not None]

    def count(items: list[Any], pair: Callable[[Any], tuple[float | None, float | None]],
              ) -> tuple[int, int]:
        return sum(1 for i in items if not _differs(*pair(i))), len(items)
    return Agreement(count(metrics, lambda m: (m.computed, m.published)),
                     count(groups, lambda g: (g.computed, g.published)),
                     count(children, lambda s: (s.total, s.total_published)))


def score_capture(capture: Capture) -> dict[str, UnitScore]:
    return {code: score_unit(unit) for code, unit in capture.units.items()}
