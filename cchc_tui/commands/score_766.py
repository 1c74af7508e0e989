"""`cchc-tui score-766`: the portal's 766 score recomputed from counts, checked, and the levers."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from cchc_tui.i18n import Lang
from cchc_tui.portal.counts import Capture, CountsError, captures_of, load_captures
from cchc_tui.text import bare_name, did_you_mean, fold, printable

PROG = "cchc-tui score-766"


def _say(text: str) -> None:
    for line in text.splitlines() or [""]:
        print(printable(line), file=sys.stderr)


def run_score_766(files: list[str], unit: str | None, fmt: str, lang: Lang,
                  config_file: Path | None = None) -> int:
    from cchc_tui.config import is_url
    from cchc_tui.portal.score_report import capture_report, render_json, render_text

    if not files and config_file is None:
        _say(f"{PROG}: --source FILE… is required: the portal's seven answers of one capture, "
             "a crawler details file or a feed written by import-766 (or --config naming a "
             "[source], such as the portal: kind = \"dvcqg\")")
        return 2
    captures: list[Capture] = []
    for name in files or [""]:
        try:
            if name and not is_url(name):
                captures.extend(load_captures(name))
                continue
            got = _from_source(name, config_file, lang)
        except CountsError as exc:
            _say(f"{PROG}: {exc}")
            return 1
        if isinstance(got, int):
            return got
        captures.extend(got)
    reports: list[dict[str, Any]] = []
    for capture in captures:
        only = None
        if unit is not None:
            only = _matching(capture, unit)
            if not only:
                continue
        reports.append(capture_report(capture, lang, only))
    if unit is not None and not any(r["units"] for r in reports):
        codes = [c for cap in captures for c in cap.units]
        _say(f"{PROG}: --unit {unit!r}: no such unit in {', '.join(files) or 'the source'}"
             f"{did_you_mean(unit, codes)}")
        return 1
    out = render_json(reports) if fmt == "json" else render_text(
        reports, lang, md=fmt == "md", detail=unit is not None)
    sys.stdout.write(out)
    return 0


def _from_source(location: str, config_file: Path | None,
                 lang: Lang) -> list[Capture] | int:
    """The captures of a configured source (the live portal, a relay, a feed URL): one forced
    read, as `report` does. An int is the exit code of a failure already said."""
    from cchc_tui.config import ConfigError, check_environment, is_url, load_config, url_fault
    from cchc_tui.resources import default_config_dir
    from cchc_tui.sources.base import SourceFailure, SourceUnavailable, open_source

    try:
        config = load_config(config_dir=default_config_dir(), extra_file=config_file,
                             overrides={"source.location": location} if location else {})
        if (fault := url_fault(config.source.location)) is not None:
            raise ConfigError("the command line", *fault)
        if is_url(config.source.location):
            check_environment(config.source)
        source = open_source(config)
    except ConfigError as exc:
        _say(f"{PROG}: {exc.text(lang)}")
        return 2
    except SourceUnavailable as exc:
        _say(f"{PROG}: {exc}")
        return 2
    try:
        result = source.read(force=True)
    except SourceFailure as exc:
        from cchc_tui.commands.report import cannot_read

        _say(cannot_read(PROG, exc, lang))
        return 1
    finally:
        where = source.describe()
        source.close()
    if result.saved_age is not None:  # the source failed: never score a stale copy silently
        _say(f"{PROG}: source unreachable: {result.failure}")
        return 1
    assert result.snapshot is not None  # a forced read gives figures or raises
    captures = captures_of(result.snapshot, where, "source")
    if not captures:
        raise CountsError(f"{where}: no 766 figures metric by metric in this source (the "
                          "portal's, or a feed written by import-766, carry them)")
    return captures


def _matching(capture: Capture, wanted: str) -> list[str]:
    """The unit with this code, else the units whose name (diacritics optional) matches."""
    by_code = {code.casefold(): code for code in capture.units}
    if wanted.casefold() in by_code:
        return [by_code[wanted.casefold()]]
    key = fold(wanted)
    exact = [c for c, u in capture.units.items()
             if key in (fold(u.name), bare_name(fold(u.name)))
             or bare_name(fold(u.name)).startswith(key + " -")]
    if exact:
        return exact
    words = re.compile(r"(^|\s)" + re.escape(key) + r"(\s|$)")  # whole words: "ia" ≠ "gia"
    return [c for c, u in capture.units.items() if key and words.search(fold(u.name))]
