"""Targets: which one applies (scope and due), status, gap, pace needed and projection."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from cchc_tui.model.periods import Period
from cchc_tui.model.snapshot import Snapshot, Target
from cchc_tui.model.vocabulary import Status

AT_RISK_POINTS = 5.0  # "at risk": misses the target by at most this many points
# The one rule (shown in help): a target with a due date is met, on track (the trend of the
# unit's own complete periods reaches it by the due date), at risk (it does not, and the gap
# is at most AT_RISK_POINTS) or behind; a target without a due date is met or not met; a
# value that leaves out units or months is partial and not judged.


def merge_targets(feed: Iterable[Target], config: Iterable[Target]) -> tuple[Target, ...]:
    """Feed targets, with the config's replacing those of the same kpi, scope and due."""
    merged: dict[tuple[str, str, date | None], Target] = {}
    for target in [*feed, *config]:
        merged[(target.kpi, target.scope, target.due)] = target
    return tuple(merged.values())


def _specificity(target: Target, snapshot: Snapshot, unit: str) -> int | None:
    """Higher is more specific; None when the target does not cover the unit."""
    if target.scope == unit:
        return 1000
    for depth, ancestor in enumerate(snapshot.ancestors(unit), start=1):
        if target.scope == ancestor.code:
            return 1000 - depth
    if target.scope == snapshot.units[unit].level:
        return 10
    if target.scope == "*":
        return 0
    return None


def resolve_target(targets: Sequence[Target], snapshot: Snapshot, unit: str, kpi: str,
                   period: Period) -> Target | None:
    """The most specific scope wins; within it the earliest due not before the period ends,
    else a target without due. A scope whose dated targets have all passed gives way to the
    next, less specific one."""
    by_spec: dict[int, list[Target]] = {}
    for target in targets:
        if target.kpi != kpi:
            continue
        spec = _specificity(target, snapshot, unit)
        if spec is not None:
            by_spec.setdefault(spec, []).append(target)
    end = period.end_date
    for spec in sorted(by_spec, reverse=True):
        group = by_spec[spec]
        dated = [t for t in group if t.due is not None and t.due >= end]
        if dated:
            return min(dated, key=lambda t: t.due or end)
        undated = [t for t in group if t.due is None]
        if undated:
            return undated[-1]
    return None


@dataclass(frozen=True, slots=True)
class Projection:
    slope: float  # points per period, from the linear trend of the unit's recent periods
    value_at_due: float | None  # where the trend line stands at the due period (0–100)
    periods_to_target: int | None  # periods until the trend reaches the target, if it does


@dataclass(frozen=True, slots=True)
class Assessment:
    status: Status
    gap: float | None  # points short of the target (negative: beyond it)
    periods_left: int | None  # whole periods after this one until the due date
    pace_needed: float | None  # points per period to close the gap by the due date
    projection: Projection | None


def periods_left(period: Period, due: date) -> int:
    due_index = due.year * 12 + due.month - 1
    return max(0, math.ceil((due_index - period.end) / period.step_months))


def linear_trend(points: Sequence[tuple[int, float]]) -> tuple[float, float] | None:
    """Least-squares (slope, intercept) of (x, y) points; None for fewer than two x's."""
    if len({x for x, _ in points}) < 2:
        return None
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in points)
    slope = sxy / sxx
    return slope, mean_y - slope * mean_x


def assess(value: float | None, target: Target | None, higher_is_better: bool,
           period: Period, history: Sequence[tuple[int, float]]) -> Assessment:
    """Status against the target. `history`: (steps from `period`, value) of the unit's own
    recent periods at the same granularity, the current one at step 0."""
    if value is None:
        return Assessment("no_data", None, None, None, None)
    if target is None:
        return Assessment("no_target", None, None, None,
                          _projection(history, None, None, higher_is_better))
    sign = 1.0 if higher_is_better else -1.0
    gap = (target.value - value) * sign
    left = periods_left(period, target.due) if target.due else None
    projection = _projection(history, target.value, left, higher_is_better, value)
    if gap <= 0:
        return Assessment("met", gap, left, 0.0, projection)
    if target.due is None:  # nothing to be on track towards
        return Assessment("not_met", gap, None, None, projection)
    pace = gap / left if left else None
    status: Status
    if (projection is not None and projection.value_at_due is not None
            and (projection.value_at_due - target.value) * sign >= 0):
        status = "on_track"
    elif gap <= AT_RISK_POINTS:
        status = "at_risk"
    else:
        status = "behind"
    return Assessment(status, gap, left, pace, projection)


def _projection(history: Sequence[tuple[int, float]], target: float | None, left: int | None,
                higher_is_better: bool, value: float | None = None) -> Projection | None:
    fit = linear_trend(history)
    if fit is None:
        return None
    slope, intercept = fit
    at_due = None
    if left is not None:
        at_due = min(100.0, max(0.0, intercept + slope * left))
    to_target = None
    if target is not None:
        # From the value itself (not the trend line at step 0), so that "reached" and the
        # status never disagree.
        now = intercept if value is None else value
        remaining = (target - now) if higher_is_better else (now - target)
        gain = slope if higher_is_better else -slope
        if remaining <= 0:
            to_target = 0
        elif gain > 1e-9:
            to_target = math.ceil(remaining / gain)
    return Projection(slope, at_due, to_target)
