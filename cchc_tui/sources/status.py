"""The state of the source as the header tells it: live, stale, offline or error, and why."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timedelta

from cchc_tui.i18n import source_reason

STATES = ("loading", "live", "stale", "offline", "error")


@dataclass(frozen=True, slots=True)
class SourceStatus:
    state: str = "loading"  # one of STATES
    reason: str = ""  # plain words: "HTTP 500", "connection refused", "JSON cut off at byte N"
    kind: str = "files"  # files | http | dvcqg | dossiers
    data_time: datetime | None = None  # the feed's own generated_at
    last_success: datetime | None = None  # when the figures on screen were read
    next_poll: datetime | None = None
    saved_at: datetime | None = None  # when the disk copy on screen was saved
    aged: bool = False  # the figures on screen are older than 2 × interval
    reading: bool = False  # a read is under way now
    reading_since: datetime | None = None  # when the read under way started

    def after_success(self, now: datetime, data_time: datetime | None,
                      saved_age: float | None = None, reason: str = "") -> SourceStatus:
        """A read that gave figures; `saved_age` when they are the disk copy (source down)."""
        if saved_age is not None:
            return dataclasses.replace(self, state="stale", reading=False, reading_since=None,
                                       reason=reason,
                                       data_time=data_time, aged=True,
                                       saved_at=now - timedelta(seconds=saved_age))
        return dataclasses.replace(self, state="live", reason="", data_time=data_time,
                                   reading=False, reading_since=None,
                                   last_success=now, saved_at=None, aged=False)

    def after_failure(self, now: datetime, state: str, reason: str,
                      interval: float) -> SourceStatus:
        """A read that failed: the figures on screen stay, and age."""
        last = self.last_success or self.saved_at
        aged = last is None or (now - last).total_seconds() > 2 * interval
        return dataclasses.replace(self, state=state if state in STATES else "error",
                                   reason=reason, aged=aged, reading=False,
                                   reading_since=None)

    def polled_again_at(self, when: datetime) -> SourceStatus:
        return dataclasses.replace(self, next_poll=when)


def _clock(when: datetime | None, now: datetime) -> str:
    if when is None:
        return "—"
    if when.date() == now.date():
        return when.strftime("%H:%M:%S")
    return when.strftime("%d/%m/%Y %H:%M")


# Each kind of source in words, as the header names it.
KIND_WORDS = {"files": ("tệp", "files"), "http": ("HTTP", "HTTP"),
              "dvcqg": ("Cổng DVCQG", "national portal DVCQG"),
              "dossiers": ("CSDL hồ sơ", "dossier database")}


def _waited(status: SourceStatus, now: datetime) -> int | None:
    """Whole seconds a read has been under way, once it has taken a second or more."""
    if not status.reading or status.reading_since is None:
        return None
    seconds = int((now - status.reading_since).total_seconds())
    return seconds if seconds >= 1 else None


def status_text(status: SourceStatus, lang: str, now: datetime) -> str:
    """The state (symbol and word), why, and when the figures were read and will be again."""
    vi = lang == "vi"
    kind = KIND_WORDS.get(status.kind, (status.kind, status.kind))[0 if vi else 1]
    read = _clock(status.last_success, now)
    upcoming = _clock(status.next_poll, now)
    waited = _waited(status, now)
    retry = ("đang thử lại…" if vi else "retrying…") if status.reading else \
        (f"thử lại {upcoming}" if vi else f"retry {upcoming}")
    if waited is not None:
        retry += f" ({waited} s)"
    if status.state == "loading":
        if waited is not None:
            return (f"⧗ đang chờ nguồn ({waited} s, {kind})" if vi else
                    f"⧗ waiting for the source ({waited} s, {kind})")
        return "… đang đọc nguồn" if vi else "… reading the source"
    if status.state == "live":
        if waited is not None:  # a read that hangs shows from its first second
            return (f"⧗ đang chờ nguồn ({waited} s) · số liệu đọc lúc {read} ({kind})" if vi
                    else f"⧗ waiting for the source ({waited} s) · figures read {read} ({kind})")
        return (f"● trực tiếp · đọc lúc {read} · lần sau {upcoming} ({kind})" if vi else
                f"● live · read {read} · next {upcoming} ({kind})")
    aged = (" · DỮ LIỆU CŨ" if vi else " · STALE") if status.aged else ""
    reason = source_reason(status.reason, lang)
    if status.state == "stale":
        saved = _clock(status.saved_at, now)
        return (f"◷ DỮ LIỆU CŨ: bản lưu lúc {saved} ({reason}) · {retry}" if vi else
                f"◷ STALE: saved copy from {saved} ({reason}) · {retry}")
    word = {"offline": ("▲ MẤT KẾT NỐI", "▲ OFFLINE"), "error": ("✗ LỖI NGUỒN", "✗ SOURCE ERROR")}
    head = word.get(status.state, word["error"])[0 if vi else 1]
    if status.last_success is None and status.saved_at is None:  # nothing read yet
        return (f"{head}: {reason} — chưa có số liệu · {retry}" if vi else
                f"{head}: {reason} — no figures yet · {retry}")
    return (f"{head}: {reason} — số liệu đọc lúc {read}{aged} · {retry}" if vi else
            f"{head}: {reason} — figures read {read}{aged} · {retry}")
