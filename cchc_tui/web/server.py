"""`cchc-tui web`: the dashboard in a browser through textual-serve, made safe to leave running.

Differences from a plain textual-serve `Server`: our own page (no font or script from the
internet; the websocket URL follows the host the page was opened by), no directory listings,
optional basic auth, a cap on sessions, every session's process tracked and ended — when its
tab closes, and all of them when the server stops — and a log with timestamps.
"""

from __future__ import annotations

import asyncio
import base64
import hmac
import html
import logging
import signal
import socket
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from string import Template

import textual_serve.server
from aiohttp import web
from textual_serve.server import Server, to_int

from cchc_tui.web.sessions import Session

log = logging.getLogger("cchc-tui.web")
HERE = Path(__file__).parent
TEXTUAL_SERVE_STATIC = Path(textual_serve.server.__file__).parent / "static"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
# The browser itself refuses anything from another origin, whatever a script might ask for.
CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; "
       "form-action 'none'")


class WebServer(Server):
    """Serve `argv` (one process per browser session) on an already bound socket."""

    def __init__(self, argv: Sequence[str], sock: socket.socket, *, title: str,
                 environment: dict[str, str | None] | None = None, credentials: str = "",
                 max_sessions: int = 20) -> None:
        host, port = sock.getsockname()[:2]
        super().__init__(" ".join(argv), host=host, port=port, title=title,
                         statics_path=TEXTUAL_SERVE_STATIC)
        self.argv = list(argv)
        self.sock = sock
        self.environment = environment or {}
        self.credentials = credentials  # "user:password" for basic auth; "" = none
        self.max_sessions = max_sessions
        self.sessions: set[Session] = set()
        self.stopping = asyncio.Event()
        self._page = Template((HERE / "index.html").read_text(encoding="utf-8"))

    # -- the aiohttp application -------------------------------------------------------------
    async def _make_app(self) -> web.Application:
        middlewares = [self._basic_auth] if self.credentials else []
        app = web.Application(middlewares=middlewares)
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, name="static"),
            web.static("/assets", HERE / "static", name="assets"),
        ])
        return app

    @web.middleware
    async def _basic_auth(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        given = request.headers.get("Authorization", "")
        expected = "Basic " + base64.b64encode(self.credentials.encode("utf-8")).decode()
        if not hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode()):
            return web.Response(status=401, text="authentication required\n",
                                headers={"WWW-Authenticate": 'Basic realm="cchc-tui"'})
        return await handler(request)

    async def handle_index(self, request: web.Request) -> web.Response:
        font_size = min(max(to_int(request.query.get("fontsize", "16"), 16), 8), 48)
        page = self._page.substitute(title=html.escape(self.title), font_size=font_size)
        return web.Response(text=page, content_type="text/html",
                            headers={"Cache-Control": "no-store", "Content-Security-Policy": CSP})

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        if self.stopping.is_set() or len(self.sessions) >= self.max_sessions:
            log.warning("%s: session refused (%d open, at most %d)", request.remote,
                        len(self.sessions), self.max_sessions)
            await websocket.close(message=b"too many sessions")
            return websocket
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        session = Session(self.argv, self.environment, write_bytes=websocket.send_bytes,
                          write_str=websocket.send_str, close=websocket.close,
                          download_manager=self.download_manager, debug=self.debug)
        self.sessions.add(session)
        log.info("%s: session opened (%d open)", request.remote, len(self.sessions))
        try:
            await session.start(width, height)
            await self._process_messages(websocket, session)
        except asyncio.CancelledError:
            pass
        except Exception as error:  # a broken message: end this session, keep the server
            log.warning("%s: session ended by an error: %s", request.remote, error)
        finally:
            await session.stop()
            self.sessions.discard(session)
            if not websocket.closed:
                await websocket.close()
            log.info("%s: session closed (%d open)", request.remote, len(self.sessions))
        return websocket

    # -- running -------------------------------------------------------------------------------
    async def stop_sessions(self) -> None:
        self.stopping.set()
        await asyncio.gather(*(s.stop() for s in list(self.sessions)), return_exceptions=True)

    async def run(self, on_ready: Callable[[], None] = lambda: None) -> None:
        """Serve until SIGINT or SIGTERM; then end every session before closing."""
        runner = web.AppRunner(await self._make_app(), handle_signals=False,
                               access_log_format='%a "%r" %s %b')
        await runner.setup()
        await web.SockSite(runner, self.sock).start()
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        on_ready()
        try:
            await stop.wait()
        finally:
            log.info("stopping: ending %d session(s)", len(self.sessions))
            await self.stop_sessions()
            await runner.cleanup()
