"""`cchc-tui demo-dossiers -o DIR`: seeded dossier rows of a simulated province, as Parquet."""

from __future__ import annotations

import sys
import time
from pathlib import Path


def run_demo_dossiers(out: Path, communes: int, months: int, seed: int, start: str) -> int:
    try:
        from cchc_tui.dossiers.demo import write_demo
    except ImportError:
        print("cchc-tui demo-dossiers: needs the optional packages: "
              "pip install \"cchc-tui[dossiers]\"", file=sys.stderr)
        return 2
    if out.exists() and not out.is_dir():
        print(f"cchc-tui demo-dossiers: -o {out}: exists and is not a folder", file=sys.stderr)
        return 2
    began = time.perf_counter()
    try:
        demo = write_demo(out, communes=communes, months=months, seed=seed, start=start)
    except OSError as exc:
        print(f"cchc-tui demo-dossiers: cannot write into {out}: {exc.strerror}",
              file=sys.stderr)
        return 2
    print(f"wrote {demo.rows:,} dossiers of {demo.units.num_rows} units, {months} months from "
          f"{start}, into {out} ({time.perf_counter() - began:.1f} s); try: "
          f"cchc-tui --source {out}")
    return 0
