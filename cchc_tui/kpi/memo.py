"""Memo tables keyed by period first, then by two strings: out of the garbage collector's way.

A national session memoises millions of figures. Keyed by (unit, name, period), every key held
a Period, a NamedTuple, which CPython's cyclic collector never untracks (it untracks plain
tuples of numbers and strings only), so every key stayed tracked for good: measured, 5 M
tracked objects after a dozen province switches, and each full collection (the interpreter
runs one whenever they have grown by a quarter) held the GIL for 0,3–1,1 s, key presses
waiting. Under its period, a key is a tuple of two strings, which the collector untracks, and
so is a table whose values are numbers (the pooled totals). The look-up is written out at
each memo (get, then setdefault, which two threads may race on and still share one table): a
helper call per look-up made the fixtures' first screen 15–20 % slower.
"""

from __future__ import annotations

from typing import TypeVar

from cchc_tui.model.periods import Period

V = TypeVar("V")
PeriodTables = dict[Period, dict[tuple[str, str], V]]
