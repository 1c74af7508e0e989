"""One published feed: the snapshot encoded back to feed v1 once, with its validators and gzip."""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime

from cchc_tui.feed.encode import encode_snapshot
from cchc_tui.model.snapshot import Snapshot


@dataclass(frozen=True, slots=True)
class Publication:
    snapshot: Snapshot
    body: bytes
    gzipped: bytes
    etag: str  # strong: the body's sha256, so a restarted relay keeps it
    published_at: datetime  # when this body was first seen (aware)

    @property
    def last_modified(self) -> str:
        return format_datetime(self.published_at.replace(microsecond=0), usegmt=False)


def publish(snapshot: Snapshot, now: datetime, previous: Publication | None) -> Publication:
    """Encode `snapshot`; an identical body keeps the previous publication (same ETag, time)."""
    body = encode_snapshot(snapshot)
    if previous is not None and previous.body == body:
        return previous
    return Publication(snapshot, body, gzip.compress(body, compresslevel=6, mtime=0),
                       '"' + hashlib.sha256(body).hexdigest() + '"', now)


def etag_matches(header: str, etag: str) -> bool:
    """If-None-Match: `*`, or any listed tag (weak comparison, as RFC 9110 asks for GET)."""
    if not header or not etag:
        return False
    if header.strip() == "*":
        return True
    return any(tag.strip().removeprefix("W/") == etag for tag in header.split(","))


def not_modified_since(header: str, published_at: datetime) -> bool:
    """If-Modified-Since, used only when the request has no If-None-Match."""
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError):
        return False
    if since.tzinfo is None:
        return False
    return published_at.replace(microsecond=0) <= since


def wants_gzip(accept_encoding: str) -> bool:
    """Accept-Encoding names gzip (or `*`) with a quality above zero."""
    for part in accept_encoding.split(","):
        name, *params = (p.strip().lower() for p in part.split(";"))
        if name in ("gzip", "*"):
            q = next((p[2:] for p in params if p.startswith("q=")), "1")
            try:
                return float(q) > 0
            except ValueError:
                return False
    return False
