"""The unit tree of a feed: every parent known, no parent cycles."""

from __future__ import annotations

from cchc_tui.feed.checks import at
from cchc_tui.feed.raw import Collector
from cchc_tui.model.snapshot import Unit
from cchc_tui.text import did_you_mean, near_word


def check_tree(units: dict[str, Unit], places: dict[str, tuple[str, str]],
               rejected: set[str], outs: list[Collector]) -> None:
    """Report unknown parents and cycles in the collector of the file defining each unit;
    `rejected` units have errors of their own, so their children are not blamed again."""
    by_origin = {out.origin: out for out in outs}
    for code, unit in units.items():
        origin, where = places[code]
        if unit.parent is not None and unit.parent not in units \
                and unit.parent not in rejected:
            by_origin[origin].error(at(where, "parent"),
                                    f"parent {unit.parent!r} of unit {code!r} is not a unit "
                                    f"of this feed{did_you_mean(unit.parent, units)}",
                                    "unknown_parent", parent=repr(unit.parent), unit=repr(code),
                                    near=near_word(unit.parent, units))
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in units:
        path: list[str] = []
        step: str | None = start
        while step is not None and step in units and state.get(step) != 2:
            if state.get(step) == 1:
                cycle = path[path.index(step):] + [step]
                origin, where = places[step]
                by_origin[origin].error(where, "parent cycle: " + " → ".join(cycle), "parent_cycle",
                                        cycle=" → ".join(cycle))
                break
            state[step] = 1
            path.append(step)
            step = units[step].parent
        for c in path:
            state[c] = 2
