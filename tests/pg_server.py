"""A throwaway PostgreSQL server on 127.0.0.1 for the tests, and loaders for dossier rows.

initdb refuses to run as root, so as root the server runs as the `postgres` user (runuser);
the binaries are looked up on PATH, then in Debian's /usr/lib/postgresql/NN/bin.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SUPER_PASSWORD = "test-super"
READER, READER_PASSWORD = "reader", "test-reader"


def pg_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


@dataclass
class PgServer:
    port: int
    folder: Path

    def url(self, user: str = READER, database: str = "cchc") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str = "cchc") -> Any:
        import psycopg

        return psycopg.connect(host="127.0.0.1", port=self.port, user="postgres",
                               password=SUPER_PASSWORD, dbname=database, autocommit=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server() -> Iterator[PgServer]:
    """Start a server (initdb + pg_ctl), yield it, stop it and remove its folder."""
    bindir = pg_bin()
    assert bindir is not None
    as_root = os.geteuid() == 0
    run_as = ["runuser", "-u", "postgres", "--"] if as_root else []
    folder = Path(tempfile.mkdtemp(prefix="cchc-pg-"))
    data = folder / "data"
    pwfile = folder / "pw"
    pwfile.write_text(SUPER_PASSWORD + "\n")
    if as_root:
        shutil.chown(folder, "postgres", "postgres")
        shutil.chown(pwfile, "postgres", "postgres")
    port = _free_port()
    subprocess.run([*run_as, str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                    "-A", "scram-sha-256", f"--pwfile={pwfile}", "--no-sync"],
                   check=True, capture_output=True)
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run([*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-o", options,
                    "-l", str(folder / "log"), "-w", "start"], check=True, capture_output=True)
    server = PgServer(port, folder)
    try:
        with server.connect("postgres") as con:
            con.execute("CREATE DATABASE cchc")
            con.execute(f"CREATE ROLE {READER} LOGIN PASSWORD '{READER_PASSWORD}'")
        yield server
    finally:
        subprocess.run([*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                        "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


_TYPES = {"dossier_id": "text", "unit_code": "text", "procedure_code": "text",
          "channel": "text", "fee_bearing": "boolean", "paid_online": "boolean",
          "digitized": "boolean", "e_result": "boolean"}


def load(server: PgServer, schema: str, rows: list[dict[str, Any]],
         units: list[tuple[Any, ...]], *, naive: bool = False,
         procedures: list[tuple[Any, ...]] | None = None) -> None:
    """Create `schema` with dossiers, units (and procedures) holding the rows; UTC times,
    as timestamptz or (naive) timestamp; the reader may select from them."""
    stamp = "timestamp" if naive else "timestamptz"
    columns = list(rows[0])
    with server.connect() as con:
        con.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        con.execute(f"CREATE SCHEMA {schema}")
        con.execute("SET TIME ZONE 'UTC'")
        spec = ", ".join(f"{c} {_TYPES.get(c, stamp)}" for c in columns)
        con.execute(f"CREATE TABLE {schema}.dossiers ({spec})")
        con.execute(f"CREATE TABLE {schema}.units (code text, name text, level text, "
                    "parent text)")
        with con.cursor() as cur:
            with cur.copy(f"COPY {schema}.dossiers ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([row[c].replace(tzinfo=None) if naive and c.endswith("_at")
                                    and row[c] is not None else row[c] for c in columns])
            with cur.copy(f"COPY {schema}.units FROM STDIN") as copy:
                for unit in units:
                    copy.write_row(list(unit))
            if procedures is not None:
                con.execute(f"CREATE TABLE {schema}.procedures (unit_code text, "
                            "procedure_code text, online_level text)")
                with cur.copy(f"COPY {schema}.procedures FROM STDIN") as copy:
                    for proc in procedures:
                        copy.write_row(list(proc))
        con.execute(f"GRANT USAGE ON SCHEMA {schema} TO {READER}")
        con.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {READER}")
