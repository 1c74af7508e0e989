"""Columnar cubes (units × periods × measures) into the snapshot's series, fast and checked.

A mixin of the snapshot builder: a national cube holds 1,7 M values, so the unit, period
and measure lists are checked once each, the values once by msgspec, and a value's place is
spelled out only when it is wrong.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import msgspec

from cchc_tui.feed.checks import at, check_period, is_number
from cchc_tui.feed.raw import Collector, FeedIssue
from cchc_tui.model.catalogue import MEASURES
from cchc_tui.model.periods import Period
from cchc_tui.model.snapshot import Unit

# float accepts ints but not booleans; the values themselves are stored unchanged.
_COUNTS = list[Annotated[float, msgspec.Meta(ge=0, le=1e18)] | None]


def _all_counts(values: list[Any]) -> bool:
    """True when every value is null or a finite count ≥ 0 (checked by msgspec, in C)."""
    try:
        msgspec.convert(values, _COUNTS)
    except msgspec.ValidationError:
        return False
    return True



class CubeStore:
    """Expects the builder's `units`, `obs`, `unknown_measures`, `conflicts` and `_unit`."""

    units: dict[str, Unit]
    obs: dict[str, dict[str, dict[Period, float]]]
    unknown_measures: dict[str, str]
    conflicts: list[tuple[str, str, str, FeedIssue]]

    def _unit(self, code: Any, where: str, out: Collector) -> bool:
        raise NotImplementedError

    def _block(self, block: tuple[list[Any], list[Any], list[Any], list[Any], str],
               generated: datetime | None, out: Collector) -> list[str]:
        """Store one columnar cube; returns the units that got figures.

        The same checks as `_observation`, but the unit, period and measure lists are checked
        once each and a value's place is only spelled out when it is wrong: a national cube has
        1,7 M values, and building a string per value cost seconds.
        """
        units, periods, measures, values, where = block
        n_p, n_m = len(periods), len(measures)

        def place(idx: int) -> str:
            u, rest = divmod(idx, n_p * n_m)
            p, m = divmod(rest, n_m)
            return (f"{where}.values[{idx}] (unit {units[u]}, period {periods[p]}, "
                    f"measure {measures[m]})")

        def first_value(axis: int, i: int) -> int | None:
            """The first reported value of unit (axis 0), period (1) or measure (2) number i."""
            ranges = [range(len(units)), range(n_p), range(n_m)]
            ranges[axis] = range(i, i + 1)
            for u in ranges[0]:
                for p in ranges[1]:
                    for m in ranges[2]:
                        if values[(u * n_p + p) * n_m + m] is not None:
                            return (u * n_p + p) * n_m + m
            return None

        unit_ok = [isinstance(u, str) and u in self.units for u in units]
        for i, ok in enumerate(unit_ok):
            if not ok and (idx := first_value(0, i)) is not None:
                self._unit(units[i], place(idx), out)
        parsed: list[Period | None] = []
        for i, text in enumerate(periods):
            period, problem = check_period(text, generated)
            parsed.append(period)
            if problem and (idx := first_value(1, i)) is not None:
                out.error(at(place(idx), "period"), problem)
        measure_ok = [isinstance(m, str) and bool(m) for m in measures]
        for i, measure in enumerate(measures):
            if not measure_ok[i] and (idx := first_value(2, i)) is not None:
                out.error(at(place(idx), "measure"), f"expected a measure name, got {measure!r}")
            elif measure_ok[i] and measure not in MEASURES and measure not in self.unknown_measures:
                self.unknown_measures[measure] = f"{out.origin}: {where}.measures[{i}]"
        reporting = []
        # One C-speed pass decides whether every value is a count; then, for a unit seen
        # for the first time with distinct periods, values go in without per-value checks.
        clean = _all_counts(values)
        distinct = len({p for p in parsed if p is not None}) == sum(p is not None for p in parsed)
        for ui, unit in enumerate(units):
            if not unit_ok[ui]:
                continue
            per_unit = self.obs.setdefault(unit, {})
            fresh = clean and distinct and not any(m in per_unit for m in measures)
            series = [per_unit.setdefault(m, {}) if ok else None
                      for m, ok in zip(measures, measure_ok, strict=True)]
            stored = False
            for pi, period in enumerate(parsed):
                if period is None:
                    continue
                base = (ui * n_p + pi) * n_m
                if fresh:
                    for target, value in zip(series, values[base:base + n_m], strict=True):
                        if value is not None and target is not None:
                            target[period] = value
                            stored = True
                    continue
                for mi in range(n_m):
                    value, target = values[base + mi], series[mi]
                    if value is None or target is None:
                        continue
                    if not (is_number(value) and value >= 0):
                        self._bad_value(value, place(base + mi), out)
                        continue
                    old = target.get(period)
                    if old is not None and old != value:
                        self._conflict(unit, period, measures[mi], value, old,
                                       place(base + mi), out)
                        continue
                    target[period] = value
                    stored = True
            for name in [m for m, v in per_unit.items() if not v]:
                del per_unit[name]  # measures this unit does not report
            if stored:
                reporting.append(unit)
        return reporting

    def _bad_value(self, value: Any, where: str, out: Collector) -> None:
        if not is_number(value):
            out.error(at(where, "value"), f"expected a number, got {value!r}")
        else:
            out.error(at(where, "value"), f"negative count {value}: counts are 0 or more")

    def _conflict(self, unit: str, period: Period, measure: str, value: float, old: float,
                  where: str, out: Collector) -> None:
        issue = FeedIssue(out.origin, where,
                          f"conflicting duplicate: {unit} {period} {measure} is {value:g} "
                          f"here and {old:g} in an earlier record")
        self.conflicts.append((unit, str(period), measure, issue))
