"""Where the dashboard starts and how it moves between units and periods (no Textual)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cchc_tui.model.periods import GRANULARITIES, Period
from cchc_tui.model.vocabulary import Level

if TYPE_CHECKING:  # annotations only: the app imports this before the first frame
    from cchc_tui.kpi.engine import Engine
    from cchc_tui.model.snapshot import Snapshot


def initial_unit(snapshot: Snapshot) -> str | None:
    """The root with the longest history (the most periods: trends to show), else any root."""
    roots = snapshot.roots
    if not roots:
        return None
    return max(roots, key=lambda r: (len(snapshot.unit_periods(r)), -roots.index(r)))


def default_period(engine: Engine, unit: str) -> Period | None:
    """The latest period with KPI values for the unit; among periods ending in the same month,
    the one with the most values, then the longest (2023-H1 rather than 2023-06), then the
    latest day (as-of figures of two days of one month)."""
    periods = engine.snapshot.unit_periods(unit)
    by_end: dict[int, list[Period]] = {}
    for period in periods:
        by_end.setdefault(period.end, []).append(period)
    for complete in (True, False):  # complete values first; else the partial ones
        for end in sorted(by_end, reverse=True):
            scored = [(engine.value_count(unit, p, complete), -p.start_date.toordinal(),
                       p.end_date.toordinal(), p) for p in by_end[end]]
            best = max(scored, key=lambda t: t[:3])
            if best[0]:
                return best[3]
    return periods[-1] if periods else None


def initial_period(engine: Engine, unit: str) -> Period | None:
    """The report's default period; when that is a month, its quarter or the one before,
    whichever has more complete values (a quarter reads better on a projector than a month).
    `report` opens on the same period."""
    period = default_period(engine, unit)
    if period is None or period.granularity != "month":
        return period
    this = period.at("quarter")
    before = this.shift(-1)
    return this if engine.value_count(unit, this) >= engine.value_count(unit, before) else before


def period_for(engine: Engine, unit: str, current: Period | None) -> Period | None:
    """Keep the current period when the unit has a value in it; else the unit's own start."""
    if current is not None and engine.value_count(unit, current, complete=False):
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


def descendants(snapshot: Snapshot, unit: str, level: Level) -> tuple[str, ...]:
    """The units of `level` under `unit`, depth first in the feed's order."""
    found: list[str] = []
    stack = list(reversed(snapshot.children_of(unit)))
    while stack:
        code = stack.pop()
        if snapshot.units[code].level == level:
            found.append(code)
        stack.extend(reversed(snapshot.children_of(code)))
    return tuple(found)


def meeting_rotation(snapshot: Snapshot, origin: str, mode: str,
                     codes: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The units meeting mode steps through (`app.meeting_rotation`):
    "children": the unit, then the units directly under it; "communes": the unit, then every
    commune under it; "units": the known units of `codes`, in order. When that leaves only the
    unit itself (a commune), its siblings; never empty while `origin` exists."""
    if mode == "units":
        listed = tuple(c for c in codes if c in snapshot.units)
        if listed:
            return listed
    below = descendants(snapshot, origin, "commune") if mode == "communes" else ()
    below = below or snapshot.children_of(origin)
    if below:
        return (origin, *below)
    parent = snapshot.units[origin].parent
    return snapshot.children_of(parent) if parent is not None else snapshot.roots
