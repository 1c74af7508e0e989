"""The KPI engine: every KPI of a unit and period from the snapshot's counts (pure Python)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cchc_tui.kpi.figures import Figures
from cchc_tui.kpi.memo import PeriodTables
from cchc_tui.kpi.partial import kpi_sums, partial_sums
from cchc_tui.kpi.plausible import IMPOSSIBLE, MAX_COUNT, implausible
from cchc_tui.kpi.targets import Assessment, assess, merge_targets, resolve_target
from cchc_tui.model.catalogue import KPIS, MEASURES, Kpi
from cchc_tui.model.periods import Period
from cchc_tui.model.snapshot import Reported, Snapshot, Target
from cchc_tui.model.vocabulary import Basis, Reason, ValueSource
from cchc_tui.text import percent, round_half_up

TREND_PERIODS = 8  # how many recent periods feed the trend behind "on track" and projections


@dataclass(frozen=True, slots=True)
class Ratio:
    numerator: float
    denominator: float
    derived: bool  # a derived total went into it
    coverage: tuple[int, int] | None  # (children reporting, children) when pooled
    missing: tuple[str, ...] = ()  # children that yield no value, when pooled
    months: tuple[int, int] | None = None  # (months with figures, months) of a partial period
    months_most: int = 0  # pooled: the most months a unit below has (the fewest are above)

    @property
    def partial(self) -> bool:
        """Some units below, or some months of the period, are not in it."""
        return (self.coverage is not None and self.coverage[0] < self.coverage[1]) or \
            (self.months is not None and self.months[0] < self.months[1])

    @property
    def value(self) -> float:
        return percent(self.numerator, self.denominator)


@dataclass(frozen=True, slots=True)
class Missing:
    """No ratio of the unit's own, and why (its inputs are incomplete or impossible)."""

    reason: Reason


# A unit's count of one measure and what it is: (value, basis). A plain tuple, not a
# NamedTuple: the memo of every unit's totals then stays out of the cyclic collector's way
# (a NamedTuple stays tracked for good; test_the_memos_keys_are_left_to_reference_counting).
Total = tuple[float, Basis]


@dataclass(frozen=True, slots=True)
class KpiResult:
    kpi: Kpi
    unit: str
    period: Period
    value: float | None
    source: ValueSource | None
    ratio: Ratio | None
    reported: Reported | None  # the published value for this unit and period, if any
    reason: Reason | None  # why there is no value: partial_coverage when fewer units below
    # than `min_coverage` asks yield one; not_published: the source never publishes an input
    target: Target | None
    assessment: Assessment
    short: Ratio | None = None  # the pooled ratio refused for its coverage (reason above)


class Engine:
    """Computes KPIs from one snapshot; results are memoised, the snapshot is never changed."""

    def __init__(self, snapshot: Snapshot, config_targets: Sequence[Target] = (),
                 min_coverage: float = 1.0, max_count: float = MAX_COUNT) -> None:
        self.snapshot = snapshot
        self.max_count = max_count  # counts above it are impossible (checks.max_count)
        # The share of children (0–1) that must yield a value before a parent pools them.
        self.min_coverage = min_coverage
        self._short: dict[tuple[str, str, Period], Ratio] = {}
        self._zeros: set[tuple[str, str, Period]] = set()  # reported 0/0: no value, not missing
        self.figures = Figures(snapshot)
        self.targets = merge_targets(snapshot.targets, config_targets)
        # period → (unit, KPI or measure) → …: see kpi.memo for why the period comes first
        self._ratios: PeriodTables[Ratio | None] = {}
        self._results: dict[tuple[str, str, Period], KpiResult] = {}
        # pooled counts, for the life of the snapshot: a province's are its districts' sums
        self._totals: PeriodTables[Total | None] = {}

    # -- ratios from counts -----------------------------------------------------------------
    def own_sums(self, unit: str, kpi: Kpi, period: Period) -> tuple[float, float, bool] | Missing:
        """The unit's own numerator, denominator and whether a derived total went in; Missing
        when its inputs are incomplete."""
        counts = [self.figures.count(unit, m, period) for m in kpi.inputs]
        if any(c is None for c in counts):
            top = counts[: len(kpi.numerator)]
            return Missing("no_denominator" if all(c is not None for c in top)
                           else "not_reported")
        values = [c.value for c in counts if c is not None]
        return (sum(values[: len(kpi.numerator)]), sum(values[len(kpi.numerator):]),
                any(c.derived for c in counts if c is not None))

    def own_ratio(self, unit: str, kpi: Kpi, period: Period) -> Ratio | Missing:
        """The unit's own ratio, or why there is none: its inputs are incomplete or impossible
        (a share above 100 %, an infinite or absurd count: a finding, never a figure)."""
        sums = self.own_sums(unit, kpi, period)
        if isinstance(sums, Missing):
            return sums
        num, den, derived = sums
        impossible = implausible(num, den, self.max_count)
        if impossible is not None:
            return Missing(impossible)
        if den <= 0:
            return Missing("zero_denominator")
        return Ratio(num, den, derived, None)

    def ratio(self, unit: str, kpi_id: str, period: Period) -> Ratio | None:
        """Own figures when complete, else the pooled children that yield a value."""
        table = self._ratios.get(period)
        if table is None:
            table = self._ratios.setdefault(period, {})
        key = (unit, kpi_id)
        try:
            return table[key]
        except KeyError:
            found = table[key] = self._ratio(unit, KPIS[kpi_id], period)
            return found

    def _ratio(self, unit: str, kpi: Kpi, period: Period) -> Ratio | None:
        if kpi.reported_only:
            return None
        own = self.own_ratio(unit, kpi, period)
        if isinstance(own, Ratio):
            return own
        if own.reason == "zero_denominator":
            self._zeros.add((unit, kpi.id, period))
            return None
        if own.reason in IMPOSSIBLE:  # its own counts are wrong: no value, never its children's
            return None
        pooled = self._pooled(unit, kpi, period)
        if pooled is not None and pooled.coverage is not None and \
                pooled.coverage[0] < self.min_coverage * pooled.coverage[1] - 1e-9:
            self._short[(unit, kpi.id, period)] = pooled
            return None
        return pooled or self._partial_period(unit, kpi, period)

    def _pooled(self, unit: str, kpi: Kpi, period: Period) -> Ratio | None:
        children = self.snapshot.children_of(unit)
        parts = [(c, self.ratio(c, kpi.id, period)) for c in children]
        yielding = [r for _, r in parts if r is not None]
        # A unit that reported 0/0 has reported: it adds nothing, and it is not missing.
        zeros = [c for c, r in parts if r is None and (c, kpi.id, period) in self._zeros]
        num, den = sum(r.numerator for r in yielding), sum(r.denominator for r in yielding)
        if den <= 0:
            if yielding or zeros:
                self._zeros.add((unit, kpi.id, period))
            return None
        if implausible(num, den, self.max_count) is not None:  # e.g. a sum overflowing to inf
            return None
        spans = [r.months[0] if r.months else period.months for r in yielding]
        partial = any(r.months is not None for r in yielding)
        return Ratio(num, den, any(r.derived for r in yielding),
                     (len(yielding) + len(zeros), len(children)),
                     tuple(c for c, r in parts if r is None and c not in zeros),
                     (min(spans), period.months) if partial else None, max(spans))

    def _partial_period(self, unit: str, kpi: Kpi, period: Period) -> Ratio | None:
        """The unit's own flows over the months of `period` reported so far, marked."""
        found = kpi_sums(self.figures, unit, kpi, period)
        if found is None or found[1] <= 0 or implausible(found[0], found[1], self.max_count):
            return None
        num, den, months, derived = found
        return Ratio(num, den, derived, None, (), (months, period.months))

    def shortfall(self, unit: str, kpi_id: str, period: Period) -> Ratio | None:
        """The pooled ratio refused because too few units below yield a value."""
        self.ratio(unit, kpi_id, period)
        return self._short.get((unit, kpi_id, period))

    # -- values, targets, status ------------------------------------------------------------
    def value(self, unit: str, kpi_id: str, period: Period) -> float | None:
        """A published value with its own numerator and denominator (their ratio), else
        computed from counts, else the published value of that exact period."""
        published = self.snapshot.reported_series(unit, kpi_id).get(period)
        if published is not None and published.has_basis:
            return self._published_ratio(published)
        ratio = self.ratio(unit, kpi_id, period)
        if ratio is not None:
            return ratio.value
        return published.value if published else None

    def value_count(self, unit: str, period: Period, complete: bool = True) -> int:
        """How many KPIs have a value (with `complete`, over all the period's months and
        units): cheap (no targets, no history), for choosing periods."""
        return sum(self.value(unit, kpi_id, period) is not None
                   and not (complete and self.is_partial(unit, kpi_id, period))
                   for kpi_id in KPIS)

    def is_partial(self, unit: str, kpi_id: str, period: Period) -> bool:
        """The value leaves out some units below or some months of the period (a published
        value with its own basis never does: it is the source's official figure)."""
        published = self.snapshot.reported_series(unit, kpi_id).get(period)
        if published is not None and published.has_basis:
            return False
        ratio = self.ratio(unit, kpi_id, period)
        return ratio is not None and ratio.partial

    def history(self, unit: str, kpi_id: str, period: Period,
                count: int = TREND_PERIODS) -> list[tuple[Period, float | None]]:
        """The unit's values over the `count` periods ending with `period`, oldest first."""
        return [(period.shift(-k), self.value(unit, kpi_id, period.shift(-k)))
                for k in range(count - 1, -1, -1)]

    def result(self, unit: str, kpi_id: str, period: Period) -> KpiResult:
        key = (unit, kpi_id, period)
        cached = self._results.get(key)
        if cached is None:
            cached = self._results[key] = self._result(unit, KPIS[kpi_id], period)
        return cached

    def _result(self, unit: str, kpi: Kpi, period: Period) -> KpiResult:
        ratio = self.ratio(unit, kpi.id, period)
        published = self.snapshot.reported_series(unit, kpi.id).get(period)
        reason: Reason | None = None
        value: float | None
        source: ValueSource | None
        if published is not None and published.has_basis:
            # The source's own base wins: its ratio is the official figure; the counts'
            # ratio stays the cross-check (findings). 0/0 is no value, whatever "value" says.
            value = self._published_ratio(published)
            source = "reported" if value is not None else None
            reason = None if value is not None else (
                self._published_impossible(published) or "zero_denominator")
            ratio = None if value is None else Ratio(published.numerator or 0.0,
                                                     published.denominator or 0.0, False, None)
        elif ratio is not None:
            value = ratio.value
            source = "derived" if ratio.derived else "computed"
        elif published is not None:
            value, source = published.value, "reported"
        else:
            value, source = None, None
            own = None if kpi.reported_only else self.own_ratio(unit, kpi, period)
            reason = own.reason if isinstance(own, Missing) else "not_reported"
            if self.shortfall(unit, kpi.id, period) is not None:
                reason = "partial_coverage"
            info = self.snapshot.source_of(unit)  # a source that never publishes an input
            if reason in ("not_reported", "no_denominator") and info is not None and \
                    any(m in info.unpublished for m in kpi.inputs):
                reason = "not_published"
        target = resolve_target(self.targets, self.snapshot, unit, kpi.id, period)
        if ratio is not None and ratio.partial:
            assessment = Assessment("partial", None, None, None, None)  # not judged
        else:
            history = []
            # Steps back from this period, for the trend; a KPI without a value is not
            # assessed and needs none (8 pooled periods each: ~a quarter of the fixtures'
            # first screen).
            if period.has_steps and value is not None:
                history = [(step - TREND_PERIODS + 1, v) for step, (p, v)
                           in enumerate(self.history(unit, kpi.id, period))
                           if v is not None and not self.is_partial(unit, kpi.id, p)]
            assessment = assess(value, target, kpi.higher_is_better, period, history)
        return KpiResult(kpi, unit, period, value, source, ratio, published, reason, target,
                         assessment, self._short.get((unit, kpi.id, period)))

    def results(self, unit: str, period: Period) -> list[KpiResult]:
        return [self.result(unit, kpi_id, period) for kpi_id in KPIS]

    def _published_impossible(self, published: Reported) -> Reason | None:
        """Why a published numerator/denominator cannot be a percentage (above 100 %, absurd)."""
        return implausible(published.numerator or 0.0, published.denominator or 0.0,
                           self.max_count)

    def _published_ratio(self, published: Reported) -> float | None:
        """The published base's ratio; None for 0/0 and for impossible counts (a finding)."""
        if self._published_impossible(published) is not None:
            return None
        return _published_ratio_of(published)

    def rank(self, unit: str, kpi_id: str, period: Period) -> tuple[int, int] | None:
        """(place, of): the unit among its siblings with a value, best first (ties share)."""
        value = self.value(unit, kpi_id, period)
        parent = self.snapshot.units[unit].parent
        family = self.snapshot.children_of(parent) if parent is not None else self.snapshot.roots
        if value is None or len(family) < 2:
            return None
        values = [v for c in family if (v := self.value(c, kpi_id, period)) is not None]
        sign = 1 if KPIS[kpi_id].higher_is_better else -1
        return 1 + sum(sign * (v - value) > 0 for v in values), len(values)

    # -- counts -----------------------------------------------------------------------------
    def total(self, unit: str, measure: str, period: Period) -> Total | None:
        """The unit's own count (or derived total), else the sum over its children, else
        (a flow) the unit's own months reported so far ("partial")."""
        table = self._totals.get(period)
        if table is None:
            table = self._totals.setdefault(period, {})
        key = (unit, measure)
        try:
            return table[key]
        except KeyError:
            found = table[key] = self._total(unit, measure, period)
            return found

    def _total(self, unit: str, measure: str, period: Period) -> Total | None:
        own = self.figures.count(unit, measure, period)
        if own is not None:
            return own.value, "derived" if own.derived else "own"
        values = [t[0] for c in self.snapshot.children_of(unit)
                  if (t := self.total(c, measure, period)) is not None]
        if values:
            return sum(values), "children"
        so_far = partial_sums(self.figures, unit, (measure,), period)  # months reported so far
        return (so_far[0][0], "partial") if so_far is not None else None

    def count_partial(self, unit: str, measure: str, period: Period) -> bool:
        """The unit's total leaves out months of the period or units below."""
        own = self.total(unit, measure, period)
        if own is None or own[1] == "partial":
            return own is not None
        if own[1] != "children":
            return False
        kids = self.snapshot.children_of(unit)
        totals = [self.total(c, measure, period) for c in kids]
        return any(t is None for t in totals) or any(
            self.count_partial(c, measure, period) for c in kids)

    def counts(self, unit: str, period: Period) -> dict[str, Total]:
        """Every measure with a figure for the unit and period (catalogue ones first)."""
        names = list(MEASURES) + sorted(self.snapshot.unknown_measures)
        out = {}
        for name in names:
            total = self.total(unit, name, period)
            if total is not None:
                out[name] = total
        return out


def _published_ratio_of(published: Reported) -> float | None:
    """round_half_up(100 · n / d): the figure the source publishes; None for 0/0."""
    if not published.denominator:
        return None
    return round_half_up(percent(published.numerator or 0.0, published.denominator))
