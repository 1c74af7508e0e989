"""Decode + validate + index a national-size feed, as a ratio to a bare msgspec decode.

DESIGN §8: a national columnar feed (≈ 11.000 units × 8 periods × 20 measures) decoded,
validated and indexed in ≤ 3× a bare `msgspec.json.decode` of the same bytes (aim 2×);
≤ 400 MB resident with it (aim 300). Runs are interleaved; the medians are printed.

    python bench/national_feed.py [--quick] [--long] [--runs N]
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import statistics
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import msgspec

from cchc_tui.feed.build import build_snapshot
from cchc_tui.feed.load import decode_bytes
from cchc_tui.kpi.engine import Engine, KpiResult
from cchc_tui.model.catalogue import MEASURES, Kind
from cchc_tui.model.periods import Period, parse_period
from cchc_tui.model.snapshot import Snapshot

PROVINCES, DISTRICTS, COMMUNES = 63, 10, 17
PERIODS = [f"2026-{m:02d}" for m in range(1, 9)]
FLOWS = [name for name, m in MEASURES.items() if m.kind is Kind.FLOW][:20]
QUARTER = "2026-Q2"
N_UNITS = PROVINCES * (1 + DISTRICTS * (1 + COMMUNES))


def national_feed(long_form: bool = False, seed: int = 2026) -> bytes:
    """The feed as JSON bytes; the same bytes for the same seed. Only communes carry counts."""
    rng = random.Random(seed)
    units: list[dict[str, Any]] = []
    communes: list[str] = []
    for p in range(1, PROVINCES + 1):
        units.append({"code": f"T{p:02d}", "name": f"Tỉnh Số {p}", "level": "province"})
        for d in range(1, DISTRICTS + 1):
            dc = f"T{p:02d}H{d:02d}"
            units.append({"code": dc, "name": f"Huyện Đồng {p}-{d}", "level": "district",
                          "parent": f"T{p:02d}"})
            for c in range(1, COMMUNES + 1):
                communes.append(f"{dc}X{c:02d}")
                units.append({"code": communes[-1], "name": f"Xã Phước {p}-{d}-{c}",
                              "level": "commune", "parent": dc})
    head = msgspec.json.encode({
        "format": "cchc-kpi-feed", "version": 1, "generated_at": "2026-09-05T08:00:00+07:00",
        "publisher": "cchc-tui bench (dữ liệu mô phỏng)", "units": units})[:-1]
    rows = []  # one string per commune: 8 periods × 20 measures, unit-major like the cube
    for code in communes:
        values = [rng.randrange(0, 20_000) for _ in range(len(PERIODS) * len(FLOWS))]
        if long_form:
            rows.append(",".join(
                f'{{"unit":"{code}","period":"{PERIODS[i // len(FLOWS)]}",'
                f'"measure":"{FLOWS[i % len(FLOWS)]}","value":{v}}}'
                for i, v in enumerate(values)))
        else:
            rows.append(",".join(map(str, values)))
    if long_form:
        body = b',"observations":[' + ",".join(rows).encode() + b"]}"
    else:
        axes = msgspec.json.encode({"units": communes, "periods": PERIODS, "measures": FLOWS})
        body = (b',"columns":[' + axes[:-1] + b',"values":[' + ",".join(rows).encode()
                + b"]}]}")
    return head + body


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()  # the previous run's garbage is not this run's cost
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def province_quarter(snapshot: Snapshot, unit: str, period: Period) -> list[KpiResult]:
    return Engine(snapshot).results(unit, period)


def rss_now_mb() -> float:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return float("nan")


def measure(quick: bool = False, long_form: bool = False, runs: int = 0) -> dict[str, Any]:
    """Medians of interleaved runs: the bare decode, the product's ingest, one province."""
    runs = runs or (5 if quick else 9)
    data = national_feed(long_form=long_form)
    origin = "national.json"

    def build() -> Snapshot:
        return build_snapshot([decode_bytes(data, origin)])

    # Warm-up (parse_period caches, imports); also the memory figures with the snapshot alive.
    snapshot = build()
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    rss_live = rss_now_mb()
    province, quarter = "T01", parse_period(QUARTER)
    results = province_quarter(snapshot, province, quarter)
    del snapshot
    base, full, engine = [], [], []
    for _ in range(runs):
        base.append(timed(lambda: msgspec.json.decode(data))[0])
        seconds, snapshot = timed(build)
        full.append(seconds)
        engine.append(timed(partial(province_quarter, snapshot, province, quarter))[0])
        del snapshot
    b, f, e = (statistics.median(x) for x in (base, full, engine))
    return {"mb": len(data) / 1e6, "runs": runs, "decode_ms": b * 1000, "ingest_ms": f * 1000,
            "ingest_ratio": f / b, "engine_ms": e * 1000, "kpis": len(results),
            "rss_mb": rss_live, "rss_peak_mb": rss_peak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 runs instead of 9")
    parser.add_argument("--long", action="store_true", help="long form (observations list)")
    parser.add_argument("--runs", type=int, default=0)
    args = parser.parse_args()
    got = measure(args.quick, args.long, args.runs)
    form = "long-form" if args.long else "columnar"
    n_units = f"{N_UNITS:,}".replace(",", ".")
    print(f"national feed, {form}: {got['mb']:.1f} MB, "
          f"{n_units} units, {len(PERIODS)} periods × {len(FLOWS)} measures; "
          f"median of {got['runs']} interleaved runs")
    print(f"{'step':<44}{'median':>10}{'ratio':>9}")
    print(f"{'msgspec.json.decode (baseline)':<44}{got['decode_ms']:>8.0f}ms{1:>8.2f}×")
    print(f"{'decode_bytes + build_snapshot':<44}{got['ingest_ms']:>8.0f}ms"
          f"{got['ingest_ratio']:>8.2f}×   bar ≤ 3×, aim 2×")
    step = f"Engine(s).results(T01, {QUARTER}), {got['kpis']} KPIs"
    print(f"{step:<44}"
          f"{got['engine_ms']:>8.0f}ms{got['engine_ms'] / got['decode_ms']:>8.2f}×")
    print(f"RSS with the snapshot built: {got['rss_mb']:.0f} MB now, peak "
          f"{got['rss_peak_mb']:.0f} MB (bar ≤ 400 MB, aim 300; the peak includes the feed "
          "bytes and generating them)")


if __name__ == "__main__":
    main()
