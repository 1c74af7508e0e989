"""`DossierSource`: figures counted from dossier rows, re-counting only the months that changed.

A read asks the database one cheap question first (how many rows, the latest stamps); when the
answer is the same as last time nothing is built. Otherwise only the months of receipt that hold
changed rows (by `updated_at`; without it, the open month and the one before) are counted again,
and their groups replace the old ones; closed months are kept from earlier reads.
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
from cchc_tui.dossiers.cube import build_cube, procedure_cube, raw_feed
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
FULL_EVERY = 12  # every so many reads with changes count everything (repeats across months)


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
        rows = ex.rows(backend.tables["dossiers"], self.settings, backend.origin)
        stamp = tuple(ex.stamp(rows).to_pyarrow().to_pylist()[0].values())
        if not force and stamp == self._stamp:
            self._files = files
            return None
        now = self.clock()
        open_month = vietnam_month(now)
        months = None
        if not (force or self._groups is None or self._partial_reads >= FULL_EVERY):
            months = self._changed(rows, stamp, open_month)
        self._partial_reads = 0 if months is None else self._partial_reads + 1
        fresh = ex.grouped(rows, months).to_pyarrow()
        groups = fresh if months is None else self._merge(fresh, months)
        units, procedures = self._side_tables(backend, force)
        codes, parents = units["code"].to_pylist(), units["parent"].to_pylist()
        periods, cube, problems = build_cube(groups, codes, parents, open_month)
        stocks = None
        if procedures is not None and periods:
            stocks = procedure_cube(procedures, codes, parents)
        # Only now: a read that failed half-way must be tried again at the next poll.
        self._groups, self._stamp, self._files, self.last_months = groups, stamp, files, months
        return raw_feed(backend.origin, self.describe(), now, units, periods, cube, problems,
                        stocks, periods[-1] if periods else "")

    def _changed(self, rows: Any, stamp: tuple[Any, ...], open_month: int) -> list[int] | None:
        """Months of receipt to count again; None: all (rows were removed)."""
        from cchc_tui.dossiers import expression as ex

        old = self._stamp
        assert old is not None
        if stamp[0] < old[0]:
            return None  # rows deleted: their months are unknown, count everything
        if rows.has_updated_at and old[-1] is not None:
            table = ex.changed_months(rows, old[-1]).to_pyarrow()
            months = {m for m in table["a"].to_pylist() if m is not None}
            if months:
                return sorted(months)
        # Without updated_at (or rows added without one): the open month and the one before,
        # and every month from the latest receipt seen before to the latest now.
        latest = [min(vietnam_month(s), open_month) for s in (old[1], stamp[1])
                  if s is not None]
        return list(range(min([open_month - 1, *latest]), open_month + 1))

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
        raise FeedError([FeedIssue(location, "", exc.reason)]) from None
    assert feed is not None  # a forced read always gives rows or raises
    return feed
