"""Saved portal answers on disk → feed v1: for `import-766` and for `--source` on such files."""

from __future__ import annotations

from datetime import date
from pathlib import Path, PurePath
from typing import Any

from cchc_tui.feed.raw import FeedError, FeedIssue
from cchc_tui.portal.answers import kind_of, read_capture
from cchc_tui.portal.crawler import day_in_name, time_in_name
from cchc_tui.portal.mapping import PeriodUnknown, to_feed
from cchc_tui.portal.records import Capture


def capture_of(doc: Any, origin: str) -> Capture:
    """Read one saved answer, taking the day and time type from its name when it lacks them
    (the crawler names files `raw_GiaLai_detail_year_2026_10102026.json`)."""
    cap = read_capture(doc, origin)
    path = PurePath(origin)
    if cap.as_of is None:  # the file's name first, then its folder's (discovery/api-20260917-…)
        cap.as_of = day_in_name(path.name) or day_in_name(path.parent.name)
    named = time_in_name(path.name)
    if named is not None and cap.time_type is None:
        cap.time_type, cap.year, cap.number = named
    return cap


def portal_feed(doc: dict[str, Any], origin: str, as_of: date | None = None,
                ) -> dict[str, Any] | None:
    """The feed v1 document for a saved portal answer; None when `doc` is not one."""
    if kind_of(doc) is None:
        return None
    return feed_of([capture_of(doc, origin)], as_of)


def feed_of(captures: list[Capture], as_of: date | None = None) -> dict[str, Any]:
    try:
        return to_feed([(cap, as_of) for cap in captures])
    except PeriodUnknown as exc:
        origin = captures[0].origin if len(captures) == 1 else "portal answers"
        raise FeedError([FeedIssue(origin, "", str(exc).removeprefix(f"{origin}: "))]) from None


def read_answer_file(path: Path) -> Capture:
    from cchc_tui.feed.json_feed import parse_json

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FeedError([FeedIssue(str(path), "", f"cannot read the file: {exc.strerror}",
                                   kind="cannot_read", args=(("why", str(exc.strerror)),))]) \
            from None
    return capture_of(parse_json(data, str(path)), str(path))
