"""The command line: the dashboard (default), `report`, `validate`, `kpis`, `serve-feed`, `web`,
`demo-dossiers`, and the portal's `import-766`, `serve-portal` and `score-766`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cchc_tui import __version__
from cchc_tui.i18n import Lang
from cchc_tui.text import printable

EXIT_USAGE = 2


def _common(parser: argparse.ArgumentParser, sub: bool = False) -> None:
    # On a sub-command, absent flags must not erase the same flags given before it
    # (`cchc-tui --lang en report …`): argparse would write its default None over them.
    default = argparse.SUPPRESS if sub else None
    parser.add_argument("--source", metavar="PATH|URL", default=default,
                        help="feed file, directory of feed files, or URL "
                             "(default: the bundled fixtures)")
    parser.add_argument("--config", metavar="FILE", type=Path, default=default,
                        help="a TOML file layered over config/*.toml")
    parser.add_argument("--lang", choices=("vi", "en"), default=default,
                        help="language (default: vi)")
    parser.add_argument("--token-env", metavar="NAME", default=default,
                        help="send 'Authorization: Bearer $NAME' to an HTTP source (the "
                             "variable's name, never its value)")


class _ReportFormats:
    """`report --format`'s choices, report.FORMATS's names, imported when first asked."""

    def _names(self) -> tuple[str, ...]:
        from cchc_tui.report import FORMATS

        return tuple(FORMATS)

    def __contains__(self, name: object) -> bool:
        return name in self._names()

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cchc-tui",
        description="Bảng theo dõi chỉ số CCHC và chuyển đổi số — a terminal dashboard of "
                    "administrative-reform and digital-transformation KPIs.")
    parser.add_argument("--version", action="version", version=f"cchc-tui {__version__}")
    _common(parser)
    parser.add_argument("--interval", type=float, metavar="SECONDS",
                        help="seconds between polls of the source")
    parser.add_argument("--unit", metavar="CODE|NAME", default="",
                        help="the unit to open on, code or name ('song cau')")
    parser.add_argument("--period", metavar="P", default=None,
                        help="the period to open on: 2023, 2023-H1, 2023-Q2, 2023-06 …")
    parser.add_argument("--meeting", action="store_true",
                        help="start in meeting mode (a wall display)")
    parser.add_argument("--export-dir", metavar="DIR", default=None,
                        help="where `e` writes its files (app.export_dir)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    report = sub.add_parser("report", help="print the KPIs of one unit and period")
    _common(report, sub=True)
    report.add_argument("--unit", required=True, metavar="CODE|NAME",
                        help="unit code or name, diacritics optional ('song cau')")
    report.add_argument("--period", metavar="P",
                        help="2023, 2023-H1, 2023-Q2, 2023-06 … (default: the latest with data)")
    # The choices are read when checked or shown: the dashboard's start never imports the
    # report (and the engine under it) just to build this parser.
    report.add_argument("--format", choices=_ReportFormats(), default="table", metavar="FORMAT",
                        help="%(choices)s (default: %(default)s)")
    report.add_argument("--allow-stale", action="store_true",
                        help="when the source is down, print its saved copy (marked as such) "
                             "instead of exiting 3")

    validate = sub.add_parser("validate", help="check feed files; exit 1 if any is invalid")
    validate.add_argument("paths", nargs="+", metavar="PATH|URL",
                          help="feed files, directories or http(s) URLs")
    validate.add_argument("--quiet", action="store_true", help="print errors only")
    validate.add_argument("--config", metavar="FILE", type=Path, default=argparse.SUPPRESS,
                          help="a TOML file layered over config/*.toml (for URL settings)")
    validate.add_argument("--token-env", metavar="NAME", default=argparse.SUPPRESS,
                          help="bearer token variable for URLs")

    kpis = sub.add_parser("kpis", help="the catalogue of measures, KPIs and targets")
    kpis.add_argument("--format", choices=("md", "json"), default="md")
    kpis.add_argument("--config", metavar="FILE", type=Path, default=argparse.SUPPRESS,
                      help="a TOML file layered over config/*.toml (its targets are listed)")

    from cchc_tui.commands.serve_cli import add_parsers

    add_parsers(sub, _common)  # serve-feed (the relay) and web
    _portal_commands(sub)

    demo = sub.add_parser("demo-dossiers", help="write seeded dossier rows (Parquet) of a "
                                                "simulated province")
    demo.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    demo.add_argument("--communes", type=int, default=100, help="communes (default 100)")
    demo.add_argument("--months", type=int, default=12, help="months (default 12)")
    demo.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    demo.add_argument("--start", default="2025-01", metavar="YYYY-MM",
                      help="first month (default 2025-01)")

    score = sub.add_parser("score-766", help="the portal's 766 score from its counts: check "
                                              "and levers")
    score.add_argument("--source", dest="captures", nargs="+", metavar="FILE|URL", default=[],
                       help="the portal's seven answers of one capture, a crawler details "
                            "file, a feed written by import-766, or a source's address (the "
                            "portal's, with [source] kind = \"dvcqg\" in --config)")
    score.add_argument("--config", metavar="FILE", type=Path, default=argparse.SUPPRESS,
                       help="a TOML file layered over config/*.toml: its [source] is read "
                            "when --source names no file")
    score.add_argument("--unit", metavar="CODE|NAME", help="one unit (default: every unit)")
    score.add_argument("--format", choices=("table", "json", "md"), default="table")
    score.add_argument("--lang", choices=("vi", "en"), default=argparse.SUPPRESS,
                       help="language (default: vi)")
    return parser


def _portal_commands(sub: Any) -> None:
    imp = sub.add_parser("import-766", help="turn saved answers of the national portal's 766 "
                                            "index into a feed file")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE",
                     help="raw answers (raw_*_detail_*.json, the national service-results "
                          "answer) or the crawler's details_* files")
    imp.add_argument("-o", "--output", type=Path, required=True, metavar="FEED.json")
    imp.add_argument("--as-of", metavar="YYYY-MM-DD",
                     help="the day the figures run to, when neither the answer nor the file "
                          "name says")
    portal = sub.add_parser("serve-portal", help="answer the portal's 766 endpoints from saved "
                                                 "answers, with faults on demand (for tests)")
    portal.add_argument("folder", type=Path, metavar="DIR", help="folder of saved answers")
    portal.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1, this machine only)")
    portal.add_argument("--port", type=int, default=8766, help="port (default: 8766; 0 = any)")


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if getattr(args, "lang", None):
        out["app.lang"] = args.lang
    if getattr(args, "interval", None) is not None:
        out["app.interval"] = args.interval
    if getattr(args, "source", None):
        out["source.location"] = args.source
    if getattr(args, "token_env", None):
        out["source.token_env"] = args.token_env
    if getattr(args, "export_dir", None):
        out["app.export_dir"] = args.export_dir
    return out


def _cli_lang(argv: Sequence[str]) -> Lang:
    """The language of `--help`, argparse's errors and config errors: `--lang`, wherever it
    is on the line, else `app.lang` of the configuration (with `--config`) — of the layers
    read before a broken one — else Vietnamese."""
    config_file: str | None = None
    for i, arg in enumerate(argv):
        for flag in ("--lang", "--config"):
            value = None
            if arg == flag and i + 1 < len(argv):
                value = argv[i + 1]
            elif arg.startswith(flag + "="):
                value = arg.split("=", 1)[1]
            if value is not None and flag == "--lang" and value in ("vi", "en"):
                return "vi" if value == "vi" else "en"
            if value is not None and flag == "--config":
                config_file = value
    from cchc_tui.config import ConfigError, load_config
    from cchc_tui.resources import default_config_dir

    try:
        return load_config(config_dir=default_config_dir(),
                           extra_file=Path(config_file) if config_file else None).app.lang
    except ConfigError as exc:  # reported, in full, after parsing: in the layers' language
        return exc.lang or "vi"
    except Exception:
        return "vi"


@contextmanager
def _argparse_speaks(lang: str) -> Iterator[None]:
    """argparse's own words ("usage:", "error:", "the following arguments are required")
    in `lang`: they come from its module-level gettext functions, swapped while it runs."""
    if lang != "vi":
        yield
        return
    from cchc_tui.i18n import ARGPARSE_VI

    module: Any = argparse
    saved = module._, module.ngettext
    module._ = lambda text: ARGPARSE_VI.get(text, text)
    module.ngettext = lambda one, many, n: ARGPARSE_VI.get(one if n == 1 else many,
                                                           one if n == 1 else many)
    try:
        yield
    finally:
        module._, module.ngettext = saved


def _help_in_vietnamese(parser: argparse.ArgumentParser) -> None:
    """Every help text and description of `parser` and its sub-commands in Vietnamese."""
    from cchc_tui.i18n import cli_help_vi

    if parser.description:
        parser.description = cli_help_vi(parser.description)
    for action in parser._actions:
        if action.help and action.help is not argparse.SUPPRESS:
            action.help = cli_help_vi(action.help)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                choice.help = cli_help_vi(choice.help or "")
            for sub in set(action.choices.values()):
                _help_in_vietnamese(sub)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _cli_lang(argv)
    with _argparse_speaks(lang):
        parser = build_parser()
        if lang == "vi":
            _help_in_vietnamese(parser)
        args = parser.parse_args(argv)
    if args.command == "score-766":
        from cchc_tui.commands.score_766 import run_score_766

        files = args.captures or ([args.source] if getattr(args, "source", None) else [])
        return run_score_766(files, args.unit, args.format, lang,
                             getattr(args, "config", None))
    if args.command == "import-766":
        from cchc_tui.commands.import_766 import run_import_766

        return run_import_766(args.files, args.output, args.as_of, lang)
    if args.command == "serve-portal":
        from cchc_tui.commands.serve_portal import run_serve_portal

        return run_serve_portal(args.folder, args.host, args.port)
    if args.command in ("serve-feed", "web"):
        from cchc_tui.commands.serve_cli import source_from_args

        if (problem := source_from_args(args)) is not None:
            print(printable(f"cchc-tui {args.command}: {problem}"), file=sys.stderr)
            return EXIT_USAGE
    if args.command == "demo-dossiers":
        from cchc_tui.commands.demo_dossiers import run_demo_dossiers

        return run_demo_dossiers(args.output, args.communes, args.months, args.seed, args.start,
                                 lang)
    from cchc_tui.config import ConfigError, check_environment, is_url, load_config, url_fault
    from cchc_tui.resources import default_config_dir

    try:
        config = load_config(config_dir=default_config_dir(),
                             extra_file=getattr(args, "config", None),
                             overrides=_overrides(args))
        urls = list(args.paths) if args.command == "validate" else [config.source.location]
        for url in urls:
            if (fault := url_fault(url)) is not None:
                raise ConfigError("the command line", *fault)
        if any(is_url(u) for u in urls):  # the token must be there before anything starts
            check_environment(config.source)
    except ConfigError as exc:
        for line in f"cchc-tui: {exc.text(lang)}".splitlines():
            print(printable(line), file=sys.stderr)
        return EXIT_USAGE
    if args.command == "validate":
        from cchc_tui.commands.validate import run_validate

        return run_validate(list(args.paths), quiet=args.quiet, source=config.source,
                            checks=config.checks, lang=lang)
    if args.command in ("serve-feed", "web"):
        from cchc_tui.commands.serve_cli import run

        return run(args, config)
    if args.command == "kpis":
        from cchc_tui.commands.kpis import run_kpis

        return run_kpis(config, args.format)
    if args.command == "report":
        from cchc_tui.commands.report import run_report

        return run_report(config, unit=args.unit, period=args.period, fmt=args.format,
                          allow_stale=args.allow_stale)
    from cchc_tui.commands.dashboard import run_dashboard
    from cchc_tui.model.periods import PeriodError, parse_period

    try:
        period = parse_period(args.period) if args.period else None
    except PeriodError as exc:
        from cchc_tui.i18n import period_error_text

        text = period_error_text(args.period, str(exc), config.app.lang)
        print(printable(f"cchc-tui: --period {text}"), file=sys.stderr)
        return EXIT_USAGE
    return run_dashboard(config, unit=args.unit, period=period, meeting=args.meeting,
                         lang_given=bool(getattr(args, "lang", None)))
