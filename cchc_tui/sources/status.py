"""The state of the source: live, stale, offline or error, and why (the header words it:
frame.status_text)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timedelta

from cchc_tui.i18n import Lang, source_reason
from cchc_tui.model.vocabulary import STATES, State


@dataclass(frozen=True, slots=True)
class SourceStatus:
    state: State = "loading"
    reason: str = ""  # plain words: "HTTP 500", "connection refused", "JSON cut off at byte N"
    kind: str = "files"  # files | http | dvcqg | dossiers
    data_time: datetime | None = None  # the feed's own generated_at
    last_success: datetime | None = None  # when the figures on screen were read
    next_poll: datetime | None = None
    saved_at: datetime | None = None  # when the disk copy on screen was saved
    aged: bool = False  # the figures on screen are older than 2 × interval
    reading: bool = False  # a read is under way now
    reading_since: datetime | None = None  # when the read under way started
    reason_vi: str = ""  # `reason` as the failure worded it in Vietnamese (a rejected feed's)

    def after_success(self, now: datetime, data_time: datetime | None,
                      saved_age: float | None = None, reason: str = "",
                      reason_vi: str = "") -> SourceStatus:
        """A read that gave figures; `saved_age` when they are the disk copy (source down)."""
        if saved_age is not None:
            return dataclasses.replace(self, state="stale", reading=False, reading_since=None,
                                       reason=reason, reason_vi=reason_vi,
                                       data_time=data_time, aged=True,
                                       saved_at=now - timedelta(seconds=saved_age))
        return dataclasses.replace(self, state="live", reason="", reason_vi="",
                                   data_time=data_time,
                                   reading=False, reading_since=None,
                                   last_success=now, saved_at=None, aged=False)

    def after_failure(self, now: datetime, state: State, reason: str,
                      interval: float, reason_vi: str = "") -> SourceStatus:
        """A read that failed: the figures on screen stay, and age."""
        last = self.last_success or self.saved_at
        aged = last is None or (now - last).total_seconds() > 2 * interval
        return dataclasses.replace(self, state=state if state in STATES else "error",
                                   reason=reason, reason_vi=reason_vi, aged=aged, reading=False,
                                   reading_since=None)

    def reason_text(self, lang: Lang) -> str:
        """Why the source failed, in `lang`."""
        if lang == "vi" and self.reason_vi:
            return self.reason_vi
        return source_reason(self.reason, lang)

    def polled_again_at(self, when: datetime) -> SourceStatus:
        return dataclasses.replace(self, next_poll=when)
