"""The header's account of the source: states, reasons and times, in both languages."""

from __future__ import annotations

from datetime import datetime

from cchc_tui.frame import status_text
from cchc_tui.sources.status import SourceStatus

T0 = datetime(2026, 11, 1, 8, 42, 0)


def at(seconds: int) -> datetime:
    return datetime.fromtimestamp(T0.timestamp() + seconds)


def test_live_then_offline_then_stale_then_back() -> None:
    s = SourceStatus(kind="http").after_success(T0, datetime(2026, 11, 1, 8, 0))
    s = s.polled_again_at(at(60))
    assert status_text(s, "vi", T0) == "● trực tiếp · đọc lúc 08:42:00 · lần sau 08:43:00 (HTTP)"
    s = s.after_failure(at(60), "offline", "connection refused", interval=60)
    assert s.state == "offline" and not s.aged
    text = status_text(s.polled_again_at(at(180)), "en", at(60))
    assert text == "▲ OFFLINE: connection refused — figures read 08:42:00 · retry 08:45:00"
    s = s.after_failure(at(121), "error", "HTTP 500", interval=60)  # > 2 × interval later
    assert s.aged and "· DỮ LIỆU CŨ" in status_text(s, "vi", at(121))
    assert status_text(s, "vi", at(121)).startswith("✗ LỖI NGUỒN: HTTP 500")
    reading = SourceStatus(state="error", reason="HTTP 500", reading=True)
    assert status_text(reading, "en", T0).endswith("retrying…")
    s = s.after_success(at(200), None)
    assert s.state == "live" and not s.aged and s.reason == ""


def test_disk_copy_at_start_is_stale_with_its_age() -> None:
    s = SourceStatus(kind="http").after_success(T0, None, saved_age=3600,
                                                reason="connection refused")
    assert s.state == "stale" and s.aged
    assert status_text(s, "vi", T0).startswith(
        "◷ DỮ LIỆU CŨ: bản lưu lúc 07:42:00 (máy chủ từ chối kết nối)")
    assert status_text(s, "en", T0).startswith("◷ STALE: saved copy from 07:42:00 "
                                               "(connection refused)")


def test_unknown_failure_state_is_an_error() -> None:
    assert SourceStatus().after_failure(T0, "weird", "?", 60).state == "error"


def test_a_failure_before_any_figures_says_there_are_none() -> None:
    s = SourceStatus().after_failure(T0, "error", "/x: no such file or directory", 60)
    s = s.polled_again_at(at(60))
    assert status_text(s, "vi", T0) == ("✗ LỖI NGUỒN: /x: không có tệp hay thư mục này — "
                                        "chưa có số liệu · thử lại 08:43:00")
    assert "no figures yet" in status_text(s, "en", T0)
