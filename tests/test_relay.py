"""serve-feed as a relay: one reader of any source, many viewers; its hardening and its log."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import msgspec
import pytest

from cchc_tui.commands.serve_feed import make_relay, make_server
from cchc_tui.config import Config, load_config
from cchc_tui.feed.build import build_snapshot
from cchc_tui.feed.load import decode_bytes, load_paths
from cchc_tui.model.snapshot import Snapshot
from cchc_tui.relay.publication import wants_gzip
from cchc_tui.relay.server import RelayServer, loggable, server_url, stderr_log
from cchc_tui.resources import default_config_dir, default_fixtures_dir
from tests.helpers import minimal_doc, run_cli, write_feed
from tests.upstream import Upstream, fixtures_feed, running

ROOT = Path(__file__).resolve().parents[1]


def relay_config(location: str, interval: float = 1000) -> Config:
    return load_config(config_dir=default_config_dir(), overrides={
        "source.location": location, "source.cache": False, "source.retries": 0,
        "source.timeout": 5, "app.interval": interval})


@contextmanager
def serving(server: RelayServer, start_relay: bool = True) -> Iterator[RelayServer]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    if start_relay:
        server.relay.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def upstream() -> Iterator[Upstream]:
    with running(json.dumps(minimal_doc()).encode()) as srv:
        yield srv


def read_all(sock: socket.socket) -> bytes:
    """Everything until the server closes the connection."""
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


def status(server: RelayServer) -> dict[str, object]:
    doc: dict[str, object] = httpx.get(server_url(server, "/status.json")).json()
    return doc


# -- relaying a URL --------------------------------------------------------------------------
def test_relay_publishes_the_source_with_validators_and_gzip(upstream: Upstream) -> None:
    lines: list[str] = []
    with serving(make_relay(relay_config(upstream.url), log=lines.append)) as srv:
        url = server_url(srv)
        with httpx.Client() as client:
            plain = client.get(url, headers={"Accept-Encoding": "identity"})
            assert plain.status_code == 200 and plain.headers["x-source-state"] == "live"
            again = build_snapshot([decode_bytes(plain.content, "relay.json")])
            original = build_snapshot([decode_bytes(upstream.body, "up.json")])
            assert again.units == original.units and again.observations == original.observations
            etag = plain.headers["etag"]
            assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
            since = client.get(url, headers={"If-Modified-Since": plain.headers["last-modified"]})
            assert since.status_code == 304
            zipped = client.get(url, headers={"Accept-Encoding": "gzip"})
            assert zipped.headers["content-encoding"] == "gzip"
            assert gzip.decompress(srv.relay.publication.gzipped) == plain.content
            page = client.get(server_url(srv, "/"))
            assert page.status_code == 200 and "relay" in page.text
            assert upstream.url in page.text and "/status.json" in page.text
            assert client.get(server_url(srv, "/elsewhere")).status_code == 404
    assert any(line.startswith("new feed: 3 units") for line in lines)


def test_many_viewers_cost_one_upstream_read_per_poll(upstream: Upstream) -> None:
    with serving(make_relay(relay_config(upstream.url))) as srv:
        url = server_url(srv)

        def viewer(_: int) -> list[int]:
            with httpx.Client() as client:
                first = client.get(url)
                return [first.status_code] + [
                    client.get(url, headers={"If-None-Match": first.headers["etag"]}).status_code
                    for _ in range(4)]

        with ThreadPoolExecutor(10) as pool:
            answers = list(pool.map(viewer, range(10)))
        assert answers == [[200, 304, 304, 304, 304]] * 10
        assert len(upstream.requests) == 1  # fifty requests from ten viewers, one upstream read
        srv.relay.poll_now()
        assert srv.relay.wait_for_polls(2, timeout=30)
        assert upstream.requests == ["", '"u1"']  # the next poll: one conditional request
        with ThreadPoolExecutor(10) as pool:
            assert all(a[0] == 200 for a in pool.map(viewer, range(10)))
        assert len(upstream.requests) == 2


def test_status_follows_the_source_and_the_figures_stay(upstream: Upstream) -> None:
    with serving(make_relay(relay_config(upstream.url))) as srv:
        assert srv.relay.wait_for_polls(1, timeout=30)
        live = status(srv)
        assert live["state"] == "live" and live["reason"] == "" and live["kind"] == "http"
        assert live["read_at"] and live["data_time"] == "2024-04-23T08:00:00+07:00"
        assert live["feed"]["units"] == 3 and live["source"] == upstream.url
        upstream.mode = "status"
        srv.relay.poll_now()
        assert srv.relay.wait_for_polls(2, timeout=30)
        failing = status(srv)
        assert failing["state"] == "error" and failing["reason"] == "HTTP 500"
        assert failing["read_at"] == live["read_at"]
        feed = httpx.get(server_url(srv))
        assert feed.status_code == 200 and feed.headers["x-source-state"] == "error"
        upstream.shutdown()
        upstream.server_close()
        srv.relay.poll_now()
        assert srv.relay.wait_for_polls(3, timeout=30)
        assert status(srv)["state"] == "offline"


def test_a_source_down_from_the_start_is_a_503_with_the_reason() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with serving(make_relay(relay_config(f"http://127.0.0.1:{port}/feed.json"))) as srv:
        answer = httpx.get(server_url(srv))  # waits for the relay's first read
        assert answer.status_code == 503 and "connection refused" in answer.json()["error"]
        assert status(srv)["state"] == "offline" and status(srv)["feed"] is None


def test_a_folder_relay_rereads_changed_files_and_keeps_provenance(tmp_path: Path) -> None:
    folder = tmp_path / "feeds"
    folder.mkdir()
    shutil.copy(default_fixtures_dir() / "seeds" / "000-phuong-song-cau.json", folder)
    with serving(make_server(folder), start_relay=False) as srv:
        first = httpx.get(server_url(srv))
        doc = msgspec.json.decode((folder / "000-phuong-song-cau.json").read_bytes())
        doc["units"][0]["name"] += " (sửa)"
        (folder / "000-phuong-song-cau.json").write_bytes(msgspec.json.encode(doc))
        second = httpx.get(server_url(srv), headers={"If-None-Match": first.headers["etag"]})
        assert second.status_code == 200 and "(sửa)" in second.text


# -- hardening --------------------------------------------------------------------------------
def test_no_symlink_outside_the_folder_is_served(tmp_path: Path) -> None:
    folder = tmp_path / "served"
    write_feed(folder, "a.json", minimal_doc())
    secret = minimal_doc()
    secret["units"] = [{"code": "99", "name": "Bí mật", "level": "province"}]
    secret["observations"] = []
    outside = write_feed(tmp_path, "outside/secret.json", secret)
    (folder / "link.json").symlink_to(outside)
    (folder / "inner").mkdir()
    (folder / "inner" / "b.json").symlink_to(folder / "a.json")  # inside: fine
    lines: list[str] = []
    config = relay_config(str(folder))
    with serving(make_relay(config, log=lines.append), start_relay=False) as srv:
        body = httpx.get(server_url(srv)).content
    assert b"99" not in body and "Bí mật".encode() not in body
    assert b"06" in body
    assert [line for line in lines if line.startswith("not served")] == [
        f"not served: {folder / 'link.json'} leads outside {folder}"]


def test_idle_and_slow_clients_are_closed_and_logged(upstream: Upstream) -> None:
    lines: list[str] = []
    server = make_relay(relay_config(upstream.url), log=lines.append)
    server.request_timeout = 1.0
    with serving(server) as srv:
        port = srv.server_address[1]
        with socket.create_connection(("127.0.0.1", port), timeout=30) as idle, \
                socket.create_connection(("127.0.0.1", port), timeout=30) as slow:
            slow.sendall(b"GET /feed.json HTTP/1.1\r\nHost: x\r\nX-Drip: ")  # never finished
            assert idle.recv(100) == b""  # closed by the server, not by our timeout
            assert slow.recv(100) == b""
    assert [line for line in lines if "closed" in line] == [
        "127.0.0.1 closed a slow connection (request unfinished after 1 s)"]  # idle: quiet


def test_connections_beyond_the_cap_get_a_quick_503(upstream: Upstream) -> None:
    lines: list[str] = []
    relay = make_relay(relay_config(upstream.url), log=lines.append)
    relay.server_close()
    server = RelayServer(("127.0.0.1", 0), relay.relay, log=lines.append, max_connections=2)
    with serving(server) as srv:
        port = srv.server_address[1]
        held = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(2)]
        with socket.create_connection(("127.0.0.1", port), timeout=30) as third:
            assert third.recv(200).startswith(b"HTTP/1.1 503 Service Unavailable")
        for s in held:
            s.close()
    assert any("busy: 2 connections open" in line for line in lines)
    assert srv.request_queue_size >= 128


def test_a_stop_while_a_request_starts_gives_its_slot_back_once(
        upstream: Upstream, monkeypatch: pytest.MonkeyPatch) -> None:
    """SIGTERM raises in the accept loop; when it lands after the request's thread has started,
    the thread and the loop both hand the slot back. Only one may: a second release raised
    ValueError, which the loop took for a request error and went on serving."""
    import socketserver

    relay = make_relay(relay_config(upstream.url), log=lambda _: None)
    relay.server_close()
    server = RelayServer(("127.0.0.1", 0), relay.relay, log=lambda _: None, max_connections=2)
    thread_done = threading.Event()

    def start_then_stop(self: RelayServer, request: object, client_address: object) -> None:
        def run() -> None:
            try:
                self.process_request_thread(request, client_address)
            finally:
                thread_done.set()
        threading.Thread(target=run).start()
        assert thread_done.wait(30)  # the thread has released its slot first
        raise KeyboardInterrupt  # then the stop lands in the loop

    monkeypatch.setattr(socketserver.ThreadingMixIn, "process_request", start_then_stop)
    a, b = socket.socketpair()
    with a, b:
        b.close()
        with pytest.raises(KeyboardInterrupt):  # the stop itself, not a ValueError in its place
            server.process_request(a, ("127.0.0.1", 0))
    assert server._slots._value == 2  # every slot free again, none released twice
    server.server_close()


def test_request_text_is_escaped_in_the_log(upstream: Upstream) -> None:
    lines: list[str] = []
    with serving(make_relay(relay_config(upstream.url), log=lines.append)) as srv:
        with socket.create_connection(srv.server_address[:2], timeout=30) as s:
            s.sendall(b"GET /x\x1b[2J\x1b]52;c;AAAA\x07\xe2\x80\xae HTTP/1.1\r\nHost: x\r\n"
                      b"Connection: close\r\n\r\n")
            assert read_all(s).startswith(b"HTTP/1.1 404")
    logged = "\n".join(lines)
    assert "\x1b" not in logged and "\x07" not in logged and "\u202e" not in logged
    assert "/x\\x1b[2J\\x1b]52;c;AAAA\\x07" in logged
    assert loggable("a\u202eb\x9bc") == "a\\u202eb\\x9bc"


def test_a_client_that_hangs_up_is_one_quiet_line(tmp_path: Path) -> None:
    lines: list[str] = []
    server = make_server(default_fixtures_dir())  # a 1,4 MB feed: more than a socket buffers
    server.log = lines.append
    with serving(server, start_relay=False) as srv:
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.connect(srv.server_address[:2])
        s.sendall(b"GET /feed.json HTTP/1.1\r\nHost: x\r\nAccept-Encoding: identity\r\n\r\n")
        assert s.recv(100).startswith(b"HTTP/1.1 200")
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        s.close()  # a reset while the server is still sending
        with socket.create_connection(srv.server_address[:2], timeout=30) as probe:
            probe.sendall(b"GET /status.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            assert read_all(probe).startswith(b"HTTP/1.1 200")  # the server carries on
    server.server_close()
    hung = [line for line in lines if "hung up" in line]
    assert len(hung) == 1 and "Traceback" not in "\n".join(lines), lines


def test_log_lines_carry_a_timestamp(capsys: pytest.CaptureFixture[str]) -> None:
    stderr_log("127.0.0.1 hung up")
    err = capsys.readouterr().err
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d 127\.0\.0\.1 hung up\n", err)


def test_gzip_negotiation() -> None:
    assert wants_gzip("gzip, deflate") and wants_gzip("br;q=1, gzip;q=0.5") and wants_gzip("*")
    assert not wants_gzip("gzip;q=0") and not wants_gzip("identity") and not wants_gzip("")


# -- the command -------------------------------------------------------------------------------
def test_serve_feed_takes_a_folder_or_a_source_not_both(capsys: pytest.CaptureFixture[str],
                                                        tmp_path: Path) -> None:
    code, _, err = run_cli(["serve-feed", str(tmp_path), "--source", "http://127.0.0.1:9/x"],
                           capsys)
    assert code == 2 and "either DIR or --source" in err


def test_serve_feed_source_url_end_to_end(upstream: Upstream, tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), CCHC_TUI_CACHE_DIR=str(tmp_path))
    proc = subprocess.Popen(
        [sys.executable, "-m", "cchc_tui", "serve-feed", "--source", upstream.url,
         "--port", "0", "--interval", "1000"], stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stderr is not None
        first = proc.stderr.readline()
        url = re.search(r" at (http://127\.0\.0\.1:\d+/feed\.json)", first)
        assert url, first
        assert httpx.get(url[1], timeout=30).status_code == 200  # waits for the first read
        doc = httpx.get(url[1].replace("feed.json", "status.json"), timeout=30).json()
        assert doc["state"] == "live" and doc["source"] == upstream.url
    finally:
        proc.terminate()  # SIGTERM, as a service manager stops it
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0
    lines = (first + err).splitlines()
    assert lines and all(re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", line) for line in lines)
    assert "Traceback" not in err and any('"GET /status.json HTTP/1.1" 200' in x for x in lines)
    assert lines[-1].endswith(" stopped")


def test_the_relayed_feed_gives_the_same_report(upstream: Upstream,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    upstream.body = fixtures_feed()
    with serving(make_relay(relay_config(upstream.url))) as srv:
        args = ["report", "--unit", "song cau", "--format", "json"]
        _, direct, _ = run_cli([*args, "--source", str(default_fixtures_dir())], capsys)
        code, relayed, err = run_cli([*args, "--source", server_url(srv)], capsys)
    assert code == 0, err
    a, b = json.loads(relayed), json.loads(direct)
    assert a["kpis"] == b["kpis"] and a["counts"] == b["counts"] and a["data"] == b["data"]
    assert load_paths([default_fixtures_dir()]).units.keys() >= {"01837"}


def test_every_field_survives_the_relay() -> None:
    """What the relay publishes decodes to the same snapshot: units, observations, every
    field of every reported value and target (only `origin`, the file a value came from,
    becomes the relay's URL)."""
    from dataclasses import replace

    snapshot = load_paths([default_fixtures_dir()])
    with serving(make_server(default_fixtures_dir()), start_relay=False) as srv:
        again = build_snapshot([decode_bytes(httpx.get(server_url(srv)).content, "relay")])

    def reported(s: Snapshot) -> dict[str, object]:
        return {u: {k: {p: replace(r, origin="") for p, r in series.items()}
                    for k, series in per.items()} for u, per in s.reported.items()}

    assert again.units == snapshot.units and again.observations == snapshot.observations
    assert reported(again) == reported(snapshot)
    assert [replace(t, origin="") for t in again.targets] == \
        [replace(t, origin="") for t in snapshot.targets]
    assert again.generated_at == snapshot.generated_at


# -- a browser session reading the relay --------------------------------------------------------
def test_a_session_shows_the_relays_source_state(upstream: Upstream) -> None:
    from cchc_tui.config import SourceConfig
    from cchc_tui.relay.client import RelayedSource

    with serving(make_relay(relay_config(upstream.url))) as srv:
        session = RelayedSource(SourceConfig(location=server_url(srv), cache=False, retries=0),
                                "http")
        first = session.read(force=True)
        assert first.snapshot is not None and first.failure is None
        upstream.mode = "status"
        srv.relay.poll_now()
        assert srv.relay.wait_for_polls(2, timeout=30)
        second = session.read()
        assert second.snapshot is None  # the relay's figures are unchanged: a 304
        assert second.failure is not None and second.failure.state == "error"
        assert second.failure.reason == "HTTP 500" and second.saved_age is not None
        upstream.mode = "ok"
        srv.relay.poll_now()
        assert srv.relay.wait_for_polls(3, timeout=30)
        assert session.read().failure is None
        session.close()


def test_a_session_before_any_figures_names_the_relays_reason() -> None:
    from cchc_tui.config import SourceConfig
    from cchc_tui.relay.client import RelayedSource
    from cchc_tui.sources.base import SourceFailure

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with serving(make_relay(relay_config(f"http://127.0.0.1:{port}/feed.json"))) as srv:
        session = RelayedSource(SourceConfig(location=server_url(srv), cache=False, retries=0),
                                "http")
        with pytest.raises(SourceFailure) as info:
            session.read(force=True)
        assert (info.value.state, info.value.reason) == ("offline", "connection refused")


async def test_the_dashboard_on_a_failing_relay_shows_stale_figures(upstream: Upstream) -> None:
    from cchc_tui.config import SourceConfig
    from cchc_tui.relay.client import RelayedSource
    from tests.app_support import app, settle

    with serving(make_relay(relay_config(upstream.url))) as srv:
        session = RelayedSource(SourceConfig(location=server_url(srv), cache=False, retries=0),
                                "http")
        dashboard = app(source=session)
        async with dashboard.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            assert dashboard.status.state == "live"
            upstream.mode = "status"
            srv.relay.poll_now()
            assert srv.relay.wait_for_polls(2, timeout=30)
            await pilot.press("r")
            await settle(pilot)
            after = dashboard.status  # read anew: the press changed it
            assert after.state == "stale" and after.reason == "HTTP 500"
            assert dashboard.snapshot is not None and "01837" in dashboard.snapshot.units
