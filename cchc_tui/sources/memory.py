"""A snapshot already in memory, as a source: for the benchmarks, the tests and embedding."""

from __future__ import annotations

from cchc_tui.model.snapshot import Snapshot
from cchc_tui.sources.base import ReadResult


class MemorySource:
    """Gives its snapshot on the first (or a forced) read, then "nothing new"."""

    kind = "files"

    def __init__(self, snapshot: Snapshot, name: str = "memory") -> None:
        self.snapshot = snapshot
        self.name = name
        self.reads = 0

    def describe(self) -> str:
        return self.name

    def read(self, force: bool = False) -> ReadResult:
        self.reads += 1
        return ReadResult(self.snapshot if force or self.reads == 1 else None)

    def next_delay(self, interval: float) -> float:
        return interval

    def close(self) -> None:
        pass
