"""The HTTP transport every networked source shares, against a real server on 127.0.0.1."""

from __future__ import annotations

import gzip
import json
import threading
import tracemalloc
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from cchc_tui.config import SourceConfig
from cchc_tui.sources.base import SourceFailure
from cchc_tui.sources.transport import Transport

BOMB = gzip.compress(b"\0" * 50_000_000)  # 50 MB of zeros in about 50 KB


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.script: list[int] = []  # statuses to answer first, then 201
        self.bodies: list[Any] = []
        self.headers_seen: list[dict[str, str]] = []
        self.cookies_seen: list[str] = []

    def url(self, path: str = "/api") -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def _reply(self, status: int, body: bytes, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        self.server.headers_seen.append(dict(self.headers))
        self.server.cookies_seen.append(self.headers.get("Cookie", ""))
        if self.path == "/bomb":
            self._reply(200, BOMB, Content_Encoding="gzip", Content_Type="application/json")
        elif self.path == "/gzip":
            self._reply(200, gzip.compress(b'{"ok": true}'), Content_Encoding="gzip")
        elif self.path == "/page":
            self._reply(200, b"<html></html>", Set_Cookie="session=abc; Path=/")
        else:
            self._reply(200, b"{}")

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length", "0"))
        self.server.bodies.append(json.loads(self.rfile.read(length)))
        self.server.headers_seen.append(dict(self.headers))
        self.server.cookies_seen.append(self.headers.get("Cookie", ""))
        status = self.server.script.pop(0) if self.server.script else 201
        self._reply(status, b'{"code": "OK", "data": {}}', Content_Type="application/json")


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv
    srv.shutdown()
    srv.server_close()


def transport(server: Server, sleeps: list[float] | None = None, **kw: Any) -> Transport:
    config = SourceConfig(location=server.url(), timeout=5, retries=kw.pop("retries", 0),
                          max_bytes=kw.pop("max_bytes", 200_000_000))
    recorded = sleeps if sleeps is not None else []
    return Transport(config, sleep=recorded.append, **kw)


def test_post_sends_json_and_keeps_cookies(server: Server) -> None:
    http = transport(server)
    assert http.get(server.url("/page")) is not None  # the public page sets a cookie
    got = http.post_json(server.url(), {"timeType": "year", "year": 2026})
    assert got.status == 201 and json.loads(got.body)["code"] == "OK"
    assert server.bodies == [{"timeType": "year", "year": 2026}]
    assert server.headers_seen[-1]["Content-Type"] == "application/json"
    assert server.cookies_seen[-1] == "session=abc"


def test_gzip_is_inflated(server: Server) -> None:
    got = transport(server).get(server.url("/gzip"))
    assert got is not None and json.loads(got.body) == {"ok": True}


def test_a_gzip_bomb_stops_at_the_cap_without_inflating_it(server: Server) -> None:
    http = transport(server, max_bytes=1024)
    tracemalloc.start()
    try:
        with pytest.raises(SourceFailure, match="larger than 1024 bytes"):
            http.get(server.url("/bomb"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000  # the 50 MB body was never built; the raw body is ~50 KB


def test_403_is_retried_when_asked_with_backoff(server: Server) -> None:
    sleeps: list[float] = []
    server.script = [403, 429]
    got = transport(server, sleeps, retries=3, retry_403=True).post_json(server.url(), {})
    assert got.status == 201 and len(server.bodies) == 3 and len(sleeps) >= 2


def test_403_without_retry_is_plain(server: Server) -> None:
    server.script = [403]
    with pytest.raises(SourceFailure) as info:
        transport(server, retries=3).post_json(server.url(), {})
    assert info.value.state == "error" and info.value.reason.startswith("403")
    assert len(server.bodies) == 1


def test_calls_keep_their_distance(server: Server) -> None:
    sleeps: list[float] = []
    http = transport(server, sleeps, min_gap=30.0)
    http.post_json(server.url(), {})
    http.post_json(server.url(), {})
    assert len(sleeps) == 1 and 25 < sleeps[0] <= 30  # waited before the second call


@pytest.mark.parametrize("url", ["http://[::1", "ftp://127.0.0.1/feed.json"])
def test_bad_urls_are_plain_failures(url: str) -> None:
    http = Transport(SourceConfig(location=url, retries=0))
    with pytest.raises(SourceFailure) as info:
        http.get(url)
    assert info.value.state == "error"


def test_a_non_ascii_secret_is_a_plain_failure(server: Server,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_TEST_TOKEN", "mật-khẩu")
    http = Transport(SourceConfig(location=server.url(), token_env="CCHC_TEST_TOKEN"))
    with pytest.raises(SourceFailure, match="plain ASCII"):
        http.get(server.url())
    assert server.headers_seen == []
