"""The same dossier rows in a real PostgreSQL server give the same figures as in DuckDB."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("ibis", reason="the [dossiers] extra (ibis-framework) is needed")
pytest.importorskip("psycopg", reason="the [postgres] extra (psycopg) is needed")

from cchc_tui.config import SourceConfig  # noqa: E402
from cchc_tui.dossiers.contract import settings_from  # noqa: E402
from cchc_tui.dossiers.source import DossierSource  # noqa: E402
from cchc_tui.sources.base import SourceFailure  # noqa: E402
from tests.dossier_rows import CLOCK, UNITS, trap_rows  # noqa: E402
from tests.pg_server import READER_PASSWORD, PgServer, load, pg_bin, start_server  # noqa: E402
from tests.test_dossiers import assert_same_as_plain, cube_of  # noqa: E402

if pg_bin() is None:
    pytest.skip("PostgreSQL binaries (initdb, pg_ctl) are not installed: apt-get install "
                "postgresql", allow_module_level=True)


@pytest.fixture(scope="session")
def pg() -> Iterator[PgServer]:
    yield from start_server()


@pytest.fixture(scope="session")
def loaded(pg: PgServer) -> PgServer:
    load(pg, "zoned", trap_rows(), UNITS)
    load(pg, "naive", trap_rows(), UNITS, naive=True)
    with pg.connect() as con:  # a schema whose dossiers take 3 s to read
        con.execute("CREATE SCHEMA slow")
        con.execute("CREATE VIEW slow.dossiers AS SELECT d.* FROM zoned.dossiers d, "
                    "pg_sleep(3)")
        con.execute("CREATE VIEW slow.units AS SELECT * FROM zoned.units")
        con.execute("GRANT USAGE ON SCHEMA slow TO reader")
        con.execute("GRANT SELECT ON ALL TABLES IN SCHEMA slow TO reader")
    return pg


def source(url: str, **keys: Any) -> DossierSource:
    keys.setdefault("password_env", "CCHC_TEST_PG")
    return DossierSource(settings_from(SourceConfig(location=url, **keys)),
                         clock=lambda: CLOCK)


@pytest.fixture(autouse=True)
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_TEST_PG", READER_PASSWORD)


@pytest.mark.parametrize("schema", ["zoned", "naive"])
def test_postgres_counts_match_the_plain_count(loaded: PgServer, schema: str) -> None:
    snapshot = source(loaded.url(), schema=schema).read().snapshot
    assert snapshot is not None
    assert_same_as_plain(snapshot, trap_rows())
    text = "\n".join(w.message for w in snapshot.warnings)
    assert "(e.g. twice)" in text and "(Z9)" in text


def test_postgres_gives_the_same_cube_as_duckdb(loaded: PgServer, tmp_path: Path) -> None:
    from tests.dossier_rows import write_parquet

    write_parquet(tmp_path, trap_rows())
    duck = DossierSource(settings_from(SourceConfig(location=str(tmp_path))),
                         clock=lambda: CLOCK).read().snapshot
    assert cube_of(source(loaded.url(), schema="zoned").read().snapshot) == cube_of(duck)


def test_the_session_is_read_only(loaded: PgServer) -> None:
    src = source(loaded.url(), schema="zoned")
    from cchc_tui.dossiers.backends import open_backend

    backend = open_backend(src.settings)
    try:
        with pytest.raises(Exception, match="read-only transaction"):
            backend.con.raw_sql("CREATE TABLE zoned.x (a int)")
    finally:
        backend.close()


def test_wrong_password_unreachable_server_and_timeout(loaded: PgServer,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_TEST_PG", "wrong")
    with pytest.raises(SourceFailure, match=r"refused the login \(check the password in "
                                            r"\$CCHC_TEST_PG\)") as refused:
        source(loaded.url(), schema="zoned").read()
    assert "wrong" not in str(refused.value)
    monkeypatch.setenv("CCHC_TEST_PG", READER_PASSWORD)
    from tests.pg_server import _free_port

    with pytest.raises(SourceFailure, match="cannot connect") as offline:
        source(f"postgresql://reader@127.0.0.1:{_free_port()}/cchc", timeout=2).read()
    assert offline.value.state == "offline"
    with pytest.raises(SourceFailure, match=r"longer than source.query_timeout \(0.5 s\)"):
        source(loaded.url(), schema="slow", query_timeout=0.5).read()


def test_missing_table_and_password_rules(loaded: PgServer,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SourceFailure, match="no table ho_so"):
        source(loaded.url(), schema="zoned", tables={"dossiers": "ho_so"}).read()
    with pytest.raises(SourceFailure, match="carries a password"):
        source(f"postgresql://reader:{READER_PASSWORD}@127.0.0.1:{loaded.port}/cchc").read()
    monkeypatch.delenv("CCHC_TEST_PG")
    with pytest.raises(SourceFailure, match="CCHC_TEST_PG, which is not set"):
        source(loaded.url(), schema="zoned").read()


def test_the_demo_rows_in_postgres_give_the_same_report(
        loaded: PgServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import pyarrow.parquet as pq

    from tests.test_dossiers_demo import demo_rows, make_demo, report

    folder = make_demo(tmp_path / "d", capsys)
    rows, units = demo_rows(folder)
    procedures = [tuple(p.values()) for p in pq.read_table(folder / "procedures.parquet")
                  .to_pylist()]
    load(loaded, "demo", rows, units, procedures=procedures)
    config = tmp_path / "pg.toml"
    config.write_text('[source]\nschema = "demo"\npassword_env = "CCHC_TEST_PG"\n')
    for unit, period in (("X0003", "2026-02"), ("T01", "2026-03")):
        duck = report(capsys, "--source", str(folder), "--unit", unit, "--period", period)
        pg = report(capsys, "--config", str(config), "--source", loaded.url(), "--unit", unit,
                    "--period", period)
        assert pg["counts"]["dossiers_received"] > 0
        assert {k: v for k, v in pg.items() if k != "data"} == \
            {k: v for k, v in duck.items() if k != "data"}


def test_polls_count_a_repeated_id_across_months_once(loaded: PgServer) -> None:
    from tests.test_dossiers import cross_month_polls

    cross_month_polls(lambda rows: load(loaded, "polls", rows, UNITS),
                      source(loaded.url(), schema="polls"))
