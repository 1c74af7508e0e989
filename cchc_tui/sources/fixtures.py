"""Feed files on disk (the bundled fixtures by default), re-read when they change."""

from __future__ import annotations

from pathlib import Path

from cchc_tui.feed.load import feed_files, load_paths
from cchc_tui.feed.raw import FeedError
from cchc_tui.model.snapshot import Snapshot


class FixtureSource:
    """Reads a file or a directory of feed files; `changed()` says when to read again."""

    kind = "fixtures"

    def __init__(self, location: Path) -> None:
        self.location = location
        self._stamp: tuple[tuple[str, int, int], ...] | None = None

    def describe(self) -> str:
        return str(self.location)

    def _current_stamp(self) -> tuple[tuple[str, int, int], ...]:
        stamp = []
        for path in feed_files(self.location):
            st = path.stat()
            stamp.append((str(path), st.st_mtime_ns, st.st_size))
        return tuple(stamp)

    def changed(self) -> bool:
        """True when a file was added, removed or modified since the last fetch."""
        try:
            return self._current_stamp() != self._stamp
        except (OSError, FeedError):  # vanished or unreadable: read again to report why
            return True

    def fetch(self) -> Snapshot:
        stamp = self._current_stamp()
        snapshot = load_paths([self.location])
        self._stamp = stamp
        return snapshot
