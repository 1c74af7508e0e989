"""Where the dossier rows live: DuckDB (Parquet or a .duckdb file), PostgreSQL or Spark.

Each gives Ibis tables named as in DOSSIERS.md; the expression is the same for all. Every
session runs in UTC (the expression converts to Vietnamese time itself), PostgreSQL read-only
with a statement timeout. Missing extras and failures become plain messages.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from cchc_tui.dossiers.contract import DossierConfigError, DossierSettings
from cchc_tui.sources.base import ERROR, OFFLINE, SourceFailure

EXTRAS = {"duckdb": "dossiers", "postgres": "postgres", "spark": "spark",
          "clickhouse": "clickhouse", "trino": "trino"}
_SPARK: Any = None  # one local SparkSession per process: starting one takes seconds


MODULES = {"duckdb": ("ibis", "duckdb", "pyarrow"), "postgres": ("ibis", "psycopg", "pyarrow"),
           "spark": ("ibis", "pyspark", "pyarrow"),
           "clickhouse": ("ibis", "clickhouse_connect", "pyarrow"),
           "trino": ("ibis", "trino", "pyarrow")}


def check_installed(engine: str) -> None:
    """Raise the plain `pip install` message when the engine's packages are missing."""
    from importlib.util import find_spec

    if any(find_spec(name) is None for name in MODULES[engine]):
        raise need_extra(engine)


def need_extra(engine: str) -> DossierConfigError:
    extra = EXTRAS[engine]
    return DossierConfigError(f"a {engine} dossier source needs the optional packages: "
                              f"pip install \"cchc-tui[{extra}]\"")


@dataclass
class Backend:
    """An open Ibis connection and the dossier tables found in it."""

    con: Any
    tables: dict[str, Any] = field(default_factory=dict)  # contract name → Ibis table
    origin: str = ""
    engine: str = "duckdb"
    shared: bool = False  # the Spark session outlives a read (it takes seconds to start)
    # Parquet files read in memory: the connection may be kept while the same files are there
    # (a .duckdb file or a server is closed after each read: others may need the file lock)
    files: tuple[str, ...] | None = None
    _bound: dict[str, Any] = field(default_factory=dict)  # DuckDB relations by SQL, see run

    def run(self, sql: str, schema: Any) -> Any:
        """The pyarrow table of SQL compiled earlier from an expression whose Ibis schema is
        `schema`: compiling costs more than a small query (see DossierSource.query)."""
        import pyarrow as pa

        arrow = schema.to_pyarrow()
        if self.engine == "duckdb":
            # A DuckDB relation runs its query afresh each time it is read, on the files as they
            # are then: kept, it is parsed and bound once per connection. That was 5–10 ms of
            # each of a poll's queries on a province-year (bench/dossiers.py).
            relation = self._bound.get(sql)
            if relation is None:
                relation = self._bound[sql] = self.con.con.sql(sql)
                while len(self._bound) > 32:
                    del self._bound[next(iter(self._bound))]
            return relation.to_arrow_table().cast(arrow)
        if self.engine == "postgres":  # as Ibis fetches: tuples into one struct array
            with self.con.con.cursor() as cursor:
                found = cursor.execute(sql).fetchall()
            batch = pa.RecordBatch.from_struct_array(pa.array(found, pa.struct(list(arrow))))
            return pa.Table.from_batches([batch], arrow)
        return self.con.sql(sql, schema=schema).to_pyarrow().cast(arrow)

    def close(self) -> None:
        if self.shared:
            return
        disconnect = getattr(self.con, "disconnect", None)
        if disconnect is not None:
            try:
                disconnect()
            except Exception:  # noqa: BLE001 — closing a broken connection must not fail a read
                pass


def open_backend(settings: DossierSettings) -> Backend:
    opener = {"duckdb": _duckdb, "postgres": _postgres, "spark": _spark,
              "clickhouse": _server, "trino": _server}[settings.engine]
    try:
        import ibis  # noqa: F401
    except ImportError:
        raise need_extra(settings.engine) from None
    return opener(settings)


# -- DuckDB -------------------------------------------------------------------------------
def _files(folder: Path, stem: str) -> list[Path]:
    found = sorted(folder.glob(f"{stem}*.parquet")) if stem == "dossiers" else []
    for suffix in (".parquet", ".csv"):
        if not found and (folder / f"{stem}{suffix}").is_file():
            found = [folder / f"{stem}{suffix}"]
    return found


def _duckdb(settings: DossierSettings) -> Backend:
    try:
        import duckdb
        import ibis
    except ImportError:
        raise need_extra("duckdb") from None
    path = Path(settings.location).expanduser()
    if not path.exists():
        raise SourceFailure(ERROR, f"{path}: no such file or directory")
    try:
        if path.suffix.lower() == ".duckdb":
            con = ibis.duckdb.connect(str(path), read_only=True)
            _quiet_utc(con)
            backend = Backend(con, origin=str(path))
            # Ibis 12's list_tables calls a method DuckDB 2.0 no longer has: ask directly.
            names = {row[0] for row in con.con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?",
                [settings.schema or "main"]).fetchall()}
            for name in ("dossiers", "units", "procedures"):
                if settings.table(name) in names:
                    backend.tables[name] = con.table(settings.table(name),
                                                     database=settings.schema or None)
            return backend
        con = ibis.duckdb.connect()
        _quiet_utc(con)
        backend = Backend(con, origin=str(path), files=parquet_files(settings))
        folder = path if path.is_dir() else path.parent
        dossiers = [path] if path.is_file() else _files(folder, "dossiers")
        if dossiers:
            backend.tables["dossiers"] = con.read_parquet([str(p) for p in dossiers],
                                                          table_name="dossiers")
        for name in ("units", "procedures"):
            for file in _files(folder, name)[:1]:
                reader = con.read_csv if file.suffix == ".csv" else con.read_parquet
                backend.tables[name] = reader(str(file), table_name=name)
        return backend
    except duckdb.IOException as exc:
        raise SourceFailure(OFFLINE if "lock" in str(exc).lower() else ERROR,
                            f"{path}: {_first_line(exc)}", retryable=True) from None
    except duckdb.Error as exc:
        raise SourceFailure(ERROR, f"{path}: {_first_line(exc)}") from None


def parquet_files(settings: DossierSettings) -> tuple[str, ...] | None:
    """The files an in-memory DuckDB source reads (None: a database, not files)."""
    path = Path(settings.location).expanduser()
    if settings.engine != "duckdb" or path.suffix.lower() == ".duckdb" or not path.exists():
        return None
    folder = path if path.is_dir() else path.parent
    found = [path] if path.is_file() else _files(folder, "dossiers")
    return tuple(str(p) for p in found + side_files(settings))


def side_files(settings: DossierSettings) -> list[Path]:
    """The units and procedures files beside Parquet dossiers."""
    path = Path(settings.location).expanduser()
    folder = path if path.is_dir() else path.parent
    return _files(folder, "units")[:1] + _files(folder, "procedures")[:1]


def _quiet_utc(con: Any) -> None:
    """UTC sessions, and no progress bar drawn over the dashboard or a report."""
    con.raw_sql("SET TimeZone = 'UTC'")
    con.raw_sql("SET enable_progress_bar = false")


# -- PostgreSQL -----------------------------------------------------------------------------
def _postgres(settings: DossierSettings) -> Backend:
    try:
        import ibis
        import psycopg
    except ImportError:
        raise need_extra("postgres") from None
    parts = urlsplit(settings.location)
    password = _password(settings, parts.password, "PostgreSQL")
    database = unquote(parts.path.lstrip("/")) or None
    user = unquote(parts.username) if parts.username else None
    # Read-only by default and bounded in time, whatever the role allows.
    options = (f"-c default_transaction_read_only=on -c TimeZone=UTC "
               f"-c statement_timeout={int(settings.query_timeout * 1000)}")
    where = f"postgresql://{parts.hostname or 'localhost'}:{parts.port or 5432}/{database or ''}"
    try:
        con = ibis.postgres.connect(host=parts.hostname or "localhost", port=parts.port or 5432,
                                    user=user, password=password, database=database,
                                    connect_timeout=max(1, int(settings.timeout)),
                                    options=options)
    except psycopg.OperationalError as exc:
        raise postgres_failure(exc, settings, where) from None
    backend = Backend(con, origin=where, engine="postgres")
    schema = settings.schema or "public"
    try:
        names = set(con.list_tables(database=schema))
        for name in ("dossiers", "units", "procedures"):
            if settings.table(name) in names:
                backend.tables[name] = con.table(settings.table(name), database=schema)
    except psycopg.Error as exc:
        backend.close()
        raise postgres_failure(exc, settings, where) from None
    return backend


def _password(settings: DossierSettings, in_url: str | None, what: str) -> str | None:
    """The password, only ever from the environment variable source.password_env names."""
    if in_url:
        raise DossierConfigError(f"the {what} URL carries a password: remove it and name "
                                 "the environment variable holding it in source.password_env")
    if not settings.password_env:
        return None
    password = os.environ.get(settings.password_env)
    if password is None:
        raise DossierConfigError(f"source.password_env names {settings.password_env}, "
                                 "which is not set in the environment")
    return password


# -- ClickHouse and Trino: the same expression through Ibis's backends, not tested here -----
def _server(settings: DossierSettings) -> Backend:
    """clickhouse://user@host:8123/database or trino://user@host:8080/catalog[/schema]."""
    engine = settings.engine
    try:
        import ibis

        connect = getattr(ibis, engine).connect
    except (ImportError, AttributeError):
        raise need_extra(engine) from None
    parts = urlsplit(settings.location)
    password = _password(settings, parts.password, engine)
    path = [unquote(p) for p in parts.path.split("/") if p]
    user = unquote(parts.username) if parts.username else None
    host = parts.hostname or "localhost"
    where = f"{engine}://{host}:{parts.port or ''}/{'/'.join(path)}"
    try:
        if engine == "clickhouse":  # read-only, UTC, bounded in time by the server itself
            con = connect(host=host, port=parts.port or 8123, user=user or "default",
                          password=password or "", database=path[0] if path else "default",
                          connect_timeout=settings.timeout,
                          settings={"readonly": 1, "session_timezone": "UTC",
                                    "max_execution_time": int(settings.query_timeout)})
        else:  # Trino has no read-only session: give it a role that may only read
            con = connect(host=host, port=parts.port or 8080, user=user or "cchc-tui",
                          password=password, database=path[0] if path else None,
                          schema=settings.schema or (path[1] if len(path) > 1 else None),
                          timezone="UTC", session_properties={
                              "query_max_run_time": f"{int(settings.query_timeout)}s"})
        backend = Backend(con, origin=where, engine=engine)
        names = set(con.list_tables(database=settings.schema or None))
    except Exception as exc:  # noqa: BLE001 — whatever the driver raised, in plain words
        raise SourceFailure(OFFLINE, f"{where}: cannot read ({_first_line(exc)})",
                            retryable=True) from None
    for name in ("dossiers", "units", "procedures"):
        if settings.table(name) in names:
            backend.tables[name] = con.table(settings.table(name),
                                             database=settings.schema or None)
    return backend


def postgres_failure(exc: Exception, settings: DossierSettings, where: str) -> SourceFailure:
    text = _first_line(exc)
    lowered = text.lower()
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        hint = (f"check the password in ${settings.password_env}" if settings.password_env
                else "set source.password_env to the variable holding the password")
        return SourceFailure(ERROR, f"{where}: the server refused the login ({hint})")
    if "statement timeout" in lowered or "canceling statement" in lowered:
        return SourceFailure(ERROR, f"{where}: the query ran longer than "
                                    f"source.query_timeout ({settings.query_timeout:g} s)")
    if any(s in lowered for s in ("connection refused", "could not connect", "timeout expired",
                                  "could not translate host", "connection failed")):
        return SourceFailure(OFFLINE, f"{where}: cannot connect ({text})", retryable=True)
    return SourceFailure(ERROR, f"{where}: {text}")


# -- Spark ----------------------------------------------------------------------------------
def _spark(settings: DossierSettings) -> Backend:
    global _SPARK
    try:
        import ibis
        from pyspark.sql import SparkSession
    except ImportError:
        raise need_extra("spark") from None
    if _SPARK is None:
        master = os.environ.get("CCHC_SPARK_MASTER", "local[2]")
        builder = (SparkSession.builder.master(master).appName("cchc-tui")
                   .config("spark.ui.enabled", "false")
                   .config("spark.sql.session.timeZone", "UTC"))
        if master.startswith("local"):  # a local session listens on this machine only
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
            builder = builder.config("spark.driver.bindAddress", "127.0.0.1") \
                .config("spark.driver.host", "127.0.0.1")
        with _jvm_output_discarded():
            _SPARK = builder.getOrCreate()
        _SPARK.sparkContext.setLogLevel("ERROR")
    session = _SPARK
    con = ibis.pyspark.connect(session)
    backend = Backend(con, origin=f"spark:{settings.location}", engine="spark", shared=True)
    path = Path(settings.location).expanduser()
    if path.exists():  # Parquet laid out as for DuckDB, read as temporary views
        folder = path if path.is_dir() else path.parent
        found = {"dossiers": [path] if path.is_file() else _files(folder, "dossiers"),
                 "units": _files(folder, "units")[:1],
                 "procedures": _files(folder, "procedures")[:1]}
        for name, files in found.items():
            if not files:
                continue
            paths = [str(p) for p in files]
            frame = session.read.csv(paths, header=True) if paths[0].endswith(".csv") \
                else session.read.parquet(*paths)
            frame.createOrReplaceTempView(f"cchc_{name}")
            backend.tables[name] = con.table(f"cchc_{name}")
        return backend
    names = set(con.list_tables(database=settings.schema or None))
    for name in ("dossiers", "units", "procedures"):
        if settings.table(name) in names:
            backend.tables[name] = con.table(settings.table(name),
                                             database=settings.schema or None)
    return backend


@contextmanager
def _jvm_output_discarded() -> Iterator[None]:
    """The JVM inherits stdout and stderr: its start-up chatter would be drawn over the
    dashboard. Point both at /dev/null while it starts (it keeps them); Spark's errors still
    reach us as exceptions."""
    saved = [os.dup(1), os.dup(2)]
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in (*saved, devnull):
            os.close(fd)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
