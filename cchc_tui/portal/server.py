"""A stand-in for the portal's 766 API on this machine, replaying saved answers.

It answers the seven POST endpoints under /api/v1/reporting/evaluation/ with HTTP 201 like the
portal, the public page with a cookie, gzip when asked, and pages of units; and it fails on
demand (`/_fault?mode=403|429|500|hang|malformed|cookie|none[&count=N]`), so the source can be
tried and tested without the internet. `/_log` lists the requests it saw.
"""

from __future__ import annotations

import gzip
import json
import sys
import threading
from datetime import UTC, date, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from cchc_tui.portal.answers import kind_of
from cchc_tui.portal.crawler import day_in_name
from cchc_tui.portal.records import ENDPOINTS

API_PREFIX = "/api/v1/reporting/evaluation/"
PAGE_PATH = "/danh-gia-chat-luong-phuc-vu"
COOKIE = "dvc_session"
FAULTS = ("none", "403", "429", "500", "hang", "malformed", "cookie")
_PATHS = {path: key for key, (path, _) in ENDPOINTS.items()}


class SavedAnswers:
    """The answers found in a folder: per root (by departmentId and code), and the nation's."""

    def __init__(self, folder: Path) -> None:
        self.roots: dict[str, dict[str, Any]] = {}  # id or code → endpoint key → envelope
        self.days: dict[str, date] = {}  # id or code → capture day (from the file name)
        self.national: dict[str, Any] = {}
        self.national_day: date | None = None
        self.skipped: list[str] = []
        files = [folder] if folder.is_file() else sorted(folder.rglob("*.json"))
        for path in files:
            self._load(path)

    def _load(self, path: Path) -> None:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            self.skipped.append(f"{path}: {exc}")
            return
        kind = kind_of(doc)
        day = day_in_name(path.name) or day_in_name(path.parent.name)
        if kind == "service-results" and (doc["data"].get("overview") or {}).get(
                "departmentCode") is None:
            self.national, self.national_day = {"SERVICE_RESULTS": doc}, day
        elif kind == "raw":
            for key in _root_keys(doc):
                self.roots[key] = doc
                if day is not None:
                    self.days[key] = day
        else:
            self.skipped.append(f"{path}: not a saved portal answer")

    def find(self, endpoint: str, body: dict[str, Any]) -> tuple[Any, date | None]:
        root = body.get("rootDepartmentId")
        answers, day = (self.roots.get(str(root)), self.days.get(str(root))) if root \
            else (self.national, self.national_day)
        if not answers:
            return None, None
        return answers.get(endpoint), day


def _root_keys(doc: dict[str, Any]) -> list[str]:
    keys = []
    for envelope in doc.values():
        data = envelope.get("data") if isinstance(envelope, dict) else None
        head = (data or {}).get("overview") or (data or {}).get("parent") or {}
        for field in ("departmentId", "departmentCode"):
            if isinstance(head.get(field), str) and head[field] not in keys:
                keys.append(head[field])
    return keys


class Faults:
    """The fault asked for through /_fault, for the next `count` API calls (or until reset)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.mode = "none"
        self.count: int | None = None
        self.release = threading.Event()  # lets hanging requests go

    def set(self, mode: str, count: int | None) -> None:
        with self.lock:
            self.release.set()
            self.release = threading.Event()
            self.mode, self.count = mode, count

    def take(self) -> tuple[str, threading.Event]:
        with self.lock:
            mode = self.mode
            if mode != "none" and self.count is not None:
                self.count -= 1
                if self.count <= 0:
                    self.mode, self.count = "none", None
            return mode, self.release


def _page(data: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    """One page of a paginated answer, as the portal cuts it (pageSize, currentPage)."""
    items = data.get("evaluation")
    if not isinstance(items, list) or "pagination" not in data:
        return data
    size, page = body.get("pageSize"), body.get("currentPage")
    size = max(1, size) if isinstance(size, int) else 300
    page = max(1, page) if isinstance(page, int) else 1
    pages = max(1, -(-len(items) // size))
    return {**data, "evaluation": items[(page - 1) * size: page * size],
            "pagination": {"total": len(items), "currentPage": page, "pageSize": size,
                           "totalPages": pages}}


def make_handler(answers: SavedAnswers, faults: Faults, log: list[dict[str, Any]],
                 ) -> type[BaseHTTPRequestHandler]:
    class PortalHandler(BaseHTTPRequestHandler):
        server_version = "cchc-tui-serve-portal"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            sys.stderr.write(f"{self.address_string()} {format % args}\n")

        def _send(self, status: int, body: bytes, content_type: str,
                  headers: tuple[tuple[str, str], ...] = ()) -> None:
            accept = self.headers.get("Accept-Encoding", "")
            zipped = "gzip" in accept and len(body) > 0
            if zipped:
                body = gzip.compress(body, mtime=0)
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            if zipped:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _json(self, status: int, doc: Any, headers: tuple[tuple[str, str], ...] = ()) -> None:
            body = json.dumps(doc, ensure_ascii=False).encode("utf-8")
            self._send(status, body, "application/json; charset=utf-8", headers)

        def _has_cookie(self) -> bool:
            return f"{COOKIE}=" in self.headers.get("Cookie", "")

        def _record(self, body: Any = None) -> None:
            log.append({"method": self.command, "path": urlsplit(self.path).path,
                        "cookie": self._has_cookie(),
                        "gzip": "gzip" in self.headers.get("Accept-Encoding", ""),
                        "body": body})

        def do_GET(self) -> None:  # noqa: N802
            url = urlsplit(self.path)
            if url.path == "/_fault":
                query = parse_qs(url.query)
                mode = query.get("mode", ["none"])[0]
                count = query.get("count", [""])[0]
                if mode not in FAULTS or (count and not count.isdigit()):
                    self._json(400, {"error": f"mode is one of {', '.join(FAULTS)}; "
                                              "count a whole number"})
                    return
                faults.set(mode, int(count) if count else None)
                self._json(200, {"mode": mode, "count": int(count) if count else None})
                return
            if url.path == "/_log":
                self._json(200, log)
                return
            self._record()
            if url.path in (PAGE_PATH, "/"):
                page = "<!doctype html><title>Đánh giá chất lượng phục vụ</title>".encode()
                self._send(200, page, "text/html; charset=utf-8",
                           (("Set-Cookie", f"{COOKIE}=replay; Path=/; HttpOnly"),))
                return
            self._json(404, {"code": "NOT_FOUND", "message": f"no page at {url.path}"})

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                body = None
            self._record(body)
            path = urlsplit(self.path).path
            endpoint = _PATHS.get(path.removeprefix(API_PREFIX)) \
                if path.startswith(API_PREFIX) else None
            if endpoint is None:
                self._json(404, {"code": "NOT_FOUND", "message": f"no endpoint at {path}"})
                return
            if self._fault():
                return
            if not isinstance(body, dict):
                self._json(400, {"code": "BAD_REQUEST", "message": "the body is not JSON"})
                return
            envelope, day = answers.find(endpoint, body)
            if envelope is None:
                self._json(404, {"code": "NOT_FOUND",
                                 "message": "no saved answer for this unit and endpoint"})
                return
            data = envelope.get("data")
            out = {**envelope, "data": _page(data, body) if isinstance(data, dict) else data}
            stamp = datetime(day.year, day.month, day.day, 7, tzinfo=UTC) if day else None
            headers = (("Last-Modified", format_datetime(stamp, usegmt=True)),) if stamp else ()
            self._json(201, out, headers)

        def _fault(self) -> bool:
            mode, release = faults.take()
            if mode == "cookie":
                if self._has_cookie():
                    return False
                mode = "403"
            if mode in ("403", "429", "500"):
                headers = (("Retry-After", "1"),) if mode == "429" else ()
                self._json(int(mode), {"code": "ERROR", "message": f"fault {mode}"}, headers)
                return True
            if mode == "hang":
                release.wait(timeout=300)  # until /_fault changes the mode or the server stops
                self.close_connection = True
                return True
            if mode == "malformed":
                self._send(201, b'{"code":"OK","data":{"overview":{"departmentName":',
                           "application/json; charset=utf-8")
                return True
            return False

    return PortalHandler


class PortalServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], answers: SavedAnswers) -> None:
        self.answers = answers
        self.faults = Faults()
        self.log: list[dict[str, Any]] = []
        super().__init__(address, make_handler(answers, self.faults, self.log))

    def server_close(self) -> None:
        self.faults.release.set()
        super().server_close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away mid-answer (the point of the hang fault): one plain line,
        no traceback."""
        problem = sys.exc_info()[1]
        sys.stderr.write(f"{client_address[0]}: request ended early "
                         f"({type(problem).__name__})\n")


def make_server(folder: Path, host: str = "127.0.0.1", port: int = 0) -> PortalServer:
    """A server (not yet serving) replaying the answers in `folder`; port 0 picks a free one."""
    return PortalServer((host, port), SavedAnswers(folder))


def base_url(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    name = host.decode() if isinstance(host, bytes) else str(host)
    return f"http://{name}:{port}"
