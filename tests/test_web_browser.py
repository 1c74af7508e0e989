"""`cchc-tui web` in Debian's Chromium, driven by Playwright (no browser download).

Skipped, with the reason, where /usr/bin/chromium or the Playwright package is missing;
`.ci/run` installs both, so CI runs them.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CCHC_CHROMIUM", "/usr/bin/chromium")
pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
]
pytest.importorskip("textual_serve", reason="the [web] extra is not installed")
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")

from cchc_tui.feed.build import build_snapshot  # noqa: E402
from cchc_tui.feed.load import decode_bytes  # noqa: E402
from tests.upstream import Upstream, fixtures_feed, running  # noqa: E402
from tests.web_support import ROOT, sessions_of, wait_until, web_server  # noqa: E402

ANSI = re.compile(r"\x1b(?:\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][A-Z0-9]|.)")


@pytest.fixture(scope="module")
def feed() -> bytes:
    return fixtures_feed()


@pytest.fixture
def upstream(feed: bytes) -> Iterator[Upstream]:
    with running(feed) as srv:
        yield srv


@pytest.fixture
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        # No sandbox: CI runs as root or in a container without user namespaces, and the
        # browser only ever loads our own page from 127.0.0.1.
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


class Screen:
    """What one page's terminal received over its websocket, as plain text."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.chunks: list[bytes] = []
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            self.chunks.append(payload)

    def text(self, start: int = 0) -> str:
        return ANSI.sub("", b"".join(self.chunks[start:]).decode("utf-8", "replace"))

    def wait_for(self, found: Callable[[str], bool], start: int = 0,
                 timeout: float = 120) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if found(text := self.text(start)):
                return text
            self.page.wait_for_timeout(100)  # lets Playwright deliver the next frames
        raise AssertionError(f"not on the page: {self.text(start)[-2000:]!r}")


def local_only(page: Any, base: str, outside: list[str]) -> None:
    """Every request is checked: one leaving 127.0.0.1 is recorded and never sent."""
    def route(r: Any) -> None:
        if urlsplit(r.request.url).hostname != "127.0.0.1":
            outside.append(r.request.url)
            r.abort()
        else:
            r.continue_()
    page.route("**/*", route)


PANEL = "Dịch vụ công trực tuyến"  # the first panel's title


def test_dashboard_in_chromium(upstream: Upstream, feed: bytes, browser: Any,
                               tmp_path: Path) -> None:
    roots = [u.name for u in build_snapshot([decode_bytes(feed, "f.json")]).units.values()
             if u.parent is None]
    with web_server(upstream.url) as (_, url):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        outside: list[str] = []
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url))
        console: list[str] = []
        page.on("console", lambda m: console.append(m.text))
        local_only(page, url, outside)
        screen = Screen(page)
        page.goto(url)
        text = screen.wait_for(lambda t: PANEL in t and any(name in t for name in roots))
        first = next(name for name in roots if name in text)
        assert "trực tiếp" in text  # the header's state, in Vietnamese
        assert page.evaluate("document.fonts.check('16px \"Roboto Mono\"', 'Tỉnh ể ộ ✓')")
        faces = page.evaluate("[...document.fonts].map(f => f.status)")
        assert faces and set(faces) == {"loaded"}
        page.focus(".xterm-helper-textarea")  # the app is told it has the focus (its footer)
        page.wait_for_timeout(800)  # the fade-in of the terminal and a repaint, for the picture
        shot = tmp_path / "web.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 20_000
        if os.environ.get("CCHC_UPDATE_DOCS_SCREENSHOT"):
            shutil.copy(shot, ROOT / "docs" / "web.png")
        seen = len(screen.chunks)
        page.keyboard.press("]")  # the next unit at the same level
        after = screen.wait_for(lambda t: any(n in t and n != first for n in roots), seen)
        assert next(n for n in roots if n in after and n != first) != first
        page.close()
    assert outside == []
    assert requested and all(r.startswith(url) for r in requested)
    assert not [m for m in console if "Content Security Policy" in m], console


def test_ten_sessions_one_upstream_read_and_no_process_left(upstream: Upstream,
                                                            browser: Any) -> None:
    with web_server(upstream.url) as (proc, url):
        context = browser.new_context(viewport={"width": 1000, "height": 700})
        outside: list[str] = []
        pages = []
        for _ in range(10):
            page = context.new_page()
            local_only(page, url, outside)
            screens = Screen(page)
            page.goto(url)
            pages.append(screens)
        for screen in pages:
            screen.wait_for(lambda t: PANEL in t, timeout=240)
        assert len(sessions_of(proc.pid)) == 10
        assert upstream.requests == [""]  # ten dashboards, one read of the source
        context.close()  # every tab closed
        assert wait_until(lambda: sessions_of(proc.pid) == set(), 120)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
        assert outside == []
    assert sessions_of(proc.pid) == set()
