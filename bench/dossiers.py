"""Dossier rows → figures: Ibis on DuckDB vs hand-written DuckDB SQL, end to end, incremental.

Prints medians and ratios next to the bars of the dossier issue; asserts nothing.

  1. the grouped counts over ≈ 10 M rows in Parquet: the Ibis expression vs the same query
     written by hand in DuckDB SQL (bar ≤ 1,3×);
  2. a province-year (≈ 500.000 rows): rows → snapshot, a full read (bar ≤ 2 s);
  3. a poll after one month's rows changed vs a full read (bar ≤ 1/5).

Run from the repo root: `python bench/dossiers.py [--quick] [--rows-communes N]`.
Generated data is kept in $TMPDIR/cchc-bench-dossiers-* between runs.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from cchc_tui.config import SourceConfig
from cchc_tui.dossiers import expression as ex
from cchc_tui.dossiers.backends import open_backend
from cchc_tui.dossiers.contract import settings_from
from cchc_tui.dossiers.demo import write_demo
from cchc_tui.dossiers.source import DossierSource

HAND_SQL = """
WITH t AS (
  SELECT dossier_id, unit_code, channel, updated_at, received_at,
         coalesce(fee_bearing, false) AS fee, coalesce(paid_online, false) AS paid,
         coalesce(digitized, false) AS dig, coalesce(e_result, false) AS er,
         CAST(received_at AS TIMESTAMP) + INTERVAL 7 HOUR AS rl,
         CAST(due_at AS TIMESTAMP) + INTERVAL 7 HOUR AS dl,
         CAST(resolved_at AS TIMESTAMP) + INTERVAL 7 HOUR AS sl
  FROM read_parquet(?)
), repeated AS (
  SELECT dossier_id FROM t WHERE dossier_id IS NOT NULL GROUP BY dossier_id HAVING count(*) > 1
), r AS (
  SELECT *, false AS dup, false AS flip, NULL::VARCHAR AS xid FROM t
  WHERE dossier_id IS NULL OR dossier_id NOT IN (SELECT dossier_id FROM repeated)
  UNION ALL
  SELECT * EXCLUDE (m, here, overall), here > 1 AS dup, overall > 1 AND here = 1 AS flip,
         CASE WHEN min(m) OVER (PARTITION BY dossier_id) <> max(m) OVER (PARTITION BY dossier_id)
              THEN dossier_id END AS xid
  FROM (
    SELECT *, row_number() OVER (PARTITION BY dossier_id, m ORDER BY ORDER) AS here,
              row_number() OVER (PARTITION BY dossier_id ORDER BY ORDER) AS overall
    FROM (SELECT *, coalesce(year(rl) * 12 + month(rl) - 1, -1) AS m
          FROM t WHERE dossier_id IN (SELECT dossier_id FROM repeated)))
)
SELECT unit_code, year(rl) * 12 + month(rl) - 1 AS a, year(sl) * 12 + month(sl) - 1 AS r,
       year(dl) * 12 + month(dl) - 1 AS d, dup, flip, xid, count(*) AS n,
       count_if(channel = 'online') AS online, count_if(channel = 'direct') AS direct,
       count_if(channel = 'postal') AS postal,
       count_if(channel IS NULL OR channel NOT IN ('online', 'direct', 'postal')) AS bad,
       count_if(fee) AS fee, count_if(paid) AS paid, count_if(paid AND NOT fee) AS pnf,
       count_if(dig) AS dig,
       count_if(sl IS NOT NULL AND dl IS NOT NULL AND CAST(sl AS DATE) < CAST(dl AS DATE)),
       count_if(sl IS NOT NULL AND (dl IS NULL OR CAST(sl AS DATE) = CAST(dl AS DATE))),
       count_if(sl IS NOT NULL AND dl IS NOT NULL AND CAST(sl AS DATE) > CAST(dl AS DATE)),
       count_if(sl IS NOT NULL AND er), count_if(sl < rl),
       min(dossier_id),
       min(dossier_id) FILTER (WHERE channel IS NULL
                               OR channel NOT IN ('online', 'direct', 'postal')),
       min(dossier_id) FILTER (WHERE paid AND NOT fee),
       min(dossier_id) FILTER (WHERE sl < rl)
FROM r GROUP BY ALL
""".replace("ORDER BY ORDER", "ORDER BY " + """
      coalesce(CAST(updated_at AS TIMESTAMP), TIMESTAMP '1970-01-01') DESC,
      coalesce(CAST(received_at AS TIMESTAMP), TIMESTAMP '1970-01-01') DESC,
      coalesce(sl, TIMESTAMP '1970-01-01') DESC, coalesce(unit_code, ''), coalesce(channel, '')""")


def median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def data(name: str, communes: int) -> Path:
    folder = Path(tempfile.gettempdir()) / f"cchc-bench-dossiers-{name}-{communes}"
    if not (folder / "done").exists():
        shutil.rmtree(folder, ignore_errors=True)
        began = time.perf_counter()
        demo = write_demo(folder, communes=communes, months=12, seed=7)
        (folder / "done").write_text(str(demo.rows))
        print(f"  generated {demo.rows:,} rows in {time.perf_counter() - began:.1f} s")
    return folder


def ibis_vs_sql(folder: Path, runs: int) -> dict[str, float]:
    files = sorted(str(p) for p in folder.glob("dossiers*.parquet"))
    rows = int((folder / "done").read_text())
    settings = settings_from(SourceConfig(location=str(folder)))
    backend = open_backend(settings)
    plain = duckdb.connect()
    plain.execute("SET TimeZone = 'UTC'")
    plain.execute("SET enable_progress_bar = false")

    def with_ibis() -> list[int]:
        table = ex.grouped(ex.rows(backend.tables["dossiers"], settings, "bench")).to_pyarrow()
        return [pc.sum(table[k]).as_py() for k in ex.SUMS]

    def by_hand() -> list[int]:
        table = plain.sql(HAND_SQL.replace("?", repr(files))).to_arrow_table()
        return [int(pc.sum(table[k]).as_py()) for k in range(7, 7 + len(ex.SUMS))]

    assert with_ibis() == by_hand(), "the two queries disagree on the totals"
    t_ibis, t_sql = [], []
    for _ in range(runs):  # interleaved, so that the machine's noise hits both
        t_sql.append(median_time(by_hand, 1))
        t_ibis.append(median_time(with_ibis, 1))
    a, b = statistics.median(t_ibis), statistics.median(t_sql)
    print(f"1. grouped counts over {rows:,} rows: hand SQL {b:.2f} s, Ibis {a:.2f} s, "
          f"ratio {a / b:.2f}× (bar ≤ 1,3×)")
    backend.close()
    return {"dossier_rows": rows, "dossier_ibis_s": a, "dossier_sql_s": b,
            "dossier_ibis_ratio": a / b}


def province(folder: Path, runs: int) -> dict[str, float]:
    rows = int((folder / "done").read_text())
    config = SourceConfig(location=str(folder))

    def full() -> object:
        return DossierSource(settings_from(config)).read().snapshot

    full()  # imports and the OS cache, once
    work = Path(tempfile.mkdtemp(prefix="cchc-bench-poll-"))
    try:
        for p in folder.iterdir():
            shutil.copy(p, work / p.name)
        source = DossierSource(settings_from(SourceConfig(location=str(work))))
        source.read()
        last = sorted(work.glob("dossiers*.parquet"))[-1]
        table = pq.read_table(last)
        fulls, polls = [], []
        for i in range(runs + 1):
            # One month's rows change: every sixteenth gets a fresh updated_at.
            fresh = pc.max(table["updated_at"]).as_py() + timedelta(seconds=1)
            picked = pc.equal(pc.bit_wise_and(pc.cast(pc.utf8_slice_codeunits(
                table["dossier_id"], 2), "int64"), 15), i)
            bumped = pc.if_else(picked, pa.scalar(fresh, table["updated_at"].type),
                                table["updated_at"])
            table = table.set_column(table.column_names.index("updated_at"), "updated_at",
                                     bumped)
            pq.write_table(table, last)
            began = time.perf_counter()
            result = source.read()
            took = time.perf_counter() - began
            assert result.snapshot is not None and source.last_months is not None
            if i:  # the first poll of a source compiles its queries, as the first full read
                polls.append(took)
                # interleaved, so that the machine's noise hits both
                fulls.append(median_time(full, 1))
        t_full, t_poll = statistics.median(fulls), statistics.median(polls)
        print(f"2. province-year, {rows:,} rows → snapshot: {t_full:.2f} s (bar ≤ 2 s)")
        print(f"3. poll after one month changed: {t_poll:.3f} s vs full {t_full:.2f} s, "
              f"ratio {t_poll / t_full:.2f} (bar ≤ 0,20); months recounted: "
              f"{len(source.last_months or [])}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"dossier_province_rows": rows, "dossier_province_year_s": t_full,
            "dossier_poll_s": t_poll, "dossier_incremental_ratio": t_poll / t_full}


def measure(quick: bool = False, communes: int = 0) -> dict[str, float]:
    """The figures for bench/run.py; --quick counts ≈ 2 M rows instead of ≈ 10 M."""
    runs = 3 if quick else 5
    big = communes or (600 if quick else 3000)
    return {**ibis_vs_sql(data("big", big), runs), **province(data("province", 100), runs)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    parser.add_argument("--rows-communes", type=int, default=3000,
                        help="communes of the big data set (3000 ≈ 10 M rows a year)")
    args = parser.parse_args()
    runs = 3 if args.quick else 5
    print("dossier rows (medians of", runs, "runs)")
    ibis_vs_sql(data("big", args.rows_communes), runs)
    province(data("province", 100), runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
