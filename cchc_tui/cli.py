"""The command line: the dashboard (default), `report`, `validate` and `serve-feed`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cchc_tui import __version__

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--source", metavar="PATH|URL",
                        help="feed file, directory of feed files, or URL "
                             "(default: the bundled fixtures)")
    parser.add_argument("--config", metavar="FILE", type=Path,
                        help="a TOML file layered over config/*.toml")
    parser.add_argument("--lang", choices=("vi", "en"), help="language (default: vi)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cchc-tui",
        description="Bảng theo dõi chỉ số CCHC và chuyển đổi số — a terminal dashboard of "
                    "administrative-reform and digital-transformation KPIs.")
    parser.add_argument("--version", action="version", version=f"cchc-tui {__version__}")
    _common(parser)
    parser.add_argument("--interval", type=float, metavar="SECONDS",
                        help="seconds between polls of the source")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    report = sub.add_parser("report", help="print the KPIs of one unit and period")
    _common(report)
    report.add_argument("--unit", required=True, metavar="CODE|NAME",
                        help="unit code or name, diacritics optional ('song cau')")
    report.add_argument("--period", metavar="P",
                        help="2023, 2023-H1, 2023-Q2, 2023-06 … (default: the latest with data)")
    report.add_argument("--format", choices=("table", "json", "csv", "md"), default="table")

    validate = sub.add_parser("validate", help="check feed files; exit 1 if any is invalid")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="feed files or directories")
    validate.add_argument("--quiet", action="store_true", help="print errors only")
    return parser


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if getattr(args, "lang", None):
        out["app.lang"] = args.lang
    if getattr(args, "interval", None) is not None:
        out["app.interval"] = args.interval
    if getattr(args, "source", None):
        out["source.location"] = args.source
    return out


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "validate":
        from cchc_tui.commands.validate import run_validate

        return run_validate([Path(p) for p in args.paths], quiet=args.quiet)

    from cchc_tui.config import ConfigError, load_config
    from cchc_tui.resources import default_config_dir

    try:
        config = load_config(config_dir=default_config_dir(), extra_file=args.config,
                             overrides=_overrides(args))
    except ConfigError as exc:
        print(f"cchc-tui: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "report":
        from cchc_tui.commands.report import run_report

        return run_report(config, unit=args.unit, period=args.period, fmt=args.format)
    from cchc_tui.commands.dashboard import run_dashboard

    return run_dashboard(config)
