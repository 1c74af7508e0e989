"""Grouped dossier counts → a columnar cube (units × months × measures) in a RawFeed.

The groups come from `expression.grouped`; here flows are placed in their month, stocks are
built as +n / −n events cumulated over the months, and every unit gets its own rows plus its
whole subtree (DOSSIERS.md). All of it is numpy over groups, never over rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cchc_tui.feed.raw import CubeBlock, FeedIssue, RawFeed, UnitRecord
from cchc_tui.i18n import DOSSIER_PROBLEMS, dossier_problem
from cchc_tui.model.catalogue import MEASURES
from cchc_tui.text import format_count

RECEIVED = {"dossiers_received": "n", "dossiers_received_online": "online",
            "dossiers_received_direct": "direct", "dossiers_received_postal": "postal",
            "dossiers_fee_bearing": "fee", "dossiers_paid_online": "paid",
            "dossiers_digitized": "digitized"}
RESOLVED = {"dossiers_resolved": "n", "dossiers_resolved_early": "early",
            "dossiers_resolved_on_time": "on_time", "dossiers_resolved_late": "late",
            "dossiers_e_result": "e_result"}
STOCKS = ("dossiers_pending", "dossiers_pending_overdue")
WITHIN = "dossiers_resolved_within_deadline"  # early + on time, when the catalogue has it
PROCEDURES = {"procedures_total": "total", "procedures_online_full": "full",
              "procedures_online_partial": "partial"}


def measures() -> list[str]:
    names = [*RECEIVED, *RESOLVED, *STOCKS]
    return names + ([WITHIN] if WITHIN in MEASURES else [])


def month_label(index: int) -> str:
    year, month0 = divmod(index, 12)
    return f"{year:04d}-{month0 + 1:02d}"


@dataclass
class Problems:
    """Counts of each data problem, with a few example ids (filled in by the source)."""

    counts: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)
    unknown_codes: list[str] = field(default_factory=list)
    open_month: int = 0

    def issues(self, origin: str) -> list[FeedIssue]:
        """One warning per problem found, in English for `validate`, with what the findings
        screen needs to say it in either language (kind dossier_…, args)."""
        out = []
        codes = ", ".join(self.unknown_codes[:5]) + (", …" if len(self.unknown_codes) > 5
                                                       else "")
        for kind in DOSSIER_PROBLEMS:
            n = self.counts.get(kind, 0)
            if not n:
                continue
            args = {"n": str(n), "codes": codes, "month": month_label(self.open_month),
                    "ids": ", ".join(self.examples.get(kind) or [])}
            text = dossier_problem(kind, {**args, "n": format_count(n, "en")}, "en")
            out.append(FeedIssue(origin, "", f"data problem: {text}", "warning",
                                 f"dossier_{kind}", tuple(args.items())))
        return out


KEYS = ("unit_code", "a", "r", "d", "dup", "flip", "xid")  # expression.KEYS: the group keys


def corrected(groups: pa.Table, flips: pa.Table | None) -> pa.Table:
    """Month counts (a repeated id counted once in each month of receipt) turned into the
    count of the whole table: each `flip` group's copies, counted in their month although a
    copy in another month is the one kept, move from counted to repeats, as a negative group
    beside a positive one (every measure is a sum, so the cube adds them like any other)."""
    if flips is None or not flips.num_rows:
        return groups
    flips = flips.cast(groups.schema)
    n = flips.num_rows
    repeats = flips.set_column(flips.column_names.index("dup"), "dup",
                               pa.array([True] * n, pa.bool_()))
    undone = flips
    for k, name in enumerate(flips.column_names):
        if name in KEYS:
            continue
        column = flips[name]
        undone = undone.set_column(k, name, pa.nulls(n, column.type)
                                   if name.startswith("first") else pc.negate(column))
    return pa.concat_tables([groups, repeats, undone])


def _ints(column: pa.ChunkedArray | pa.Array, missing: int) -> np.ndarray:
    return np.asarray(pc.fill_null(column, missing).to_numpy(zero_copy_only=False),
                      dtype=np.int64)


def _subtree_sums(cube: np.ndarray, codes: list[str], parents: list[str | None]) -> None:
    """Add every unit's figures into each of its ancestors (deepest units first)."""
    index = {c: i for i, c in enumerate(codes)}
    depth = [0] * len(codes)
    for i, code in enumerate(codes):
        seen, parent = {code}, parents[i]
        while parent in index and parent not in seen and depth[i] < len(codes):
            seen.add(parent)
            depth[i] += 1
            parent = parents[index[parent]]
    for i in sorted(range(len(codes)), key=lambda k: -depth[k]):
        parent = parents[i]
        if parent in index and depth[i] > 0:
            cube[index[parent]] += cube[i]


def build_cube(groups: pa.Table, codes: list[str], parents: list[str | None],
               open_month: int) -> tuple[list[str], np.ndarray, Problems]:
    """(periods, cube of shape units × months × measures, problems) from grouped counts."""
    problems = Problems(open_month=open_month)
    names = measures()
    where = pc.index_in(groups["unit_code"], value_set=pa.array(codes, pa.string()))
    unit = _ints(where, -1)
    dup = np.asarray(pc.fill_null(groups["dup"], False).to_numpy(zero_copy_only=False),
                     dtype=bool)
    sums = {name: _ints(groups[name], 0) for name in groups.column_names
            if name not in KEYS and not name.startswith("first")}
    never = np.iinfo(np.int64).max // 2
    a, r, d = (_ints(groups[k], never) for k in ("a", "r", "d"))
    n = sums["n"]
    counted = ~dup
    problems.counts["duplicate"] = int(n[dup].sum())
    for kind in ("bad_channel", "before_received", "paid_no_fee"):
        problems.counts[kind] = int(sums[kind][counted].sum())
    lost = counted & (unit < 0)
    problems.counts["unknown_unit"] = int(n[lost].sum())
    net: dict[str, int] = {}  # a correction may take a code's count back to nothing
    for code, k in zip(pc.filter(groups["unit_code"], pa.array(lost)).to_pylist(), n[lost],
                       strict=True):
        net[str(code)] = net.get(str(code), 0) + int(k)
    problems.unknown_codes = sorted(c for c, k in net.items() if k > 0)
    for kind, rows, first in (("duplicate", dup, "first_id"), ("unknown_unit", lost, "first_id"),
                               ("bad_channel", counted, "first_bad_channel"),
                               ("before_received", counted, "first_before_received"),
                               ("paid_no_fee", counted, "first_paid_no_fee")):
        ids = pc.filter(groups[first], pa.array(rows)).drop_null()
        problems.examples[kind] = sorted(set(ids.to_pylist()))[:3]
    future = counted & (((a > open_month) & (a < never)) | ((r > open_month) & (r < never)))
    problems.counts["future"] = int(n[future & (unit >= 0)].sum())
    problems.counts["no_received"] = int(n[counted & (unit >= 0) & (a == never)].sum())
    keep = counted & (unit >= 0) & (a <= open_month)
    if not keep.any():
        return [], np.zeros((len(codes), 0, len(names)), np.int64), problems
    lo = int(a[keep].min())
    hi = max(int(a[keep].max()), int(r[keep & (r <= open_month)].max(initial=lo)))
    months = hi - lo + 1
    cube = np.zeros((len(codes), months, len(names)), np.int64)
    column = {name: k for k, name in enumerate(names)}

    def place(month: np.ndarray, rows: np.ndarray, values: np.ndarray, measure: str) -> None:
        ok = rows & (month >= lo) & (month <= hi)
        flat = unit[ok] * months + (month[ok] - lo)
        cube[:, :, column[measure]] += np.bincount(
            flat, weights=values[ok], minlength=len(codes) * months
        ).astype(np.int64).reshape(len(codes), months)

    for measure, key in RECEIVED.items():
        place(a, keep, sums[key], measure)
    for measure, key in RESOLVED.items():
        place(r, keep & (r < never), sums[key], measure)
    if WITHIN in column:
        place(r, keep & (r < never), sums["early"] + sums["on_time"], WITHIN)
    # Pending at a month's end: received by then, unresolved, due day not yet reached,
    # i.e. months a … min(r, d) − 1; overdue: months max(a, d) … r − 1 (d known).
    for measure, start, stop, rows in (
            ("dossiers_pending", a, np.minimum(r, d), keep),
            ("dossiers_pending_overdue", np.maximum(a, d), r, keep & (d < never))):
        live = rows & (start < stop)
        place(start, live, n, measure)
        place(stop, live, -n, measure)
    for measure in STOCKS:
        np.cumsum(cube[:, :, column[measure]], axis=1, out=cube[:, :, column[measure]])
    _subtree_sums(cube, codes, parents)
    return [month_label(m) for m in range(lo, hi + 1)], cube, problems


def procedure_cube(stocks: pa.Table, codes: list[str], parents: list[str | None]) -> np.ndarray:
    """Procedure stocks per unit (units × 1 × 3), subtree sums included."""
    cube = np.zeros((len(codes), 1, len(PROCEDURES)), np.int64)
    unit = _ints(pc.index_in(stocks["unit_code"], value_set=pa.array(codes, pa.string())), -1)
    ok = unit >= 0
    for k, key in enumerate(PROCEDURES.values()):
        cube[:, 0, k] = np.bincount(unit[ok], weights=_ints(stocks[key], 0)[ok],
                                    minlength=len(codes)).astype(np.int64)
    _subtree_sums(cube, codes, parents)
    return cube


def raw_feed(origin: str, publisher: str, generated: datetime, units: pa.Table,
             periods: list[str], cube: np.ndarray, problems: Problems,
             procedures: np.ndarray | None, procedure_month: str) -> RawFeed:
    """The RawFeed that `build_snapshot` checks and stores like any columnar feed."""
    table = units.to_pydict()
    codes = table["code"]
    feed = RawFeed(origin, meta={"generated_at": generated.isoformat(timespec="seconds"),
                                 "publisher": publisher, "title": "dossier records"})
    feed.units = [UnitRecord(c, nm, lv, p, None, f"units row {i + 1}")
                  for i, (c, nm, lv, p) in enumerate(
                      zip(codes, table["name"], table["level"], table["parent"], strict=True))]
    if periods:
        # Counts by construction (sums of rows, stocks of intervals): no per-value check.
        feed.blocks.append(CubeBlock(codes, periods, measures(), cube.reshape(-1).tolist(),
                                     "dossiers", counts_checked=True))
    if procedures is not None and procedure_month:
        feed.blocks.append(CubeBlock(codes, [procedure_month], list(PROCEDURES),
                                     procedures.reshape(-1).tolist(), "procedures",
                                     counts_checked=True))
    feed.warnings.extend(problems.issues(origin))
    return feed
