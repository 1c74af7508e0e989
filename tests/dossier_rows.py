"""Dossier rows with the traps of DOSSIERS.md, and the plain-Python count the engines must match.

`plain_measures` is deliberately naive: a loop over rows, datetime arithmetic, no grouping
tricks, so that it can be read against DOSSIERS.md line by line.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from cchc_tui.model.catalogue import MEASURES

VN = timedelta(hours=7)
WITHIN = "dossiers_resolved_within_deadline"  # early + on time, once the catalogue has it
UNITS = [("P", "Tỉnh Thử", "province", None), ("D1", "Huyện Một", "district", "P"),
         ("C1", "Xã Một", "commune", "D1"), ("C2", "Phường Hai", "commune", "D1"),
         ("D2", "Huyện Hai", "district", "P")]
CLOCK = datetime(2026, 6, 15, 3, 0, tzinfo=UTC)
CHANNELS = ("online", "direct", "postal")


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _row(i: str, unit: str, channel: str, received: str, due: str | None = None,
         resolved: str | None = None, *, fee: bool = False, paid: bool = False,
         digitized: bool = False, e_result: bool = False,
         updated: str | None = None) -> dict[str, Any]:
    return {"dossier_id": i, "unit_code": unit, "procedure_code": "1.001",
            "channel": channel, "received_at": utc(received),
            "due_at": utc(due) if due else None, "resolved_at": utc(resolved) if resolved else None,
            "fee_bearing": fee, "paid_online": paid, "digitized": digitized,
            "e_result": e_result, "updated_at": utc(updated or resolved or received)}


def trap_rows() -> list[dict[str, Any]]:
    """Each row one trap; times are UTC (Vietnam is 7 hours ahead)."""
    return [
        # 18:30 UTC on 31 March is 01:30 on 1 April in Vietnam: an April dossier.
        _row("next-month", "C1", "online", "2026-03-31 18:30", "2026-04-03 10:00",
             "2026-04-02 03:00", fee=True, paid=True, digitized=True, e_result=True),
        # 16:59 UTC is 23:59 on 31 March in Vietnam: still March.
        _row("last-minute", "C1", "direct", "2026-03-31 16:59", "2026-04-01 10:00",
             "2026-04-01 02:00", fee=True, digitized=True),
        # Resolved at 23:30 in Vietnam on the due day (16:30 UTC): on time.
        _row("same-day", "C2", "online", "2026-04-06 02:00", "2026-04-10 10:00",
             "2026-04-10 16:30", e_result=True),
        # Resolved at 00:30 in Vietnam the day after the due day (17:30 UTC): late.
        _row("day-after", "C2", "postal", "2026-04-06 02:00", "2026-04-10 10:00",
             "2026-04-10 17:30"),
        # Due at 00:30 in Vietnam on 11 April (17:30 UTC on the 10th), resolved the 10th: early.
        _row("early", "C1", "online", "2026-04-06 02:00", "2026-04-10 17:30",
             "2026-04-10 09:00", digitized=True),
        # No deadline, resolved: on time.
        _row("no-deadline", "D1", "direct", "2026-04-07 02:00", None, "2026-05-20 02:00"),
        # Pending at the end of February, overdue at the end of March, resolved late in April.
        _row("across", "C2", "direct", "2026-02-20 02:00", "2026-03-05 10:00",
             "2026-04-15 02:00", fee=True),
        # Never resolved, no deadline: pending at every month's end.
        _row("open-ended", "P", "online", "2026-01-10 02:00"),
        # Due on the last day of May (Vietnam), unresolved: overdue at the end of May.
        _row("due-last-day", "C1", "online", "2026-05-20 02:00", "2026-05-31 10:00"),
        # Due 1 June 00:30 in Vietnam (31 May 17:30 UTC): still pending at the end of May.
        _row("due-after-end", "C1", "online", "2026-05-20 02:00", "2026-05-31 17:30"),
        # The same dossier twice: the later change (direct) is the one counted.
        _row("twice", "C2", "online", "2026-05-02 02:00", "2026-05-09 10:00",
             updated="2026-05-02 02:00"),
        _row("twice", "C2", "direct", "2026-05-02 02:00", "2026-05-09 10:00",
             "2026-05-08 02:00", updated="2026-05-08 02:00"),
        # A unit that is not in the units table.
        _row("lost", "Z9", "online", "2026-05-03 02:00"),
        # A channel outside the three: received, but in no channel.
        _row("bad-channel", "D2", "ONLINE", "2026-05-04 02:00", "2026-05-10 10:00",
             "2026-05-05 02:00"),
        # Resolved before received (a data error, still counted as resolved).
        _row("backwards", "D2", "direct", "2026-05-06 02:00", "2026-05-10 10:00",
             "2026-05-04 02:00"),
        # Paid online without a fee.
        _row("free-but-paid", "C2", "online", "2026-05-06 02:00", None, None, paid=True),
        # Received this month (June, the open month) and one in the future (left out).
        _row("this-month", "C1", "online", "2026-06-01 01:00", "2026-06-20 10:00"),
        _row("future", "C1", "online", "2026-08-01 01:00"),
        # No date of receipt (required): counted in no month, reported.
        dict(_row("undated", "C2", "direct", "2026-05-01 01:00"), received_at=None),
    ]


def _month(moment: datetime) -> str:
    local = moment.astimezone(UTC) + VN
    return f"{local.year:04d}-{local.month:02d}"


def _day(moment: datetime) -> date:
    return (moment.astimezone(UTC) + VN).date()


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _month_end(month: str) -> datetime:
    """The first instant after the month, in UTC (midnight in Vietnam)."""
    y, m = int(month[:4]), int(month[5:])
    y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return datetime(y, m, 1, tzinfo=UTC) - VN


def _counted(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per dossier id: the latest changed."""
    best: dict[str, dict[str, Any]] = {}
    for row in rows:
        old = best.get(row["dossier_id"])
        if old is None or row["updated_at"] > old["updated_at"]:
            best[row["dossier_id"]] = row
    return list(best.values())


def plain_measures(rows: list[dict[str, Any]], units: list[tuple[Any, ...]] = UNITS,
                   clock: datetime = CLOCK) -> dict[tuple[str, str, str], int]:
    """(unit, month, measure) → count, each unit over its own rows and its subtree's."""
    parent = {u[0]: u[3] for u in units}
    open_month = _month(clock)
    kept = [r for r in _counted(rows) if r["unit_code"] in parent and r["received_at"]
            and _month(r["received_at"]) <= open_month]
    months = [_month(r["received_at"]) for r in kept] + [
        _month(r["resolved_at"]) for r in kept
        if r["resolved_at"] and _month(r["resolved_at"]) <= open_month]
    out: dict[tuple[str, str, str], int] = defaultdict(int)

    def chain(code: str) -> list[str]:
        found = [code]
        while parent[found[-1]] is not None:
            found.append(parent[found[-1]])
        return found

    for month in _months(min(months), max(months)):
        end = _month_end(month)
        for row in kept:
            got: list[str] = []
            if _month(row["received_at"]) == month:
                got.append("dossiers_received")
                if row["channel"] in CHANNELS:
                    got.append(f"dossiers_received_{row['channel']}")
                got += [name for flag, name in (("fee_bearing", "dossiers_fee_bearing"),
                                                ("paid_online", "dossiers_paid_online"),
                                                ("digitized", "dossiers_digitized"))
                        if row[flag]]
            done, due = row["resolved_at"], row["due_at"]
            if done is not None and _month(done) == month:
                got.append("dossiers_resolved")
                if due is None or _day(done) == _day(due):
                    got.append("dossiers_resolved_on_time")
                elif _day(done) < _day(due):
                    got.append("dossiers_resolved_early")
                else:
                    got.append("dossiers_resolved_late")
                if got[-1] != "dossiers_resolved_late" and WITHIN in MEASURES:
                    got.append(WITHIN)
                if row["e_result"]:
                    got.append("dossiers_e_result")
            if row["received_at"] < end and (done is None or done >= end):
                # Overdue once the due day is over by the month's end.
                overdue = due is not None and _day(due) < (end + VN).date()
                got.append("dossiers_pending_overdue" if overdue else "dossiers_pending")
            for code in chain(row["unit_code"]):
                for name in got:
                    out[(code, month, name)] += 1
    return dict(out)


def write_parquet(folder: Path, rows: list[dict[str, Any]],
                  units: list[tuple[Any, ...]] = UNITS, *, naive: bool = False) -> Path:
    """dossiers.parquet (UTC timestamps, zoned unless `naive`) and units.csv in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = pa.timestamp("us") if naive else pa.timestamp("us", tz="UTC")
    columns: dict[str, Any] = {}
    for name in rows[0]:
        values = [r[name] for r in rows]
        if name.endswith("_at"):
            values = [v.replace(tzinfo=None) if v and naive else v for v in values]
            columns[name] = pa.array(values, stamp)
        else:
            columns[name] = pa.array(values)
    pq.write_table(pa.table(columns), folder / "dossiers.parquet")
    lines = ["code,name,level,parent"] + [f"{c},{n},{lv},{p or ''}" for c, n, lv, p in units]
    (folder / "units.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder
