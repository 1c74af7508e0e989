"""The marks a value carries wherever it is shown (panel, gaps table, meeting card, report).

`*` the value leaves out some units below or some months of the period (partial: not judged
against its target); `†` a note of the feed or a data-quality finding is about it (`d`).
"""

from __future__ import annotations

from collections.abc import Sequence

from cchc_tui.i18n import PARTIAL_MONTHS, Lang, pick
from cchc_tui.kpi.engine import KpiResult, Ratio
from cchc_tui.kpi.findings import Finding

PARTIAL_MARK, NOTE_MARK = "*", "†"
# Findings that the partial mark already stands for.
PARTIAL_KINDS = ("incomplete_coverage", "partial_period")


def months_span(ratio: Ratio) -> str:
    """"4" months, or "2–4" when the units pooled have different numbers of months."""
    if ratio.months is None:
        return ""
    fewest = ratio.months[0]
    return f"{fewest}–{ratio.months_most}" if ratio.months_most > fewest else f"{fewest}"


def months_text(ratio: Ratio, lang: Lang) -> str:
    """"một phần: 4/6 tháng" / "partial: 4/6 months" (the same words on screen and in the
    report); "" for a value over the whole period."""
    if ratio.months is None or ratio.months[0] >= ratio.months[1]:
        return ""
    span, n = months_span(ratio), ratio.months[1]
    return pick(PARTIAL_MONTHS, lang).format(span=span, n=n)


def value_marks(result: KpiResult, notes: Sequence[Finding] = ()) -> str:
    """"", "*", "†" or "*†" for a value with these findings about it."""
    partial = result.ratio is not None and result.ratio.partial
    noted = any(f.kind not in PARTIAL_KINDS for f in notes)
    return (PARTIAL_MARK if partial else "") + (NOTE_MARK if noted else "")
