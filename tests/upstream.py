"""A feed server on 127.0.0.1 for relay and web tests: counts the requests it gets.

`mode` "ok" serves `body` with an ETag (304 on a match), "status" answers `status`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from cchc_tui.feed.encode import encode_snapshot
from cchc_tui.feed.load import load_paths
from cchc_tui.resources import default_fixtures_dir


class Upstream(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, body: bytes) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.body = body
        self.etag = '"u1"'
        self.mode = "ok"
        self.status = 500
        self.requests: list[str] = []  # the If-None-Match of each request ("" for none)
        self.changed = threading.Condition()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/feed.json"

    def wait_for_requests(self, count: int, timeout: float = 30) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: len(self.requests) >= count, timeout)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


class _Handler(BaseHTTPRequestHandler):
    server: Upstream
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        srv = self.server
        with srv.changed:
            srv.requests.append(self.headers.get("If-None-Match", ""))
            srv.changed.notify_all()
        if srv.mode == "status":
            status, body = srv.status, b'{"error": "down"}'
        elif self.headers.get("If-None-Match") == srv.etag:
            status, body = 304, b""
        else:
            status, body = 200, srv.body
        self.send_response(status)
        self.send_header("ETag", srv.etag)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def fixtures_feed() -> bytes:
    """The bundled fixtures as one feed document."""
    return encode_snapshot(load_paths([default_fixtures_dir()]))


@contextmanager
def running(body: bytes) -> Iterator[Upstream]:
    srv = Upstream(body)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()
