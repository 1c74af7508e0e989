"""What the relay reads: any configured source; a folder only through its own files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cchc_tui.config import Config
from cchc_tui.feed.load import feed_files, files_stamp, load_paths
from cchc_tui.feed.raw import FeedError, FeedIssue
from cchc_tui.resources import default_fixtures_dir
from cchc_tui.sources.base import ReadResult, Source, feed_failure, infer_kind, open_source
from cchc_tui.sources.fixtures import FixtureSource


class PublishedFolder(FixtureSource):
    """A folder published over HTTP: a file whose real path lies outside the folder (a
    symlink to /etc/…) is skipped and logged, never read."""

    def __init__(self, location: Path, log: Callable[[str], None] = lambda line: None) -> None:
        super().__init__(location)
        self._log = log
        self._skipped: set[Path] = set()

    def _inside(self, paths: list[Path]) -> list[Path]:
        root = self.location.resolve()
        kept = []
        for path in paths:
            real = path.resolve()
            if real == root or (root.is_dir() and real.is_relative_to(root)):
                kept.append(path)
            elif path not in self._skipped:
                self._skipped.add(path)
                self._log(f"not served: {path} leads outside {self.location}")
        return kept

    def read(self, force: bool = False) -> ReadResult:
        try:
            files = self._inside(feed_files(self.location))
            stamp = files_stamp(files)
        except (OSError, FeedError) as exc:
            if isinstance(exc, OSError):
                exc = FeedError([FeedIssue(str(self.location), "", f"cannot read: {exc}",
                                                 kind="cannot_read", args=(("why", str(exc)),))])
            raise feed_failure(exc) from None
        if not force and stamp == self._stamp:
            return ReadResult(None)
        if not files:
            raise feed_failure(FeedError([FeedIssue(str(self.location), "",
                                                "no feed file to publish inside the folder",
                                                kind="nothing_to_publish")]))
        try:
            snapshot = load_paths(files)
        except FeedError as exc:
            raise feed_failure(exc) from None
        self._stamp = stamp
        return ReadResult(snapshot)


def open_relay_source(config: Config, log: Callable[[str], None]) -> Source:
    location = config.source.location
    if (config.source.kind or infer_kind(location)) == "files":
        return PublishedFolder(Path(location).expanduser() if location
                               else default_fixtures_dir(), log)
    return open_source(config)
