"""Checks of single fields of a feed record: places, numbers, time stamps, periods."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from cchc_tui.feed.raw import Collector
from cchc_tui.model.periods import Period, PeriodError, parse_period


def at(where: str, key: str) -> str:
    """The place of one field: `$.units[3].code` in JSON, `line 12, column code` in CSV."""
    return f"{where}.{key}" if where.startswith("$") else f"{where}, column {key}"


def is_number(value: Any) -> bool:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # an integer too large for a float
        return False


def timestamp(stamp: Any, where: str, out: Collector) -> datetime | None:
    """An ISO 8601 date-time with a UTC offset (None when absent or wrong, with an error)."""
    if stamp is None:
        return None
    try:
        generated = datetime.fromisoformat(str(stamp))
    except ValueError:
        out.error(where, f"{stamp!r} is not a date-time: expected ISO 8601 such as "
                         "2024-04-23T08:00:00+07:00")
        return None
    if generated.tzinfo is None:
        out.error(where, f"{stamp!r} has no UTC offset: expected ISO 8601 with one, such as "
                         "2024-04-23T08:00:00+07:00")
        return None
    return generated


def check_period(text: Any, generated: datetime | None) -> tuple[Period | None, str | None]:
    """The period, or why it is impossible (a bad form, or after the feed was generated)."""
    try:
        if not isinstance(text, str):  # parse_period's cache needs a hashable key
            raise PeriodError(f"a period must be a string, not {type(text).__name__}")
        period = parse_period(text)
    except PeriodError as exc:
        return None, str(exc)
    if generated is not None and period.start > generated.year * 12 + generated.month - 1:
        return None, (f"period {text} begins after the feed was generated "
                      f"({generated.date().isoformat()})")
    return period, None


def canonical(text: str) -> str:
    try:
        return str(parse_period(text))
    except PeriodError:
        return ""
