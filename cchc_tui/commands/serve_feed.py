"""`cchc-tui serve-feed DIR`: publish a folder of feed files as one feed at /feed.json.

A small stdlib server for trying the HTTP mode and for the tests: strong ETag (sha256 of the
body) with 304 on If-None-Match, Last-Modified, gzip when asked for, and the folder read again
when its files change. Binds 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import gzip
import hashlib
import sys
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cchc_tui.feed.encode import encode_snapshot
from cchc_tui.feed.load import feed_files, files_stamp, load_paths
from cchc_tui.feed.raw import FeedError

FEED_PATH = "/feed.json"


class FeedFolder:
    """The folder's feed, encoded once per change of its files."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._stamp: tuple[tuple[str, int, int], ...] | None = None
        self.body = b""
        self.gzipped = b""
        self.etag = ""
        self.last_modified = ""
        self.error = ""

    def _current_stamp(self) -> tuple[tuple[str, int, int], ...]:
        return files_stamp(feed_files(self.folder))

    def refresh(self) -> None:
        """Read the folder again when a file was added, removed or changed."""
        with self._lock:
            try:
                stamp = self._current_stamp()
            except (OSError, FeedError) as exc:
                self._stamp, self.error = None, str(exc)
                return
            if stamp == self._stamp:
                return
            try:
                body = encode_snapshot(load_paths([self.folder]))
            except (OSError, FeedError) as exc:
                self._stamp, self.error = None, str(exc)
                return
            self._stamp, self.error = stamp, ""
            if body != self.body:
                self.body = body
                self.gzipped = gzip.compress(body, mtime=0)
                self.etag = '"' + hashlib.sha256(body).hexdigest() + '"'
                newest = max((s[1] for s in stamp), default=time.time_ns())
                self.last_modified = formatdate(newest / 1e9, usegmt=True)


def _etag_matches(header: str, etag: str) -> bool:
    if not header or not etag:
        return False
    if header.strip() == "*":
        return True
    return any(tag.strip().removeprefix("W/") == etag for tag in header.split(","))


def make_handler(feed: FeedFolder) -> type[BaseHTTPRequestHandler]:
    class FeedHandler(BaseHTTPRequestHandler):
        server_version = "cchc-tui-serve-feed"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            sys.stderr.write(f"{self.address_string()} {format % args}\n")

        def _plain(self, status: int, text: str) -> None:
            body = (text + "\n").encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_HEAD(self) -> None:  # noqa: N802
            self.do_GET()

        def do_GET(self) -> None:  # noqa: N802
            if self.path.split("?")[0] not in (FEED_PATH, "/"):
                self._plain(404, f"not found: the feed is at {FEED_PATH}")
                return
            feed.refresh()
            if feed.error or not feed.body:
                self._plain(500, f"the folder is not a valid feed:\n{feed.error}")
                return
            common = (("ETag", feed.etag), ("Last-Modified", feed.last_modified),
                      ("Cache-Control", "no-cache"), ("Vary", "Accept-Encoding"))
            if _etag_matches(self.headers.get("If-None-Match", ""), feed.etag):
                self.send_response(304)
                for name, value in common:
                    self.send_header(name, value)
                self.end_headers()
                return
            accept = self.headers.get("Accept-Encoding", "")
            use_gzip = any(p.split(";")[0].strip() == "gzip" and "q=0" not in p.replace(" ", "")
                           for p in accept.split(","))
            body = feed.gzipped if use_gzip else feed.body
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            if use_gzip:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            for name, value in common:
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    return FeedHandler


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], feed: FeedFolder) -> None:
        self.feed = feed
        super().__init__(address, make_handler(feed))


def make_server(folder: Path, host: str = "127.0.0.1", port: int = 0) -> FeedServer:
    """A server (not yet serving) publishing `folder`; port 0 picks a free port."""
    feed = FeedFolder(folder)
    feed.refresh()
    return FeedServer((host, port), feed)


def server_url(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    name = host.decode() if isinstance(host, bytes) else str(host)
    shown = f"[{name}]" if ":" in name else name
    return f"http://{shown}:{port}{FEED_PATH}"


def run_serve_feed(folder: Path, host: str, port: int) -> int:
    if not folder.exists():
        print(f"cchc-tui serve-feed: {folder}: no such file or directory", file=sys.stderr)
        return 2
    try:
        server = make_server(folder, host, port)
    except OSError as exc:
        print(f"cchc-tui serve-feed: cannot listen on {host}:{port}: {exc.strerror}",
              file=sys.stderr)
        return 2
    if server.feed.error:
        print(f"cchc-tui serve-feed: warning: {server.feed.error}", file=sys.stderr)
    print(f"serving {folder} as one feed at {server_url(server)}  (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
