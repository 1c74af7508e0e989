"""Where the dashboard starts and how it moves between units and periods (no Textual)."""

from __future__ import annotations

from cchc_tui.kpi.engine import Engine
from cchc_tui.model.periods import GRANULARITIES, Period
from cchc_tui.model.snapshot import Snapshot
from cchc_tui.report import default_period

SIMULATED_ROOT = "MP"  # the simulated province: 36 months, so trends have something to show


def initial_unit(snapshot: Snapshot) -> str | None:
    """The simulated province if present, else the first root with data, else any root."""
    roots = snapshot.roots
    if SIMULATED_ROOT in roots and snapshot.unit_periods(SIMULATED_ROOT):
        return SIMULATED_ROOT
    with_data = [r for r in roots if snapshot.unit_periods(r)]
    candidates = with_data or list(roots)
    return candidates[0] if candidates else None


def initial_period(engine: Engine, unit: str) -> Period | None:
    """The latest quarter for simulated data (12 quarters of trend), else the report default."""
    info = engine.snapshot.source_of(unit)
    if info is not None and info.simulated:
        quarters = [p for p in engine.snapshot.unit_periods(unit) if p.granularity == "quarter"]
        if quarters:
            return quarters[-1]
    return default_period(engine, unit)


def period_for(engine: Engine, unit: str, current: Period | None) -> Period | None:
    """Keep the current period when the unit has a value in it; else the unit's own start."""
    if current is not None and any(r.value is not None for r in engine.results(unit, current)):
        return current
    return initial_period(engine, unit) or current


def sibling(snapshot: Snapshot, unit: str, step: int) -> str:
    parent = snapshot.units[unit].parent
    family = snapshot.children_of(parent) if parent is not None else snapshot.roots
    if unit not in family:
        return unit
    return family[(family.index(unit) + step) % len(family)]


def step_period(snapshot: Snapshot, unit: str, period: Period, step: int) -> Period | None:
    """The next / previous period, or None past the unit's data."""
    shifted = period.shift(step)
    periods = snapshot.unit_periods(unit)
    if not periods:
        return None
    first, last = min(p.start for p in periods), max(p.end for p in periods)
    return shifted if shifted.end >= first and shifted.start <= last else None


def next_granularity(period: Period) -> Period:
    """month → quarter → half → year → month (a range starts over at month)."""
    order = GRANULARITIES
    index = order.index(period.granularity) if period.granularity in order else -1
    return period.at(order[(index + 1) % len(order)])
