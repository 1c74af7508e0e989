"""`cchc-tui report`: the engine without the screen, for cron jobs and written reports."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from typing import Any

from cchc_tui.config import Config
from cchc_tui.feed.raw import FeedError
from cchc_tui.model.lookup import UnitLookupError, find_unit
from cchc_tui.model.periods import PeriodError, parse_period
from cchc_tui.model.snapshot import Snapshot
from cchc_tui.sources.failures import SourceFailure
from cchc_tui.sources.open import SourceError, open_source, targets_from_config
from cchc_tui.text import printable

EXIT_STALE = 3  # the source failed; only a saved copy could be printed


def _say(text: str) -> None:
    """A message on stderr; whatever it quotes from a feed is printed inert."""
    for line in text.splitlines() or [""]:
        print(printable(line), file=sys.stderr)


def _read(source: Any) -> tuple[Snapshot, float | None, str]:
    """The snapshot; and when it is a saved copy standing in for a failed read, the copy's
    age in seconds and the failure (else None and "")."""
    snapshot = source.fetch()
    failure = getattr(source, "last_failure", None)
    age = getattr(source, "from_cache_age", None)
    if failure is None or age is None:
        return snapshot, None, ""
    return snapshot, float(age), str(failure)


def run_report(config: Config, *, unit: str, period: str | None, fmt: str,
               allow_stale: bool = False) -> int:
    from cchc_tui.kpi.engine import Engine
    from cchc_tui.report import build_report, default_period, mark_stale, render

    lang = config.app.lang
    try:
        wanted = parse_period(period) if period else None
    except PeriodError as exc:
        _say(f"cchc-tui report: --period {exc}")
        return 2
    try:
        snapshot, saved_age, failure = _read(open_source(config))
    except (FeedError, SourceError, SourceFailure) as exc:
        _say(f"cchc-tui report: cannot read the source:\n{exc}")
        return 1
    saved_at = None
    if saved_age is not None:
        saved_at = datetime.now().astimezone() - timedelta(seconds=saved_age)
        copy = f"a saved copy from {saved_at:%Y-%m-%d %H:%M}"
        if not allow_stale:
            _say(f"cchc-tui report: source unreachable: {failure}; {copy} exists, use "
                 "--allow-stale to print it")
            return EXIT_STALE
        _say(f"cchc-tui report: warning: source unreachable: {failure}; printing {copy}")
    try:
        found = find_unit(snapshot, unit)
    except UnitLookupError as exc:
        _say(f"cchc-tui report: --unit: {exc}")
        return 1
    engine = Engine(snapshot, targets_from_config(config), config.checks.max_count)
    chosen = wanted or default_period(engine, found.code)
    if chosen is None:
        _say(f"cchc-tui report: {found.name} ({found.code}) has no figures in this feed")
        return 1
    report = build_report(snapshot, engine, found.code, chosen, lang)
    if saved_at is not None and saved_age is not None:
        mark_stale(report, saved_at, saved_age, failure)
    sys.stdout.write(render(report, fmt, lang))
    if not any(k["value"] is not None for k in report["kpis"]):
        # Say where the figures are, rather than leave a table of dashes unexplained.
        periods = [str(p) for p in snapshot.unit_periods(found.code)]
        shown = ", ".join(periods[-12:]) or "none"
        _say(f"cchc-tui report: no KPI of {found.name} ({found.code}) has a value for "
             f"{chosen}; periods with figures: {shown}")
    return 0
