"""`DossierSource`: figures counted from dossier rows, re-counting only the months that changed.

A read asks the database one cheap question first (how many rows, the latest stamp); when the
answer is the same as last time nothing is built. Otherwise one small query finds the changed
rows (by `updated_at`; without it, the open month and the one before) and every copy of their
ids; only their months of receipt are counted again, and those groups replace the old ones;
closed months are kept from earlier reads. A dossier id whose copies lie in several months is
counted in each month and corrected over all its copies (`cube.corrected`), so that it counts
once on every read, full or not.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from cchc_tui.dossiers.backends import (
    Backend,
    check_installed,
    open_backend,
    parquet_files,
    postgres_failure,
    side_files,
)
from cchc_tui.dossiers.contract import (
    UNIT_COLUMNS,
    DossierConfigError,
    DossierSettings,
    settings_from,
)
from cchc_tui.dossiers.cube import build_cube, corrected, procedure_cube, raw_feed
from cchc_tui.feed.build import build_snapshot
from cchc_tui.feed.raw import FeedError, FeedIssue, RawFeed
from cchc_tui.sources.base import (
    ERROR,
    ReadResult,
    SourceFailure,
    SourceUnavailable,
    feed_failure,
)
from cchc_tui.sources.failures import public_url

if TYPE_CHECKING:
    import pyarrow as pa

    from cchc_tui.config import Config

VIETNAM = timedelta(hours=7)
# Every so many reads with changes count everything: what a poll cannot see (a row removed
# while another is added, a date of receipt changed) is not kept for long.
FULL_EVERY = 12
SQL_KEPT = 32  # compiled queries kept per source


def vietnam_month(moment: datetime | date) -> int:
    """The Vietnamese month of an instant (a naive one is UTC) or of a day."""
    if not isinstance(moment, datetime):
        return moment.year * 12 + moment.month - 1
    local = moment.replace(tzinfo=moment.tzinfo or UTC).astimezone(UTC) + VIETNAM
    return local.year * 12 + local.month - 1


def _stats(files: tuple[str, ...] | None) -> tuple[tuple[str, int, int], ...] | None:
    """(path, mtime, size) of each file; None for a database or a file that went away."""
    if files is None:
        return None
    try:
        return tuple((f, (st := os.stat(f)).st_mtime_ns, st.st_size) for f in files)
    except OSError:
        return None


class DossierSource:
    kind = "dossiers"

    def __init__(self, settings: DossierSettings,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC),
                 backoff_max: float = 300.0) -> None:
        self.settings = settings
        self.clock = clock
        self.backoff_max = backoff_max
        self.failures = 0  # consecutive failed reads, for the back-off
        self._stamp: tuple[Any, ...] | None = None
        self._groups: pa.Table | None = None  # grouped counts, all months so far
        self.last_months: list[int] | None = None  # months counted by the last read (None: all)
        self._partial_reads = 0
        self._kept: Backend | None = None  # an open view of Parquet files, see close()
        self._files: tuple[tuple[str, int, int], ...] | None = None  # their stats
        self._side: tuple[Any, pa.Table, pa.Table | None] | None = None  # units, procedures
        self._cross: list[str] = []  # ids whose copies lie in more than one month
        self._flips: pa.Table | None = None  # their corrections (cube.corrected)
        self._sql: dict[tuple[Any, ...], tuple[str, Any]] = {}  # compiled queries, by key
        self._shape: Any = None  # the dossiers table's schema they were compiled for
        self._rows: tuple[Backend, Any] | None = None

    @classmethod
    def from_config(cls, config: Config) -> DossierSource:
        try:
            settings = settings_from(config.source)
            check_installed(settings.engine)
        except DossierConfigError as exc:
            raise SourceUnavailable(str(exc)) from None
        return cls(settings, backoff_max=config.source.backoff_max)

    def describe(self) -> str:
        where = self.settings.location
        if self.settings.engine == "postgres":
            where = public_url(where.replace("postgresql://", "http://", 1)) \
                .replace("http://", "postgresql://", 1)
        return f"{where} ({self.settings.engine})"

    def next_delay(self, interval: float) -> float:
        return min(interval * 2.0 ** self.failures, max(interval, self.backoff_max))

    def close(self) -> None:
        """Only an in-memory view of Parquet files stays open between reads (a DuckDB file
        must stay writable by others, a server connection is not held idle)."""
        if self._kept is not None:
            self._kept.close()
            self._kept = None

    # -- reading ------------------------------------------------------------------------
    def read(self, force: bool = False) -> ReadResult:
        try:
            feed = self.read_feed(force)
        except SourceFailure:
            self.failures += 1
            raise
        self.failures = 0
        if feed is None:
            return ReadResult(None)
        try:
            return ReadResult(build_snapshot([feed]))
        except FeedError as exc:
            raise feed_failure(exc) from None

    def read_feed(self, force: bool = False) -> RawFeed | None:
        """The rows as a RawFeed, or None when nothing changed since the last read."""
        backend = self._kept
        if backend is None or backend.files != parquet_files(self.settings):
            self.close()
            try:
                backend = open_backend(self.settings)
            except DossierConfigError as exc:  # e.g. the password variable went missing
                raise SourceFailure(ERROR, str(exc)) from None
        keep = False
        try:
            feed = self._read(backend, force)
            keep = backend.files is not None  # the same files next time: no new connection
            return feed
        except (SourceFailure, SourceUnavailable):
            raise
        except Exception as exc:  # noqa: BLE001 — whatever the engine raised, in plain words
            raise self._failure(exc) from None
        finally:
            self._kept = backend if keep else None
            if not keep:
                backend.close()

    def _failure(self, exc: Exception) -> SourceFailure:
        from cchc_tui.dossiers.expression import DossierDataError

        if isinstance(exc, DossierDataError):
            return SourceFailure(ERROR, str(exc))
        if type(exc).__module__.startswith("psycopg"):
            return postgres_failure(exc, self.settings, self.describe())
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return SourceFailure(ERROR, f"{self.describe()}: {text}")

    def _read(self, backend: Backend, force: bool) -> RawFeed | None:
        from cchc_tui.dossiers import expression as ex

        for name in ("dossiers", "units"):
            if name not in backend.tables:
                raise SourceFailure(ERROR, f"{backend.origin}: no table "
                                           f"{self.settings.table(name)} ({name} of DOSSIERS.md)")
        files = _stats(backend.files)
        if not force and files is not None and files == self._files and self._groups is not None:
            return None  # the same Parquet files, untouched: not even a query
        if self._rows is None or self._rows[0] is not backend:  # an expression per connection
            self._rows = (backend, ex.rows(backend.tables["dossiers"], self.settings,
                                           backend.origin))
        rows = self._rows[1]
        shape = rows.table.schema()
        if shape != self._shape:  # other columns or types: other SQL
            self._sql.clear()
            self._shape = shape
        stamp = tuple(self.query(backend, ("stamp",), lambda: ex.stamp(rows))
                      .to_pylist()[0].values())
        if not force and stamp == self._stamp:
            self._files = files
            return None
        now = self.clock()
        open_month = vietnam_month(now)
        # A poll with one month changed, on a province-year in Parquet: the stamp, the changes
        # query and that month's count, each compiled once and bound once (`query`,
        # Backend.run), then the cube from the kept groups: 0,08–0,11 s against 0,42–0,75 s
        # for a full read, 0,14–0,20 of it in four runs where it was 0,31 (06/12/2026,
        # bench/dossiers.py).
        plan = None
        if not (force or self._groups is None or self._partial_reads >= FULL_EVERY):
            plan = self._changed(backend, rows, stamp, open_month)
        if plan is None:
            groups = self.query(backend, ("grouped",), lambda: ex.grouped(rows))
            flips = groups.filter(groups["flip"])
            cross = sorted(set(groups["xid"].drop_null().to_pylist()))
            months = None
        else:
            months, cross, touched = plan
            fresh = self.query(backend, ("grouped", tuple(months)),
                               lambda: ex.grouped(rows, months))
            groups = self._merge(fresh, months)
            flips = self._flips
            if cross != self._cross or touched:  # else the same copies: the same corrections
                flips = self.query(backend, ("corrections", tuple(cross)),
                                   lambda: ex.corrections(rows, cross)) if cross else None
        self._partial_reads = 0 if months is None else self._partial_reads + 1
        units, procedures = self._side_tables(backend, force)
        codes, parents = units["code"].to_pylist(), units["parent"].to_pylist()
        periods, cube, problems = build_cube(corrected(groups, flips), codes, parents,
                                             open_month)
        stocks = None
        if procedures is not None and periods:
            stocks = procedure_cube(procedures, codes, parents)
        # Only now: a read that failed half-way must be tried again at the next poll.
        self._groups, self._stamp, self._files, self.last_months = groups, stamp, files, months
        self._flips, self._cross = flips, cross
        return raw_feed(backend.origin, self.describe(), now, units, periods, cube, problems,
                        stocks, periods[-1] if periods else "")

    def query(self, backend: Backend, key: tuple[Any, ...], build: Callable[[], Any]) -> pa.Table:
        """Run an expression, compiled once per key: Ibis takes 10–40 ms to compile one of
        these, as long as a poll's whole query on a province-year (bench/dossiers.py)."""
        found = self._sql.get(key)
        if found is None:
            expr = build()
            found = self._sql[key] = (str(backend.con.compile(expr)), expr.schema())
            while len(self._sql) > SQL_KEPT:  # a poll's `since` is new each time
                del self._sql[next(iter(self._sql))]
        return backend.run(*found)

    def _changed(self, backend: Backend, rows: Any, stamp: tuple[Any, ...],
                 open_month: int) -> tuple[list[int], list[str], bool] | None:
        """(months of receipt to count again, ids whose copies lie in several months, whether
        a copy of one of them changed); None: count everything."""
        import pyarrow as pa
        import pyarrow.compute as pc

        from cchc_tui.dossiers import expression as ex

        old = self._stamp
        assert old is not None
        if stamp[0] < old[0]:
            return None  # rows deleted: their months are unknown, count everything
        # Without updated_at (or for rows without one): the open month and the one before,
        # and every month from the latest receipt seen before to the latest now.
        latest = [] if rows.has_updated_at else [
            min(vietnam_month(s), open_month) for s in (old[1], stamp[1]) if s is not None]
        fallback = list(range(min([open_month - 1, *latest]), open_month + 1))
        since = old[-1] if rows.has_updated_at else None
        # One small query finds the changed rows and every copy of their ids (and of the ids
        # already known to repeat across months): a copy in a month not counted again is
        # still ranked against them, so a repeated id counts once whatever its months.
        # It asks for rows changed since the start of `since`'s hour, so that the query
        # compiled once serves every poll of that hour (compiling took as long as running it,
        # bench/dossiers.py); the exact cut is made here, on the few rows it returns.
        hour = since.replace(minute=0, second=0, microsecond=0) \
            if isinstance(since, datetime) else since
        found = self.query(backend, ("changes", hour, tuple(fallback), tuple(self._cross)),
                           lambda: ex.changes(rows, hour, fallback, self._cross))
        flag = found["changed"]
        if since is not None:  # changed after `since` exactly, or without a stamp at all
            updated = found["updated_at"]
            exact = pc.or_kleene(pc.is_null(updated), pc.greater(updated, pa.scalar(
                since, updated.type)))
            flag = pc.and_kleene(flag, exact)
        changed = found.filter(pc.fill_null(flag, False))
        if changed["a"].null_count:
            return None  # a row without a date of receipt changed: count everything
        months = sorted(set(changed["a"].to_pylist()))
        if since is None:
            months = sorted(set(months) | set(fallback))
        elif not months:
            return None  # more rows, none stamped after the last read (a back-fill): all
        ids = found.filter(pc.is_valid(found["dossier_id"]))  # no receipt: a "month" apart
        ids = ids.set_column(ids.column_names.index("a"), "a", pc.fill_null(ids["a"], -1))
        cross = []
        spans = pc.min_max(ids["a"]).as_py()
        if spans["min"] != spans["max"]:  # all in one month (the usual poll): no such ids
            spread = ids.group_by("dossier_id").aggregate([("a", "min"), ("a", "max")])
            cross = sorted(pc.filter(spread["dossier_id"], pc.not_equal(
                spread["a_min"], spread["a_max"])).to_pylist())
        touched = bool(pc.any(pc.is_in(changed["dossier_id"], value_set=pa.array(
            self._cross, pa.string()))).as_py()) if self._cross else False
        return months, cross, touched

    def _merge(self, fresh: pa.Table, months: list[int]) -> pa.Table:
        import pyarrow as pa
        import pyarrow.compute as pc

        assert self._groups is not None
        kept = self._groups.filter(pc.invert(pc.is_in(self._groups["a"],
                                                      value_set=pa.array(months, pa.int64()))))
        return pa.concat_tables([kept, fresh.cast(kept.schema)])

    def _side_tables(self, backend: Backend, force: bool) -> tuple[pa.Table, pa.Table | None]:
        """Units and procedure stocks; kept while their Parquet or CSV files are untouched."""
        from cchc_tui.dossiers import expression as ex

        key = _stats(tuple(str(p) for p in side_files(self.settings))) \
            if backend.files is not None else None
        if not force and key is not None and self._side is not None and key == self._side[0]:
            return self._side[1], self._side[2]
        procedures = None
        if "procedures" in backend.tables:
            procedures = ex.procedures(backend.tables["procedures"], self.settings,
                                       backend.origin).to_pyarrow()
        units = self._units(backend)
        self._side = (key, units, procedures) if key is not None else None
        return units, procedures

    def _units(self, backend: Backend) -> pa.Table:
        from cchc_tui.dossiers.expression import DossierDataError

        raw = backend.tables["units"]
        picked = {}
        for name in UNIT_COLUMNS:
            real = self.settings.column("units", name)
            if real not in raw.columns:
                raise DossierDataError(f"{backend.origin}: table {self.settings.table('units')}"
                                       f" has no column {real}; it has {', '.join(raw.columns)}")
            picked[name] = raw[real].cast("string")
        return raw.select(**picked).to_pyarrow()


def dossier_feed(location: str, source: Any) -> RawFeed:
    """One full read of a dossier location as a RawFeed, for `validate`: failures become
    FeedErrors; a missing extra or a bad setting stays SourceUnavailable (exit 2)."""
    import msgspec

    try:
        settings = settings_from(msgspec.structs.replace(source, location=location))
        check_installed(settings.engine)
    except DossierConfigError as exc:
        raise SourceUnavailable(str(exc)) from None
    try:
        feed = DossierSource(settings).read_feed(force=True)
    except SourceFailure as exc:
        raise FeedError([FeedIssue(location, "", exc.reason, kind="source_reason",
                                   args=(("reason", exc.reason),))]) from None
    assert feed is not None  # a forced read always gives rows or raises
    return feed
