"""`cchc-tui report`: the engine without the screen, for cron jobs and written reports."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta

from cchc_tui.config import Config, targets_from_config
from cchc_tui.i18n import (
    CANNOT_READ_SOURCE,
    STALE_PRINTED,
    STALE_REFUSED,
    Lang,
    period_error_text,
    pick,
    source_reason,
    unit_lookup_text,
)
from cchc_tui.model.lookup import UnitLookupError, find_unit
from cchc_tui.model.periods import PeriodError, parse_period
from cchc_tui.sources.base import SourceFailure, SourceUnavailable, open_source
from cchc_tui.text import printable

EXIT_STALE = 3  # the source failed; only a saved copy could be printed


def cannot_read(prog: str, exc: SourceFailure, lang: Lang) -> str:
    """A command's words for a source that could not be read: each located issue, else the
    reason, in the command line's language (report and score-766 say it alike)."""
    problems = [i.text(lang) for i in exc.issues] or [source_reason(str(exc), lang)]
    return f"{prog}: {pick(CANNOT_READ_SOURCE, lang)}:\n" + "\n".join(problems)


def _say(text: str) -> None:
    """A message on stderr; whatever it quotes from a feed is printed inert."""
    for line in text.splitlines() or [""]:
        print(printable(line), file=sys.stderr)


def run_report(config: Config, *, unit: str, period: str | None, fmt: str,
               allow_stale: bool = False) -> int:
    from cchc_tui.kpi.engine import Engine
    from cchc_tui.navigation import initial_period
    from cchc_tui.report import build_report, render, with_stale

    lang = config.app.lang
    try:
        wanted = parse_period(period) if period else None
    except PeriodError as exc:
        _say(f"cchc-tui report: --period {period_error_text(period or '', str(exc), lang)}")
        return 2
    try:
        source = open_source(config)
    except SourceUnavailable as exc:
        _say(f"cchc-tui report: {exc}")
        return 2
    try:
        result = source.read(force=True)
    except SourceFailure as exc:
        _say(cannot_read("cchc-tui report", exc, lang))
        return 1
    finally:
        source.close()
    snapshot = result.snapshot
    assert snapshot is not None  # a forced read always gives figures or raises
    saved_at = None
    if result.saved_age is not None:  # the source failed; this is the copy saved on disk
        saved_at = datetime.now().astimezone() - timedelta(seconds=result.saved_age)
        stale = {"reason": result.failure.text(lang) if result.failure else "",
                 "saved": f"{saved_at:%Y-%m-%d %H:%M}"}
        if not allow_stale:
            _say("cchc-tui report: " + pick(STALE_REFUSED, lang).format(**stale))
            return EXIT_STALE
        _say("cchc-tui report: " + pick(STALE_PRINTED, lang).format(**stale))
    try:
        found = find_unit(snapshot, unit)
    except UnitLookupError as exc:
        words = unit_lookup_text(exc.query, len(exc.candidates), exc.named, exc.lines, lang)
        _say(f"cchc-tui report: --unit: {words or exc}")
        return 1
    engine = Engine(snapshot, targets_from_config(config), config.app.min_coverage,
                    config.checks.max_count)
    chosen = wanted or initial_period(engine, found.code)  # the dashboard's opening period
    if chosen is None:
        _say(f"cchc-tui report: {found.name} ({found.code}) " + (
            "không có số liệu nào trong nguồn này" if lang == "vi"
            else "has no figures in this feed"))
        return 1
    has_values = bool(engine.value_count(found.code, chosen, complete=False))
    has_counts = bool(engine.counts(found.code, chosen))
    if not has_values:
        # Say where the figures are rather than leave a table of dashes unexplained.
        periods = [str(p) for p in snapshot.unit_periods(found.code)]
        if lang == "vi":
            _say(f"cchc-tui report: không chỉ số nào của {found.name} ({found.code}) có giá "
                 f"trị cho kỳ {chosen}; các kỳ có số liệu: {', '.join(periods[-12:]) or '—'}")
        else:
            _say(f"cchc-tui report: no KPI of {found.name} ({found.code}) has a value for "
                 f"{chosen}; periods with figures: {', '.join(periods[-12:]) or 'none'}")
        if not has_counts:
            return 1  # nothing at all for that period: fail, so a cron job notices
    report = build_report(engine, found.code, chosen, lang)
    if saved_at is not None and result.saved_age is not None:
        report = with_stale(report, saved_at, result.saved_age, str(result.failure or ""))
    sys.stdout.write(render(report, fmt, lang))
    return 0
