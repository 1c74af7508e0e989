"""A feed served over HTTP(S), polled with conditional GETs; every failure put in plain words.

Synchronous on purpose: the dashboard calls `fetch()` from a thread worker, which also keeps
decoding off the UI thread. Secrets (the bearer token, header values taken from the
environment, query strings, user-info) never appear in reasons, logs, repr or the disk cache.
"""

from __future__ import annotations

import os
import random
import ssl
import threading
import time
from collections.abc import Callable
from typing import TypeVar

import httpx

from cchc_tui.config import SourceConfig
from cchc_tui.feed.build import build_snapshot
from cchc_tui.feed.load import decode_bytes
from cchc_tui.feed.raw import FeedError
from cchc_tui.model.snapshot import Snapshot
from cchc_tui.sources.cache import CacheMeta, FeedCache
from cchc_tui.sources.failures import (
    ERROR,
    OFFLINE,
    RedirectRefused,
    SourceFailure,
    connect_failure,
    public_url,
)

_T = TypeVar("_T")
MAX_REDIRECTS = 5


def _seconds(value: float) -> str:
    return f"{value:g}"


class HttpSource:
    """Reads a cchc-kpi-feed from a URL; `fetch()` raises SourceFailure when it cannot."""

    kind = "http"

    def __init__(self, config: SourceConfig, *, cache: FeedCache | None = None,
                 transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 rng: random.Random | None = None) -> None:
        self.config = config
        self.url = config.location
        self.cache = (cache or FeedCache()) if config.cache else None
        self._transport = transport
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._client: httpx.Client | None = None
        self._lock = threading.Lock()
        self._etag = ""
        self._last_modified = ""
        self.last_snapshot: Snapshot | None = None
        self.last_status: int | None = None  # HTTP status of the last response (304 …)
        self.last_success: float | None = None  # time.monotonic() of the last good read
        self.last_failure: SourceFailure | None = None  # None after a good read
        self.consecutive_failures = 0
        self.from_cache_age: float | None = None  # seconds; set while showing the disk cache

    # -- the Source protocol -----------------------------------------------------------------
    def describe(self) -> str:
        return public_url(self.url)

    def __repr__(self) -> str:
        return f"HttpSource({self.describe()!r})"

    def changed(self) -> bool:
        return True  # only the server knows; a conditional GET makes asking cheap

    def fetch(self) -> Snapshot:
        with self._lock:  # a second caller waits: two polls never hit the server at once
            return self._fetch()

    def _fetch(self) -> Snapshot:
        try:
            headers = self._request_headers()
            snapshot = self._fetch_with_retries(headers)
        except SourceFailure as failure:
            self.consecutive_failures += 1
            self.last_failure = failure
            cached = self._from_cache() if self.last_snapshot is None else None
            if cached is None:
                raise
            return cached
        self.consecutive_failures = 0
        self.last_failure = None
        self.from_cache_age = None
        self.last_success = time.monotonic()
        return snapshot

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def next_delay(self, consecutive_failures: int, interval: float) -> float:
        """Seconds until the next poll: `interval` when healthy, else exponential backoff
        (interval × 2ⁿ, at most backoff_max, never below interval) with ±10 % jitter."""
        if consecutive_failures <= 0:
            return interval
        base = interval * 2.0 ** min(consecutive_failures, 30)
        delay = max(interval, min(self.config.backoff_max, base))
        return delay * self._rng.uniform(0.9, 1.1)

    # -- internals ---------------------------------------------------------------------------
    def _request_headers(self) -> dict[str, str]:
        cfg = self.config
        headers = dict(cfg.headers)
        for header, env in cfg.header_env.items():
            value = os.environ.get(env)
            if not value:
                raise SourceFailure(ERROR, f"the environment variable {env} (for the header "
                                           f"{header} in source.header_env) is not set")
            headers[header] = value
        if cfg.token_env:
            token = os.environ.get(cfg.token_env)
            if not token:
                raise SourceFailure(ERROR, f"the environment variable {cfg.token_env} "
                                           "(source.token_env) is not set: it should hold the "
                                           "bearer token")
            headers["Authorization"] = f"Bearer {token}"
        return headers

    def _client_for(self) -> httpx.Client:
        if self._client is None:
            cfg = self.config
            verify: ssl.SSLContext | bool = cfg.verify_tls
            if cfg.verify_tls and cfg.ca_path:
                try:
                    verify = ssl.create_default_context(cafile=os.path.expanduser(cfg.ca_path))
                except (OSError, ssl.SSLError) as exc:
                    raise SourceFailure(ERROR, f"source.ca_path {cfg.ca_path}: cannot load "
                                               f"the CA bundle ({exc.__class__.__name__})") \
                        from None
            self._client = httpx.Client(timeout=cfg.timeout, follow_redirects=True,
                                        max_redirects=MAX_REDIRECTS, verify=verify,
                                        transport=self._transport, trust_env=False,
                                        event_hooks={"request": [self.guard_redirect]})
        return self._client

    def guard_redirect(self, request: httpx.Request) -> None:
        """Every request, redirects included: secrets stay with the configured origin, and
        https never steps down to http."""
        origin = httpx.URL(self.url)
        target = request.url
        if (target.scheme, target.host, target.port) == (origin.scheme, origin.host, origin.port):
            return
        if origin.scheme == "https" and target.scheme != "https":
            raise RedirectRefused(f"refused a redirect from https to {target.scheme}: the "
                                  "credentials would travel unencrypted")
        for name in ["Authorization", "Cookie", *self.config.header_env]:
            request.headers.pop(name, None)

    def fetch_bytes(self) -> tuple[bytes, str]:
        """One unconditional GET (with retries): the body and its content type, undecoded.

        For `validate URL`; touches neither the snapshot state nor the disk cache."""
        headers = self._request_headers()
        got = self._retrying(lambda: self._download(headers, conditional=False))
        assert got is not None  # no validators sent, so no 304 is accepted
        return got[0], got[1]

    def _fetch_with_retries(self, headers: dict[str, str]) -> Snapshot:
        return self._retrying(lambda: self._fetch_once(headers))

    def _retrying(self, attempt_once: Callable[[], _T]) -> _T:
        attempt = 0
        while True:
            try:
                return attempt_once()
            except SourceFailure as failure:
                if not failure.retryable or attempt >= self.config.retries:
                    raise
                attempt += 1
                wait = min(self.config.backoff_max, 0.5 * 2.0 ** (attempt - 1))
                self._sleep(wait * self._rng.uniform(0.5, 1.0))

    def _fetch_once(self, headers: dict[str, str]) -> Snapshot:
        got = self._download(headers, conditional=self.last_snapshot is not None)
        if got is None:  # 304 Not Modified: the snapshot we have, not parsed again
            assert self.last_snapshot is not None
            return self.last_snapshot
        data, content_type, etag, last_modified = got
        snapshot = self._decode(data, content_type)
        self.last_snapshot = snapshot
        self._etag, self._last_modified = etag, last_modified
        if self.cache is not None:
            try:
                self.cache.save(self.url, data, CacheMeta(self.describe(), etag, last_modified,
                                                          time.time()))
            except OSError:
                pass  # a cache that cannot be written must not stop the dashboard
        return snapshot

    def _download(self, headers: dict[str, str],
                  conditional: bool) -> tuple[bytes, str, str, str] | None:
        """GET the URL: (body, content type, etag, last-modified), or None for a 304."""
        request_headers = dict(headers)
        if conditional:
            if self._etag:
                request_headers["If-None-Match"] = self._etag
            if self._last_modified:
                request_headers["If-Modified-Since"] = self._last_modified
        timeout = self.config.timeout
        started = time.monotonic()
        try:
            with self._client_for().stream("GET", self.url, headers=request_headers) as resp:
                self.last_status = resp.status_code
                if resp.status_code == 304 and conditional:
                    return None
                self._check_status(resp.status_code)
                data = self._read_body(resp, started)
                return (data, resp.headers.get("content-type", ""),
                        resp.headers.get("etag", ""), resp.headers.get("last-modified", ""))
        except httpx.TimeoutException:
            raise SourceFailure(OFFLINE, f"timed out after {_seconds(timeout)} s",
                                retryable=True) from None
        except RedirectRefused as exc:
            raise SourceFailure(ERROR, str(exc)) from None
        except httpx.TooManyRedirects:
            raise SourceFailure(ERROR, f"too many redirects (more than {MAX_REDIRECTS})") \
                from None
        except httpx.ConnectError as exc:
            raise connect_failure(exc, self.url) from None
        except httpx.RemoteProtocolError as exc:
            text = str(exc)
            if "incomplete" in text or "without sending complete message" in text:
                reason = "connection cut off before the whole response arrived"
            else:
                reason = "the server closed the connection unexpectedly"
            raise SourceFailure(OFFLINE, reason, retryable=True) from None
        except httpx.DecodingError:
            raise SourceFailure(ERROR, "the response could not be decompressed "
                                       "(damaged gzip or deflate data)") from None
        except (httpx.ReadError, httpx.WriteError, httpx.NetworkError):
            raise SourceFailure(OFFLINE, "connection lost while reading the response",
                                retryable=True) from None
        except httpx.UnsupportedProtocol:
            raise SourceFailure(ERROR, f"{self.describe()}: not an http:// or https:// URL") \
                from None
        except httpx.HTTPError as exc:
            raise SourceFailure(ERROR, f"request failed ({exc.__class__.__name__})") from None

    def _check_status(self, status: int) -> None:
        if 200 <= status < 300:
            return
        cfg = self.config
        if status in (401, 403):
            if cfg.token_env:
                hint = f"check the token in {cfg.token_env}"
            elif cfg.header_env:
                hint = "check the headers taken from " + ", ".join(cfg.header_env.values())
            else:
                hint = "the feed needs credentials: name the variable holding a token in " \
                       "source.token_env"
            raise SourceFailure(ERROR, f"{status}: {hint}")
        if status == 404:
            raise SourceFailure(ERROR, "HTTP 404 (no feed at this URL: check source.location)")
        if status == 304:  # unasked-for: we sent no validators
            raise SourceFailure(ERROR, "HTTP 304 without a previous response")
        raise SourceFailure(ERROR, f"HTTP {status}", retryable=status >= 500 or status == 429)

    def _read_body(self, resp: httpx.Response, started: float) -> bytes:
        limit = self.config.max_bytes
        too_big = f"response larger than {limit} bytes (source.max_bytes)"
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise SourceFailure(ERROR, too_big)
        buf = bytearray()
        for chunk in resp.iter_bytes():
            buf += chunk
            if len(buf) > limit:
                raise SourceFailure(ERROR, too_big)
            if time.monotonic() - started > self.config.timeout:  # a slow drip
                raise httpx.ReadTimeout("whole response too slow")
        return bytes(buf)

    def _decode(self, data: bytes, content_type: str) -> Snapshot:
        origin = self.describe()
        try:
            return build_snapshot([decode_bytes(data, origin, content_type)])
        except FeedError as exc:
            first = exc.issues[0] if exc.issues else None
            if first is None:
                text = "invalid feed"
            elif not first.where or "byte" in first.message:  # the message says where already
                text = first.message
            else:
                text = f"{first.message} (at {first.where})"
            more = len(exc.issues) - 1
            if more > 0:
                text += f" (and {more} more problem{'s' if more > 1 else ''})"
            raise SourceFailure(ERROR, text, issues=exc.issues) from None

    def _from_cache(self) -> Snapshot | None:
        """At start, when the server cannot be read: the last good feed from disk."""
        if self.cache is None:
            return None
        entry = self.cache.load(self.url)
        if entry is None:
            return None
        try:
            snapshot = build_snapshot([decode_bytes(entry.data, self.describe())])
        except FeedError:
            return None
        self.last_snapshot = snapshot
        self.from_cache_age = entry.age()
        return snapshot
