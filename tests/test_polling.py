"""What a finished read means for the screen: state, next poll, one notice per change."""

from __future__ import annotations

from datetime import datetime, timedelta

from cchc_tui.frame import status_text
from cchc_tui.polling import PollOutcome, after_read, read_started
from cchc_tui.sources.base import ReadResult, SourceFailure
from cchc_tui.sources.status import SourceStatus

T0 = datetime(2026, 11, 28, 8, 0, 0)
DATA = datetime(2026, 11, 1, 8, 0)


def read(before: SourceStatus, *, result: ReadResult | None = None,
         error: BaseException | None = None, delay: float = 60,
         at: datetime = T0) -> PollOutcome:
    return after_read(before, result=result, error=error, now=at, interval=60,
                      next_delay=delay, data_time=DATA, lang="en")


def test_a_first_good_read_is_live_and_quiet() -> None:
    out = read(SourceStatus(kind="http"), result=ReadResult(None))
    assert out.status.state == "live" and out.notice is None
    assert out.delay == 60 and out.status.next_poll == T0 + timedelta(seconds=60)


def test_a_failure_is_told_once_and_the_source_backoff_is_kept() -> None:
    live = read(SourceStatus(kind="http"), result=ReadResult(None)).status
    first = read(live, error=SourceFailure("offline", "connection refused"), delay=240)
    assert first.status.state == "offline" and first.delay == 240
    assert first.notice is not None and first.notice.severity == "warning"
    assert first.notice.text == "Source offline: connection refused"
    again = read(first.status, error=SourceFailure("offline", "connection refused"))
    assert again.notice is None  # the same state: no second toast
    back = read(again.status, result=ReadResult(None))
    assert back.status.state == "live" and back.notice is not None
    assert back.notice.severity == "information"


def test_a_saved_copy_is_stale_with_its_reason() -> None:
    result = ReadResult(None, saved_age=3600, failure=SourceFailure("offline", "timed out"))
    out = read(SourceStatus(kind="http"), result=result)
    assert out.status.state == "stale" and out.status.reason == "timed out"
    assert out.status.saved_at == T0 - timedelta(seconds=3600)


def test_an_unexpected_error_is_a_source_error() -> None:
    out = read(SourceStatus(), error=RuntimeError("boom"))
    assert out.status.state == "error" and out.status.reason == "boom"


def test_a_hanging_read_says_so_from_its_first_second() -> None:
    live = read(SourceStatus(kind="http"), result=ReadResult(None)).status
    reading = read_started(live, T0 + timedelta(seconds=60))
    assert status_text(reading, "en", T0 + timedelta(seconds=60, milliseconds=400)) \
        .startswith("● live")
    text = status_text(reading, "vi", T0 + timedelta(seconds=72))
    assert text.startswith("⧗ đang chờ nguồn (12 s)") and "(HTTP)" in text
    done = read(reading, error=SourceFailure("offline", "timed out after 10 s"),
                at=T0 + timedelta(seconds=75))
    assert status_text(done.status, "en", T0 + timedelta(seconds=75)).startswith(
        "▲ OFFLINE: timed out after 10 s")


def test_every_kind_is_named_in_words() -> None:
    now = T0
    for kind, vi, en in [("files", "tệp", "files"), ("dvcqg", "Cổng DVCQG", "DVCQG"),
                         ("dossiers", "CSDL hồ sơ", "dossier database")]:
        status = read(SourceStatus(kind=kind), result=ReadResult(None)).status
        assert vi in status_text(status, "vi", now) and en in status_text(status, "en", now)
