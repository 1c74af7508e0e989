"""The relay's HTTP side: `/feed.json`, `/status.json` and a plain `/` page, hardened.

Stdlib only. Every connection gets a deadline for its request line and headers (an idle or
dripping client is closed, not waited for), sends have their own timeout, at most
`max_connections` are served at once (the rest get a quick 503), the listen backlog is a real
one, and the log has timestamps, escaped request text and one quiet line for a client that
hung up.
"""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from cchc_tui.relay.poller import Relay
from cchc_tui.relay.publication import etag_matches, not_modified_since, wants_gzip

FEED_PATH, STATUS_PATH = "/feed.json", "/status.json"
HUNG_UP = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)


def loggable(text: str) -> str:
    """Request text as it may go to a terminal: control, format and bidi characters escaped."""
    return "".join(c if c.isprintable() else
                   (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
                   for c in text)


def stderr_log(line: str) -> None:
    stamp = datetime.now().astimezone().isoformat(timespec="seconds")
    sys.stderr.write(f"{stamp} {line}\n")
    sys.stderr.flush()


class _DeadlineReader:
    """What the handler reads the request from: every recv bounded by one deadline, so a
    client dripping a byte a second cannot hold a thread longer than the deadline."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._buf = b""
        self.deadline = time.monotonic()
        self.received = 0  # bytes of the request under way: 0 = an idle keep-alive connection

    def start_request(self, timeout: float) -> None:
        self.deadline = time.monotonic() + timeout
        self.received = len(self._buf)

    def _fill(self) -> bool:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the request took too long")
        self._sock.settimeout(remaining)
        chunk = self._sock.recv(16384)
        self._buf += chunk
        self.received += len(chunk)
        return bool(chunk)

    def readline(self, limit: int = -1) -> bytes:
        while True:
            end = self._buf.find(b"\n") + 1
            if end == 0 and limit >= 0 and len(self._buf) >= limit:
                end = limit
            if end > 0 or not self._fill():
                end = end or len(self._buf)
                if limit >= 0:
                    end = min(end, limit)
                line, self._buf = self._buf[:end], self._buf[end:]
                return line

    def read(self, size: int = -1) -> bytes:
        while (size < 0 or len(self._buf) < size) and self._fill():
            pass
        size = len(self._buf) if size < 0 else size
        data, self._buf = self._buf[:size], self._buf[size:]
        return data

    def close(self) -> None:
        self._buf = b""


class RelayHandler(BaseHTTPRequestHandler):
    server: RelayServer
    server_version = "cchc-tui-relay"
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        self._buffered = self.rfile
        self._reader = _DeadlineReader(self.connection)
        self.rfile = self._reader  # type: ignore[assignment]

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self._buffered.close()

    def handle_one_request(self) -> None:
        # One deadline for waiting on the next request and reading its line and headers.
        self._reader.start_request(self.server.request_timeout)
        self._body_size = "-"
        super().handle_one_request()

    # -- the log ---------------------------------------------------------------------------------
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        self.server.log(f"{self.client_address[0]} {loggable(format % args)}")

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if not self.server.log_requests:
            return
        code = getattr(code, "value", code)
        self.log_message('"%s" %s %s', self.requestline, code, self._body_size)

    def log_error(self, format: str, *args: object) -> None:  # noqa: A002
        if format.startswith("Request timed out"):
            if self._reader.received:  # an idle keep-alive connection just ends, quietly
                self.log_message("closed a slow connection (request unfinished after %g s)",
                                 self.server.request_timeout)
        else:
            self.log_message(format, *args)

    # -- responses -------------------------------------------------------------------------------
    _body_size: int | str = "-"  # for the log line: the bytes of the body sent

    def _send(self, status: int, body: bytes, content_type: str,
              headers: tuple[tuple[str, str], ...] = ()) -> None:
        self.connection.settimeout(self.server.send_timeout)
        self._body_size = 0 if self.command == "HEAD" else len(body)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            try:
                self.wfile.write(body)
            except HUNG_UP:
                self.log_message("hung up during %s %s", self.command, self.path)
                self.close_connection = True

    def _text(self, status: int, text: str) -> None:
        self._send(status, (text + "\n").encode("utf-8"), "text/plain; charset=utf-8",
                   (("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")))

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802
        path = urlsplit(self.path).path
        route: dict[str, Callable[[], None]] = {
            FEED_PATH: self._feed, STATUS_PATH: self._status, "/": self._index}
        if path not in route:
            self._text(404, f"not found: the feed is at {FEED_PATH}, its state at {STATUS_PATH}")
            return
        route[path]()

    def _index(self) -> None:
        relay, doc = self.server.relay, self.server.relay.status_document()
        self._text(200, "\n".join((
            "cchc-tui relay — nguồn số liệu CCHC dùng chung (one reader of a KPI source, "
            "shared by every viewer)",
            "",
            f"source:  {doc['source']} ({doc['kind']}), read every {relay.interval:g} s",
            f"state:   {doc['state']}" + (f" — {doc['reason']}" if doc["reason"] else ""),
            f"read at: {doc['read_at'] or '—'}   data time: {doc['data_time'] or '—'}",
            f"feed:    {FEED_PATH}   (cchc-kpi-feed v1, ETag, 304, gzip)",
            f"state:   {STATUS_PATH}",
            "",
            f"view it: cchc-tui --source http://{self.headers.get('Host', 'HOST')}{FEED_PATH}",
        )))

    def _status(self) -> None:
        body = json.dumps(self.server.relay.status_document(), ensure_ascii=False, indent=1)
        self._send(200, body.encode("utf-8"), "application/json; charset=utf-8",
                   (("Cache-Control", "no-store"),))

    def _feed(self) -> None:
        relay = self.server.relay
        self.server.before_feed()
        pub = relay.publication
        if pub is None:
            reason = relay.status.reason or "the source has not been read yet"
            self._send(503, json.dumps({"error": reason}).encode(), "application/json",
                       (("Retry-After", str(max(1, round(relay.interval)))),))
            return
        common = (("ETag", pub.etag), ("Last-Modified", pub.last_modified),
                  ("Cache-Control", "no-cache"), ("Vary", "Accept-Encoding"),
                  ("X-Source-State", relay.status.state))
        inm, ims = self.headers.get("If-None-Match", ""), self.headers.get("If-Modified-Since")
        if etag_matches(inm, pub.etag) or (not inm and ims and
                                           not_modified_since(ims, pub.published_at)):
            self.connection.settimeout(self.server.send_timeout)
            self._body_size = 0
            self.send_response(304)
            for name, value in common:
                self.send_header(name, value)
            self.end_headers()
            return
        zipped = wants_gzip(self.headers.get("Accept-Encoding", ""))
        extra = (("Content-Encoding", "gzip"),) if zipped else ()
        self._send(200, pub.gzipped if zipped else pub.body, "application/json",
                   common + extra)


class RelayServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the listen backlog (socketserver's default is 5)
    request_timeout = 15.0  # seconds for a request line and headers (and keep-alive idle)
    send_timeout = 120.0  # seconds for one response to be taken by the client
    max_connections = 64  # served at once; beyond, a quick 503
    first_read_wait = 60.0  # seconds a feed request may wait for the relay's very first read

    def __init__(self, address: tuple[str, int], relay: Relay, *,
                 log: Callable[[str], None] = stderr_log,
                 refresh_on_request: bool = False, log_requests: bool = True,
                 max_connections: int | None = None) -> None:
        self.relay = relay
        self.log = log
        self.refresh_on_request = refresh_on_request
        self.log_requests = log_requests
        self.max_connections = max_connections or self.max_connections
        self._slots = threading.BoundedSemaphore(self.max_connections)
        self._holders: set[int] = set()  # the requests holding a slot, by id
        self._holders_lock = threading.Lock()
        super().__init__(address, RelayHandler)

    def before_feed(self) -> None:
        """A folder is re-checked on each request (a stat per file); other sources are
        only ever read by the relay's own thread."""
        if self.refresh_on_request:
            self.relay.poll()
        elif self.relay.polls == 0:  # viewers started with the relay wait for its first read
            self.relay.wait_for_polls(1, self.first_read_wait)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            self._refuse(request, client_address)
            return
        with self._holders_lock:
            self._holders.add(id(request))
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._release_slot(request)
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._release_slot(request)

    def _release_slot(self, request: Any) -> None:
        """Give a connection's slot back once. A stop (SIGTERM raising in the accept loop)
        can interrupt process_request after the thread has started, and both would release:
        the second release raised ValueError in the loop, which caught it as an ordinary
        request error and went on serving instead of stopping."""
        with self._holders_lock:
            if id(request) not in self._holders:
                return
            self._holders.discard(id(request))
        self._slots.release()

    def _refuse(self, request: socket.socket, client_address: Any) -> None:
        self.log(f"{client_address[0]} busy: {self.max_connections} connections open, "
                 "answered 503")
        try:
            request.settimeout(1.0)
            request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\n"
                            b"Content-Length: 0\r\nConnection: close\r\n\r\n")
        except OSError:
            pass
        self.shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """One line, never a traceback: a client that hung up is routine."""
        exc = sys.exc_info()[1]
        if isinstance(exc, HUNG_UP):
            self.log(f"{client_address[0]} hung up")
        elif isinstance(exc, TimeoutError):
            self.log(f"{client_address[0]} closed: too slow to take the response")
        else:
            self.log(f"{client_address[0]} request failed: {type(exc).__name__}: "
                     f"{loggable(str(exc))}")


    def server_close(self) -> None:
        super().server_close()
        self.relay.close()


def server_url(server: ThreadingHTTPServer, path: str = FEED_PATH) -> str:
    host, port = server.server_address[:2]
    name = host.decode() if isinstance(host, bytes) else str(host)
    shown = f"[{name}]" if ":" in name else name
    return f"http://{shown}:{port}{path}"
