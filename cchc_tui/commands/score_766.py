"""`cchc-tui score-766`: the portal's 766 score recomputed from counts, checked, and the levers."""

from __future__ import annotations

import re
import sys
from typing import Any

from cchc_tui.i18n import Lang
from cchc_tui.portal.counts import Capture, CountsError, load_capture
from cchc_tui.text import bare_name, did_you_mean, fold

PROG = "cchc-tui score-766"


def run_score_766(files: list[str], unit: str | None, fmt: str, lang: Lang) -> int:
    from cchc_tui.portal.score_report import capture_report, render_json, render_text

    if not files:
        print(f"{PROG}: --source FILE… is required: the portal's seven answers of one capture "
              "or a crawler details file", file=sys.stderr)
        return 2
    captures: list[Capture] = []
    for name in files:
        try:
            captures.append(load_capture(name))
        except CountsError as exc:
            print(f"{PROG}: {exc}", file=sys.stderr)
            return 1
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
        print(f"{PROG}: --unit {unit!r}: no such unit in {', '.join(files)}"
              f"{did_you_mean(unit, codes)}", file=sys.stderr)
        return 1
    out = render_json(reports) if fmt == "json" else render_text(
        reports, lang, md=fmt == "md", detail=unit is not None)
    sys.stdout.write(out)
    return 0


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
