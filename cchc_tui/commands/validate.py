"""`cchc-tui validate PATH…`: every error with its place; findings as warnings."""

from __future__ import annotations

import sys
from pathlib import Path

from cchc_tui.config import ChecksConfig, SourceConfig, is_url
from cchc_tui.feed.build import build_snapshot
from cchc_tui.feed.load import decode_bytes, feed_files, read_file
from cchc_tui.feed.raw import FeedError, FeedIssue, RawFeed
from cchc_tui.i18n import VALIDATE, Lang, feed_issue_words, pick, source_reason
from cchc_tui.model.snapshot import Warning_
from cchc_tui.sources.base import SourceUnavailable
from cchc_tui.text import format_count, printable

MAX_FINDINGS = 50
ENGINE_UNITS = 2000  # units checked with one engine before its memo is dropped


def _say(line: str, error: bool = False) -> None:
    """One line of output; whatever it quotes from a feed is printed inert."""
    print(printable(line), file=sys.stderr if error else sys.stdout)


def _too_large(files: list[Path], limit: int, lang: Lang) -> list[str]:
    """Files over `checks.max_feed_bytes`, alone or together, refused before they are read."""
    out, total = [], 0
    for path in files:
        try:
            size = path.stat().st_size
        except OSError:
            continue  # read_file says why
        total += size
        if size > limit:
            out.append(f"{path}: " + pick(VALIDATE["file_too_large"], lang).format(
                size=format_count(size, lang), limit=format_count(limit, lang)))
    if not out and total > limit:
        out.append(pick(VALIDATE["files_too_large"], lang).format(
            files=len(files), size=format_count(total, lang), limit=format_count(limit, lang)))
    return out


def _large_counts(feeds: list[RawFeed], bound: float, lang: Lang) -> list[str]:
    """Counts above `checks.max_count`, each with its place."""
    out = []
    for feed in feeds:
        for _unit, _period, _measure, value, where in feed.observations:
            if isinstance(value, int | float) and value > bound:
                out.append(f"{feed.origin}: {where}.value: " + pick(
                    VALIDATE["count_high"], lang).format(value=f"{value:g}", bound=f"{bound:g}"))
        for block in feed.blocks:
            measures, per_unit = block.measures, len(block.periods) * len(block.measures)
            for i, value in enumerate(block.values):
                if isinstance(value, int | float) and value > bound:
                    unit, rest = divmod(i, per_unit)
                    period, measure = divmod(rest, len(measures))
                    out.append(f"{feed.origin}: {block.where}.values[{i}] " + pick(
                        VALIDATE["block_count_high"], lang).format(
                        unit=block.units[unit], period=block.periods[period],
                        measure=measures[measure], value=f"{value:g}", bound=f"{bound:g}"))
    return out


def run_validate(paths: list[str] | list[Path], quiet: bool = False,
                 source: SourceConfig | None = None, checks: ChecksConfig | None = None,
                 lang: Lang = "vi") -> int:
    """Validate files, directories and (with `source` settings for headers etc.) URLs."""
    from cchc_tui.kpi.engine import Engine
    from cchc_tui.kpi.findings import SOURCE_WIDE, findings

    checks = checks or ChecksConfig()
    files: list[Path] = []
    errors: list[str] = []
    feeds: list[RawFeed] = []
    fetched = 0
    for item in paths:
        if isinstance(item, str) and is_url(item):
            fetched += 1
            try:
                feeds.append(_fetch(item, source, checks.max_feed_bytes, lang))
            except FeedError as exc:
                errors.append(exc.text(lang))
            continue
        if _is_dossiers(str(item)):  # rows in a database or Parquet: counted, then checked
            fetched += 1
            try:
                feeds.append(_dossiers(str(item), source))
            except FeedError as exc:
                errors.append(exc.text(lang))
            except SourceUnavailable as exc:
                _say(f"{pick(VALIDATE['error'], lang)}: {exc}", error=True)
                return 2
            continue
        try:
            files.extend(feed_files(Path(item)))
        except FeedError as exc:
            errors.append(exc.text(lang))
    too_large = _too_large(files, checks.max_feed_bytes, lang)
    if too_large:  # refused before reading: a huge file would take the memory with it
        return _fail(errors + too_large, lang)
    for path in files:  # each file on its own first, so every file's own errors show
        try:
            feeds.append(read_file(path))
        except FeedError as exc:
            errors.append(exc.text(lang))
    if errors:
        return _fail(errors, lang)
    try:
        snapshot = build_snapshot(feeds)
    except FeedError as exc:
        return _fail([exc.text(lang)], lang)
    warnings = [_warning_words(w, lang) for w in snapshot.warnings] + _large_counts(
        feeds, checks.max_count, lang)
    feeds.clear()  # the decoded records are in the snapshot now: free them before the findings
    found: list[str] = []  # the first MAX_FINDINGS, to print
    total = 0
    engine = Engine(snapshot, max_count=checks.max_count)
    for index, code in enumerate(snapshot.units):
        if index and index % ENGINE_UNITS == 0:  # drop the memoised figures: memory stays flat
            engine = Engine(snapshot, max_count=checks.max_count)
        own = {p for table in (snapshot.observations, snapshot.reported)
               for series in table.get(code, {}).values() for p in series}
        for period in sorted(own):
            for f in findings(engine, code, period):
                if f.kind in SOURCE_WIDE:  # listed once, above, as the source's warnings
                    continue
                total += 1
                if len(found) < MAX_FINDINGS:
                    found.append(f"{code} {period}: {f.kind}: {f.message(lang)}")
    if not quiet:
        warning = pick(VALIDATE["warning"], lang)
        for line in warnings:
            _say(f"{warning}: {line}")
        for line in found[:MAX_FINDINGS]:
            _say(f"{warning}: {pick(VALIDATE['finding'], lang)}: {line}")
        if total > MAX_FINDINGS:
            _say(f"{warning}: " + pick(VALIDATE["more"], lang).format(
                n=format_count(total - MAX_FINDINGS, lang)))
        units, obs = len(snapshot.units), sum(
            len(s) for per in snapshot.observations.values() for s in per.values())
        counts = {"files": len(files) + fetched, "units": units, "obs": obs,
                  "warnings": len(warnings), "findings": total}
        if lang == "vi":  # vi-VN digits (1.109); the English line stays as scripts read it
            counts = {k: format_count(v, lang) for k, v in counts.items()}  # type: ignore[misc]
        _say(pick(VALIDATE["valid"], lang).format(**counts))
    return 0


def _warning_words(warning: Warning_, lang: Lang) -> str:
    if not warning.detail:  # made before warnings had words of their own: English
        return warning.message
    return warning.place + feed_issue_words(warning.kind, dict(warning.args), warning.detail,
                                            lang)


def _is_dossiers(location: str) -> bool:
    from cchc_tui.sources.base import infer_kind

    return infer_kind(location) == "dossiers"


def _dossiers(location: str, source: SourceConfig | None) -> RawFeed:
    try:
        from cchc_tui.dossiers.source import dossier_feed
    except ImportError as exc:
        raise SourceUnavailable(f"dossier rows need packages that are not installed "
                                f"({exc.name}): pip install \"cchc-tui[dossiers]\"") from None

    return dossier_feed(location, source or SourceConfig())


def _fail(errors: list[str], lang: Lang) -> int:
    for block in errors:
        for line in block.splitlines():
            _say(f"{pick(VALIDATE['error'], lang)}: {line}", error=True)
    _say(pick(VALIDATE["invalid"], lang), error=True)
    return 1


def _fetch(url: str, source: SourceConfig | None, max_bytes: int, lang: Lang) -> RawFeed:
    """GET one URL with the [source] settings (headers, token, TLS, size cap) and decode it."""
    import msgspec

    from cchc_tui.sources.base import SourceFailure
    from cchc_tui.sources.failures import public_url
    from cchc_tui.sources.transport import Transport

    settings = source or SourceConfig()
    cap = min(settings.max_bytes, max_bytes)  # validate holds the whole feed in memory
    http = Transport(msgspec.structs.replace(settings, location=url, max_bytes=cap))
    try:
        got = http.get(url)
    except SourceFailure as exc:
        reason = exc.reason
        if cap < settings.max_bytes:  # the cap was validate's own, name that key
            reason = reason.replace("(source.max_bytes)", "(checks.max_feed_bytes)")
        raise FeedError([FeedIssue(public_url(url), "", source_reason(reason, lang))]) from None
    finally:
        http.close()
    assert got is not None  # no validators sent, so no 304
    return decode_bytes(got.body, public_url(url), got.content_type)
