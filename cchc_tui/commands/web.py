"""`cchc-tui web`: the dashboard in a browser, every session fed by one shared relay.

The relay (serve-feed's code) runs in this process on 127.0.0.1 and is the only reader of
the source: N browser sessions are N dashboard processes reading the relay, one upstream
read per interval whatever N is.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import os
import socket
import sys
import threading
from datetime import datetime
from pathlib import Path

from cchc_tui.commands.serve_feed import make_relay
from cchc_tui.config import Config
from cchc_tui.relay.server import server_url
from cchc_tui.sources.base import SourceUnavailable
from cchc_tui.web.server import WebServer
from cchc_tui.web.viewer import PARENT_ENV, viewer_argv

EXIT_USAGE = 2
VIEWER_INTERVAL = 5.0  # seconds between a session's reads of the relay (a 304 in memory)
log = logging.getLogger("cchc-tui.web")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Stamped(logging.Formatter):
    """Each line starts with the local time in ISO 8601, as serve-feed's lines do."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802
        return datetime.fromtimestamp(record.created).astimezone().isoformat(timespec="seconds")


def _logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Stamped("%(asctime)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # the relay's reads say enough


def run_web(config: Config, *, host: str, port: int, public: bool, auth_env: str,
            max_sessions: int, config_file: Path | None, start: list[str] | None = None) -> int:
    def usage(text: str) -> int:
        print(f"cchc-tui web: {text}", file=sys.stderr)
        return EXIT_USAGE

    if not is_loopback(host) and not public:
        return usage(f"--host {host} would show the dashboard to other machines, and "
                     "textual-serve has no login of its own; add --public to mean it "
                     "(and --auth-env NAME to ask for a password)")
    credentials = ""
    if auth_env:
        credentials = os.environ.get(auth_env, "")
        if ":" not in credentials:
            return usage(f"--auth-env {auth_env}: the variable must hold 'user:password'")
    if max_sessions < 1:
        return usage("--max-sessions must be at least 1")
    _logging()
    relay_log = logging.getLogger("cchc-tui.relay").info
    try:
        # The sessions' own reads of the relay (a 304 every few seconds each) are not logged.
        relay_server = make_relay(config, "127.0.0.1", 0, log=relay_log, log_requests=False)
    except SourceUnavailable as exc:
        return usage(str(exc))
    try:
        sock = socket.create_server((host, port), backlog=128)
    except OSError as exc:
        relay_server.server_close()
        return usage(f"cannot listen on {host}:{port}: {exc.strerror}")
    if not is_loopback(host):
        print(f"cchc-tui web: WARNING: listening on {host}:{port}, reachable from other "
              "machines" + ("" if credentials else ", with no password (see --auth-env)"),
              file=sys.stderr)
    relay_server.relay.start()
    threading.Thread(target=relay_server.serve_forever, name="relay-http", daemon=True).start()
    argv = viewer_argv(server_url(relay_server), kind=relay_server.relay.source.kind,
                       lang=config.app.lang,
                       interval=min(config.app.interval, VIEWER_INTERVAL),
                       config_file=config_file) + (start or [])
    # Sessions read the relay only: the source's secrets (and the login) stay with the server.
    secrets = {config.source.token_env, *config.source.header_env.values(), auth_env} - {""}
    environment: dict[str, str | None] = {name: None for name in secrets}
    environment[PARENT_ENV] = str(os.getpid())
    server = WebServer(argv, sock, title="cchc-tui — Bảng theo dõi CCHC",
                       environment=environment,
                       credentials=credentials, max_sessions=max_sessions)
    bound_host, bound_port = sock.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host

    def ready() -> None:
        print(f"serving the dashboard at http://{shown}:{bound_port}/ — "
              f"source {relay_server.relay.source.describe()}, read every "
              f"{config.app.interval:g} s  (Ctrl+C to stop)", flush=True)

    try:
        asyncio.run(server.run(ready))
    finally:
        relay_server.shutdown()
        relay_server.server_close()
    return 0
