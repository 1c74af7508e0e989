"""The HTTP source against a real server on 127.0.0.1, the disk cache, and `serve-feed`."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import shutil
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import msgspec
import pytest
from textual.worker import WorkerFailed

from cchc_tui.commands.serve_feed import make_server
from cchc_tui.config import SourceConfig
from cchc_tui.feed.build import build_snapshot
from cchc_tui.feed.encode import encode_snapshot
from cchc_tui.feed.load import decode_bytes, load_paths
from cchc_tui.feed.raw import FeedError
from cchc_tui.model.snapshot import Snapshot
from cchc_tui.relay.server import RelayServer as FeedServer
from cchc_tui.relay.server import server_url
from cchc_tui.resources import default_fixtures_dir
from cchc_tui.sources.base import SourceFailure
from cchc_tui.sources.cache import CacheMeta, FeedCache
from cchc_tui.sources.failures import RedirectRefused, public_url
from cchc_tui.sources.http import HttpSource
from tests.helpers import minimal_doc, run_cli

SECRET = "s3cret-token-VALUE-42"
FEED = json.dumps(minimal_doc()).encode("utf-8")


# -- a switchable test server -----------------------------------------------------------------
class Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.mode = "ok"
        self.status = 200
        self.body = FEED
        self.etag = '"v1"'
        self.release = threading.Event()  # lets hanging or dripping handlers finish
        self.requests: list[dict[str, str]] = []
        self.statuses: list[int] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/feed.json"

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that give up early are the point of several tests


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def _send(self, status: int, body: bytes, ctype: str = "application/json",
              length: int | None = None, **headers: str) -> None:
        self.send_response(status)
        self.server.statuses.append(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _close_delimited(self, status: int) -> None:
        """An HTTP/1.0-style body: no length, ends when the connection closes."""
        self.send_response(status)
        self.server.statuses.append(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    def do_GET(self) -> None:  # noqa: N802
        srv = self.server
        srv.requests.append(dict(self.headers))
        mode = srv.mode
        if mode == "ok":
            if self.headers.get("If-None-Match") == srv.etag:
                self.send_response(304)
                srv.statuses.append(304)
                self.send_header("ETag", srv.etag)
                self.end_headers()
                return
            self._send(200, srv.body, ETag=srv.etag, Last_Modified="Tue, 23 Apr 2024 01:00:00 GMT")
        elif mode == "status":
            self._send(srv.status, b"nope", "text/plain")
        elif mode == "hang":
            srv.release.wait(10)
            self._send(200, srv.body)
        elif mode == "cut":  # promises more than it sends, then hangs up
            self.send_response(200)
            srv.statuses.append(200)
            self.send_header("Content-Length", str(len(srv.body) + 1000))
            self.end_headers()
            self.wfile.write(srv.body[: len(srv.body) // 2])
            self.close_connection = True
        elif mode == "truncated":  # a complete response whose JSON stops midway
            self._close_delimited(200)
            self.wfile.write(srv.body[: len(srv.body) // 2])
        elif mode == "html":
            self._send(200, b"<!doctype html><html><body>Login</body></html>", "text/html")
        elif mode == "notfeed":
            self._send(200, b'{"hello": "world"}')
        elif mode == "bigstream":
            self._close_delimited(200)
            for _ in range(10):
                self.wfile.write(b" " * 1000)
        elif mode == "drip":
            self._close_delimited(200)
            for i in range(0, len(srv.body), 8):
                self.wfile.write(srv.body[i:i + 8])
                self.wfile.flush()
                if srv.release.wait(0.1):
                    break
        elif mode == "redirect":
            self._send(302, b"", "text/plain", Location="/feed.json")
        elif mode == "elsewhere":  # the same server under another name: another origin
            srv.mode = "ok"
            port = srv.server_address[1]
            self._send(302, b"", "text/plain", Location=f"http://localhost:{port}/feed.json")


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("CCHC_TUI_CACHE_DIR", str(directory))
    return directory


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.release.set()
    srv.shutdown()
    srv.server_close()


def source(url: str, **kw: Any) -> HttpSource:
    cfg: dict[str, Any] = {"location": url, "timeout": 0.5, "retries": 0, "cache": False}
    cfg.update(kw)
    return HttpSource(SourceConfig(**cfg), sleep=lambda s: None)


def failure(src: HttpSource) -> SourceFailure:
    with pytest.raises(SourceFailure) as info:
        src.read()
    return info.value


def snapshot_of(src: HttpSource) -> Snapshot:
    got = src.read().snapshot
    assert got is not None
    return got


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- fetching -----------------------------------------------------------------------------------
def test_200_then_304_reuses_the_snapshot(server: Server) -> None:
    src = source(server.url)
    first = snapshot_of(src)
    assert "01837" in first.units and server.statuses == [200]
    assert src.read().snapshot is None  # nothing new: nothing to rebuild
    assert server.requests[1].get("If-None-Match") == '"v1"'
    assert server.requests[1].get("If-Modified-Since") == "Tue, 23 Apr 2024 01:00:00 GMT"
    assert src.read(force=True).snapshot is first  # asked for: the one in hand, not parsed
    assert server.statuses == [200, 304, 304]


def test_bearer_token_sent_and_401_names_the_variable(server: Server,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_TOKEN", SECRET)
    src = source(server.url, token_env="CCHC_TOKEN", headers={"X-Client": "tests"})
    src.read()
    assert server.requests[0]["Authorization"] == f"Bearer {SECRET}"
    assert server.requests[0]["X-Client"] == "tests"
    server.mode, server.status = "status", 401
    src = source(server.url, token_env="CCHC_TOKEN")
    exc = failure(src)
    assert (exc.state, exc.reason) == ("error", "401: check the token in CCHC_TOKEN")
    for text in (str(exc), repr(exc), repr(src), src.describe()):
        assert SECRET not in text


def test_header_env_and_missing_variables(server: Server,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FEED_KEY", SECRET)
    source(server.url, header_env={"X-Api-Key": "FEED_KEY"}).read()
    assert server.requests[0]["X-Api-Key"] == SECRET
    monkeypatch.delenv("FEED_KEY")
    exc = failure(source(server.url, header_env={"X-Api-Key": "FEED_KEY"}))
    assert exc.state == "error" and "FEED_KEY" in exc.reason and "not set" in exc.reason
    exc = failure(source(server.url, token_env="CCHC_NO_SUCH_TOKEN"))
    assert "CCHC_NO_SUCH_TOKEN" in exc.reason and len(server.requests) == 1  # never sent


@pytest.mark.parametrize(("status", "reason"), [(404, "HTTP 404"), (500, "HTTP 500"),
                                                (503, "HTTP 503")])
def test_http_errors(server: Server, status: int, reason: str) -> None:
    server.mode, server.status = "status", status
    exc = failure(source(server.url))
    assert exc.state == "error" and exc.reason.startswith(reason)


def test_retries_only_5xx_with_backoff(server: Server) -> None:
    waits: list[float] = []
    server.mode, server.status = "status", 500
    src = HttpSource(SourceConfig(location=server.url, timeout=0.5, retries=2, cache=False),
                     sleep=waits.append)
    failure(src)
    assert len(server.requests) == 3 and len(waits) == 2 and waits[1] > waits[0] * 0.4
    server.status = 404
    failure(src)
    assert len(server.requests) == 4 and len(waits) == 2  # a 404 is not retried


def test_connection_refused() -> None:
    exc = failure(source(f"http://127.0.0.1:{closed_port()}/feed.json"))
    assert (exc.state, exc.reason) == ("offline", "connection refused")


def test_hang_times_out(server: Server) -> None:
    server.mode = "hang"
    exc = failure(source(server.url))
    server.release.set()
    assert (exc.state, exc.reason) == ("offline", "timed out after 0.5 s")


def test_slow_drip_times_out(server: Server) -> None:
    server.mode = "drip"
    server.body = FEED * 20  # ~0.1 s per 8 bytes: far longer than the 0.5 s allowed
    exc = failure(source(server.url))
    server.release.set()
    assert (exc.state, exc.reason) == ("offline", "timed out after 0.5 s")


def test_connection_cut_off_midway(server: Server) -> None:
    server.mode = "cut"
    exc = failure(source(server.url))
    assert exc.state == "offline" and "cut off" in exc.reason


def test_rejected_bodies(server: Server) -> None:
    server.mode = "truncated"
    exc = failure(source(server.url))
    assert exc.state == "error" and f"JSON cut off at byte {len(FEED) // 2}" in exc.reason
    server.mode = "html"
    exc = failure(source(server.url))
    assert exc.state == "error" and "HTML" in exc.reason and "not JSON" in exc.reason
    server.mode = "notfeed"
    exc = failure(source(server.url))
    assert exc.state == "error" and "not a cchc-kpi-feed" in exc.reason


def test_size_cap(server: Server) -> None:
    server.body = FEED + b" " * 2000  # declared length over the cap: refused before reading
    exc = failure(source(server.url, max_bytes=1024))
    assert (exc.state, exc.reason) == ("error",
                                       "response larger than 1024 bytes (source.max_bytes)")
    server.mode = "bigstream"  # no length given: stopped while streaming
    exc = failure(source(server.url, max_bytes=1024))
    assert exc.reason.startswith("response larger than 1024 bytes")


def test_redirect_loop(server: Server) -> None:
    server.mode = "redirect"
    exc = failure(source(server.url))
    assert exc.state == "error" and exc.reason.startswith("too many redirects")


def test_recovery_after_failures(server: Server) -> None:
    src = source(server.url)
    server.mode, server.status = "status", 500
    failure(src)
    failure(src)
    assert src.consecutive_failures == 2
    server.mode = "ok"
    result = src.read()
    assert result.snapshot is not None and "01837" in result.snapshot.units
    assert result.failure is None and src.consecutive_failures == 0


def test_next_delay() -> None:
    src = source("http://127.0.0.1:1/feed.json", backoff_max=300)
    assert src.next_delay(60) == 60
    for _ in range(50):
        src.consecutive_failures = 1
        assert 0.9 * 120 <= src.next_delay(60) <= 1.1 * 120
        src.consecutive_failures = 5
        assert 0.9 * 300 <= src.next_delay(60) <= 1.1 * 300


def test_describe_hides_secrets() -> None:
    url = f"https://user:{SECRET}@feeds.example.vn:8443/kpi/feed.json?token={SECRET}&v=1"
    shown = public_url(url)
    assert SECRET not in shown and "user" not in shown
    assert shown == "https://feeds.example.vn:8443/kpi/feed.json?token=…&v=…"
    assert SECRET not in repr(source(url))


# -- the disk cache -----------------------------------------------------------------------------
def test_cache_written_without_secrets_and_used_when_down(
        _cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_TOKEN", SECRET)
    srv = Server()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    url = srv.url + f"?key={SECRET}"
    try:
        source(url, cache=True, token_env="CCHC_TOKEN").read()
    finally:
        srv.shutdown()
        srv.server_close()
    files = sorted(_cache_dir.iterdir())
    assert [f.suffix for f in files] == [".feed", ".json"]
    for f in files:
        assert SECRET.encode() not in f.read_bytes()
    meta = json.loads(files[1].read_bytes())
    assert meta["etag"] == '"v1"' and meta["url"].endswith("/feed.json?key=…")
    # the server is gone: a new start shows the cached figures, marked with their age
    src = source(url, cache=True, token_env="CCHC_TOKEN")
    result = src.read()
    assert result.snapshot is not None and "01837" in result.snapshot.units
    assert result.saved_age is not None and 0 <= result.saved_age < 60
    assert result.failure is not None and result.failure.state == "offline"
    with pytest.raises(SourceFailure):  # later polls report the outage; figures stay on screen
        src.read()
    assert source(url, cache=False).last_snapshot is None
    with pytest.raises(SourceFailure):
        source(url, cache=False).read()


def test_cache_write_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = FeedCache(tmp_path / "c")
    cache.save("http://x/feed.json", b"old", CacheMeta("http://x/feed.json", '"a"'))

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        cache.save("http://x/feed.json", b"new", CacheMeta("http://x/feed.json", '"b"'))
    monkeypatch.undo()
    entry = cache.load("http://x/feed.json")
    assert entry is not None and entry.data == b"old" and entry.meta.etag == '"a"'
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == sorted(
        p.name for p in cache.paths("http://x/feed.json"))  # no temporary files left


# -- serve-feed, encode, and the commands over HTTP ---------------------------------------------
@pytest.fixture
def feed_server(tmp_path: Path) -> Iterator[tuple[FeedServer, Path]]:
    folder = tmp_path / "feeds"
    folder.mkdir()
    shutil.copy(default_fixtures_dir() / "seeds" / "000-phuong-song-cau.json", folder)
    srv = make_server(folder)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv, folder
    srv.shutdown()
    srv.server_close()


def test_encode_round_trips_the_bundled_fixtures() -> None:
    snapshot = load_paths([default_fixtures_dir()])
    again = build_snapshot([decode_bytes(encode_snapshot(snapshot), "feed.json")])
    assert again.units == snapshot.units
    assert again.observations == snapshot.observations
    assert {u: {k: {p: r.value for p, r in s.items()} for k, s in per.items()}
            for u, per in again.reported.items()} == \
        {u: {k: {p: r.value for p, r in s.items()} for k, s in per.items()}
         for u, per in snapshot.reported.items()}
    assert [(t.kpi, t.value, t.due, t.scope) for t in again.targets] == \
        [(t.kpi, t.value, t.due, t.scope) for t in snapshot.targets]


def test_serve_feed_etag_304_gzip_and_reload(feed_server: tuple[FeedServer, Path]) -> None:
    srv, folder = feed_server
    url = server_url(srv)
    assert url.startswith("http://127.0.0.1:")
    with httpx.Client() as client:
        plain = client.get(url, headers={"Accept-Encoding": "identity"})
        assert plain.status_code == 200 and "content-encoding" not in plain.headers
        etag = plain.headers["etag"]
        assert etag.startswith('"') and len(etag) == 66 and plain.headers["last-modified"]
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
        zipped = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert zipped.headers["content-encoding"] == "gzip"
        assert int(zipped.headers["content-length"]) < len(plain.content)
        assert zipped.content == plain.content  # httpx decodes it
        assert gzip.decompress(srv.relay.publication.gzipped) == plain.content
        doc = msgspec.json.decode(plain.content)
        doc["units"][0]["name"] += " (sửa)"
        (folder / "000-phuong-song-cau.json").write_bytes(msgspec.json.encode(doc))
        changed = client.get(url, headers={"If-None-Match": etag})
        assert changed.status_code == 200 and changed.headers["etag"] != etag
        assert client.get(url.replace("/feed.json", "/x")).status_code == 404


def test_report_over_http_matches_the_file(feed_server: tuple[FeedServer, Path],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    srv, folder = feed_server
    args = ["report", "--unit", "song cau", "--format", "json"]
    code, from_file, _ = run_cli([*args, "--source", str(folder)], capsys)
    assert code == 0
    code, over_http, err = run_cli([*args, "--source", server_url(srv)], capsys)
    assert code == 0, err
    assert json.loads(over_http) == json.loads(from_file)


def test_validate_url(feed_server: tuple[FeedServer, Path], server: Server,
                      capsys: pytest.CaptureFixture[str]) -> None:
    srv, _ = feed_server
    code, out, _ = run_cli(["validate", server_url(srv)], capsys)
    assert code == 0 and "valid: 1 file(s)" in out
    server.mode = "html"
    code, _, err = run_cli(["validate", server.url], capsys)
    assert code == 1 and "HTML" in err
    code, _, err = run_cli(["validate", f"http://127.0.0.1:{closed_port()}/feed.json"], capsys)
    assert code == 1 and "connection refused" in err


def test_report_over_http_failure_is_plain(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["report", "--unit", "x", "--source",
                            f"http://127.0.0.1:{closed_port()}/feed.json"], capsys)
    assert code == 1 and "connection refused" in err


# -- the dashboard on an HTTP source ------------------------------------------------------------
def _header(dashboard: Any) -> str:
    from cchc_tui.widgets.header import StatusHeader

    return str(dashboard.query_one(StatusHeader).render().plain)


async def test_dashboard_states_keep_the_figures_and_notify_once(server: Server) -> None:
    from tests.app_support import app, settle

    src = source(server.url, timeout=3)  # a busy machine can take more than 0,5 s to answer
    dashboard = app(source=src)
    async with dashboard.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert "● trực tiếp" in _header(dashboard) and "(HTTP)" in _header(dashboard)
        assert dashboard.snapshot is not None and "01837" in dashboard.snapshot.units
        server.mode, server.status = "status", 500
        for _ in range(2):
            await pilot.press("r")
            await settle(pilot)
        assert "✗ LỖI NGUỒN: HTTP 500 — số liệu đọc lúc 08:42:00" in _header(dashboard)
        assert dashboard.snapshot is not None and "01837" in dashboard.snapshot.units
        assert len(dashboard._notifications) == 1  # one per change of state, not per poll
        assert src.consecutive_failures == 2
        server.mode = "hang"
        await pilot.press("r")
        with contextlib.suppress(WorkerFailed):  # raised when awaited while still running
            await settle(pilot)
        await settle(pilot)
        server.release.set()
        assert ("▲ MẤT KẾT NỐI: timed out after 3 s — số liệu đọc lúc 08:42:00"
                in _header(dashboard))
        assert len(dashboard._notifications) == 2
        server.mode = "ok"
        await pilot.press("r")
        await settle(pilot)
        assert "● trực tiếp" in _header(dashboard) and "(HTTP)" in _header(dashboard)
        assert src.consecutive_failures == 0


async def test_dashboard_starts_from_the_disk_cache_when_offline(_cache_dir: Path) -> None:
    import time

    from tests.app_support import app, settle

    url = f"http://127.0.0.1:{closed_port()}/feed.json"
    FeedCache(_cache_dir).save(url, FEED, CacheMeta(public_url(url), '"v1"', "",
                                                     time.time() - 3570))
    dashboard = app(source=source(url, cache=True))
    async with dashboard.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        text = _header(dashboard)
        assert "◷ DỮ LIỆU CŨ: bản lưu lúc 07:42" in text and "(connection refused)" in text
        assert dashboard.snapshot is not None and "01837" in dashboard.snapshot.units


async def test_refresh_while_a_poll_hangs_does_not_start_another(server: Server) -> None:
    from tests.app_support import app, settle

    src = source(server.url, timeout=5)
    dashboard = app(source=src)
    async with dashboard.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        seen = len(server.requests)
        server.mode = "hang"
        await pilot.press("r")
        # Wait until the hanging request has reached the server (an event, not the clock).
        for _ in range(1000):
            if len(server.requests) > seen:
                break
            await pilot.pause()
        await pilot.press("r", "r")
        await pilot.pause()
        assert any("Đang đọc nguồn" in n.message for n in dashboard._notifications)
        server.mode = "ok"
        server.release.set()
        await settle(pilot)
        assert len(server.requests) == seen + 1  # the two extra presses sent nothing
        assert dashboard.status.state == "live"


def test_a_served_folder_keeps_each_unit_s_provenance(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """The whole bundled folder over HTTP: real reports stay real, the simulated set labelled."""
    srv = make_server(default_fixtures_dir())
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        for unit, simulated in (("song cau", False), ("MP01003", True), ("binh thanh", False)):
            args = ["report", "--unit", unit, "--format", "json"]
            _, from_file, _ = run_cli([*args, "--source", str(default_fixtures_dir())], capsys)
            _, over_http, _ = run_cli([*args, "--source", server_url(srv)], capsys)
            a, b = json.loads(over_http), json.loads(from_file)
            assert a["kpis"] == b["kpis"] and a["counts"] == b["counts"]
            assert a["findings"] == b["findings"]
            assert a["data"] == b["data"] and a["data"]["simulated"] is simulated
    finally:
        srv.shutdown()
        srv.server_close()


def test_a_unit_naming_an_unknown_source_is_an_error(tmp_path: Path) -> None:
    doc = {"format": "cchc-kpi-feed", "version": 1, "sources": [{"id": "s0"}],
           "units": [{"code": "A", "name": "Xã A", "level": "commune", "source": "s1"}]}
    with pytest.raises(FeedError) as info:
        build_snapshot([decode_bytes(json.dumps(doc).encode(), "f.json")])
    assert "source 's1' of unit 'A' is not in \"sources\"" in str(info.value)
    assert info.value.issues[0].where == "$.units[0].source"


def test_secrets_stay_with_the_configured_origin(server: Server,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_TEST_TOKEN", "tok-123")
    monkeypatch.setenv("CCHC_TEST_KEY", "key-456")
    src = source(server.url, token_env="CCHC_TEST_TOKEN", header_env={"X-Api-Key": "CCHC_TEST_KEY"})
    server.mode = "elsewhere"
    assert snapshot_of(src).units
    first, second = server.requests[-2], server.requests[-1]
    assert first["Authorization"] == "Bearer tok-123" and first["X-Api-Key"] == "key-456"
    assert "Authorization" not in second and "X-Api-Key" not in second
    assert second["Host"].startswith("localhost:")


def test_https_never_steps_down_to_http() -> None:
    import httpx

    src = source("https://feed.example.vn/feed.json", token_env="").http
    src.guard_redirect(httpx.Request("GET", "https://feed.example.vn/feed.json"))  # same origin
    with pytest.raises(RedirectRefused, match="from https to http"):
        src.guard_redirect(httpx.Request("GET", "http://feed.example.vn/feed.json"))
    other = httpx.Request("GET", "https://cdn.example.vn/feed.json",
                          headers={"Authorization": "Bearer x", "Cookie": "a=b"})
    src.guard_redirect(other)
    assert "Authorization" not in other.headers and "Cookie" not in other.headers


async def test_an_unchanged_feed_repaints_nothing(server: Server) -> None:
    from tests.app_support import app, settle

    src = source(server.url)
    dashboard = app(source=src)
    async with dashboard.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        engine = dashboard.engine
        await pilot.press("r")
        await settle(pilot)
        assert server.statuses[-1] == 304
        assert dashboard.engine is engine  # no new engine, so no recomputation or repaint
        assert dashboard.status.state == "live"
