"""Reporting periods: `2023`, `2023-H1`, `2023-Q2`, `2023-06`, month ranges `2020-11/2021-12`
and day intervals `2026-01-01/2026-10-10` (figures "as of a day", such as a year to date).

A period is a closed range of months, stored as month indexes (year * 12 + month - 1), so that
containment and ordering are integer comparisons. A day interval also keeps its first and last
day; it is only ever itself: it neither contains nor is contained in another period.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from cchc_tui.i18n import HALF_WORDS, PERIOD_LABELS, PERIOD_TO, Lang, pick
from cchc_tui.model.vocabulary import Granularity

GRANULARITIES: tuple[Granularity, ...] = ("month", "quarter", "half", "year")  # tile a year
_MONTHS_IN = {"month": 1, "quarter": 3, "half": 6, "year": 12}

_PATTERN = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})|Q(?P<quarter>\d)|H(?P<half>\d)))?"
    r"(?:/(?P<end_year>\d{4})-(?P<end_month>\d{2}))?$"
)
_DAYS = re.compile(r"^(\d{4})-(\d{2})-(\d{2})/(\d{4})-(\d{2})-(\d{2})$")
MIN_YEAR, MAX_YEAR = 1990, 2100


class PeriodError(ValueError):
    """A period string that is not one of the accepted forms."""


class Period(NamedTuple):
    # A tuple, not a dataclass: periods key every series, and a tuple hashes and compares in C
    # (a national feed does millions of look-ups); ordering is by (start, end) as before.
    start: int  # first month index, inclusive
    end: int  # last month index, inclusive
    granularity: Granularity
    first_day: int = 0  # days: the first day's proleptic ordinal (0 for the other kinds)
    last_day: int = 0  # days: the last day's ordinal

    @property
    def year(self) -> int:
        return self.start // 12

    @property
    def months(self) -> int:
        return self.end - self.start + 1

    @property
    def has_steps(self) -> bool:
        """It has a previous one for a trend: a month, quarter, half or year, or a day interval
        (the same days a year before: year to date against year to date)."""
        return self.granularity != "range"

    @property
    def step_months(self) -> int:
        """How far `shift(1)` moves, in months."""
        return 12 if self.granularity == "days" else self.months

    def contains(self, other: Period) -> bool:
        if self.granularity == "days" or other.granularity == "days":
            return self == other  # as-of figures never roll up or down
        return self.start <= other.start and other.end <= self.end

    @property
    def start_date(self) -> date:
        """The first day of the period."""
        if self.granularity == "days":
            return date.fromordinal(self.first_day)
        year, month0 = divmod(self.start, 12)
        return date(year, month0 + 1, 1)

    @property
    def end_date(self) -> date:
        """The last day of the period."""
        if self.granularity == "days":
            return date.fromordinal(self.last_day)
        year, month0 = divmod(self.end + 1, 12)
        return date(year, month0 + 1, 1) - timedelta(days=1)

    @property
    def sort_key(self) -> tuple[int, int]:
        """Chronological: by last day, then the longer first (2023-H1 before 2023-06)."""
        return self.end_date.toordinal(), -self.start_date.toordinal()

    @property
    def label(self) -> str:
        return format_period(self)

    def __str__(self) -> str:
        return format_period(self)

    def shift(self, steps: int) -> Period:
        """The period `steps` away at the same granularity (ranges shift by their length, day
        intervals by whole years: the same days `steps` years away)."""
        if self.granularity == "days":
            return day_period(_add_years(self.start_date, steps), _add_years(self.end_date, steps))
        size = self.months
        return _make(self.start + steps * size, self.granularity, self.end + steps * size)

    def children(self) -> tuple[Period, ...]:
        """The periods one granularity finer that tile this one (none for a month)."""
        finer: dict[str, Granularity] = {"year": "half", "half": "quarter", "quarter": "month",
                                         "range": "month"}
        g = finer.get(self.granularity)
        if g is None:
            return ()
        step = _MONTHS_IN[g]
        return tuple(_make(m, g) for m in range(self.start, self.end + 1, step))

    def at(self, granularity: Granularity) -> Period:
        """The period of `granularity` that contains this one's last month."""
        return period_containing(self.end, granularity)


def day_period(first: date, last: date) -> Period:
    """The period from day `first` to day `last`, both included."""
    return Period(first.year * 12 + first.month - 1, last.year * 12 + last.month - 1, "days",
                  first.toordinal(), last.toordinal())


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a common year
        return day.replace(year=day.year + years, day=28)


def _make(start: int, granularity: Granularity, end: int | None = None) -> Period:
    if end is None:
        end = start + _MONTHS_IN[granularity] - 1
    return Period(start, end, granularity)


def period_containing(month_index: int, granularity: Granularity) -> Period:
    size = _MONTHS_IN[granularity]
    year, month0 = divmod(month_index, 12)
    start = year * 12 + (month0 // size) * size
    return _make(start, granularity)


@lru_cache(maxsize=65536)
def parse_period(text: str) -> Period:
    """Parse a period string; raises PeriodError with a sentence saying what is wrong."""
    if not isinstance(text, str):
        raise PeriodError(f"a period must be a string, not {type(text).__name__}")
    days = _DAYS.match(text.strip())
    if days:
        return _parse_days(text, *(int(g) for g in days.groups()))
    m = _PATTERN.match(text.strip())
    if not m:
        raise PeriodError(
            f"'{text}' is not a period: expected YYYY, YYYY-H1/H2, YYYY-Q1…Q4, YYYY-MM, "
            "a month range YYYY-MM/YYYY-MM or days YYYY-MM-DD/YYYY-MM-DD"
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


def _parse_days(text: str, *parts: int) -> Period:
    ends = []
    for year, month, day in (parts[:3], parts[3:]):
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise PeriodError(f"'{text}': year {year} is outside {MIN_YEAR}–{MAX_YEAR}")
        _month_index(text, year, month)
        try:
            ends.append(date(year, month, day))
        except ValueError:
            raise PeriodError(f"'{text}': there is no day {day:02d}/{month:02d}/{year}") \
                from None
    if ends[1] < ends[0]:
        raise PeriodError(f"'{text}': the interval ends before it starts")
    return day_period(ends[0], ends[1])


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
    if p.granularity == "days":
        return f"{p.start_date.isoformat()}/{p.end_date.isoformat()}"
    end_year, end0 = divmod(p.end, 12)
    return f"{year}-{month0 + 1:02d}/{end_year}-{end0 + 1:02d}"


def _describe_days(p: Period, lang: Lang) -> str:
    """ "2026, đến 10/10/2026" / "2026, to 10/10/2026" when the interval starts a year, half,
    quarter or month and ends within it; else "Từ 05/03/2026 đến 10/10/2026"."""
    first, last = p.start_date, p.end_date
    to = pick(PERIOD_TO, lang)
    for granularity in reversed(GRANULARITIES):  # year first: the widest that fits
        base = period_containing(p.start, granularity)
        if base.start_date == first and last <= base.end_date:
            head = str(first.year) if granularity == "year" else describe_period(base, lang)
            return f"{head}, {to} {last:%d/%m/%Y}"
    return pick(PERIOD_LABELS["days"], lang).format(first=f"{first:%d/%m/%Y}",
                                                   last=f"{last:%d/%m/%Y}")


def describe_period(p: Period, lang: Lang = "vi") -> str:
    """A human label: "Quý II/2023" / "2023 Q2", "6 tháng đầu năm 2023" / "2023 H1"."""
    if p.granularity == "days":
        return _describe_days(p, lang)
    year, month0 = divmod(p.start, 12)
    end_year, end0 = divmod(p.end, 12)
    return pick(PERIOD_LABELS[p.granularity], lang).format(
        year=year, month=month0 + 1, end_year=end_year, end_month=end0 + 1,
        half=1 + month0 // 6, quarter=1 + month0 // 3,
        roman=("I", "II", "III", "IV")[month0 // 3],
        first_or_last=HALF_WORDS[month0 // 6],
        abbr=date(year, month0 + 1, 1).strftime("%b"))


def short_label(period: Period) -> str:
    """A compact axis label: "Q3/26", "H1/26", "10/26", "2026", "→10/10/26"."""
    if period.granularity == "days":
        return f"→{period.end_date:%d/%m/%y}"
    year, month0 = divmod(period.start, 12)
    yy = f"{year % 100:02d}"
    if period.granularity == "quarter":
        return f"Q{month0 // 3 + 1}/{yy}"
    if period.granularity == "half":
        return f"H{month0 // 6 + 1}/{yy}"
    if period.granularity == "month":
        return f"{month0 + 1:02d}/{yy}"
    return str(year)
