"""The command line of `serve-feed` (the relay) and `web` (the dashboard in a browser)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from cchc_tui.config import Config

EXIT_USAGE = 2


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                common: Callable[[argparse.ArgumentParser, bool], None]) -> None:
    serve = sub.add_parser(
        "serve-feed", help="the relay: read one source, publish it to any number of viewers")
    serve.add_argument("folder", type=Path, metavar="DIR", nargs="?",
                       help="a feed file or folder to publish (or use --source)")
    common(serve, True)
    _listen(serve, 8765)

    web = sub.add_parser("web", help="the dashboard in a browser (needs cchc-tui[web])")
    common(web, True)
    _listen(web, 8080)
    web.add_argument("--public", action="store_true",
                     help="allow --host to be an address other machines can reach")
    web.add_argument("--auth-env", metavar="NAME", default="",
                     help="ask browsers for the 'user:password' held in this environment "
                          "variable (HTTP basic auth; the variable's name, never its value)")
    web.add_argument("--max-sessions", type=int, default=20, metavar="N",
                     help="browser sessions open at once (default: 20)")
    # Where each session opens (the dashboard's own flags; a wall screen: --meeting).
    web.add_argument("--unit", metavar="CODE|NAME", default=argparse.SUPPRESS,
                     help="the unit every session opens on")
    web.add_argument("--period", metavar="P", default=argparse.SUPPRESS,
                     help="the period every session opens on")
    web.add_argument("--meeting", action="store_true", default=argparse.SUPPRESS,
                     help="every session starts in meeting mode")


def _listen(parser: argparse.ArgumentParser, port: int) -> None:
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=port, help=f"port (default: {port}; 0 = any)")
    parser.add_argument("--interval", type=float, metavar="SECONDS", default=argparse.SUPPRESS,
                        help="seconds between reads of the source")


def source_from_args(args: argparse.Namespace) -> str | None:
    """`serve-feed DIR` is `--source DIR`; both at once is a usage error (message returned)."""
    folder = getattr(args, "folder", None)
    if folder is None:
        return None
    if getattr(args, "source", None):
        return "give either DIR or --source, not both"
    args.source = str(folder)
    return None


def run(args: argparse.Namespace, config: Config) -> int:
    if args.command == "serve-feed":
        from cchc_tui.commands.serve_feed import run_serve_feed

        return run_serve_feed(config, args.host, args.port)
    try:
        from cchc_tui.commands.web import run_web
    except ImportError as exc:
        print(f"cchc-tui web: needs the optional packages of cchc-tui[web] ({exc.name}): "
              'pip install "cchc-tui[web]"', file=sys.stderr)
        return EXIT_USAGE
    from cchc_tui.model.periods import PeriodError, parse_period

    period = getattr(args, "period", None) or ""
    try:
        if period:
            parse_period(period)
    except PeriodError as exc:
        print(f"cchc-tui web: --period {exc}", file=sys.stderr)
        return EXIT_USAGE
    start = [*(["--unit", args.unit] if getattr(args, "unit", "") else []),
             *(["--period", period] if period else []),
             *(["--meeting"] if getattr(args, "meeting", False) else [])]
    return run_web(config, host=args.host, port=args.port, public=args.public,
                   auth_env=args.auth_env, max_sessions=args.max_sessions,
                   config_file=getattr(args, "config", None), start=start)
