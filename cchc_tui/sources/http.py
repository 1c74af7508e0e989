"""A feed served over HTTP(S), polled with conditional GETs, with the last good copy on disk.

Secrets (the bearer token, header values taken from the environment, query strings,
user-info) never appear in reasons, logs, repr or the disk cache.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

import httpx

from cchc_tui.config import Config, SourceConfig
from cchc_tui.feed.build import build_snapshot
from cchc_tui.feed.load import decode_bytes
from cchc_tui.feed.raw import FeedError
from cchc_tui.model.snapshot import Snapshot
from cchc_tui.sources.base import ReadResult, SourceFailure, feed_failure
from cchc_tui.sources.cache import CacheMeta, FeedCache
from cchc_tui.sources.failures import public_url
from cchc_tui.sources.transport import Fetched, Transport


def backoff_delay(failures: int, interval: float, longest: float, rng: random.Random) -> float:
    """Seconds until the next poll: `interval` when healthy, else exponential backoff
    (interval × 2ⁿ, at most `longest`, never below interval) with ±10 % jitter."""
    if failures <= 0:
        return interval
    base = interval * 2.0 ** min(failures, 30)
    return max(interval, min(longest, base)) * rng.uniform(0.9, 1.1)


class HttpSource:
    """Reads a cchc-kpi-feed from a URL; `read()` raises SourceFailure when it cannot."""

    kind = "http"

    def __init__(self, config: SourceConfig, *, cache: FeedCache | None = None,
                 transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 rng: random.Random | None = None) -> None:
        self.config = config
        self.url = config.location
        self.cache = (cache or FeedCache()) if config.cache else None
        self._rng = rng or random.Random()
        self.http = Transport(config, transport=transport, sleep=sleep, rng=self._rng)
        self._etag = ""
        self._last_modified = ""
        self.last_snapshot: Snapshot | None = None
        self.consecutive_failures = 0

    @classmethod
    def from_config(cls, config: Config) -> HttpSource:
        return cls(config.source)

    # -- the Source protocol -----------------------------------------------------------------
    def describe(self) -> str:
        return public_url(self.url)

    def __repr__(self) -> str:
        return f"HttpSource({self.describe()!r})"

    def read(self, force: bool = False) -> ReadResult:
        try:
            got = self.http.get(self.url, etag=self._etag, last_modified=self._last_modified)
            result = self._take(got, force)
        except SourceFailure as failure:
            self.consecutive_failures += 1
            cached = self._from_cache(failure) if self.last_snapshot is None else None
            if cached is None:
                raise
            return cached
        self.consecutive_failures = 0
        return result

    def next_delay(self, interval: float) -> float:
        return backoff_delay(self.consecutive_failures, interval, self.config.backoff_max,
                             self._rng)

    def close(self) -> None:
        self.http.close()

    # -- internals ---------------------------------------------------------------------------
    def _take(self, got: Fetched | None, force: bool) -> ReadResult:
        if got is None:  # 304 Not Modified: the snapshot we have, not parsed again
            return ReadResult(self.last_snapshot if force else None)
        snapshot = self._decode(got.body, got.content_type)
        self.last_snapshot = snapshot
        self._etag, self._last_modified = got.etag, got.last_modified
        if self.cache is not None:
            try:
                self.cache.save(self.url, got.body, CacheMeta(self.describe(), got.etag,
                                                              got.last_modified, time.time()))
            except OSError:
                pass  # a cache that cannot be written must not stop the dashboard
        return ReadResult(snapshot)

    def _decode(self, data: bytes, content_type: str) -> Snapshot:
        try:
            return build_snapshot([decode_bytes(data, self.describe(), content_type)])
        except FeedError as exc:
            raise feed_failure(exc) from None

    def _from_cache(self, failure: SourceFailure) -> ReadResult | None:
        """When the server cannot be read and nothing was read yet: the last good feed."""
        if self.cache is None:
            return None
        entry = self.cache.load(self.url)
        if entry is None:
            return None
        try:
            snapshot = build_snapshot([decode_bytes(entry.data, self.describe())])
        except FeedError:
            return None
        self.last_snapshot = snapshot
        return ReadResult(snapshot, saved_age=entry.age(), failure=failure)
