"""The validated, immutable snapshot of one feed: units, counts, published values, targets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from cchc_tui.model.index766 import Index766
from cchc_tui.model.observations import Observations
from cchc_tui.model.periods import Period
from cchc_tui.model.vocabulary import Level
from cchc_tui.text import bare_name, fold


@dataclass(frozen=True, slots=True)
class Unit:
    code: str
    name: str
    level: Level
    parent: str | None = None
    external_id: str | None = None  # the source's own id (the portal's departmentId)


@dataclass(frozen=True, slots=True)
class Reported:
    """A percentage as published (0–100), with where it came from; with the counts it was
    divided from when the source gives them, and a 766 score with its maximum and change."""

    value: float
    note: str | None
    origin: str
    numerator: float | None = None
    denominator: float | None = None
    score: float | None = None
    max_score: float | None = None
    change: float | None = None

    @property
    def has_basis(self) -> bool:
        """Published with its own numerator and denominator: the value shown is their ratio."""
        return self.numerator is not None and self.denominator is not None


@dataclass(frozen=True, slots=True)
class Target:
    kpi: str
    value: float
    due: date | None
    scope: str  # "*", a level, or a unit code (covering its descendants)
    basis: str
    origin: str  # the file (feed or config) that set it


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """One feed file (or URL) and what it says about itself."""

    location: str
    publisher: str
    generated_at: datetime | None
    title: str = ""
    url: str = ""
    unpublished: frozenset[str] = frozenset()  # measures the source says it never publishes

    @property
    def simulated(self) -> bool:
        return "mô phỏng" in self.publisher.lower() or "simulated" in self.publisher.lower()


@dataclass(frozen=True, slots=True)
class Warning_:
    """A non-fatal remark found while reading a feed (unknown measure, unknown KPI …)."""

    kind: str
    message: str
    args: tuple[tuple[str, str], ...] = ()  # what a screen needs to word it (FeedIssue.args)
    place: str = ""  # "origin: where: ", the part of `message` that is the same in any language
    detail: str = ""  # the rest of `message`, English, worded by i18n.feed_issue_words in vi


@dataclass(frozen=True, eq=False)  # identity: comparing two national feeds would take seconds
class Snapshot:
    """Everything one read of the source produced. Treat every mapping as read-only."""

    units: Mapping[str, Unit]
    observations: Mapping[str, Mapping[str, Mapping[Period, float]]]  # unit → measure → period
    reported: Mapping[str, Mapping[str, Mapping[Period, Reported]]]  # unit → kpi → period
    targets: tuple[Target, ...] = ()
    sources: tuple[SourceInfo, ...] = ()
    unit_sources: Mapping[str, int] = field(default_factory=dict)  # unit → index in sources
    unknown_measures: frozenset[str] = frozenset()
    unknown_kpis: frozenset[str] = frozenset()
    warnings: tuple[Warning_, ...] = ()
    # unit → period → the portal's 766 figures metric by metric (feed section "index_766")
    index_766: Mapping[str, Mapping[Period, Index766]] = field(default_factory=dict)

    @cached_property
    def children(self) -> Mapping[str, tuple[str, ...]]:
        kids: dict[str, list[str]] = {}
        for unit in self.units.values():
            if unit.parent is not None:
                kids.setdefault(unit.parent, []).append(unit.code)
        return {code: tuple(sorted(codes, key=lambda c: (fold(self.units[c].name), c)))
                for code, codes in kids.items()}

    @cached_property
    def roots(self) -> tuple[str, ...]:
        return tuple(sorted((u.code for u in self.units.values() if u.parent is None),
                            key=lambda c: (fold(self.units[c].name), c)))

    @cached_property
    def generated_at(self) -> datetime | None:
        stamps = [s.generated_at for s in self.sources if s.generated_at is not None]
        return max(stamps) if stamps else None

    @cached_property
    def periods(self) -> tuple[Period, ...]:
        """Every period that appears in the counts or the published values, sorted."""
        seen: set[Period] = set()
        for table in (self.observations, self.reported):
            for per_unit in table.values():
                for series in per_unit.values():
                    seen.update(series)
        return tuple(sorted(seen, key=lambda p: p.sort_key))

    def children_of(self, code: str) -> tuple[str, ...]:
        return self.children.get(code, ())

    def ancestors(self, code: str) -> list[Unit]:
        """The unit's parents, nearest first."""
        out: list[Unit] = []
        parent = self.units[code].parent
        while parent is not None and parent in self.units and len(out) < 16:
            out.append(self.units[parent])
            parent = self.units[parent].parent
        return out

    def path(self, code: str) -> list[Unit]:
        """Root first, the unit last: Tỉnh › Huyện › Xã."""
        return [*reversed(self.ancestors(code)), self.units[code]]

    def series(self, unit: str, measure: str) -> Mapping[Period, float]:
        return self.observations.get(unit, {}).get(measure, {})

    def reported_series(self, unit: str, kpi: str) -> Mapping[Period, Reported]:
        return self.reported.get(unit, {}).get(kpi, {})

    def source_of(self, unit: str) -> SourceInfo | None:
        index = self.unit_sources.get(unit)
        return None if index is None else self.sources[index]

    def unit_periods(self, unit: str) -> tuple[Period, ...]:
        """Periods with any figure for the unit or its descendants, sorted."""
        seen: set[Period] = set()
        stack = [unit]
        counts = self.observations
        lazy = counts if isinstance(counts, Observations) else None  # read without unpacking
        while stack:
            code = stack.pop()
            if lazy is not None:
                seen.update(lazy.periods(code))
            tables = (self.reported,) if lazy is not None else (counts, self.reported)
            for table in tables:
                for series in table.get(code, {}).values():
                    seen.update(series)
            stack.extend(self.children_of(code))
        return tuple(sorted(seen, key=lambda p: p.sort_key))

    @cached_property
    def folded_names(self) -> Mapping[str, str]:
        return {code: fold(u.name) for code, u in self.units.items()}

    @cached_property
    def folded_context(self) -> Mapping[str, str]:
        """Each unit's folded name followed by its parents' ("phuong song cau tp bac kan …")."""
        names = self.folded_names
        return {code: " ".join([names[code], *(names[u.code] for u in self.ancestors(code))])
                for code in self.units}

    @cached_property
    def bare_names(self) -> Mapping[str, str]:
        """Folded names without their type word ("song cau" for "Phường Sông Cầu")."""
        return {code: bare_name(name) for code, name in self.folded_names.items()}

    @cached_property
    def search_entries(self) -> tuple[tuple[str, str, str, str, str], ...]:
        """Per unit: folded name, bare name, name with parents, folded code, code (the finder)."""
        names, bare, context = self.folded_names, self.bare_names, self.folded_context
        return tuple((names[c], bare[c], context[c], c.casefold(), c) for c in self.units)
