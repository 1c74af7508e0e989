"""Periods still coming in: a flow over the months of a period reported so far.

A half-year with July–October reported is not "not reported": its flows are summed over the
parts that have every input (numerator and denominator over the same months), and the value
says how many months it covers (`Ratio.months`), so every view can mark it partial.
"""

from __future__ import annotations

import weakref
from functools import lru_cache

from cchc_tui.kpi.figures import Figures
from cchc_tui.model.catalogue import DERIVED_TOTALS, MEASURES, Kind, Kpi
from cchc_tui.model.periods import Period


@lru_cache(maxsize=256)  # a handful of KPI input tuples, asked for every unit and period
def flows_only(inputs: tuple[str, ...]) -> bool:
    """Only flows add up over months (a stock's latest month already stands for the period)."""
    return all(m in MEASURES and MEASURES[m].kind is Kind.FLOW for m in inputs)


# Per Figures (one per snapshot): (unit, measure) -> the first and last month with a figure.
_SPANS: weakref.WeakKeyDictionary[Figures, dict[tuple[str, str], tuple[int, int] | None]] = \
    weakref.WeakKeyDictionary()


def _span(figures: Figures, unit: str, measure: str) -> tuple[int, int] | None:
    spans = _SPANS.setdefault(figures, {})
    key = (unit, measure)
    if key not in spans:
        series = figures.snapshot.series(unit, measure)
        spans[key] = (min(p.start for p in series), max(p.end for p in series)) \
            if series else None
    return spans[key]


def has_parts(figures: Figures, unit: str, inputs: tuple[str, ...], period: Period) -> bool:
    """Cheap first test: every input (or each part of a derived total) has some figure inside
    `period`; most units and periods of a long history have none."""
    def inside(measure: str) -> bool:
        span = _span(figures, unit, measure)
        if span is None or span[1] < period.start or span[0] > period.end:
            return False  # no figure anywhere near: the common case, answered from the cache
        return any(period.contains(p) for p in figures.snapshot.series(unit, measure))

    return all(inside(m) or (m in DERIVED_TOTALS and all(inside(x) for x in DERIVED_TOTALS[m]))
               for m in inputs)


def complete_parts(figures: Figures, unit: str, inputs: tuple[str, ...],
                   period: Period) -> list[Period]:
    """The largest sub-periods of `period` with a figure for every input."""
    out: list[Period] = []
    for part in period.children():
        if all(figures.count(unit, m, part) is not None for m in inputs):
            out.append(part)
        else:
            out += complete_parts(figures, unit, inputs, part)
    return out


def partial_sums(figures: Figures, unit: str, inputs: tuple[str, ...],
                 period: Period) -> tuple[list[float], int, bool] | None:
    """Each input summed over the parts reported so far, the months they cover, and whether a
    derived total went in; None when no part has every input."""
    if not flows_only(inputs) or not has_parts(figures, unit, inputs, period):
        return None
    parts = complete_parts(figures, unit, inputs, period)
    if not parts:
        return None
    counts = [[c for p in parts if (c := figures.count(unit, m, p)) is not None]
              for m in inputs]
    sums = [sum(c.value for c in per_input) for per_input in counts]
    derived = any(c.derived for per_input in counts for c in per_input)
    return sums, sum(p.months for p in parts), derived


def kpi_sums(figures: Figures, unit: str, kpi: Kpi,
             period: Period) -> tuple[float, float, int, bool] | None:
    """(numerator, denominator, months covered, derived) of the KPI over the months so far."""
    found = partial_sums(figures, unit, kpi.inputs, period)
    if found is None:
        return None
    sums, months, derived = found
    return sum(sums[: len(kpi.numerator)]), sum(sums[len(kpi.numerator):]), months, derived
