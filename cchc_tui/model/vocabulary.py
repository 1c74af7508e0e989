"""The closed sets of words the figures carry, one definition each: a `Literal` type, and the
tuple of its values where code walks or checks them."""

from __future__ import annotations

from typing import Literal, get_args

# nation: Cả nước; agency: a department (sở, ban, ngành) of a province, beside its districts
# or communes, so that a target by level never treats an agency as a district.
Level = Literal["nation", "province", "agency", "district", "commune"]
LEVELS: tuple[Level, ...] = get_args(Level)

# A period's kind: the four that tile a year, a range of months, an interval of days.
Granularity = Literal["month", "quarter", "half", "year", "range", "days"]

# A KPI's status against its target (kpi/targets.py: the one rule).
Status = Literal["met", "on_track", "at_risk", "behind", "not_met", "partial", "no_data",
                 "no_target"]
STATUSES: tuple[Status, ...] = get_args(Status)

# Where a KPI's value comes from: its counts, counts with a derived total, or as published.
ValueSource = Literal["computed", "derived", "reported"]

# Why a KPI has no value.
Reason = Literal["no_denominator", "zero_denominator", "not_reported", "partial_coverage",
                 "numerator_exceeds_denominator", "implausible_count", "not_published"]

# What a unit's count is: its own, its own derived total, its children's sum, or the months
# of the period reported so far.
Basis = Literal["own", "derived", "children", "partial"]

# The state of the source, as the header shows it.
State = Literal["loading", "live", "stale", "offline", "error"]
STATES: tuple[State, ...] = get_args(State)
