"""`cchc-tui web`: the page loads nothing from elsewhere, sessions are processes that always end.

These drive the server with plain HTTP and websockets (no browser); the Chromium tests are in
test_web_browser.py.
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="the [web] extra is not installed")

import aiohttp  # noqa: E402

from cchc_tui.commands.web import is_loopback  # noqa: E402
from tests.helpers import minimal_doc, run_cli  # noqa: E402
from tests.upstream import Upstream, fixtures_feed, running  # noqa: E402
from tests.web_support import sessions_of, wait_until, web_server  # noqa: E402


@pytest.fixture
def upstream() -> Iterator[Upstream]:
    with running(json.dumps(minimal_doc()).encode()) as srv:
        yield srv


async def _open_session(client: aiohttp.ClientSession, url: str) -> aiohttp.ClientWebSocketResponse:
    ws = await client.ws_connect(url.replace("http://", "ws://") + "ws?width=100&height=30")
    while True:  # the app is up once it has drawn something
        message = await asyncio.wait_for(ws.receive(), 60)
        if message.type == aiohttp.WSMsgType.BINARY and len(message.data) > 10:
            return ws
        assert message.type not in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)


def test_the_page_loads_only_what_the_server_itself_serves(upstream: Upstream) -> None:
    import httpx

    with web_server(upstream.url) as (_, url):
        page = httpx.get(url, timeout=30)
        assert page.status_code == 200
        assert "default-src 'self'" in page.headers["content-security-policy"]
        links = re.findall(r'(?:src|href)="([^"]+)"', page.text) + \
            re.findall(r'url\("([^"]+)"\)', page.text)
        assert links and all(link.startswith("/") or link == "data:," for link in links)
        assert "//" not in "".join(links)
        for link in set(links) - {"data:,"}:
            answer = httpx.get(url.rstrip("/") + link, timeout=30)
            assert answer.status_code == 200, link
            if link.endswith(".ttf"):
                assert answer.content[:4] == b"\x00\x01\x00\x00"  # a TrueType font
        assert httpx.get(url + "static/", timeout=30).status_code in (403, 404)  # no listing


def test_closing_a_tab_ends_its_process_and_stopping_ends_all(upstream: Upstream,
                                                             tmp_path: Path) -> None:
    async def scenario(proc: subprocess.Popen[str], url: str) -> None:
        async with aiohttp.ClientSession() as client:
            sockets = [await _open_session(client, url) for _ in range(3)]
            assert wait_until(lambda: len(sessions_of(proc.pid)) == 3)
            before = sessions_of(proc.pid)
            await sockets[0].close()
            assert wait_until(lambda: len(sessions_of(proc.pid)) == 2)
            assert sessions_of(proc.pid) < before
            # A client that vanishes without a goodbye (a killed browser): its process ends too.
            remaining = sessions_of(proc.pid)
            script = ("import asyncio, aiohttp\n"
                      "async def main():\n"
                      "    async with aiohttp.ClientSession() as c:\n"
                      f"        ws = await c.ws_connect({url.replace('http', 'ws') + 'ws'!r})\n"
                      "        while len((await ws.receive()).data or b'') <= 10: pass\n"
                      "        print('up', flush=True); await asyncio.sleep(600)\n"
                      "asyncio.run(main())\n")
            vanishing = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                                         text=True)
            assert vanishing.stdout is not None and vanishing.stdout.readline() == "up\n"
            assert wait_until(lambda: len(sessions_of(proc.pid) - remaining) == 1)
            (its_process,) = sessions_of(proc.pid) - remaining
            vanishing.kill()
            vanishing.wait()
            assert wait_until(lambda: its_process not in sessions_of(proc.pid))
            assert sessions_of(proc.pid) == remaining
            proc.send_signal(signal.SIGTERM)
            assert await asyncio.to_thread(proc.wait, 60) == 0

    log = tmp_path / "web.log"
    with web_server(upstream.url, log=log) as (proc, url):
        asyncio.run(scenario(proc, url))
    assert sessions_of(proc.pid) == set()
    text = log.read_text()
    assert "Traceback" not in text, text
    assert "stopping: ending" in text, text
    started, ended = len(re.findall(r"dashboard process \d+ started", text)), \
        len(re.findall(r"dashboard process \d+ ended", text))
    assert started == ended == 4, text  # three tabs and the vanished client
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", text)


def test_a_killed_server_takes_its_sessions_along(upstream: Upstream) -> None:
    async def scenario(proc: subprocess.Popen[str], url: str) -> None:
        async with aiohttp.ClientSession() as client:
            held = [await _open_session(client, url) for _ in range(2)]
            assert wait_until(lambda: len(sessions_of(proc.pid)) == 2), held
            proc.kill()  # no chance to clean up: the sessions must still end
            await asyncio.to_thread(proc.wait, 60)
            assert wait_until(lambda: sessions_of(proc.pid) == set(), 30)

    with web_server(upstream.url) as (proc, url):
        asyncio.run(scenario(proc, url))


def test_sessions_beyond_the_cap_are_refused(upstream: Upstream) -> None:
    async def scenario(proc: subprocess.Popen[str], url: str) -> None:
        async with aiohttp.ClientSession() as client:
            held = await _open_session(client, url)
            ws = await client.ws_connect(url.replace("http://", "ws://") + "ws")
            message = await asyncio.wait_for(ws.receive(), 60)
            assert message.type == aiohttp.WSMsgType.CLOSE
            assert len(sessions_of(proc.pid)) == 1 and not held.closed

    with web_server(upstream.url, "--max-sessions", "1") as (proc, url):
        asyncio.run(scenario(proc, url))


def test_basic_auth_guards_the_page_and_the_websocket(upstream: Upstream) -> None:
    import httpx

    login = "lanh-dao:mật-khẩu"
    with web_server(upstream.url, "--auth-env", "CCHC_WEB_LOGIN", "--token-env", "CCHC_TOK",
                    env={"CCHC_WEB_LOGIN": login, "CCHC_TOK": "t0k3n"}) as (proc, url):
        refused = httpx.get(url, timeout=30)
        assert refused.status_code == 401 and "Basic" in refused.headers["www-authenticate"]
        assert httpx.get(url, auth=("lanh-dao", "sai"), timeout=30).status_code == 401
        assert httpx.get(url + "ws", timeout=30).status_code == 401
        assert httpx.get(url, auth=("lanh-dao", "mật-khẩu"), timeout=30).status_code == 200
        assert sessions_of(proc.pid) == set()

        async def scenario() -> None:
            auth = "Basic " + base64.b64encode(login.encode()).decode()
            async with aiohttp.ClientSession(headers={"Authorization": auth}) as client:
                held = await _open_session(client, url)
                (pid,) = sessions_of(proc.pid)
                environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
                assert not [v for v in environ if b"t0k3n" in v or login.encode() in v]
                await held.close()

        asyncio.run(scenario())


def test_sessions_open_where_the_command_says(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["web", "--period", "2023-Q7"], capsys)
    assert code == 2 and "--period" in err

    async def scenario(url: str) -> str:
        async with aiohttp.ClientSession() as client:
            ws = await _open_session(client, url)
            text = b""
            while b"S\xc3\xb4ng C\xe1\xba\xa7u" not in text:  # "Sông Cầu", as UTF-8
                message = await asyncio.wait_for(ws.receive(), 60)
                assert message.type == aiohttp.WSMsgType.BINARY, message
                text += message.data
            await ws.close()
            return text.decode("utf-8", "replace")

    with running(fixtures_feed()) as upstream:
        with web_server(upstream.url, "--unit", "song cau", "--period", "2023") as (_, url):
            assert "Phường Sông Cầu" in asyncio.run(scenario(url))


def test_without_the_web_extra_the_command_says_what_to_install(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("cchc_tui.commands.web", "cchc_tui.web.server", "cchc_tui.web.sessions"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.setitem(sys.modules, "textual_serve", None)
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    code, _, err = run_cli(["web"], capsys)
    assert code == 2 and 'pip install "cchc-tui[web]"' in err


def test_other_addresses_need_public_and_a_login_needs_its_variable(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run_cli(["web", "--host", "0.0.0.0"], capsys)
    assert code == 2 and "add --public" in err
    monkeypatch.delenv("CCHC_NO_SUCH_LOGIN", raising=False)
    code, _, err = run_cli(["web", "--auth-env", "CCHC_NO_SUCH_LOGIN"], capsys)
    assert code == 2 and "'user:password'" in err
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")
