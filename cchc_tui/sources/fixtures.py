"""Feed files on disk (the bundled fixtures by default), read again when they change."""

from __future__ import annotations

from pathlib import Path

from cchc_tui.config import Config
from cchc_tui.feed.load import feed_files, files_stamp, load_paths
from cchc_tui.feed.raw import FeedError
from cchc_tui.resources import default_fixtures_dir
from cchc_tui.sources.base import ReadResult, feed_failure


class FixtureSource:
    """A file or a directory of feed files; a read with no file changed builds nothing."""

    kind = "files"

    def __init__(self, location: Path) -> None:
        self.location = location
        self._stamp: tuple[tuple[str, int, int], ...] | None = None

    @classmethod
    def from_config(cls, config: Config) -> FixtureSource:
        location = config.source.location
        return cls(Path(location).expanduser() if location else default_fixtures_dir())

    def describe(self) -> str:
        return str(self.location)

    def read(self, force: bool = False) -> ReadResult:
        try:
            stamp = files_stamp(feed_files(self.location))
        except (OSError, FeedError):  # missing or vanished: the read below says why
            stamp = None
        if not force and stamp is not None and stamp == self._stamp:
            return ReadResult(None)
        try:
            snapshot = load_paths([self.location])
        except FeedError as exc:
            raise feed_failure(exc) from None
        self._stamp = stamp
        return ReadResult(snapshot)

    def next_delay(self, interval: float) -> float:
        return interval

    def close(self) -> None:
        pass

