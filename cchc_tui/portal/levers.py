"""What it takes to gain points: per metric, the smallest change of the unit's own counts that
gains the next whole point (or reaches the maximum), found with the scoring rule itself.

The total is a plain sum, so gains add. The search runs the real scoring function over whole
counts (the rounding is done twice for payment, so no closed formula is trusted). Adding
dossiers moves the on-time denominator too: that lever is "new dossiers, all handled on time"
(only the on-time figure is rescored for it: what the new dossiers do to the other dossier
metrics depends on how they are handled, which the counts cannot say).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial

from cchc_tui.i18n import LEVER_766, Lang, pick
from cchc_tui.portal.counts import Capture, UnitCounts
from cchc_tui.portal.rules import (
    AS_PUBLISHED,
    CONSTANT,
    METRIC_BY_CODE,
    METRICS,
    ON_TIME,
    PAYMENT,
    PROVINCE,
    UNIT,
    Metric,
    PaymentComponent,
)
from cchc_tui.portal.scoring import metric_score, payment_component, score_unit
from cchc_tui.text import format_number
from cchc_tui.text import round_half_up as r2

_EPS = 1e-9
_SEARCH_CAP = 10**12       # new dossiers: beyond this a goal counts as out of reach

# Kinds of lever.
MORE = "more"              # raise the numerator, the denominator stays (digitise, pay online…)
NEW_ON_TIME = "new_on_time"  # new dossiers, all on time: numerator and denominator both move


@dataclass(slots=True)
class Lever:
    code: str                  # metric or payment component
    group: str
    kind: str
    max: float
    score: float               # now
    goal: float                # the score the change reaches
    step: int                  # the smallest change, in the metric's own items
    numerator: int
    denominator: int
    gain: float                # points gained on the total
    items_vi: str
    items_en: str
    short_vi: str
    short_en: str
    of_vi: str = ""
    of_en: str = ""

    @property
    def headroom(self) -> float:
        return r2(self.max - self.score)

    @property
    def per_item(self) -> float:
        return self.gain / self.step

    def change(self, lang: Lang) -> str:
        """The change in the unit's own terms: "+650 hồ sơ số hóa", "33 of 41 fee procedures…"."""
        n = format_number
        if self.kind == NEW_ON_TIME:
            return pick(LEVER_766["new_on_time"], lang).format(step=n(self.step, lang))
        if self.of_vi:
            now, after, of = (n(self.numerator, lang), n(self.numerator + self.step, lang),
                              n(self.denominator, lang))
            return pick(LEVER_766["of"], lang).format(
                after=after, of=of, items=pick((self.items_vi, self.items_en), lang), now=now)
        return f"+{n(self.step, lang)} {pick((self.items_vi, self.items_en), lang)}"

    def text(self, lang: Lang) -> str:
        """"+650 digitised dossiers for one more point of digitisation (2.32 → 3.32/4)"."""
        scores = (f"{n2(self.score, lang)} → {n2(self.goal, lang)}/"
                  f"{format_number(self.max, lang)}")
        top = format_number(self.max, lang)
        if self.goal >= self.max - _EPS:
            gain = pick(LEVER_766["full"], lang).format(top=top)
        elif abs(self.gain - 1) < 0.005:
            gain = pick(LEVER_766["one_more"], lang)
        else:
            gain = pick(LEVER_766["more"], lang).format(gain=n2(self.gain, lang))
        return pick(LEVER_766["lever"], lang).format(
            change=self.change(lang), gain=gain, short=pick((self.short_vi, self.short_en), lang),
            scores=scores)


@dataclass(slots=True)
class Blocked:
    """A metric with headroom that the unit cannot move itself."""

    code: str
    group: str
    headroom: float
    reason: str                # a key of BLOCKED_REASONS


BLOCKED_REASONS = {
    "province": ("số liệu của tỉnh, chép cho mọi đơn vị", "the province's figures, copied to "
                 "every unit"),
    "constant": ("điểm cố định", "constant points"),
    "not_modelled": ("cổng không công bố số liệu: giữ điểm công bố",
                     "no counts published: the portal's score is kept"),
    "no_counts": ("tệp thiếu số liệu của chỉ tiêu", "the file lacks this metric's counts"),
    "no_base": ("mẫu số bằng 0: chưa có gì để tác động", "the denominator is 0: nothing to act "
                "on yet"),
}


def n2(value: float, lang: Lang) -> str:
    return format_number(value, lang, 2)


@dataclass(slots=True)
class Levers:
    unit: str
    levers: list[Lever] = field(default_factory=list)
    blocked: list[Blocked] = field(default_factory=list)


def _goal(score: float, top: float) -> float:
    return r2(score + 1) if score + 1 < top - _EPS else top


def _smallest(reaches: Callable[[int], bool], high: int) -> int | None:
    """The smallest k in 1..high with reaches(k), for a `reaches` that never turns back."""
    if high < 1 or not reaches(high):
        return None
    low = 1
    while low < high:
        mid = (low + high) // 2
        if reaches(mid):
            high = mid
        else:
            low = mid + 1
    return low


def _metric_lever(rule: Metric, n: int, d: int, score: float) -> Lever | None:
    goal = _goal(score, rule.max)
    if rule.code == ON_TIME:
        def new_on_time(k: int) -> bool:
            return (metric_score(rule, n + k, d + k) or 0.0) >= goal - _EPS
        high = 1
        while high < _SEARCH_CAP and not new_on_time(high):
            high *= 2
        step, kind = _smallest(new_on_time, min(high, _SEARCH_CAP)), NEW_ON_TIME
    else:
        def more(k: int) -> bool:
            return (metric_score(rule, n + k, d) or 0.0) >= goal - _EPS
        step, kind = _smallest(more, d - n), MORE
    if step is None:
        return None
    reached = metric_score(rule, n + step, d + step if kind == NEW_ON_TIME else d) or 0.0
    return Lever(rule.code, rule.group, kind, rule.max, score, reached, step, n, d,
                 r2(reached - score), rule.items_vi, rule.items_en, rule.short_vi,
                 rule.short_en, rule.of_vi, rule.of_en)


def _payment_lever(comp: PaymentComponent, n: int, d: int) -> Lever | None:
    score = payment_component(comp, n, d)
    goal = _goal(score, comp.weight)

    def more(k: int) -> bool:
        return payment_component(comp, n + k, d) >= goal - _EPS
    step = _smallest(more, d - n)
    if step is None:
        return None
    reached = payment_component(comp, n + step, d)
    return Lever(comp.code, "TTTT", MORE, comp.weight, score, reached, step, n, d,
                 r2(reached - score), comp.items_vi, comp.items_en, comp.short_vi, comp.short_en,
                 comp.of_vi, comp.of_en)


def unit_levers(unit: UnitCounts) -> Levers:
    """Each metric's smallest useful change, best points per item first, and what is blocked."""
    out = Levers(unit.code)
    score = score_unit(unit)
    for rule in METRICS:
        counts = unit.metrics.get(rule.code)
        if counts is None or not rule.scored:
            continue
        result = score.metric(rule.code)
        now = result.computed
        blocked = _blocked_reason(rule, unit, counts.numerator, counts.denominator)
        headroom = r2(rule.max - (now if now is not None else 0.0))
        if blocked:
            if headroom > _EPS or blocked == "constant":
                out.blocked.append(Blocked(rule.code, rule.group, max(headroom, 0.0), blocked))
            continue
        if headroom <= _EPS:
            continue
        lever = _metric_lever(rule, counts.numerator or 0, counts.denominator or 0, now or 0.0)
        if lever:
            out.levers.append(lever)
    for comp in PAYMENT:
        a, b = unit.payment.get(comp.numerator), unit.payment.get(comp.denominator)
        if a is None or b is None:
            if unit.payment:
                out.blocked.append(Blocked(comp.code, "TTTT", comp.weight, "no_counts"))
            continue
        if not b:
            out.blocked.append(Blocked(comp.code, "TTTT", comp.weight, "no_base"))
            continue
        lever = _payment_lever(comp, a, b)
        if lever and lever.headroom > _EPS:
            out.levers.append(lever)
    out.levers.sort(key=lambda lv: (-lv.per_item, -lv.gain, lv.code))
    return out


def _blocked_reason(rule: Metric, unit: UnitCounts, n: int | None, d: int | None) -> str:
    if rule.zero == AS_PUBLISHED:
        return "not_modelled"
    if rule.zero == CONSTANT:
        return "constant"
    if rule.control == PROVINCE and unit.level != "province":
        return "province"
    if rule.control != UNIT and rule.control != PROVINCE:
        return "constant"
    if d is None or n is None:
        return "no_counts"
    if d == 0 and rule.code != ON_TIME:
        return "no_base"
    return ""


def apply(unit: UnitCounts, lever: Lever) -> UnitCounts:
    """A copy of `unit` with the lever pulled: rescoring it shows what the lever is worth."""
    after = copy.deepcopy(unit)
    if lever.code in METRIC_BY_CODE:
        m = after.metrics[lever.code]
        m.numerator = (m.numerator or 0) + lever.step
        if lever.kind == NEW_ON_TIME:
            m.denominator = (m.denominator or 0) + lever.step
    else:
        comp = next(c for c in PAYMENT if c.code == lever.code)
        after.payment[comp.numerator] = (after.payment.get(comp.numerator) or 0) + lever.step
    return after


# ---- a province: which children move it most --------------------------------------------------

@dataclass(slots=True)
class ChildImpact:
    code: str
    name: str
    gain: float                           # points on the province's total
    shortfall: dict[str, int]             # per metric, the items the child is short of full points


def child_impacts(capture: Capture, province: str, group: str | None = None,
                  ) -> list[ChildImpact]:
    """For each child, the province's gain if that child reached full points on every dossier
    count the province sums from its children (its other counts are the province's own); with
    `group`, on that group's counts only."""
    root = capture.units.get(province)
    if root is None:
        return []
    base = score_unit(root).total
    if base is None:
        return []
    out: list[ChildImpact] = []
    for child in capture.units.values():
        if child.parent != province:
            continue
        shortfall = {code: extra for code, extra in _shortfall(child).items()
                     if group is None or _group_of(code) == group}
        after = copy.deepcopy(root)
        for code, extra in list(shortfall.items()):
            comp = next((c for c in PAYMENT if c.code == code), None)
            if code in after.metrics:
                m = after.metrics[code]
                m.numerator = (m.numerator or 0) + extra
            elif comp is not None and after.payment.get(comp.numerator) is not None:
                after.payment[comp.numerator] = (after.payment.get(comp.numerator) or 0) + extra
            else:  # the province lacks these counts: nothing to add them to
                del shortfall[code]
        if not shortfall:
            continue
        total = score_unit(after).total
        if total is not None and r2(total - base) > 0:  # below 0,01 it moves nothing shown
            out.append(ChildImpact(child.code, child.name, r2(total - base), shortfall))
    out.sort(key=lambda c: (-c.gain, c.code))
    return out


def _group_of(code: str) -> str:
    return METRIC_BY_CODE[code].group if code in METRIC_BY_CODE else "TTTT"


def _shortfall(child: UnitCounts) -> dict[str, int]:
    out: dict[str, int] = {}
    for rule in METRICS:
        counts = child.metrics.get(rule.code)
        if not rule.sums_children or counts is None or not counts.denominator:
            continue
        n, d = counts.numerator or 0, counts.denominator
        need = _to_full(partial(_metric_plus, rule, n, d), rule.max, d - n)
        if need:
            out[rule.code] = need
    for comp in PAYMENT:
        a, b = child.payment.get(comp.numerator), child.payment.get(comp.denominator)
        if comp.sums_children and a is not None and b:
            need = _to_full(partial(_payment_plus, comp, a, b), comp.weight, b - a)
            if need:
                out[comp.code] = need
    return out


def _metric_plus(rule: Metric, n: int, d: int, extra: int) -> float:
    return metric_score(rule, n + extra, d) or 0.0


def _payment_plus(comp: PaymentComponent, n: int, d: int, extra: int) -> float:
    return payment_component(comp, n + extra, d)


def _to_full(score_with: Callable[[int], float], top: float, room: int) -> int | None:
    """The fewest extra items for which `score_with(extra)` reaches `top`."""
    def reaches(k: int) -> bool:
        return score_with(k) >= top - _EPS
    return _smallest(reaches, room)


def levers_by_unit(capture: Capture) -> Mapping[str, Levers]:
    return {code: unit_levers(unit) for code, unit in capture.units.items()}
