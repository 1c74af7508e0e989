"""Whose figures a unit's page shows: the feed files behind the figures of a unit and period."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the dashboard's header imports this before any feed
    from cchc_tui.model.periods import Period
    from cchc_tui.model.snapshot import Snapshot, SourceInfo


def sources_shown(snapshot: Snapshot, unit: str, period: Period) -> list[SourceInfo]:
    """The sources of the unit's and its descendants' figures inside `period` (what the page
    pools and shows), in the snapshot's order; the unit's own source when none has any.

    A unit declared in several files (a city named by each of its wards' reports) is credited
    only through the files that hold its figures, never through the first file naming it.
    """
    if len(snapshot.sources) <= 1:  # one feed (a national one too): nothing to walk
        return list(snapshot.sources)
    found: set[int] = set()
    stack = [unit]
    while stack:
        code = stack.pop()
        stack.extend(snapshot.children_of(code))
        index = snapshot.unit_sources.get(code)
        if index is None or index in found:
            continue  # this file is credited already: no need to look at the figures
        if _has_figures(snapshot, code, period):
            found.add(index)
    if not found:
        own = snapshot.source_of(unit)
        return [own] if own is not None else []
    return [snapshot.sources[i] for i in sorted(found)]


def _has_figures(snapshot: Snapshot, code: str, period: Period) -> bool:
    for table in (snapshot.observations, snapshot.reported):
        for series in table.get(code, {}).values():
            if any(period.contains(p) for p in series):
                return True
    return False
