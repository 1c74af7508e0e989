"""The dashboard of one browser session: reads the web command's relay, never the source.

Started by `cchc-tui web` as `python -m cchc_tui.web.viewer --relay URL …`. Its source is the
relay alone (no token, no extra headers, no disk cache: the relay keeps the saved copy), and
it dies with the server that started it, whatever way the server ends.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

import msgspec

from cchc_tui.config import ConfigError, SourceConfig, load_config
from cchc_tui.i18n import Lang
from cchc_tui.model.periods import PeriodError, parse_period
from cchc_tui.relay.client import RelayedSource
from cchc_tui.resources import default_config_dir

PARENT_ENV = "CCHC_TUI_WEB_PARENT"  # the server's pid, to catch a parent gone before prctl
PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Linux: SIGKILL this process when the server that started it ends, even by SIGKILL.

    SIGKILL rather than SIGTERM: a viewer has nothing to save, and an app stuck in a loop
    may never act on SIGTERM (the orphan at 100 % CPU).
    """
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    expected = os.environ.get(PARENT_ENV)
    if expected and str(os.getppid()) != expected:  # the server was already gone
        os._exit(1)


def viewer_argv(relay_url: str, *, kind: str, lang: Lang, interval: float,
                config_file: Path | None) -> list[str]:
    argv = [sys.executable, "-m", "cchc_tui.web.viewer", "--relay", relay_url, "--kind", kind,
            "--lang", lang, "--interval", f"{interval:g}"]
    if config_file is not None:
        argv += ["--config", str(config_file)]
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    die_with_parent()
    parser = argparse.ArgumentParser(prog="cchc_tui.web.viewer")
    parser.add_argument("--relay", required=True)
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    parser.add_argument("--interval", type=float, default=10.0)
    parser.add_argument("--config", type=Path)
    parser.add_argument("--unit", default="")
    parser.add_argument("--period", default="")
    parser.add_argument("--meeting", action="store_true")
    parser.add_argument("--kind", default="http", help="the kind of the relay's source")
    args = parser.parse_args(argv)
    try:
        # Sessions share one user's config folder: none of them writes what it last showed.
        config = load_config(config_dir=default_config_dir(), extra_file=args.config,
                             overrides={"app.lang": args.lang, "app.interval": args.interval,
                                        "app.remember": False})
        period = parse_period(args.period) if args.period else None
    except (ConfigError, PeriodError) as exc:
        print(f"cchc-tui: {exc}", file=sys.stderr)
        return 2
    source = SourceConfig(location=args.relay, timeout=config.source.timeout, retries=1,
                          backoff_max=max(args.interval, 30.0), cache=False)
    from cchc_tui.app import StartAt, make_app  # Textual: only once the arguments are good

    app = make_app(msgspec.structs.replace(config, source=source),
                   source=RelayedSource(source, args.kind),
                   start=StartAt(args.unit, period, args.meeting))
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
