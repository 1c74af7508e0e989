"""What a finished read of the source means for the screen: the new state, when to read next,
and whether to tell the user. Pure: the App runs the read in a worker and applies this.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal

from cchc_tui.i18n import SOURCE_CHANGES, Lang, pick
from cchc_tui.sources.status import SourceStatus

if TYPE_CHECKING:
    from cchc_tui.sources.base import ReadResult

Severity = Literal["information", "warning", "error"]

# What a change of state is called in a notification.
@dataclass(frozen=True, slots=True)
class Notice:
    text: str
    severity: Severity


@dataclass(frozen=True, slots=True)
class PollOutcome:
    status: SourceStatus
    delay: float  # seconds until the next read
    notice: Notice | None  # the state changed: say so once (not on every failed read)


def read_started(status: SourceStatus, now: datetime) -> SourceStatus:
    return dataclasses.replace(status, reading=True, reading_since=now)


def after_read(before: SourceStatus, *, result: ReadResult | None, error: BaseException | None,
               now: datetime, interval: float, next_delay: float,
               data_time: datetime | None, lang: Lang) -> PollOutcome:
    """The state after a read that gave `result` or raised `error` (exactly one is given).

    `next_delay` is the source's own wish (its backoff while failing); `data_time` the
    generated_at of the figures now on screen.
    """
    if error is None:
        failure = result.failure if result is not None else None
        saved_age = result.saved_age if result is not None and failure is not None else None
        status = before.after_success(now, data_time, saved_age, str(failure or ""),
                                      failure.text("vi") if failure is not None else "")
    else:
        # Here, not at the top: the app imports this module before its first frame, and the
        # read that ended has imported the sources already.
        from cchc_tui.sources.base import SourceFailure

        state = error.state if isinstance(error, SourceFailure) else "error"
        reason = str(error) or type(error).__name__
        reason_vi = error.text("vi") if isinstance(error, SourceFailure) else ""
        status = before.after_failure(now, state, reason, interval, reason_vi)
    status = status.polled_again_at(now + timedelta(seconds=next_delay))
    return PollOutcome(status, next_delay, _notice(before.state, status, lang))


def _notice(before: str, status: SourceStatus, lang: Lang) -> Notice | None:
    if status.state == before or (before == "loading" and status.state == "live"):
        return None
    word = pick(SOURCE_CHANGES.get(status.state, SOURCE_CHANGES["error"]), lang)
    text = f"{word}: {status.reason_text(lang)}" if status.reason else word
    severity: Severity = {"error": "error", "live": "information"}.get(  # type: ignore[assignment]
        status.state, "warning")
    return Notice(text, severity)
