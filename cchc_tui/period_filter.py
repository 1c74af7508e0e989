"""The period picker's list: periods grouped by granularity, filtered as the user types.

"2025", "q3", "quý 3", "thang 6" / "tháng 6", "t6", "jun", "h1", "6 tháng đầu năm" all work,
diacritics optional. "Tháng 6" means June, not every period with a 6 in it: a month, quarter
or half typed as a word and a number becomes one token (m6, q3, h1) that must match exactly;
the other words match the start of a word of the period's labels (vi and en).
"""

from __future__ import annotations

import re
from functools import lru_cache

from cchc_tui.i18n import Lang, pick
from cchc_tui.model.periods import Period, describe_period
from cchc_tui.model.vocabulary import Granularity
from cchc_tui.text import fold

# (granularity, vi, en): the picker's groups, in this order.
GROUPS: tuple[tuple[Granularity, str, str], ...] = (
    ("month", "Tháng", "Months"),
    ("quarter", "Quý", "Quarters"),
    ("half", "6 tháng (nửa năm)", "Halves"),
    ("year", "Năm", "Years"),
    ("days", "Đến một ngày", "To a day"),
    ("range", "Khoảng tháng", "Month ranges"),
)
_COARSER: dict[str, tuple[Granularity, ...]] = {
    "month": ("quarter", "half", "year"), "quarter": ("half", "year"), "half": ("year",)}
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
_MONTH_WORD = re.compile(r"\b(?:thang|th|t|month|m)\s*0?(1[0-2]|[1-9])\b")
_QUARTER_WORD = re.compile(r"\b(?:quy|q|quarter)\s*([1-4]|iv|iii|ii|i)\b")
_HALF_WORD = re.compile(r"\b(?:h|half)\s*([12])\b")
_EXACT = re.compile(r"^[mqh]\d+$")
_SPLIT = re.compile(r"[\s,()/\-]+")  # "06/2025", "2025-Q3": two words each


def picker_periods(periods: tuple[Period, ...]) -> tuple[Period, ...]:
    """The unit's periods and the quarters, halves and years they roll up into (the
    dashboard computes those from the months), sorted."""
    found = set(periods)
    for p in periods:
        found.update(p.at(g) for g in _COARSER.get(p.granularity, ()))
    return tuple(sorted(found, key=lambda p: p.sort_key))


@lru_cache(maxsize=4096)
def period_words(p: Period) -> frozenset[str]:
    """Every word a user may type for `p`: its labels in both languages, its code, its group's
    name, and one exact token for its month (m6), quarter (q3) or half (h1)."""
    group = next((f"{vi} {en}" for g, vi, en in GROUPS if g == p.granularity), "")
    text = " ".join((describe_period(p, "vi"), describe_period(p, "en"), str(p), group))
    words = set(_SPLIT.split(fold(text)))
    month0 = p.start % 12
    if p.granularity == "month":
        words |= {f"m{month0 + 1}", _MONTHS[month0], str(month0 + 1)}
    elif p.granularity == "quarter":
        words |= {f"q{month0 // 3 + 1}", "quy", "quarter"}
    elif p.granularity == "half":
        words |= {f"h{month0 // 6 + 1}", "nua", "half"}
    return frozenset(w for w in words if w)


def query_words(query: str) -> tuple[str, ...]:
    """The folded query with "tháng 6", "quý III", "h1" turned into m6, q3, h1."""
    text = fold(query)
    text = _MONTH_WORD.sub(lambda m: f" m{m[1]} ", text)
    text = _QUARTER_WORD.sub(lambda m: f" q{_ROMAN.get(m[1], m[1])} ", text)
    text = _HALF_WORD.sub(lambda m: f" h{m[1]} ", text)
    return tuple(w for w in _SPLIT.split(text) if w)


def matches(p: Period, words: tuple[str, ...]) -> bool:
    have = period_words(p)
    return all(w in have if _EXACT.match(w) else any(h.startswith(w) for h in have)
               for w in words)


def grouped(periods: tuple[Period, ...],
            query: str = "") -> list[tuple[Granularity, list[Period]]]:
    """[(granularity, its periods newest first)] for the groups with a period that matches."""
    words = query_words(query)
    out = []
    for granularity, _, _ in GROUPS:
        kept = [p for p in reversed(periods) if p.granularity == granularity
                and matches(p, words)]
        if kept:
            out.append((granularity, kept))
    return out


def group_title(granularity: Granularity, lang: Lang) -> str:
    return next(pick((vi, en), lang) for g, vi, en in GROUPS if g == granularity)
