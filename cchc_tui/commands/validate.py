"""`cchc-tui validate PATH…`: every error with its place; findings as warnings."""

from __future__ import annotations

import sys
from pathlib import Path

from cchc_tui.config import SourceConfig
from cchc_tui.feed.build import build_snapshot
from cchc_tui.feed.load import decode_bytes, feed_files, read_file
from cchc_tui.feed.raw import FeedError, FeedIssue, RawFeed
from cchc_tui.sources.base import is_url

MAX_FINDINGS = 50


def run_validate(paths: list[str] | list[Path], quiet: bool = False,
                 source: SourceConfig | None = None) -> int:
    """Validate files, directories and (with `source` settings for headers etc.) URLs."""
    from cchc_tui.kpi.engine import Engine
    from cchc_tui.kpi.findings import findings

    files: list[Path] = []
    errors: list[str] = []
    feeds: list[RawFeed] = []
    fetched = 0
    for item in paths:
        if isinstance(item, str) and is_url(item):
            fetched += 1
            try:
                feeds.append(_fetch(item, source))
            except FeedError as exc:
                errors.append(str(exc))
            continue
        try:
            files.extend(feed_files(Path(item)))
        except FeedError as exc:
            errors.append(str(exc))
    for path in files:  # each file on its own first, so every file's own errors show
        try:
            feeds.append(read_file(path))
        except FeedError as exc:
            errors.append(str(exc))
    if errors:
        return _fail(errors)
    try:
        snapshot = build_snapshot(feeds)
    except FeedError as exc:
        return _fail([str(exc)])
    warnings = [w.message for w in snapshot.warnings]
    engine = Engine(snapshot)
    found: list[str] = []
    for code in snapshot.units:
        own = {p for table in (snapshot.observations, snapshot.reported)
               for series in table.get(code, {}).values() for p in series}
        for period in sorted(own):
            for f in findings(engine, code, period):
                found.append(f"{code} {period}: {f.kind}: {f.message('en')}")
    if not quiet:
        for line in warnings:
            print(f"warning: {line}")
        for line in found[:MAX_FINDINGS]:
            print(f"warning: finding: {line}")
        if len(found) > MAX_FINDINGS:
            print(f"warning: … and {len(found) - MAX_FINDINGS} more findings")
        units, obs = len(snapshot.units), sum(
            len(s) for per in snapshot.observations.values() for s in per.values())
        print(f"valid: {len(files) + fetched} file(s), {units} units, {obs} observations, "
              f"{len(warnings)} warnings, {len(found)} findings")
    return 0


def _fail(errors: list[str]) -> int:
    for block in errors:
        for line in block.splitlines():
            print(f"error: {line}", file=sys.stderr)
    print("invalid", file=sys.stderr)
    return 1


def _fetch(url: str, source: SourceConfig | None) -> RawFeed:
    """GET one URL with the [source] settings (headers, token, TLS, size cap) and decode it."""
    import msgspec

    from cchc_tui.sources.base import SourceFailure
    from cchc_tui.sources.failures import public_url
    from cchc_tui.sources.transport import Transport

    http = Transport(msgspec.structs.replace(source or SourceConfig(), location=url))
    try:
        got = http.get(url)
    except SourceFailure as exc:
        raise FeedError([FeedIssue(public_url(url), "", exc.reason)]) from None
    finally:
        http.close()
    assert got is not None  # no validators sent, so no 304
    return decode_bytes(got.body, public_url(url), got.content_type)
