"""`cchc-tui serve-feed`: the relay — read one source once per interval, publish it to many.

`serve-feed DIR` publishes a folder of feed files (checked again on each request, a stat per
file); `serve-feed --source ANY` reads any source (a feed URL, the national portal, a dossier
database, files) on its own schedule with the dashboard's fault handling. Either way viewers
get `/feed.json` (feed v1, ETag, 304, gzip), `/status.json` and a plain `/` page.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from pathlib import Path

from cchc_tui.config import Config
from cchc_tui.relay.poller import Relay
from cchc_tui.relay.server import RelayServer, server_url, stderr_log
from cchc_tui.relay.sources import open_relay_source
from cchc_tui.sources.base import SourceUnavailable


def make_relay(config: Config, host: str = "127.0.0.1", port: int = 0, *,
               log: Callable[[str], None] = stderr_log, log_requests: bool = True) -> RelayServer:
    """A relay server (not yet serving, its thread not started) for `config`'s source."""
    source = open_relay_source(config, log)
    relay = Relay(source, config.app.interval, log=log)
    try:
        return RelayServer((host, port), relay, log=log,
                           refresh_on_request=source.kind == "files",
                           log_requests=log_requests)
    except BaseException:
        source.close()
        raise


def make_server(folder: Path, host: str = "127.0.0.1", port: int = 0) -> RelayServer:
    """A relay of a folder, read once already; port 0 picks a free port (tests)."""
    from cchc_tui.config import load_config
    from cchc_tui.resources import default_config_dir

    config = load_config(config_dir=default_config_dir(),
                         overrides={"source.location": str(folder), "source.kind": "files"})
    server = make_relay(config, host, port, log=lambda line: None)
    server.relay.poll()
    return server


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_serve_feed(config: Config, host: str, port: int) -> int:
    try:
        server = make_relay(config, host, port)
    except SourceUnavailable as exc:
        print(f"cchc-tui serve-feed: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"cchc-tui serve-feed: cannot listen on {host}:{port}: {exc.strerror}",
              file=sys.stderr)
        return 2
    relay = server.relay
    relay.start()
    stderr_log(f"relaying {relay.source.describe()} ({relay.source.kind}, read every "
               f"{relay.interval:g} s) at {server_url(server)} and "
               f"{server_url(server, '/status.json')}  (Ctrl+C to stop)")
    signal.signal(signal.SIGTERM, _interrupt)  # a service manager's stop, like Ctrl+C
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()  # ends the relay's thread and closes the source
        stderr_log("stopped")
    return 0
