"""Read feed files and directories from disk into a Snapshot (no network here)."""

from __future__ import annotations

from pathlib import Path

from cchc_tui.feed.build import build_snapshot
from cchc_tui.feed.csv_feed import decode_csv
from cchc_tui.feed.gc_pause import gc_paused
from cchc_tui.feed.json_feed import decode_json
from cchc_tui.feed.raw import MAX_ERRORS, FeedError, FeedIssue, RawFeed
from cchc_tui.model.snapshot import Snapshot

FEED_SUFFIXES = (".json", ".csv")


def decode_bytes(data: bytes, origin: str, content_type: str = "") -> RawFeed:
    """Decode one feed document, JSON or CSV, chosen by name, content type, then content."""
    with gc_paused():
        return _decode_bytes(data, origin, content_type)


def _decode_bytes(data: bytes, origin: str, content_type: str) -> RawFeed:
    lowered = origin.lower().split("?")[0]
    if lowered.endswith(".csv") or "csv" in content_type:
        return decode_csv(data, origin)
    if lowered.endswith(".json") or "json" in content_type:
        return decode_json(data, origin)
    first = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    # "<": an HTML error or login page, which the JSON decoder names as such
    return decode_json(data, origin) if first in (b"{", b"[", b"<") \
        else decode_csv(data, origin)


def feed_files(location: Path) -> list[Path]:
    """The feed files a path stands for: itself, or every *.json / *.csv below a directory."""
    if not location.exists():
        raise FeedError([FeedIssue(str(location), "", "no such file or directory",
                                   kind="no_such_file")])
    if location.is_file():
        return [location]
    files = sorted(p for p in location.rglob("*")
                   if p.is_file() and p.suffix.lower() in FEED_SUFFIXES
                   and not any(part.startswith(".") for part in p.relative_to(location).parts))
    if not files:
        raise FeedError([FeedIssue(str(location), "", "the directory holds no feed files "
                                                      "(*.json or *.csv)", kind="no_feed_files")])
    return files


def files_stamp(paths: list[Path]) -> tuple[tuple[str, int, int], ...]:
    """Path, modification time and size of each file: equal stamps, unchanged files."""
    stamp = []
    for path in paths:
        st = path.stat()
        stamp.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(stamp)


def read_file(path: Path) -> RawFeed:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FeedError([FeedIssue(str(path), "", f"cannot read the file: {exc.strerror}",
                                   kind="cannot_read", args=(("why", str(exc.strerror)),))]) \
            from None
    return decode_bytes(data, str(path))


def load_paths(locations: list[Path]) -> Snapshot:
    """Decode every file of every location, then merge; FeedError lists all problems found."""
    feeds: list[RawFeed] = []
    issues: list[FeedIssue] = []
    truncated = False
    for location in locations:
        for path in feed_files(location):
            try:
                feeds.append(read_file(path))
            except FeedError as exc:
                issues.extend(exc.issues)
                truncated = truncated or exc.truncated
    if issues:
        raise FeedError(issues[:MAX_ERRORS], truncated=truncated or len(issues) > MAX_ERRORS)
    return build_snapshot(feeds)


def load_path(location: Path) -> Snapshot:
    return load_paths([location])
