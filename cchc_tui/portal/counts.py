"""The counts behind each unit's 766 score, in one small typed shape the scoring and the levers
work on, taken from a snapshot's `index_766` figures.

There is one reader of the portal's answers (answers.py, crawler.py → mapping.py → the feed's
`index_766` section) and one checker of those figures (feed/index766.py): the seven raw
answers, a crawler `details_*` file, a feed written by `import-766` and the live portal all
reach the scoring through the same validated Snapshot, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from cchc_tui.feed.raw import FeedError
from cchc_tui.model.index766 import Index766
from cchc_tui.model.periods import Period
from cchc_tui.model.snapshot import Snapshot
from cchc_tui.model.vocabulary import Level
from cchc_tui.portal.records import ENDPOINTS
from cchc_tui.portal.rules import CLGQ_PUBLISHED, METRIC_BY_CODE, PAYMENT, PAYMENT_BY_CODE

# The answer each group comes from (MDSH → DIGITIZED), for messages and the consistency check.
SECTION_OF = {group: key for key, (_path, group) in ENDPOINTS.items() if group}
# The radar's names: ONLINE_SERVICE is CLGQ + TTTT.
_RADAR = {"CKMB": "CKMB", "TDGQ": "TDGQ", "MDHL": "MDHL", "MDSH": "MDSH",
          "ONLINE_SERVICE": "CLGQ+TTTT"}


class CountsError(ValueError):
    """A capture that cannot be read: the message names the file and the place."""


@dataclass(slots=True)
class MetricCounts:
    code: str
    numerator: int | None
    denominator: int | None
    ratio: float | None          # as published
    score: float | None          # as published
    max: float
    name: str = ""               # as the portal wrote it
    section: str = ""            # the answer it came from
    quality: str | None = None   # the portal's dataQualityStatus


@dataclass(slots=True)
class UnitCounts:
    code: str
    name: str
    level: Level
    parent: str | None = None
    department_id: str = ""
    metrics: dict[str, MetricCounts] = field(default_factory=dict)
    payment: dict[str, int | None] = field(default_factory=dict)
    groups_published: dict[str, float | None] = field(default_factory=dict)
    total_published: float | None = None
    radar_published: dict[str, float] = field(default_factory=dict)   # the root only


@dataclass(slots=True)
class Capture:
    source: str                  # the file (or the source), as given
    kind: str                    # "answers" | "details" | "feed" | …
    root: str | None             # the root's code (the province)
    units: dict[str, UnitCounts]
    period: Period | None = None


def unit_counts(code: str, name: str, level: Level, parent: str | None, figures: Index766,
                department_id: str = "") -> UnitCounts:
    """One unit's counts from its published 766 figures."""
    unit = UnitCounts(code, name, level, parent, department_id,
                      groups_published=dict(figures.groups), total_published=figures.total)
    for m in figures.metrics:
        if m.code in PAYMENT_BY_CODE:
            comp = PAYMENT_BY_CODE[m.code]
            unit.payment[comp.numerator] = m.numerator
            unit.payment[comp.denominator] = m.denominator
            continue
        rule = METRIC_BY_CODE.get(m.code)
        if rule is None:
            continue  # a metric the rules do not know yet is shown by nobody, scored by nobody
        unit.metrics[m.code] = MetricCounts(
            m.code, m.numerator, m.denominator, m.ratio,
            m.score if m.code != CLGQ_PUBLISHED else figures.groups.get("CLGQ", m.score),
            m.max_score or rule.max, m.name, SECTION_OF.get(m.group, m.group), m.quality)
    if unit.payment:  # a component whose counts the source lacks stays None
        for comp in PAYMENT:
            unit.payment.setdefault(comp.numerator, None)
            unit.payment.setdefault(comp.denominator, None)
    for code_, score in figures.radar.items():
        if code_ in _RADAR:
            unit.radar_published[_RADAR[code_]] = score
    return unit


def _has_counts(figures: Index766) -> bool:
    return any(m.numerator is not None or m.denominator is not None for m in figures.metrics)


def captures_of(snapshot: Snapshot, source: str, kind: str = "feed") -> list[Capture]:
    """One capture per root and period of the snapshot's `index_766` figures: a root and the
    units below it (a feed may hold several provinces or days: each is compared with itself).
    A root without counts of its own (a crawler file's province, the national call's "Cả
    nước") is left out of its units but still names the capture."""
    by_key: dict[tuple[str, Period], dict[str, UnitCounts]] = {}
    for code in _ordered(snapshot):
        unit = snapshot.units[code]
        for period, figures in snapshot.index_766.get(code, {}).items():
            top = _root_of(snapshot, code)
            if code == top and not _has_counts(figures):
                by_key.setdefault((top, period), {})
                continue
            by_key.setdefault((top, period), {})[code] = unit_counts(
                code, unit.name, unit.level, unit.parent, figures, unit.external_id or "")
    return [Capture(source, kind, root, units, period)
            for (root, period), units in sorted(by_key.items(),
                                                key=lambda kv: (kv[0][0], kv[0][1].sort_key))
            if units]


def _root_of(snapshot: Snapshot, code: str) -> str:
    """The top unit above `code` (the capture's root)."""
    above = snapshot.ancestors(code)
    return above[-1].code if above else code


def _ordered(snapshot: Snapshot) -> list[str]:
    """The roots first, then each root's units below by code (the portal's own order)."""
    depth = {code: len(snapshot.ancestors(code)) for code in snapshot.index_766
             if code in snapshot.units}
    return sorted(depth, key=lambda c: (depth[c] > 0, _root_of(snapshot, c), depth[c], c))


# ---- files ----------------------------------------------------------------------------------

def snapshot_of(data: bytes, origin: str) -> Snapshot:
    """A feed, or saved portal answers (mapped to a feed first), as a validated snapshot."""
    from cchc_tui.feed.build import build_snapshot
    from cchc_tui.feed.json_feed import decode_json

    return build_snapshot([decode_json(data, origin)])


def counts_from_answers(doc: dict[str, Any], origin: str = "answers") -> dict[str, UnitCounts]:
    """Every unit of one capture, keyed by code, the root first: the seven answers, a
    service-results answer or a crawler details file (answers.py reads all three)."""
    try:
        captures = captures_of(_answers_snapshot(doc, origin), origin)
    except FeedError as exc:
        raise CountsError(str(exc)) from None
    return captures[0].units if captures else {}


def _answers_snapshot(doc: Any, origin: str) -> Snapshot:
    """Saved portal answers through the feed they map to. The day the figures run to does not
    change a score: when neither the answer nor its name says it, 1 January of its year."""
    from datetime import date

    from cchc_tui.portal.convert import capture_of, feed_of

    cap = capture_of(doc, origin)
    if cap.as_of is None:
        cap.as_of = date(cap.year or date.today().year, 1, 1)
    return snapshot_of(msgspec.json.encode(feed_of([cap])), origin)


def load_capture(path: Path | str) -> Capture:
    """Read one file: the seven answers of one capture, a crawler details file, or a feed
    (written by `import-766`) with its `index_766` figures. A feed of several roots or days
    gives its first; `load_captures` gives them all."""
    return load_captures(path)[0]


def load_captures(path: Path | str) -> list[Capture]:
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise CountsError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise CountsError(f"{name}: is a folder, expected a JSON file") from None
    except OSError as exc:
        raise CountsError(f"{name}: cannot be read ({exc.strerror})") from None
    return captures_from_bytes(data, name)


def captures_from_bytes(data: bytes, name: str) -> list[Capture]:
    from cchc_tui.feed.json_feed import json_type, parse_json
    from cchc_tui.portal.answers import kind_of

    try:
        doc = parse_json(data, name)
        if not isinstance(doc, dict):
            raise CountsError(f"{name}: expected a JSON object, got {_an(json_type(doc))}")
        kind = kind_of(doc)
        if kind is not None or "format" not in doc:  # not a feed: saved answers, or nothing
            snapshot = _answers_snapshot(doc, name)
            label = "details" if kind == "details" else "answers"
        else:
            snapshot, label = snapshot_of(data, name), "feed"
    except FeedError as exc:
        raise CountsError(str(exc)) from None
    captures = captures_of(snapshot, name, label)
    if not captures:
        raise CountsError(f"{name}: no 766 figures metric by metric (a feed carries them in "
                          "its \"index_766\" section: cchc-tui import-766 writes it)")
    return captures


def _an(kind: str) -> str:
    return ("an " if kind[0] in "aeiou" else "a ") + kind
