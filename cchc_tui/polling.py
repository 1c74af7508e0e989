"""Reading the source for the dashboard: a thread worker, a one-shot timer, the state.

A mixin of the App, kept apart so that app.py stays about the screen. Polls never overlap:
the timer is re-armed only when a poll has ended, and `r` starts nothing while one runs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from textual import work
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from cchc_tui.config import Config
from cchc_tui.kpi.engine import Engine
from cchc_tui.model.snapshot import Snapshot
from cchc_tui.sources.open import open_source, targets_from_config
from cchc_tui.sources.status import SourceStatus

if TYPE_CHECKING:
    from textual.app import App

    _Base = App[int]
else:
    _Base = object


class Source(Protocol):
    def fetch(self) -> Snapshot: ...
    def changed(self) -> bool: ...
    def describe(self) -> str: ...


class SourcePolling(_Base):
    """Expects `config`, `source`, `clock`, `engine`, `status`, `_timer` and `lang` on the
    App, and its `_apply(snapshot, engine)` and `_schedule_render()`."""

    config: Config
    source: Source | None
    clock: Callable[[], datetime]
    engine: Engine | None
    status: SourceStatus
    _timer: Timer | None
    lang: str

    def _apply(self, snapshot: Snapshot, engine: Engine) -> None:
        raise NotImplementedError

    def _schedule_render(self) -> None:
        raise NotImplementedError

    # -- the source: read in a thread, re-armed one-shot timer -----------------------------
    @work(thread=True, exclusive=True, group="source", exit_on_error=False)
    def read_source(self, force: bool = False) -> tuple[Snapshot, Engine] | None:
        if self.source is None:
            self.source = open_source(self.config)
        if not force and self.engine is not None and not self.source.changed():
            return None
        snapshot = self.source.fetch()
        if self.engine is not None and snapshot is self.engine.snapshot:
            return None  # a 304: nothing to recompute or repaint
        return snapshot, Engine(snapshot, targets_from_config(self.config),
                                self.config.app.min_coverage)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "source":
            return
        now, interval, source = self.clock(), self.config.app.interval, self.source
        before = dataclasses.replace(self.status, kind=getattr(source, "kind", "fixtures"))
        if event.state == WorkerState.RUNNING:
            if before.state != "live":  # say a retry is under way; a healthy poll stays quiet
                self.status = dataclasses.replace(before, reading=True)
                self._schedule_render()
            return
        if event.state == WorkerState.SUCCESS:
            if event.worker.result is not None:
                self._apply(*event.worker.result)
            data_time = self.engine.snapshot.generated_at if self.engine else None
            failure = getattr(source, "last_failure", None)
            saved_age = getattr(source, "from_cache_age", None)
            status = before.after_success(
                now, data_time, saved_age if failure is not None else None, str(failure or ""))
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            status = before.after_failure(now, getattr(error, "state", "error"),
                                          str(error) or type(error).__name__, interval)
        else:
            return
        delay = interval
        next_delay = getattr(source, "next_delay", None)
        if next_delay is not None:
            delay = next_delay(getattr(source, "consecutive_failures", 0), interval)
        self.status = status.polled_again_at(now + timedelta(seconds=delay))
        self._tell_state_change(before.state, self.status)
        self._schedule_render()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(delay, self.read_source)

    def _tell_state_change(self, before: str, status: SourceStatus) -> None:
        """A notification when the state changes, not on every failed poll."""
        if status.state == before or (before == "loading" and status.state == "live"):
            return
        words = {"offline": ("Mất kết nối nguồn dữ liệu", "Source offline"),
                 "stale": ("Đang hiện bản lưu trên máy", "Showing the saved copy"),
                 "error": ("Lỗi nguồn dữ liệu", "Source error"),
                 "live": ("Đã đọc lại được nguồn", "Source back")}
        word = words.get(status.state, words["error"])[self.lang != "vi"]
        text = f"{word}: {status.reason}" if status.reason else word
        severity = {"error": "error", "live": "information"}.get(status.state, "warning")
        self.notify(text, severity=severity, markup=False)  # type: ignore[arg-type]

    def action_refresh(self) -> None:
        # Polls never overlap: a read still under way (a slow or hanging source) is let be.
        if any(w.group == "source" and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
               for w in self.workers):
            busy = "Đang đọc nguồn, xin chờ" if self.lang == "vi" else "Still reading the source"
            self.notify(busy, severity="information", markup=False)
            return
        self.read_source(force=True)

    def on_unmount(self) -> None:
        close = getattr(self.source, "close", None)
        if close is not None:
            close()
