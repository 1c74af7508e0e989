"""Reporting periods: `2023`, `2023-H1`, `2023-Q2`, `2023-06` and month ranges `2020-11/2021-12`.

A period is a closed range of months, stored as month indexes (year * 12 + month - 1), so that
containment and ordering are integer comparisons.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

GRANULARITIES = ("month", "quarter", "half", "year")
_MONTHS_IN = {"month": 1, "quarter": 3, "half": 6, "year": 12}

_PATTERN = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})|Q(?P<quarter>\d)|H(?P<half>\d)))?"
    r"(?:/(?P<end_year>\d{4})-(?P<end_month>\d{2}))?$"
)
MIN_YEAR, MAX_YEAR = 1990, 2100


class PeriodError(ValueError):
    """A period string that is not one of the accepted forms."""


class Period(NamedTuple):
    # A tuple, not a dataclass: periods key every series, and a tuple hashes and compares in C
    # (a national feed does millions of look-ups); ordering is by (start, end) as before.
    start: int  # first month index, inclusive
    end: int  # last month index, inclusive
    granularity: str  # month | quarter | half | year | range

    @property
    def year(self) -> int:
        return self.start // 12

    @property
    def months(self) -> int:
        return self.end - self.start + 1

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    @property
    def end_date(self) -> date:
        """The last day of the period."""
        year, month0 = divmod(self.end + 1, 12)
        return date(year, month0 + 1, 1) - timedelta(days=1)

    @property
    def label(self) -> str:
        return format_period(self)

    def __str__(self) -> str:
        return format_period(self)

    def shift(self, steps: int) -> Period:
        """The period `steps` away at the same granularity (ranges shift by their length)."""
        size = self.months
        return _make(self.start + steps * size, self.granularity, self.end + steps * size)

    def children(self) -> tuple[Period, ...]:
        """The periods one granularity finer that tile this one (none for a month)."""
        finer = {"year": "half", "half": "quarter", "quarter": "month", "range": "month"}
        g = finer.get(self.granularity)
        if g is None:
            return ()
        step = _MONTHS_IN[g]
        return tuple(_make(m, g) for m in range(self.start, self.end + 1, step))

    def at(self, granularity: str) -> Period:
        """The period of `granularity` that contains this one's last month."""
        return period_containing(self.end, granularity)


def _make(start: int, granularity: str, end: int | None = None) -> Period:
    if end is None:
        end = start + _MONTHS_IN[granularity] - 1
    return Period(start, end, granularity)


def period_containing(month_index: int, granularity: str) -> Period:
    size = _MONTHS_IN[granularity]
    year, month0 = divmod(month_index, 12)
    start = year * 12 + (month0 // size) * size
    return _make(start, granularity)


@lru_cache(maxsize=65536)
def parse_period(text: str) -> Period:
    """Parse a period string; raises PeriodError with a sentence saying what is wrong."""
    if not isinstance(text, str):
        raise PeriodError(f"a period must be a string, not {type(text).__name__}")
    m = _PATTERN.match(text.strip())
    if not m:
        raise PeriodError(
            f"'{text}' is not a period: expected YYYY, YYYY-H1/H2, YYYY-Q1…Q4, YYYY-MM "
            "or a month range YYYY-MM/YYYY-MM"
        )
    year = int(m["year"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(f"'{text}': year {year} is outside {MIN_YEAR}–{MAX_YEAR}")
    if m["end_year"] is not None:
        if m["month"] is None:
            raise PeriodError(f"'{text}': a range runs from a month to a month (YYYY-MM/YYYY-MM)")
        start = _month_index(text, year, int(m["month"]))
        end_year = int(m["end_year"])
        if not MIN_YEAR <= end_year <= MAX_YEAR:
            raise PeriodError(f"'{text}': year {end_year} is outside {MIN_YEAR}–{MAX_YEAR}")
        end = _month_index(text, end_year, int(m["end_month"]))
        if end < start:
            raise PeriodError(f"'{text}': the range ends before it starts")
        return Period(start, end, "range")
    if m["month"] is not None:
        return _make(_month_index(text, year, int(m["month"])), "month")
    if m["quarter"] is not None:
        q = int(m["quarter"])
        if not 1 <= q <= 4:
            raise PeriodError(f"'{text}': there is no quarter {q} (Q1–Q4)")
        return _make(year * 12 + (q - 1) * 3, "quarter")
    if m["half"] is not None:
        h = int(m["half"])
        if not 1 <= h <= 2:
            raise PeriodError(f"'{text}': there is no half {h} (H1 or H2)")
        return _make(year * 12 + (h - 1) * 6, "half")
    return _make(year * 12, "year")


def _month_index(text: str, year: int, month: int) -> int:
    if not 1 <= month <= 12:
        raise PeriodError(f"'{text}': there is no month {month:02d} (01–12)")
    return year * 12 + month - 1


def format_period(p: Period) -> str:
    year, month0 = divmod(p.start, 12)
    if p.granularity == "year":
        return f"{year}"
    if p.granularity == "half":
        return f"{year}-H{month0 // 6 + 1}"
    if p.granularity == "quarter":
        return f"{year}-Q{month0 // 3 + 1}"
    if p.granularity == "month":
        return f"{year}-{month0 + 1:02d}"
    end_year, end0 = divmod(p.end, 12)
    return f"{year}-{month0 + 1:02d}/{end_year}-{end0 + 1:02d}"


def describe_period(p: Period, lang: str = "vi") -> str:
    """A human label: "Quý II/2023" / "2023 Q2", "6 tháng đầu năm 2023" / "2023 H1"."""
    year, month0 = divmod(p.start, 12)
    roman = ("I", "II", "III", "IV")
    if lang == "vi":
        if p.granularity == "year":
            return f"Năm {year}"
        if p.granularity == "half":
            return f"6 tháng {'đầu' if month0 < 6 else 'cuối'} năm {year}"
        if p.granularity == "quarter":
            return f"Quý {roman[month0 // 3]}/{year}"
        if p.granularity == "month":
            return f"Tháng {month0 + 1:02d}/{year}"
        end_year, end0 = divmod(p.end, 12)
        return f"Từ {month0 + 1:02d}/{year} đến {end0 + 1:02d}/{end_year}"
    if p.granularity == "range":
        end_year, end0 = divmod(p.end, 12)
        return f"{year}-{month0 + 1:02d} to {end_year}-{end0 + 1:02d}"
    if p.granularity == "month":
        return date(year, month0 + 1, 1).strftime("%b %Y")
    return format_period(p).replace("-", " ")


def short_label(period: Period) -> str:
    """A compact axis label: "Q3/26", "H1/26", "10/26", "2026"."""
    year, month0 = divmod(period.start, 12)
    yy = f"{year % 100:02d}"
    if period.granularity == "quarter":
        return f"Q{month0 // 3 + 1}/{yy}"
    if period.granularity == "half":
        return f"H{month0 // 6 + 1}/{yy}"
    if period.granularity == "month":
        return f"{month0 + 1:02d}/{yy}"
    return str(year)
