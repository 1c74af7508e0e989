"""Checks of single fields of a feed record: places, numbers, time stamps, periods."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from cchc_tui.feed.raw import Collector
from cchc_tui.model.periods import Period, PeriodError, parse_period
from cchc_tui.text import percent, round_half_up


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
                         "2024-04-23T08:00:00+07:00", "not_a_datetime", given=repr(stamp))
        return None
    if generated.tzinfo is None:
        out.error(where, f"{stamp!r} has no UTC offset: expected ISO 8601 with one, such as "
                         "2024-04-23T08:00:00+07:00", "no_utc_offset", given=repr(stamp))
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
    if generated is not None and (period.start > generated.year * 12 + generated.month - 1
                                  or period.start_date > generated.date()):
        return None, (f"period {text} begins after the feed was generated "
                      f"({generated.date().isoformat()})")
    return period, None


def period_error(text: Any, problem: str, where: str, out: Collector) -> None:
    """check_period's problem as an error, with what i18n needs to word it."""
    out.error(where, problem, "period", given=str(text), problem=problem)


def canonical(text: str) -> str:
    try:
        return str(parse_period(text))
    except PeriodError:
        return ""


def check_reported_extras(extras: dict[str, Any], value: float, where: str,
                          out: Collector) -> dict[str, float] | None:
    """The optional numbers of a published value, checked; None (with errors) when one is wrong.

    numerator and denominator are counts and go together; score and max_score are a 766 score
    (0 ≤ score ≤ max_score); change is any number (the score's change since last period).
    """
    ok = True
    for key, number in extras.items():
        if not is_number(number):
            out.error(at(where, key), f"expected a number, got {number!r}", "expected_number",
                      given=repr(number))
            ok = False
        elif key != "change" and number < 0:
            out.error(at(where, key), f"negative {key} {number}: expected 0 or more",
                      "negative_extra", key=key, given=str(number))
            ok = False
    if not ok:
        return None
    if ("numerator" in extras) != ("denominator" in extras):
        given, missing = ("numerator", "denominator") if "numerator" in extras \
            else ("denominator", "numerator")
        out.error(at(where, missing), f"a {given} needs a {missing}: the value shown is "
                                      "numerator / denominator", "needs_pair", given=given,
                  missing=missing)
        return None
    score, top = extras.get("score"), extras.get("max_score")
    if top is not None and top <= 0:
        out.error(at(where, "max_score"), f"max_score {top:g} must be more than 0",
                  "max_score_zero", given=f"{top:g}")
        return None
    if score is not None and top is not None and score > top:
        out.error(at(where, "score"), f"score {score:g} exceeds max_score {top:g}",
                  "score_over_max", score=f"{score:g}", top=f"{top:g}")
        return None
    num, den = extras.get("numerator"), extras.get("denominator")
    if num is not None and den:
        shown = round_half_up(percent(num, den))
        if abs(shown - value) > 0.01:
            out.warn(at(where, "value"), f"value {value:g} is not numerator/denominator "
                                         f"{num:g}/{den:g} = {shown:g}: the ratio is shown",
                     "ratio_differs", value=f"{value:g}", num=f"{num:g}", den=f"{den:g}",
                     shown=f"{shown:g}")
    return {k: float(v) for k, v in extras.items()}
