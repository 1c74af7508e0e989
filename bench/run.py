"""Every benchmark of DESIGN §8 in one command: one table, or one JSON line with --json.

Each figure is a ratio against a baseline measured in the same invocation (the machines are
shared and noisy), next to its bar. Nothing here asserts; it always exits 0.

    python bench/run.py [--quick] [--json] [--only NAME,…]

--quick finishes in about a minute and a half on a 2-core machine.
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

# (module in bench/, figure, bar, aim, how the figure reads); the order is the table's.
BARS: list[tuple[str, str, float, float, str]] = [
    ("national_feed", "ingest_ratio", 3.0, 2.0, "× bare JSON decode"),
    ("national_feed", "rss_mb", 400.0, 300.0, "MB resident"),
    ("first_paint", "first_paint_ratio", 2.0, 1.5, "× a minimal Textual app"),
    ("first_paint", "first_figures_ratio", float("inf"), float("inf"),
     "× a minimal Textual app, the figures drawn"),
    ("finder_keystroke", "keystroke_ratio", 1.5, 1.3, "× a bare echo app"),
    ("unit_switch", "unit_switch_ms", 100.0, 50.0, "ms key to screen"),
    ("unit_switch", "unit_switch_ratio", float("inf"), float("inf"), "× repainting"),
    ("idle_cpu", "idle_cpu_percent", 2.0, 1.0, "% of a core"),
    ("dossiers", "dossier_ibis_ratio", 1.3, 1.3, "× hand-written DuckDB SQL"),
    ("dossiers", "dossier_province_year_s", 2.0, 2.0, "s rows to snapshot"),
    ("dossiers", "dossier_incremental_ratio", 0.2, 0.2, "× a full poll"),
]


def run_one(name: str, quick: bool) -> dict[str, Any]:
    try:
        module = importlib.import_module(name)
    except ImportError as exc:  # an optional part (the dossier extra) not installed
        return {"skipped": f"{name}: {exc}"}
    measure: Callable[..., dict[str, Any]] | None = getattr(module, "measure", None)
    if measure is None:
        return {"skipped": f"{name}: no measure()"}
    started = time.perf_counter()
    got = measure(quick=quick)
    got[f"{name}_seconds"] = time.perf_counter() - started
    return got


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (~90 s)")
    parser.add_argument("--json", action="store_true", help="one JSON line, no table")
    parser.add_argument("--only", default="", help="comma-separated bench names")
    args = parser.parse_args()
    names = list(dict.fromkeys(name for name, *_ in BARS))
    if args.only:
        names = [n for n in names if n in args.only.split(",")]
    figures: dict[str, Any] = {}
    skipped = []
    for name in names:
        got = run_one(name, args.quick)
        if "skipped" in got:
            skipped.append(got["skipped"])
        figures.update(got)
    figures = {k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}
    machine = f"{platform.machine()}, {_cores()} cores, Python {platform.python_version()}"
    if args.json:
        print(json.dumps({**figures, "quick": args.quick, "machine": machine,
                          "date": datetime.now().isoformat(timespec="seconds"),
                          "skipped": skipped}, ensure_ascii=False))
        return
    print(f"cchc-tui benchmarks, {datetime.now():%d/%m/%Y %H:%M}, {machine}"
          f"{' (quick)' if args.quick else ''}")
    print(f"{'figure':<28}{'value':>10}  {'bar':>8}  {'aim':>8}  unit")
    for _, key, bar, aim, unit in BARS:
        if key not in figures:
            continue
        value = figures[key]
        verdict = "" if bar == float("inf") else ("  met" if value <= bar else "  NOT MET")
        print(f"{key:<28}{value:>10.2f}  {_bar(bar):>8}  {_bar(aim):>8}  {unit}{verdict}")
    for line in skipped:
        print(f"skipped: {line}")


def _bar(value: float) -> str:
    return "—" if value == float("inf") else f"{value:g}"


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
        (os.cpu_count() or 1)


if __name__ == "__main__":
    main()
