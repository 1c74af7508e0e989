"""`cchc-tui demo-dossiers -o DIR`: seeded dossier rows of a simulated province, as Parquet."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from cchc_tui.i18n import Lang, tool_says
from cchc_tui.text import format_count, format_number, printable


def run_demo_dossiers(out: Path, communes: int, months: int, seed: int, start: str,
                      lang: Lang = "vi") -> int:
    def fail(key: str, **fields: object) -> int:
        print(printable("cchc-tui demo-dossiers: " + tool_says(key, lang, **fields)),
              file=sys.stderr)
        return 2

    try:
        from cchc_tui.dossiers.demo import write_demo
    except ImportError:
        return fail("needs_extra", install='pip install "cchc-tui[dossiers]"')
    if out.exists() and not out.is_dir():
        return fail("not_a_folder", path=out)
    began = time.perf_counter()
    try:
        demo = write_demo(out, communes=communes, months=months, seed=seed, start=start)
    except OSError as exc:
        return fail("cannot_write_into", path=out, why=exc.strerror)
    seconds = format_number(time.perf_counter() - began, lang, decimals=1)
    print(printable(tool_says("demo_written", lang, rows=format_count(demo.rows, lang),
                              units=format_count(demo.units.num_rows, lang), months=months,
                              start=start, path=out, seconds=seconds)))
    return 0
