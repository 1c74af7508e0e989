"""HTTP for every networked source: GET with validators, POST with a JSON body, and the rules.

Retries with backoff and jitter, a guard on redirects (secrets stay with the configured
origin; https never steps down to http), a cap on the body measured after decompression,
secrets only from the environment, and every failure put in plain words (SourceFailure).
Synchronous on purpose: sources are read from a thread worker, never on the UI thread.
"""

from __future__ import annotations

import os
import random
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx

from cchc_tui.config import SourceConfig
from cchc_tui.sources.base import ERROR, OFFLINE, SourceFailure
from cchc_tui.sources.failures import RedirectRefused, connect_failure, public_url

_T = TypeVar("_T")
MAX_REDIRECTS = 5


@dataclass(frozen=True, slots=True)
class Fetched:
    """One successful response, its body decompressed."""

    body: bytes
    content_type: str
    etag: str
    last_modified: str
    status: int


def _seconds(value: float) -> str:
    return f"{value:g}"


class _Inflater:
    """Decompresses a body chunk by chunk, never producing more than `limit` bytes in all.

    httpx's own decoder inflates a whole chunk at once: a 1 KB gzip bomb can become hundreds
    of megabytes in memory before any cap is checked. Reading raw bytes and inflating with
    `max_length` keeps memory bounded by the cap.
    """

    def __init__(self, encoding: str, limit: int) -> None:
        self.limit = limit
        self.size = 0
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self._z = None
        elif encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._z = zlib.decompressobj()  # zlib-wrapped, as the standard says
        else:
            raise SourceFailure(ERROR, f"the server sent the body as {encoding!r}, which this "
                                       "client did not ask for and cannot decode")

    def feed(self, raw: bytes) -> bytes:
        if self._z is None:
            return self._count(raw)
        out = bytearray()
        data = raw
        try:
            while True:
                room = self.limit - self.size - len(out) + 1  # ≥ 1: 0 would mean "no limit"
                out += self._z.decompress(data, room)
                data = self._z.unconsumed_tail
                if not data or self.size + len(out) > self.limit:
                    break
        except zlib.error:
            raise SourceFailure(ERROR, "the response could not be decompressed (damaged gzip "
                                       "or deflate data)") from None
        return self._count(bytes(out))

    def _count(self, chunk: bytes) -> bytes:
        self.size += len(chunk)
        if self.size > self.limit:
            raise SourceFailure(ERROR, f"response larger than {self.limit} bytes "
                                       "(source.max_bytes)")
        return chunk


class Transport:
    """HTTP with the project's rules, for one origin; cookies are kept between calls."""

    def __init__(self, config: SourceConfig, *, origin: str | None = None,
                 transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 rng: random.Random | None = None,
                 retry_403: bool = False, min_gap: float = 0.0,
                 headers: dict[str, str] | None = None) -> None:
        self.config = config
        self.origin = origin or config.location
        self._transport = transport
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._retry_403 = retry_403  # a WAF that refuses a burst may accept the next call
        self._min_gap = min_gap  # seconds between two calls: be gentle with public servers
        self._extra_headers = headers or {}
        self._client: httpx.Client | None = None
        self._lock = threading.Lock()  # one call at a time, even from two threads
        self._last_call = -float("inf")
        self.calls = 0  # requests sent, retries included

    def describe(self) -> str:
        return public_url(self.origin)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    # -- the calls ---------------------------------------------------------------------------
    def get(self, url: str, *, etag: str = "", last_modified: str = "",
            headers: dict[str, str] | None = None) -> Fetched | None:
        """GET `url`; None for a 304 when validators were sent."""
        extra = dict(headers or {})
        if etag:
            extra["If-None-Match"] = etag
        if last_modified:
            extra["If-Modified-Since"] = last_modified
        conditional = bool(etag or last_modified)
        return self._retrying(lambda: self._call("GET", url, extra, None, conditional))

    def post_json(self, url: str, body: dict[str, Any],
                  headers: dict[str, str] | None = None) -> Fetched:
        """POST `body` as JSON to `url`."""
        extra = {"Content-Type": "application/json", **(headers or {})}
        got = self._retrying(lambda: self._call("POST", url, extra, body, False))
        assert got is not None  # no validators, so no 304 is accepted
        return got

    # -- internals ---------------------------------------------------------------------------
    def secret_headers(self) -> dict[str, str]:
        """Headers whose values come from the environment (never from the config file)."""
        cfg = self.config
        headers: dict[str, str] = {}
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
        for name, value in headers.items():
            if not value.isascii() or any(c in value for c in "\r\n"):
                raise SourceFailure(ERROR, f"the value of the header {name} (from the "
                                           "environment) must be plain ASCII on one line")
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
        origin = httpx.URL(self.origin)
        target = request.url
        if (target.scheme, target.host, target.port) == (origin.scheme, origin.host, origin.port):
            return
        if origin.scheme == "https" and target.scheme != "https":
            raise RedirectRefused(f"refused a redirect from https to {target.scheme}: the "
                                  "credentials would travel unencrypted")
        for name in ["Authorization", "Cookie", *self.config.header_env]:
            request.headers.pop(name, None)

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

    @contextmanager
    def _turn(self) -> Iterator[None]:
        """One call at a time, at least `min_gap` seconds after the previous one."""
        with self._lock:
            wait = self._last_call + self._min_gap - time.monotonic()
            if wait > 0:
                self._sleep(wait)
            try:
                yield
            finally:
                self._last_call = time.monotonic()

    def _call(self, method: str, url: str, extra: dict[str, str], body: dict[str, Any] | None,
              conditional: bool) -> Fetched | None:
        try:
            headers = {**self.config.headers, **self._extra_headers, **self.secret_headers(),
                       **extra, "Accept-Encoding": "gzip, deflate"}
            client = self._client_for()
            with self._turn():
                self.calls += 1
                started = time.monotonic()
                with client.stream(method, url, headers=headers, json=body) as resp:
                    if resp.status_code == 304 and conditional:
                        return None
                    self._check_status(resp.status_code)
                    data = self._read_body(resp, started)
                    return Fetched(data, resp.headers.get("content-type", ""),
                                   resp.headers.get("etag", ""),
                                   resp.headers.get("last-modified", ""), resp.status_code)
        except httpx.TimeoutException:
            raise SourceFailure(OFFLINE, f"timed out after {_seconds(self.config.timeout)} s",
                                retryable=True) from None
        except RedirectRefused as exc:
            raise SourceFailure(ERROR, str(exc)) from None
        except httpx.TooManyRedirects:
            raise SourceFailure(ERROR, f"too many redirects (more than {MAX_REDIRECTS})") \
                from None
        except httpx.ConnectError as exc:
            raise connect_failure(exc, url) from None
        except httpx.RemoteProtocolError as exc:
            text = str(exc)
            if "incomplete" in text or "without sending complete message" in text:
                reason = "connection cut off before the whole response arrived"
            else:
                reason = "the server closed the connection unexpectedly"
            raise SourceFailure(OFFLINE, reason, retryable=True) from None
        except (httpx.ReadError, httpx.WriteError, httpx.NetworkError):
            raise SourceFailure(OFFLINE, "connection lost while reading the response",
                                retryable=True) from None
        except httpx.UnsupportedProtocol:
            raise SourceFailure(ERROR, f"{public_url(url)}: not an http:// or https:// URL") \
                from None
        except httpx.InvalidURL:
            raise SourceFailure(ERROR, f"{public_url(url)}: not a valid URL") from None
        except httpx.HTTPError as exc:
            raise SourceFailure(ERROR, f"request failed ({exc.__class__.__name__})") from None
        except (ValueError, UnicodeError) as exc:  # e.g. a URL httpx cannot even parse
            raise SourceFailure(ERROR, f"{public_url(url)}: cannot send the request "
                                       f"({exc.__class__.__name__})") from None

    def _check_status(self, status: int) -> None:
        if 200 <= status < 300:
            return
        cfg = self.config
        if status == 403 and self._retry_403:
            raise SourceFailure(ERROR, "HTTP 403: the server refused the request (it may be "
                                       "limiting how often it is asked)", retryable=True)
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
            raise SourceFailure(ERROR, "HTTP 404 (nothing at this URL: check source.location)")
        if status == 304:  # unasked-for: we sent no validators
            raise SourceFailure(ERROR, "HTTP 304 without a previous response")
        if status == 429:
            raise SourceFailure(ERROR, "HTTP 429: the server asks to be called less often",
                                retryable=True)
        raise SourceFailure(ERROR, f"HTTP {status}", retryable=status >= 500)

    def _read_body(self, resp: httpx.Response, started: float) -> bytes:
        limit = self.config.max_bytes
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise SourceFailure(ERROR, f"response larger than {limit} bytes (source.max_bytes)")
        inflater = _Inflater(resp.headers.get("content-encoding", ""), limit)
        buf = bytearray()
        for raw in resp.iter_raw():  # as it arrives: a slow drip is timed chunk by chunk
            buf += inflater.feed(raw)
            if time.monotonic() - started > self.config.timeout:  # a slow drip
                raise httpx.ReadTimeout("whole response too slow")
        return bytes(buf)
