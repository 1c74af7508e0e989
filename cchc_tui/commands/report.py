"""`cchc-tui report`: the engine without the screen, for cron jobs and written reports."""

from __future__ import annotations

import sys

from cchc_tui.config import Config
from cchc_tui.feed.raw import FeedError
from cchc_tui.model.lookup import UnitLookupError, find_unit
from cchc_tui.model.periods import PeriodError, parse_period
from cchc_tui.sources.failures import SourceFailure
from cchc_tui.sources.open import SourceError, open_source, targets_from_config


def run_report(config: Config, *, unit: str, period: str | None, fmt: str) -> int:
    from cchc_tui.kpi.engine import Engine
    from cchc_tui.navigation import initial_period
    from cchc_tui.report import build_report, render

    lang = config.app.lang
    try:
        wanted = parse_period(period) if period else None
    except PeriodError as exc:
        print(f"cchc-tui report: --period {exc}", file=sys.stderr)
        return 2
    try:
        snapshot = open_source(config).fetch()
    except (FeedError, SourceError, SourceFailure) as exc:
        print(f"cchc-tui report: cannot read the source:\n{exc}", file=sys.stderr)
        return 1
    try:
        found = find_unit(snapshot, unit)
    except UnitLookupError as exc:
        print(f"cchc-tui report: --unit: {exc}", file=sys.stderr)
        return 1
    engine = Engine(snapshot, targets_from_config(config), config.app.min_coverage)
    chosen = wanted or initial_period(engine, found.code)  # the dashboard's opening period
    if chosen is None:
        print(f"cchc-tui report: {found.name} ({found.code}) has no figures in this feed",
              file=sys.stderr)
        return 1
    has_values = bool(engine.value_count(found.code, chosen, complete=False))
    has_counts = bool(engine.counts(found.code, chosen))
    if not has_values:
        # Say where the figures are rather than leave a table of dashes unexplained.
        periods = [str(p) for p in snapshot.unit_periods(found.code)]
        shown = ", ".join(periods[-12:]) or "none"
        print(f"cchc-tui report: no KPI of {found.name} ({found.code}) has a value for "
              f"{chosen}; periods with figures: {shown}", file=sys.stderr)
        if not has_counts:
            return 1  # nothing at all for that period: fail, so a cron job notices
    report = build_report(snapshot, engine, found.code, chosen, lang)
    sys.stdout.write(render(report, fmt, lang))
    return 0
