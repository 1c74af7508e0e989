"""The one Ibis expression: dossier rows → counts per unit × Vietnamese month (DOSSIERS.md).

The database does the heavy part, a single grouped scan: rows grouped by the receiving unit,
the Vietnamese months of receipt (`a`), resolution (`r`) and deadline (`d`), and whether the
row repeats a dossier id received the same month (`dup`; `flip` and `xid` carry the ids whose
copies lie in several months, see `grouped`). Every measure of DOSSIERS.md follows from these
groups — flows land in month `a` or `r`, stocks are intervals between `a`, `d` and `r` — so
`cube.py` finishes with a few numpy sums over a few hundred thousand groups, whatever the row
count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir

from cchc_tui.dossiers.contract import (
    CHANNELS,
    DOSSIER_COLUMNS,
    FLAGS,
    OPTIONAL_COLUMNS,
    TIMESTAMPS,
    DossierSettings,
)

VIETNAM = timedelta(hours=7)
VIETNAM_OFFSET = ibis.interval(hours=7)  # Asia/Ho_Chi_Minh: UTC+7, no daylight saving
EPOCH = ibis.timestamp("1970-01-01 00:00:00")
# The sums of every group, in the order cube.py reads them.
SUMS = ("n", "online", "direct", "postal", "bad_channel", "fee", "paid", "paid_no_fee",
        "digitized", "early", "on_time", "late", "e_result", "before_received")


class DossierDataError(ValueError):
    """The tables are not shaped as DOSSIERS.md says (after the column mapping)."""


@dataclass(frozen=True, slots=True)
class Rows:
    """The dossiers table under the contract's names and types (Vietnamese times are derived
    later, after the filters)."""

    table: ir.Table
    has_updated_at: bool
    lean: ir.Table | None = None  # only dossier_id, received_at, updated_at: quicker to compile


def _kind_ok(name: str, kind: dt.DataType) -> bool:
    if name in TIMESTAMPS:
        return bool(kind.is_timestamp() or kind.is_date())
    if name in FLAGS:
        return bool(kind.is_boolean() or kind.is_integer())
    return kind.is_string() or (name in ("dossier_id", "procedure_code") and kind.is_integer())


def _expected(name: str) -> str:
    if name in TIMESTAMPS:
        return "a timestamp or a date"
    return "a boolean (or 0/1)" if name in FLAGS else "text"


def _local(column: ir.Value) -> ir.TimestampValue:
    """Vietnamese wall time. A zoned column is first read as UTC (every backend's session
    zone is set to UTC); a plain timestamp is UTC by the contract; a date is already a day."""
    kind = column.type()
    if kind.is_date():
        return column.cast(dt.Timestamp())
    if getattr(kind, "timezone", None):
        column = column.cast(dt.Timestamp())
    return column + VIETNAM_OFFSET


def _month(local: ir.TimestampValue) -> ir.IntegerValue:
    return local.year() * 12 + local.month() - 1


def rows(raw: ir.Table, settings: DossierSettings, origin: str) -> Rows:
    """Select and rename the mapped columns and check their types."""
    picked: dict[str, ir.Value] = {}
    for name in DOSSIER_COLUMNS:
        real = settings.column("dossiers", name)
        if real not in raw.columns:
            if name in OPTIONAL_COLUMNS:
                continue
            mapped = f" (mapped from `{name}`)" if real != name else ""
            raise DossierDataError(
                f"{origin}: table {settings.table('dossiers')} has no column {real}{mapped}; "
                f"it has {', '.join(raw.columns)}")
        column = raw[real]
        if not _kind_ok(name, column.type()):
            raise DossierDataError(
                f"{origin}: column {settings.table('dossiers')}.{real} is {column.type()}; "
                f"expected {_expected(name)} ({name} of DOSSIERS.md)")
        if name in FLAGS:
            column = column.cast("boolean") if column.type().is_integer() else column
            column = column.fill_null(False)
        elif name in ("dossier_id", "procedure_code", "unit_code"):
            column = column.cast("string")
        picked[name] = column
    channel = picked["channel"]
    if settings.values:
        channel = channel.substitute(settings.values, else_=channel)
    picked["channel"] = channel
    lean = raw.select(**{k: picked[k] for k in ("dossier_id", "received_at", "updated_at")
                         if k in picked})
    return Rows(raw.select(**picked), "updated_at" in picked, lean)


def _derived(t: ir.Table) -> ir.Table:
    """Vietnamese times, days and month indexes (added late: cheaper after the filters)."""
    received, due = _local(t.received_at), _local(t.due_at)
    resolved = _local(t.resolved_at)
    return t.mutate(received_local=received, due_local=due, resolved_local=resolved,
                    a=_month(received), d=_month(due), r=_month(resolved),
                    received_day=received.date(), due_day=due.date(),
                    resolved_day=resolved.date())


def _order(rows: Rows, table: ir.Table) -> list[ir.Value]:
    """Which copy of a dossier id is counted: the latest changed, then the latest received;
    nulls are made explicit because backends sort them differently."""
    order = []
    if rows.has_updated_at:
        order.append(ibis.desc(table.updated_at.cast(dt.Timestamp()).fill_null(EPOCH)))
    order += [ibis.desc(table.received_at.cast(dt.Timestamp()).fill_null(EPOCH)),
              ibis.desc(table.resolved_at.cast(dt.Timestamp()).fill_null(EPOCH)),
              table.unit_code.fill_null(""), table.channel.fill_null("")]
    return order


def _ranked(rows: Rows, table: ir.Table, whole: bool) -> ir.Table:
    """Number the copies of each dossier id within its month of receipt: copy 0 is counted
    there (`dup` false), the others are repeats. With `whole` (the table holds every copy of
    its ids) also `flip`: a copy counted in its month although a copy in another month is the
    one counted overall, and `xid`: the id, when its copies lie in more than one month."""
    order = _order(rows, table)
    month = _month(_local(table.received_at)).fill_null(-1)  # no receipt: a "month" apart
    local = ibis.row_number().over(group_by=[table.dossier_id, month], order_by=order)
    out = table.mutate(dup=local > 0)
    if not whole:
        return out.mutate(flip=ibis.literal(False), xid=ibis.null(dt.string))
    overall = ibis.row_number().over(group_by=table.dossier_id, order_by=order)
    spread = month.min().over(group_by=table.dossier_id) != \
        month.max().over(group_by=table.dossier_id)
    return out.mutate(flip=(overall > 0) & (local == 0),
                      xid=ibis.ifelse(spread, table.dossier_id, ibis.null(dt.string)))


def _runs(months: list[int]) -> list[tuple[int, int]]:
    """Sorted months as runs of consecutive months: [(first, last), …]."""
    runs: list[tuple[int, int]] = []
    for m in months:
        if runs and runs[-1][1] == m - 1:
            runs[-1] = (runs[-1][0], m)
        else:
            runs.append((m, m))
    return runs


def _received_in(t: ir.Table, months: list[int]) -> ir.BooleanValue:
    """Rows received in these Vietnamese months, as ranges of the stored column itself, so
    that Parquet statistics and indexes skip what lies outside."""
    column, kind = t.received_at, t.received_at.type()
    test: ir.BooleanValue | None = None
    for first, last in _runs(months):
        lo = datetime(first // 12, first % 12 + 1, 1)
        hi = datetime((last + 1) // 12, (last + 1) % 12 + 1, 1)
        if kind.is_date():
            bounds = (ibis.literal(lo.date()), ibis.literal(hi.date()))
        else:  # Vietnamese midnight is 17:00 UTC the day before
            zone = UTC if getattr(kind, "timezone", None) else None
            bounds = tuple(ibis.literal((b - VIETNAM).replace(tzinfo=zone), type=kind)
                           for b in (lo, hi))
        part = (column >= bounds[0]) & (column < bounds[1])
        test = part if test is None else test | part
    assert test is not None
    return test


def _split(rows: Rows, table: ir.Table, whole: bool) -> tuple[ir.Table, ir.Table]:
    """(rows whose id occurs once, the copies of repeated ids ranked by `_ranked`). Only
    repeated ids are ranked: a window over every row sorts all of them, while repeats are
    few (a null id repeats nothing)."""
    copies = table.group_by("dossier_id").aggregate(copies=table.count())
    repeated = copies.filter((copies.copies > 1) & copies.dossier_id.notnull())
    once = table.filter(table.dossier_id.isnull() | ~table.dossier_id.isin(repeated.dossier_id))
    twice = _ranked(rows, table.filter(table.dossier_id.isin(repeated.dossier_id)), whole)
    return once, twice


KEYS = ("unit_code", "a", "r", "d", "dup", "flip", "xid")
FIRSTS = ("first_id", "first_bad_channel", "first_paid_no_fee", "first_before_received")


def grouped(rows: Rows, months: Iterable[int] | None = None) -> ir.Table:
    """The grouped counts (KEYS, SUMS, FIRSTS) over every row, or over the rows received in
    `months`. A repeated id counts once in each month of receipt (`dup` marks its other
    copies there); over every row, the groups with `flip` say which of those must become
    repeats because a copy in another month is the one counted (see `corrections`)."""
    t = rows.table
    if months is not None:
        t = t.filter(_received_in(t, sorted(set(months))))
    once, twice = _split(rows, t, whole=months is None)
    # The rows of ids seen once are grouped without the keys only repeats need: a text key
    # that is null on every row made the whole grouping a fifth slower (bench/dossiers.py).
    single = _counts(_derived(once), KEYS[:4]).mutate(
        dup=False, flip=False, xid=ibis.null(dt.string))
    return single.select(*KEYS, *SUMS, *FIRSTS).union(_counts(_derived(twice), KEYS))


def corrections(rows: Rows, ids: list[str]) -> ir.Table:
    """The `flip` groups of these ids (ids whose copies lie in several months), ranked over
    all their copies, shaped as `grouped`'s (see `cube.corrected`)."""
    t = rows.table
    t = _derived(_ranked(rows, t.filter(t.dossier_id.isin(ids)), whole=True))
    return _counts(t.filter(t.flip))


def changes(rows: Rows, since: object | None, months: list[int], ids: list[str]) -> ir.Table:
    """What a poll must look at, in one small query: the rows changed after `since` (an
    updated_at value; rows without one count as changed when received in `months`; no
    updated_at column: every row received in `months`), flagged `changed`, with every other
    copy of their ids and of `ids`, each with its month of receipt `a` (and its updated_at).

    Each part is a plain filter on stored columns, so that Parquet statistics and indexes skip
    what lies outside: recent stamps, the range of the changed ids, the listed ids."""
    t = rows.lean if rows.lean is not None else rows.table
    recent = _received_in(t, months)
    if since is not None:
        kind = t.updated_at.type()
        if isinstance(since, datetime):  # the stamp's own value, in the column's own kind
            utc = since.astimezone(UTC) if since.tzinfo else since.replace(tzinfo=UTC)
            since = utc if getattr(kind, "timezone", None) else utc.replace(tzinfo=None)
        changed = (t.updated_at > ibis.literal(since, type=kind)) | \
            (t.updated_at.isnull() & recent)
    else:
        changed = recent
    fresh = t.filter(changed)  # one relation, read once (a CTE) for its three uses
    touched = fresh.select("dossier_id")
    near = t.dossier_id.between(touched.dossier_id.min().as_scalar(),
                                touched.dossier_id.max().as_scalar())
    copies = t.filter(near & ~changed.fill_null(False)).semi_join(touched, "dossier_id")
    parts = [fresh.mutate(changed=True), copies.mutate(changed=False)]
    if ids:
        parts.append(t.filter(t.dossier_id.isin(ids)).mutate(changed=False))
    keep = ["dossier_id", "received_at", "changed"] + (["updated_at"] if since is not None
                                                       else [])
    out = ibis.union(*(p.select(*keep) for p in parts), distinct=False)
    return out.select(*[k for k in keep if k != "received_at"],
                      a=_month(_local(out.received_at)))


def _counts(t: ir.Table, keys: tuple[str, ...] = KEYS) -> ir.Table:
    done = t.resolved_at.notnull()
    early = done & t.due_day.notnull() & (t.resolved_day < t.due_day)
    on_time = done & (t.due_day.isnull() | (t.resolved_day == t.due_day))
    late = done & t.due_day.notnull() & (t.resolved_day > t.due_day)
    bad_channel = t.channel.isnull() | ~t.channel.isin(CHANNELS)
    paid_no_fee = t.paid_online & ~t.fee_bearing
    before_received = t.resolved_local < t.received_local
    sums = {
        "n": t.count(),
        **{name: (t.channel == name).sum() for name in CHANNELS},
        "bad_channel": bad_channel.sum(),
        "fee": t.fee_bearing.sum(),
        "paid": t.paid_online.sum(),
        "paid_no_fee": paid_no_fee.sum(),
        "digitized": t.digitized.sum(),
        "early": early.sum(),
        "on_time": on_time.sum(),
        "late": late.sum(),
        "e_result": (done & t.e_result).sum(),
        "before_received": before_received.sum(),
    }
    # One example id per group and problem, in the same scan (no query per problem).
    firsts = {"first_id": t.dossier_id.min(),
              "first_bad_channel": t.dossier_id.min(where=bad_channel),
              "first_paid_no_fee": t.dossier_id.min(where=paid_no_fee),
              "first_before_received": t.dossier_id.min(where=before_received)}
    out = t.group_by(list(keys)).aggregate(
        **{k: v.cast("int64") for k, v in sums.items()}, **firsts)
    return out.select(*keys, *SUMS, *FIRSTS)


def stamp(rows: Rows) -> ir.Table:
    """One cheap row that changes whenever rows are added, removed or changed: the number of
    rows and the latest updated_at, or without it the latest receipt and resolution."""
    t = rows.table  # the stored columns, unconverted: Parquet statistics may answer
    if rows.has_updated_at:
        return t.aggregate(rows_=t.count(), updated=t.updated_at.max())
    return t.aggregate(rows_=t.count(), received=t.received_at.max(),
                       resolved=t.resolved_at.max())


def procedures(raw: ir.Table, settings: DossierSettings, origin: str) -> ir.Table:
    """Procedure stocks per unit code: total, full-process online, partly online."""
    names = {}
    for name in ("unit_code", "procedure_code", "online_level"):
        real = settings.column("procedures", name)
        if real not in raw.columns:
            raise DossierDataError(f"{origin}: table {settings.table('procedures')} has no "
                                   f"column {real}; it has {', '.join(raw.columns)}")
        names[name] = raw[real].cast("string")
    t = raw.select(**names).distinct()
    return t.group_by("unit_code").aggregate(
        total=t.count().cast("int64"),
        full=(t.online_level == "full").sum().cast("int64"),
        partial=(t.online_level == "partial").sum().cast("int64"))
