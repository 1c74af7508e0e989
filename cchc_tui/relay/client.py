"""Reading a relay: its feed, and its own word on its source (the web sessions use this).

Without this a viewer would say "● live" while the relay kept serving the last good figures
of a source that is down. After each read of `/feed.json` the viewer asks `/status.json`
(both answered from memory) and, when the relay's source is failing, shows its figures as a
saved copy from the relay's last good read, with the relay's reason.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from cchc_tui.config import Config, SourceConfig
from cchc_tui.sources.base import ERROR, OFFLINE, ReadResult, SourceFailure
from cchc_tui.sources.http import HttpSource


class RelayedSource:
    """A Source (sources/base.py) for a relay's `/feed.json` URL."""

    def __init__(self, config: SourceConfig, kind: str) -> None:
        self.kind = kind  # the relay's source's kind, so the header names the real source
        self._feed = HttpSource(config)
        self._status_url = config.location.rsplit("/", 1)[0] + "/status.json"

    @classmethod
    def from_config(cls, config: Config) -> RelayedSource:
        return cls(config.source, "http")

    def describe(self) -> str:
        return self._feed.describe()

    def next_delay(self, interval: float) -> float:
        return self._feed.next_delay(interval)

    def close(self) -> None:
        self._feed.close()

    def read(self, force: bool = False) -> ReadResult:
        try:
            result = self._feed.read(force)
        except SourceFailure:
            failing = self._relay_failure()
            if failing is not None:  # e.g. a 503 before the relay ever read: say why
                raise failing[0] from None
            raise
        failing = self._relay_failure()
        if failing is None:
            return result
        failure, age = failing
        return ReadResult(result.snapshot, saved_age=age, failure=failure)

    def _relay_failure(self) -> tuple[SourceFailure, float] | None:
        """The relay's source failure and the age of the relay's figures, or None (healthy)."""
        try:
            got = self._feed.http.get(self._status_url)
            status: dict[str, Any] = json.loads(got.body) if got is not None else {}
        except (SourceFailure, ValueError):
            return None  # a relay without /status.json: trust its feed
        state = status.get("state")
        if state not in ("offline", "error", "stale"):
            return None
        failure = SourceFailure(ERROR if state == "error" else OFFLINE,
                                str(status.get("reason") or state))
        return failure, _age(status.get("read_at") or status.get("saved_at"))


def _age(stamp: object) -> float:
    try:
        when = datetime.fromisoformat(str(stamp))
    except ValueError:
        return 0.0
    now = datetime.now(when.tzinfo) if when.tzinfo else datetime.now()
    return max(0.0, (now - when).total_seconds())
