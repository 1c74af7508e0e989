"""`serve-portal`: the portal's endpoints replayed on 127.0.0.1 from saved answers, with faults."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from cchc_tui.portal.server import API_PREFIX, PAGE_PATH, PortalServer, base_url, make_server

DATA = Path(__file__).parent / "data" / "portal"
RAW = json.loads((DATA / "raw" / "2026" / "gia_lai" /
                  "raw_GiaLai_detail_year_2026_10102026.json").read_text(encoding="utf-8"))
ROOT = RAW["PROGRESS"]["data"]["parent"]["departmentId"]
BODY = {"timeType": "year", "year": 2026, "rootDepartmentId": ROOT}


@pytest.fixture
def server() -> Iterator[PortalServer]:
    srv = make_server(DATA)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def post(srv: PortalServer, endpoint: str, body: dict[str, Any], **kw: Any) -> httpx.Response:
    return httpx.post(base_url(srv) + API_PREFIX + endpoint, json=body, **kw)


def fault(srv: PortalServer, mode: str, count: int | None = None) -> None:
    query = f"mode={mode}" + (f"&count={count}" if count else "")
    assert httpx.get(f"{base_url(srv)}/_fault?{query}").status_code == 200


def test_answers_like_the_portal_201_and_the_saved_envelope(server: PortalServer) -> None:
    reply = post(server, "dvc-progress-tree", BODY)
    assert reply.status_code == 201
    assert reply.headers["content-type"].startswith("application/json")
    assert reply.json() == RAW["PROGRESS"]
    assert reply.headers["last-modified"].startswith("Sat, 10 Oct 2026")  # the capture day


def test_the_national_call_and_an_unknown_unit(server: PortalServer) -> None:
    national = post(server, "service-results", {"timeType": "year", "year": 2026,
                                                "departmentType": "ADMINISTRATIVE_UNIT"})
    assert national.status_code == 201
    assert national.json()["data"]["overview"]["departmentName"] == "Cả nước"
    unknown = post(server, "service-results", {**BODY, "rootDepartmentId": "nope"})
    assert unknown.status_code == 404 and "no saved answer" in unknown.json()["message"]


def test_pages_as_asked(server: PortalServer) -> None:
    items = RAW["DIGITIZED"]["data"]["evaluation"]
    got: list[Any] = []
    for page in (1, 2, 3, 4):
        data = post(server, "dossier-digitized",
                    {**BODY, "pageSize": 50, "currentPage": page}).json()["data"]
        assert data["pagination"] == {"total": len(items), "currentPage": page, "pageSize": 50,
                                      "totalPages": 3}
        got += data["evaluation"]
    assert got == items  # page 4 is empty


def test_gzip_when_asked(server: PortalServer) -> None:
    reply = post(server, "transparency", BODY, headers={"Accept-Encoding": "gzip"})
    assert reply.headers["content-encoding"] == "gzip"
    assert reply.json() == RAW["TRANSPARENCY"]  # httpx inflates it


def test_the_public_page_sets_a_cookie_and_the_log_shows_it(server: PortalServer) -> None:
    with httpx.Client(base_url=base_url(server)) as client:
        page = client.get(PAGE_PATH)
        assert page.status_code == 200 and "dvc_session" in page.headers["set-cookie"]
        client.post(API_PREFIX + "transparency", json=BODY)
    log = httpx.get(base_url(server) + "/_log").json()
    assert [(e["method"], e["cookie"]) for e in log] == [("GET", False), ("POST", True)]


@pytest.mark.parametrize("mode", ["403", "429", "500"])
def test_status_faults_for_as_many_calls_as_asked(server: PortalServer, mode: str) -> None:
    fault(server, mode, count=2)
    first, second, third = (post(server, "transparency", BODY) for _ in range(3))
    assert first.status_code == second.status_code == int(mode)
    assert third.status_code == 201
    if mode == "429":
        assert first.headers["retry-after"] == "1"


def test_a_malformed_body(server: PortalServer) -> None:
    fault(server, "malformed")
    reply = post(server, "transparency", BODY)
    assert reply.status_code == 201
    with pytest.raises(json.JSONDecodeError):
        json.loads(reply.content)


def test_a_hang_until_released(server: PortalServer) -> None:
    fault(server, "hang")
    with pytest.raises(httpx.ReadTimeout):
        post(server, "transparency", BODY, timeout=0.5)
    fault(server, "none")  # lets the hanging request go; the next one is answered
    assert post(server, "transparency", BODY).status_code == 201


def test_cookie_mode_refuses_calls_without_the_page_cookie(server: PortalServer) -> None:
    fault(server, "cookie")
    assert post(server, "transparency", BODY).status_code == 403
    with httpx.Client(base_url=base_url(server)) as client:
        client.get(PAGE_PATH)
        assert client.post(API_PREFIX + "transparency", json=BODY).status_code == 201


def test_a_wrong_fault_is_refused(server: PortalServer) -> None:
    reply = httpx.get(f"{base_url(server)}/_fault?mode=boom")
    assert reply.status_code == 400 and "mode is one of" in reply.json()["error"]


def test_the_command_serves_on_loopback_and_says_where(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "cchc_tui", "serve-portal", str(DATA),
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()  # waits for the server to say where it listens
        assert "answering the whole country, H21 at http://127.0.0.1:" in line
        url = line.split(" at ")[1].split(API_PREFIX)[0]
        assert post_url(url + API_PREFIX + "transparency").status_code == 201
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def post_url(url: str) -> httpx.Response:
    return httpx.post(url, json=BODY)


def test_the_command_refuses_a_folder_without_answers(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text("{}", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "cchc_tui", "serve-portal", str(tmp_path),
                           "--port", "0"], capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert "holds no saved portal answers" in done.stderr
    assert "Traceback" not in done.stderr
