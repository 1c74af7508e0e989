"""Soak: poll a local server that keeps failing in turn, and print memory every minute.

Run outside the unit tests (it takes as long as you tell it, an hour by default):

    python scripts/soak.py --minutes 60 --interval 1

The server (on 127.0.0.1 only) cycles every `--flap` seconds through: a good feed (with an
ETag, so most polls are 304s), HTTP 500, connections cut off mid-body, hangs past the timeout,
and no listener at all (connection refused). The poller reads through the HTTP source exactly
as the dashboard does, with the disk cache in a temporary folder. Every minute it prints the
resident memory, threads, open file descriptors and the count of good and failed reads; memory
should stay flat after the first minutes.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import msgspec

from cchc_tui.config import Config, SourceConfig
from cchc_tui.feed.encode import encode_snapshot
from cchc_tui.feed.load import load_paths
from cchc_tui.resources import default_fixtures_dir
from cchc_tui.sources.base import SourceFailure, open_source

MODES = ("up", "500", "cut", "hang", "refused")


def rss_mb() -> float:
    """Resident memory of this process now (not the peak), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def open_fds() -> int:
    try:
        return len(os.listdir("/proc/self/fd"))
    except OSError:
        return -1


class FlappingServer:
    """One port; the mode changes with time, and in "refused" nothing listens on it."""

    def __init__(self, body: bytes, flap: float, timeout: float) -> None:
        self.body, self.flap, self.timeout = body, flap, timeout
        self.started = time.monotonic()
        self.stopping = threading.Event()
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self._server: ThreadingHTTPServer | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def mode(self) -> str:
        return MODES[int((time.monotonic() - self.started) // self.flap) % len(MODES)]

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        while not self.stopping.is_set():
            if self.mode == "refused":
                time.sleep(0.2)
                continue
            server = ThreadingHTTPServer(("127.0.0.1", self.port), self._handler())
            server.daemon_threads = True
            server.allow_reuse_address = True
            self._server = server
            serving = threading.Thread(target=server.serve_forever, args=(0.1,), daemon=True)
            serving.start()
            while self.mode != "refused" and not self.stopping.is_set():
                time.sleep(0.2)
            server.shutdown()
            server.server_close()
            serving.join()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        outer = self
        etag = '"soak-1"'

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

            def do_GET(self) -> None:  # noqa: N802
                mode = outer.mode
                if mode == "500":
                    self.send_response(500)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif mode == "hang":
                    outer.stopping.wait(outer.timeout * 2)
                elif mode == "cut":
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(outer.body)))
                    self.end_headers()
                    self.wfile.write(outer.body[: len(outer.body) // 2])
                    self.close_connection = True
                elif self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                else:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(outer.body)))
                    self.send_header("ETag", etag)
                    self.end_headers()
                    self.wfile.write(outer.body)

        return Handler

    def stop(self) -> None:
        self.stopping.set()
        self._thread.join(timeout=5)


def read_once(source: Any) -> None:
    """One poll, as the dashboard makes it; SourceFailure when the source is down."""
    source.read()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
    parser.add_argument("--flap", type=float, default=20.0, help="seconds per server mode")
    parser.add_argument("--timeout", type=float, default=2.0, help="source.timeout")
    args = parser.parse_args(argv)

    body = encode_snapshot(load_paths([default_fixtures_dir()]))
    server = FlappingServer(body, args.flap, args.timeout)
    server.start()
    time.sleep(0.5)
    with tempfile.TemporaryDirectory() as cache:
        os.environ["CCHC_TUI_CACHE_DIR"] = cache
        source_config = msgspec.structs.replace(
            SourceConfig(), location=f"http://127.0.0.1:{server.port}/feed.json",
            timeout=args.timeout, retries=1, backoff_max=args.interval)
        source = open_source(Config(source=source_config))
        good = failed = 0
        started = time.monotonic()
        next_report = started
        print("minute  rss_mb  threads  fds  good  failed  mode", flush=True)
        while time.monotonic() - started < args.minutes * 60:
            try:
                read_once(source)
                good += 1
            except SourceFailure:
                failed += 1
            now = time.monotonic()
            if now >= next_report:
                print(f"{(now - started) / 60:6.1f}  {rss_mb():6.1f}  "
                      f"{threading.active_count():7d}  {open_fds():3d}  {good:4d}  {failed:6d}"
                      f"  {server.mode}", flush=True)
                next_report += 60
            time.sleep(args.interval)
        source.close()
    server.stop()
    print(f"done: {args.minutes:g} min, {good} good and {failed} failed reads, "
          f"rss {rss_mb():.1f} MB, threads {threading.active_count()}, fds {open_fds()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
