"""The counts of a snapshot, unit → measure → period → value, built lazily from cubes.

A national columnar feed holds 1,7 M values; turning each into a dict entry took ~1 s of the
ingest (DESIGN §8 allows 3× a bare JSON decode, ~0,2 s). So a cube is kept as the decoded
flat list and a unit's series are built the first time that unit is asked for: the screen
asks for a unit, its children and its ancestors, never the whole country at once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from cchc_tui.model.periods import Period

Series = dict[Period, float]


@dataclass(frozen=True, slots=True)
class CubeRows:
    """One unit's rows of a dense cube: `values[offset + p·len(measures) + m]`."""

    values: Sequence[float | None]
    offset: int
    periods: Sequence[Period | None]  # None: a period the checks rejected
    measures: Sequence[str | None]  # None: a measure the checks rejected

    def has_values(self) -> bool:
        end = self.offset + len(self.periods) * len(self.measures)
        return any(v is not None for v in self.values[self.offset:end])

    def periods_with_values(self) -> set[Period]:
        """The periods with a value, read from the cube without unpacking it."""
        n_m = len(self.measures)
        values, kept = self.values, [mi for mi, m in enumerate(self.measures) if m is not None]
        return {period for pi, period in enumerate(self.periods) if period is not None
                and any(values[self.offset + pi * n_m + mi] is not None for mi in kept)}

    def fill(self, into: dict[str, Series]) -> None:
        n_m = len(self.measures)
        values = self.values
        for pi, period in enumerate(self.periods):
            if period is None:
                continue
            base = self.offset + pi * n_m
            for mi, measure in enumerate(self.measures):
                value = values[base + mi]
                if value is not None and measure is not None:
                    into.setdefault(measure, {})[period] = value


class ObservationStore:
    """Where the snapshot builder writes counts, checked one by one or a whole cube at once."""

    def __init__(self) -> None:
        self._series: dict[str, dict[str, Series]] = {}
        self._cubes: dict[str, CubeRows] = {}  # units whose counts are still in their cube

    def is_empty(self, unit: str) -> bool:
        return unit not in self._series and unit not in self._cubes

    def add_rows(self, unit: str, rows: CubeRows) -> None:
        """A unit's cube rows, taken unchecked: only for a unit with no counts yet, from a
        cube whose values were all checked at once and whose periods are distinct."""
        assert self.is_empty(unit)
        self._cubes[unit] = rows

    def unit(self, unit: str) -> dict[str, Series]:
        rows = self._cubes.pop(unit, None)
        per_unit = self._series.setdefault(unit, {})
        if rows is not None:
            rows.fill(per_unit)
        return per_unit

    def put(self, unit: str, measure: str, period: Period, value: float) -> float | None:
        """Store one count; returns the different value already there instead (a conflict)."""
        series = self.unit(unit).setdefault(measure, {})
        old = series.get(period)
        if old is not None and old != value:
            return old
        series[period] = value
        return None

    def freeze(self) -> Observations:
        for per_unit in self._series.values():
            for measure in [m for m, s in per_unit.items() if not s]:
                del per_unit[measure]  # a measure whose every value was rejected
        return Observations(self._series, self._cubes)


class Observations(Mapping[str, Mapping[str, Mapping[Period, float]]]):
    """unit → measure → period → count; a unit still in its cube is unpacked when asked for.

    Read-only for its users; safe to read from several threads (an unpacking done twice at
    once gives the same dict, and the last one stored wins).
    """

    def __init__(self, series: dict[str, dict[str, Series]],
                 cubes: dict[str, CubeRows]) -> None:
        self._series = series
        self._cubes = cubes

    def __getitem__(self, unit: str) -> Mapping[str, Mapping[Period, float]]:
        found = self._series.get(unit)
        if found is not None:
            return found
        rows = self._cubes[unit]  # KeyError: no counts for this unit
        built: dict[str, Series] = {}
        rows.fill(built)
        self._series[unit] = built
        return built

    def __contains__(self, unit: object) -> bool:
        return unit in self._series or unit in self._cubes

    def periods(self, unit: str) -> set[Period]:
        """The periods with a count for `unit`. A unit still in its cube stays there: the
        start-up's search for the root with the longest history asked every unit of a
        national feed, and unpacking them all made 228.000 dicts, which the collector then
        walked at every full collection: nav.initial_unit took 626 ms and 76 MB, now 112 ms
        and nothing (a loaded machine)."""
        found = self._series.get(unit)
        if found is not None:
            return {p for series in found.values() for p in series}
        rows = self._cubes.get(unit)
        return rows.periods_with_values() if rows is not None else set()

    def __iter__(self) -> Iterator[str]:
        yield from self._series
        yield from (u for u in list(self._cubes) if u not in self._series)

    def __len__(self) -> int:
        return len(self._series) + sum(1 for u in self._cubes if u not in self._series)
