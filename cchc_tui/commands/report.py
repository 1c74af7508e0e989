"""`cchc-tui report`: the engine without the screen, for cron jobs and written reports."""

from __future__ import annotations

import sys

from cchc_tui.config import Config, targets_from_config
from cchc_tui.model.lookup import UnitLookupError, find_unit
from cchc_tui.model.periods import PeriodError, parse_period
from cchc_tui.sources.base import SourceFailure, SourceUnavailable, open_source


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
        source = open_source(config)
    except SourceUnavailable as exc:
        print(f"cchc-tui report: {exc}", file=sys.stderr)
        return 2
    try:
        snapshot = source.read(force=True).snapshot
    except SourceFailure as exc:
        problems = [str(i) for i in exc.issues] or [str(exc)]
        print("cchc-tui report: cannot read the source:\n" + "\n".join(problems),
              file=sys.stderr)
        return 1
    finally:
        source.close()
    assert snapshot is not None  # a forced read always gives figures or raises
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
