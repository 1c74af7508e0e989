"""Read one source once per interval in a thread, and keep what viewers are shown.

The state logic is the dashboard's (`polling.after_read` over `SourceStatus`): the relay reports
the same live / stale / offline / error as a dashboard would, with the source's own backoff.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

from cchc_tui.model.snapshot import Snapshot
from cchc_tui.polling import after_read, read_started
from cchc_tui.relay.publication import Publication, publish
from cchc_tui.sources.base import ReadResult, Source
from cchc_tui.sources.status import SourceStatus


def _now() -> datetime:
    return datetime.now().astimezone()


def _iso(when: datetime | None) -> str | None:
    return when.isoformat(timespec="seconds") if when is not None else None


class Relay:
    """The one reader of `source`. Viewers read `publication` and `status`, never the source."""

    def __init__(self, source: Source, interval: float, *,
                 log: Callable[[str], None] = lambda line: None,
                 clock: Callable[[], datetime] = _now) -> None:
        self.source = source
        self.interval = interval
        self.status = SourceStatus(kind=source.kind)
        self.publication: Publication | None = None
        self.polls = 0
        self.polled_at: datetime | None = None
        self._log = log
        self._clock = clock
        self._reading = threading.Lock()  # one read of the source at a time
        self._polled = threading.Condition()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- reading -------------------------------------------------------------------------------
    def poll(self) -> None:
        """Read the source once (waits for a read already under way instead of adding one)."""
        with self._reading:
            self._poll()

    def _poll(self) -> None:
        now = self._clock()
        before = self.status = read_started(self.status, now)
        result: ReadResult | None = None
        error: BaseException | None = None
        try:
            result = self.source.read(force=self.publication is None)
        except Exception as exc:  # a SourceFailure, or a bug in a source: never fatal here
            error = exc
        if result is not None and result.snapshot is not None:
            self._publish(result.snapshot, now)
        data_time = self.publication.snapshot.generated_at if self.publication else None
        outcome = after_read(before, result=result, error=error, now=now,
                             interval=self.interval,
                             next_delay=self.source.next_delay(self.interval),
                             data_time=data_time, lang="en")
        self.status = outcome.status
        if outcome.notice is not None or before.state == "loading":
            reason = f": {self.status.reason}" if self.status.reason else ""
            self._log(f"source {self.status.state}{reason} "
                      f"(next read in {outcome.delay:.0f} s)")
        with self._polled:
            self.polls += 1
            self.polled_at = now
            self._polled.notify_all()

    def _publish(self, snapshot: Snapshot, now: datetime) -> None:
        if self.publication is not None and snapshot is self.publication.snapshot:
            return
        published = publish(snapshot, now, self.publication)
        if published is not self.publication:
            self._log(f"new feed: {len(snapshot.units)} units, {len(published.body)} bytes, "
                      f"ETag {published.etag[1:13]}…")
        self.publication = published

    # -- the thread ----------------------------------------------------------------------------
    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="relay-poll", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.poll()
            wait = self.interval
            if self.status.next_poll is not None:
                wait = (self.status.next_poll - self._clock()).total_seconds()
            self._wake.wait(max(0.0, wait))
            self._wake.clear()

    def poll_now(self) -> None:
        """Wake the thread for a read now (tests; an operator's signal)."""
        self._wake.set()

    def wait_for_polls(self, count: int, timeout: float | None = None) -> bool:
        """Block until at least `count` polls have ended."""
        with self._polled:
            return self._polled.wait_for(lambda: self.polls >= count, timeout)

    def close(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=5)  # a read under way ends on its own timeout
        self.source.close()

    # -- what viewers see ----------------------------------------------------------------------
    def status_document(self) -> dict[str, Any]:
        s, pub = self.status, self.publication
        return {
            "state": s.state, "reason": s.reason,
            "source": self.source.describe(), "kind": self.source.kind,
            "interval": self.interval, "polls": self.polls,
            "polled_at": _iso(self.polled_at), "read_at": _iso(s.last_success),
            "data_time": _iso(s.data_time), "saved_at": _iso(s.saved_at),
            "next_poll": _iso(s.next_poll), "aged": s.aged, "reading": s.reading,
            "feed": None if pub is None else {
                "etag": pub.etag, "published_at": _iso(pub.published_at),
                "units": len(pub.snapshot.units), "bytes": len(pub.body)},
        }
