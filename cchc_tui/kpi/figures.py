"""Counts of one unit over any period: the time rules and the derived totals of KPIS.md."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cchc_tui.kpi.memo import PeriodTables
from cchc_tui.model.catalogue import DERIVED_TOTALS, MEASURES, Kind
from cchc_tui.model.periods import Period
from cchc_tui.model.snapshot import Snapshot


@dataclass(frozen=True, slots=True)
class Count:
    value: float
    derived: bool = False  # a total summed from its parts (KPIS.md "derived totals")


class Figures:
    """The unit's own counts for a period, memoised per snapshot."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        # period → (unit, measure) → figure: see kpi.memo for why the period comes first
        self._cache: PeriodTables[float | None] = {}
        self._counts: PeriodTables[Count | None] = {}
        # the months (or quarters…) of a period, made once: a national unit switch asks ~50.000
        # times, and building the tuples was a quarter of its time
        self._parts: dict[Period, tuple[Period, ...]] = {}

    def measure(self, unit: str, measure: str, period: Period) -> float | None:
        """The unit's own figure over `period`, aggregated over time by the measure's kind."""
        table = self._cache.get(period)
        if table is None:
            table = self._cache.setdefault(period, {})
        key = (unit, measure)
        try:
            return table[key]
        except KeyError:
            found = table[key] = self._measure(unit, measure, period)
            return found

    def _measure(self, unit: str, measure: str, period: Period) -> float | None:
        series = self.snapshot.series(unit, measure)
        if not series:
            return None
        exact = series.get(period)
        if exact is not None:
            return exact
        spec = MEASURES.get(measure)
        kind = spec.kind if spec else Kind.PERIOD_ONLY  # unknown measures: exact period only
        if kind is Kind.FLOW:
            return self._flow(series, period)
        if kind is Kind.STOCK:
            inside = [p for p in series if period.contains(p)]
            if not inside:
                return None
            # The latest figure in the period; the longest period among equals.
            latest = max(inside, key=lambda p: (p.end, p.months))
            return series[latest]
        return None

    def _flow(self, series: Mapping[Period, float], period: Period) -> float | None:
        exact = series.get(period)
        if exact is not None:
            return exact
        parts = self._parts.get(period)
        if parts is None:
            parts = self._parts[period] = period.children()
        if not parts:
            return None
        total = 0.0
        for part in parts:
            value = self._flow(series, part)
            if value is None:
                return None
            total += value
        return total

    def count(self, unit: str, measure: str, period: Period) -> Count | None:
        """Like `measure`, with a missing total derived from all its parts (themselves derived
        where they can be: resolved = (early + on time) + late)."""
        table = self._counts.get(period)
        if table is None:
            table = self._counts.setdefault(period, {})
        key = (unit, measure)
        try:
            return table[key]
        except KeyError:
            found = table[key] = self._count(unit, measure, period)
            return found

    def _count(self, unit: str, measure: str, period: Period) -> Count | None:
        value = self.measure(unit, measure, period)
        if value is not None:
            return Count(value)
        parts = DERIVED_TOTALS.get(measure)
        if parts is None:
            return None
        counts = [self.count(unit, part, period) for part in parts]
        if any(c is None for c in counts):
            return None
        return Count(sum(c.value for c in counts if c is not None), derived=True)
