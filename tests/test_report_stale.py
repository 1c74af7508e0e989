"""`report` never passes off a saved copy as live figures: exit 3, or --allow-stale and a marker
in every format. Against a real server on 127.0.0.1 that answers, then fails, then is gone."""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.helpers import minimal_doc, run_cli


def _feed() -> bytes:
    doc = minimal_doc()
    doc["observations"].append({"unit": "01837", "period": "2023",
                                "measure": "dossiers_received_online", "value": 573})
    return json.dumps(doc).encode("utf-8")


FEED = _feed()


class FlakyServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), FlakyHandler)
        self.failing = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/feed.json"


class FlakyHandler(BaseHTTPRequestHandler):
    server: FlakyServer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        status, body = (500, b"down") if self.server.failing else (200, FEED)
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FlakyServer]:
    monkeypatch.setenv("CCHC_TUI_CACHE_DIR", str(tmp_path / "cache"))
    srv = FlakyServer()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def quick(tmp_path: Path) -> Path:
    path = tmp_path / "quick.toml"
    path.write_text("[source]\nretries = 0\ntimeout = 5\n", encoding="utf-8")
    return path


def report(server: FlakyServer, quick: Path, capsys: pytest.CaptureFixture[str], *extra: str,
           fmt: str = "json") -> tuple[int, str, str]:
    return run_cli(["report", "--source", server.url, "--config", str(quick), "--unit", "01837",
                    "--period", "2023", "--format", fmt, "--lang", "en", *extra], capsys)


def test_a_dead_source_with_a_saved_copy_exits_3(server: FlakyServer, quick: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = report(server, quick, capsys)
    assert code == 0 and "stale" not in json.loads(out) and err == ""
    server.failing = True
    code, out, err = report(server, quick, capsys)
    assert code == 3 and out == ""
    assert "source unreachable: HTTP 500; a saved copy from " in err
    assert "exists, use --allow-stale to print it" in err
    server.shutdown()
    server.server_close()
    code, out, err = report(server, quick, capsys, fmt="table")
    assert code == 3 and out == "" and "source unreachable: connection refused" in err


def test_allow_stale_marks_every_format(server: FlakyServer, quick: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert report(server, quick, capsys)[0] == 0
    server.failing = True
    outputs = {}
    for fmt in ("json", "table", "md", "csv"):
        code, out, err = report(server, quick, capsys, "--allow-stale", fmt=fmt)
        assert code == 0
        assert "warning: source unreachable: HTTP 500; printing a saved copy from " in err
        outputs[fmt] = out
    stale = json.loads(outputs["json"])["stale"]
    assert stale["failure"] == "HTTP 500" and 0 <= stale["age_seconds"] < 60
    assert stale["saved_at"][:4].isdigit()
    assert json.loads(outputs["json"])["kpis"]  # the figures are there, marked
    assert outputs["table"].splitlines()[1].startswith("STALE: a saved copy from ")
    assert "the source is unreachable: HTTP 500" in outputs["table"]
    assert "> **STALE: a saved copy from " in outputs["md"]
    rows = list(csv.reader(io.StringIO(outputs["csv"])))
    assert rows[0][0].startswith("# STALE: a saved copy from ") and rows[1][0] == "unit code"


def test_no_saved_copy_is_a_plain_failure(tmp_path: Path, quick: Path,
                                          monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CCHC_TUI_CACHE_DIR", str(tmp_path / "empty-cache"))
    srv = FlakyServer()
    srv.failing = True
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        code, out, err = report(srv, quick, capsys, "--allow-stale")
    finally:
        srv.shutdown()
        srv.server_close()
    assert code == 1 and out == "" and "cannot read the source" in err and "HTTP 500" in err
