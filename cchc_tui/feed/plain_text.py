"""Feed text that reaches people: control characters refused where a field has a grammar,
escaped everywhere else.

Every source ends in `build_snapshot`, so a snapshot made printable here is what every output
(the dashboard, `report` in each format, exports, messages) starts from: a unit called
"Đ\\x1b[4;27H99.99%" can neither move the cursor nor write a figure of its own.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import chain
from typing import Any, TypeVar

from cchc_tui.feed.checks import at
from cchc_tui.feed.raw import Collector, RawFeed
from cchc_tui.model.snapshot import Reported, Snapshot, SourceInfo, Target, Unit, Warning_
from cchc_tui.text import first_unsafe, printable

_Record = TypeVar("_Record", Unit, SourceInfo, Reported, Target, Warning_)


def _refuse(value: Any, where: str, what: str, out: Collector) -> None:
    char = first_unsafe(value) if isinstance(value, str) else None
    if char is not None:
        out.error(where, f"{what} {value!r} contains the control character U+{ord(char):04X}: "
                         f"{what}s are plain text (letters, digits, punctuation)",
                  "control_char", what=what, given=repr(value), char=f"U+{ord(char):04X}")


def _flag(value: Any, where: str, what: str, out: Collector) -> None:
    char = first_unsafe(value) if isinstance(value, str) else None
    if char is not None:
        out.warn(where, f"{what} {value!r} contains the control character U+{ord(char):04X}; "
                        "it is shown escaped")


def _refuse_column(records: Sequence[tuple[Any, ...]], column: int, key: str, what: str,
                   out: Collector) -> None:
    """`_refuse` over one column of many records: each distinct value checked once (a feed
    repeats its measure names a million times), a bad one placed at its first record."""
    texts = {r[column] for r in records if isinstance(r[column], str)}  # others: not hashable
    bad = {v for v in texts if first_unsafe(v) is not None}
    for record in records if bad else ():
        if isinstance(record[column], str) and record[column] in bad:
            bad.discard(record[column])
            _refuse(record[column], at(record[-1], key), what, out)
            if not bad:
                break


def _all_clean(texts: Iterable[Any]) -> bool:
    """No text among `texts` (None and non-strings skipped) holds a character to escape: one
    regex search over them all, so that a clean national feed costs milliseconds."""
    items = list(texts)
    try:  # texts and None (no parent): joined in C
        return first_unsafe(" ".join(filter(None, items))) is None
    except TypeError:  # a number where text belongs (reported elsewhere): the slow way
        return first_unsafe(" ".join(t for t in items if isinstance(t, str))) is None


def check_text_fields(feed: RawFeed, out: Collector) -> None:
    """Codes, measure names, KPI ids, scopes and source ids have a grammar: a control character
    in one is an error with its place. In names and other free text it is a warning."""
    clean_units = _all_clean(chain.from_iterable(u[:5] for u in feed.units))
    for code, name, _level, parent, external_id, where in () if clean_units else feed.units:
        _refuse(code, at(where, "code"), "code", out)
        _refuse(parent, at(where, "parent"), "code", out)
        _refuse(external_id, at(where, "external_id"), "external id", out)
        _flag(name, at(where, "name"), "name", out)
    _refuse_column(feed.observations, 2, "measure", "measure name", out)
    for block in feed.blocks:
        for i, measure in enumerate(block.measures):
            _refuse(measure, f"{block.where}.measures[{i}]", "measure name", out)
    _refuse_column(feed.reported, 2, "kpi", "KPI id", out)
    for _u, _p, _k, _v, note, _extras, where in feed.reported:
        _flag(note, at(where, "note"), "note", out)
    for kpi, _value, _due, scope, basis, where in feed.targets:
        _refuse(kpi, at(where, "kpi"), "KPI id", out)
        _refuse(scope, at(where, "scope"), "scope", out)
        _flag(basis, at(where, "basis"), "basis", out)
    for sid, *_texts, where in feed.sources:
        _refuse(sid, at(where, "id"), "source id", out)
    for key in ("publisher", "title", "url"):
        _flag(feed.meta.get(key), at("$", key), key, out)


def _texts_of(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    """A getter of every field of a record class (each has two or more) as a tuple."""
    return operator.attrgetter(*(f.name for f in dataclasses.fields(cls)))


def _escaped(record: _Record) -> _Record:
    """The record with every text field passed through `printable` (a field added later is
    covered too); the same object when nothing needed escaping."""
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if isinstance(value, str) and (shown := printable(value)) is not value:
            changes[f.name] = shown
    return dataclasses.replace(record, **changes) if changes else record


def _escaped_all(records: tuple[_Record, ...] | list[_Record]) -> list[_Record] | None:
    """Each record escaped, or None when none needs it (checked in one pass)."""
    if not records:
        return None
    getter = _texts_of(type(records[0]))
    if _all_clean(chain.from_iterable(map(getter, records))):
        return None
    return [_escaped(r) for r in records]


def _reported(table: Mapping[str, Mapping[str, Mapping[Any, Reported]]]
              ) -> Mapping[str, Mapping[str, Mapping[Any, Reported]]]:
    """Notes and origins escaped; the tables are copied only where something changes."""
    every = [rep for by_kpi in table.values() for series in by_kpi.values()
             for rep in series.values()]
    if _escaped_all(every) is None:
        return table
    return {unit: {kpi: {period: _escaped(rep) for period, rep in series.items()}
                   for kpi, series in by_kpi.items()} for unit, by_kpi in table.items()}


def printable_snapshot(snapshot: Snapshot) -> Snapshot:
    """The snapshot with every text of its units, sources, published values, targets and
    warnings escaped by `printable` (names, publisher, title, notes, bases, origins …); codes,
    measures and KPI ids were refused already if they held a control character."""
    codes = list(snapshot.units)
    units = _escaped_all([snapshot.units[c] for c in codes])
    sources = _escaped_all(snapshot.sources)
    targets = _escaped_all(snapshot.targets)
    warnings = _escaped_all(snapshot.warnings)
    return dataclasses.replace(
        snapshot, units=snapshot.units if units is None else dict(zip(codes, units, strict=True)),
        sources=snapshot.sources if sources is None else tuple(sources),
        reported=_reported(snapshot.reported),
        targets=snapshot.targets if targets is None else tuple(targets),
        warnings=snapshot.warnings if warnings is None else tuple(warnings))
