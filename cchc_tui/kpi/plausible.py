"""Counts that cannot make a KPI: a share above 100 %, an infinite sum, an absurd count."""

from __future__ import annotations

import math

from cchc_tui.model.vocabulary import Reason

MAX_COUNT = 1e12  # no administrative count comes near; the default of `checks.max_count`
IMPOSSIBLE: tuple[Reason, ...] = ("numerator_exceeds_denominator", "implausible_count")


def implausible(numerator: float, denominator: float,
                max_count: float = MAX_COUNT) -> Reason | None:
    """Why these counts cannot give a percentage (one of IMPOSSIBLE), or None when they can."""
    if not (math.isfinite(numerator) and math.isfinite(denominator)) \
            or max(numerator, denominator) > max_count:
        return "implausible_count"  # 1e308 + 1e308 is inf; 1.259/1e308 is no 0 %
    if denominator > 0 and numerator > denominator:
        return "numerator_exceeds_denominator"
    return None
