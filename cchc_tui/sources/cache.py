"""The last good feed of an HTTP source, kept on disk so a restart during an outage shows data.

One entry per URL, named by a hash of the URL: `<hash>.feed` (the body as received, after
content decoding) and `<hash>.json` (url without secrets, etag, last_modified, fetched_at, and
the SHA-256 of the body). Request headers and tokens are never written. Each write is atomic
(files.write_atomic: temporary file, fsync, os.replace; readable by the owner only), the
body before the metadata; a process killed between the two leaves a body that its
metadata's hash does not vouch for, and the entry is not used. Temporary files that a kill
left behind are removed when the cache is opened.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

import msgspec

from cchc_tui.files import write_atomic

CACHE_ENV = "CCHC_TUI_CACHE_DIR"
# A temporary file older than this is left over from a killed write (a write takes < 1 s).
ORPHAN_SECONDS = 60.0


class CacheMeta(msgspec.Struct, frozen=True):
    url: str  # the URL as shown to people: no user-info, no query values
    etag: str = ""
    last_modified: str = ""
    fetched_at: float = 0.0  # time.time() of the response
    sha256: str = ""  # of the body file: a body and metadata from two writes never pair


@dataclass(frozen=True)
class CacheEntry:
    data: bytes
    meta: CacheMeta

    def age(self, now: float | None = None) -> float:
        """Seconds since the cached response was received."""
        return max(0.0, (time.time() if now is None else now) - self.meta.fetched_at)


def default_cache_dir() -> Path:
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("cchc-tui"))


class FeedCache:
    """Last good feed bytes per URL, in `directory` (default: the user cache dir)."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else default_cache_dir()
        self.remove_orphans()

    def remove_orphans(self, now: float | None = None) -> list[Path]:
        """Delete the temporary files of writes that were killed; returns what went."""
        removed: list[Path] = []
        now = time.time() if now is None else now
        try:
            candidates = list(self.directory.glob(".*.tmp"))
        except OSError:
            return removed
        for path in candidates:
            try:
                if now - path.stat().st_mtime > ORPHAN_SECONDS:
                    path.unlink()
                    removed.append(path)
            except OSError:
                continue  # gone already, or another process's: leave it
        return removed

    @staticmethod
    def key(url: str) -> str:
        return hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]

    def paths(self, url: str) -> tuple[Path, Path]:
        key = self.key(url)
        return self.directory / f"{key}.feed", self.directory / f"{key}.json"

    def save(self, url: str, data: bytes, meta: CacheMeta) -> None:
        """Store the body first, then the metadata that vouches for it."""
        body, info = self.paths(url)
        write_atomic(body, data, private=True)
        meta = msgspec.structs.replace(meta, sha256=hashlib.sha256(data).hexdigest())
        write_atomic(info, msgspec.json.encode(meta), private=True)

    def load(self, url: str) -> CacheEntry | None:
        """The cached entry for `url`, or None when absent, unreadable, or when the body is not
        the one its metadata was written for."""
        body, info = self.paths(url)
        try:
            meta = msgspec.json.decode(info.read_bytes(), type=CacheMeta)
            data = body.read_bytes()
        except (OSError, msgspec.DecodeError, msgspec.ValidationError):
            return None
        if hashlib.sha256(data).hexdigest() != meta.sha256:
            return None
        return CacheEntry(data, meta)
