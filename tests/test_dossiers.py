"""Dossier rows counted by the Ibis expression on DuckDB, against a plain-Python count."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("ibis", reason="the [dossiers] extra (ibis-framework[duckdb]) is needed")

from cchc_tui.config import SourceConfig  # noqa: E402
from cchc_tui.dossiers.contract import settings_from  # noqa: E402
from cchc_tui.dossiers.source import DossierSource  # noqa: E402
from cchc_tui.model.snapshot import Snapshot  # noqa: E402
from cchc_tui.sources.base import SourceFailure  # noqa: E402
from tests.dossier_rows import CLOCK, plain_measures, trap_rows, write_parquet  # noqa: E402


def source(location: str | Path, **keys: Any) -> DossierSource:
    settings = settings_from(SourceConfig(location=str(location), **keys))
    return DossierSource(settings, clock=lambda: CLOCK)


def cube_of(snapshot: Snapshot) -> dict[tuple[str, str, str], float]:
    return {(unit, str(period), measure): value
            for unit, per in snapshot.observations.items()
            for measure, series in per.items() if measure.startswith("dossiers_")
            for period, value in series.items()}


def assert_same_as_plain(snapshot: Snapshot, rows: list[dict[str, Any]]) -> None:
    got, want = cube_of(snapshot), plain_measures(rows)
    assert set(want) <= set(got), sorted(set(want) - set(got))[:5]
    wrong = {k: (v, want.get(k, 0)) for k, v in got.items() if v != want.get(k, 0)}
    assert not wrong, sorted(wrong.items())[:8]


@pytest.mark.parametrize("naive", [False, True], ids=["zoned", "naive-utc"])
def test_duckdb_parquet_counts_match_the_plain_count(tmp_path: Path, naive: bool) -> None:
    rows = trap_rows()
    write_parquet(tmp_path, rows, naive=naive)
    snapshot = source(tmp_path).read().snapshot
    assert snapshot is not None
    assert_same_as_plain(snapshot, rows)
    c1 = snapshot.observations["C1"]
    # The traps, spelled out: 18:30 UTC on 31 March is an April dossier in Vietnam.
    assert {str(p): v for p, v in c1["dossiers_received"].items()}["2026-04"] == 2
    assert {str(p): v for p, v in c1["dossiers_received"].items()}["2026-03"] == 1
    c2 = {m: {str(p): v for p, v in s.items()} for m, s in snapshot.observations["C2"].items()}
    assert c2["dossiers_resolved_on_time"]["2026-04"] == 1  # 23:30 on the due day
    assert c2["dossiers_resolved_late"]["2026-04"] == 2  # 00:30 the day after; "across"
    assert c2["dossiers_pending"]["2026-02"] == 1 and c2["dossiers_pending_overdue"]["2026-03"] == 1
    assert "2026-08" not in {str(p) for p in snapshot.observations["P"]["dossiers_received"]}


def test_a_unit_counts_its_own_rows_and_its_whole_subtree(tmp_path: Path) -> None:
    rows = trap_rows()
    write_parquet(tmp_path, rows)
    snapshot = source(tmp_path).read().snapshot
    got = {(u, m): {str(p): v for p, v in s.items()}
           for u, per in snapshot.observations.items() for m, s in per.items()}
    april = [("C1", 2), ("C2", 2), ("D1", 5), ("D2", 0), ("P", 5)]
    assert [(u, got[(u, "dossiers_received")]["2026-04"]) for u, _ in april] == april
    # "open-ended" sits on the province itself and stays pending every month.
    assert got[("P", "dossiers_pending")]["2026-01"] == 1


def test_data_problems_are_reported_with_counts_and_example_ids(tmp_path: Path) -> None:
    write_parquet(tmp_path, trap_rows())
    snapshot = source(tmp_path).read().snapshot
    text = "\n".join(w.message for w in snapshot.warnings)
    assert "1 dossiers belong to units that are not in the units table (Z9)" in text
    assert "e.g. lost" in text and "e.g. twice" in text and "e.g. bad-channel" in text
    assert "1 rows repeat a dossier id" in text
    assert "resolved before they were received (e.g. backwards)" in text
    assert "paid online but not fee-bearing (e.g. free-but-paid)" in text
    assert "received or resolved after this month (2026-06)" in text
    assert "1 dossiers have no received_at; they count in no month" in text


def test_column_and_channel_mapping(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    rows = trap_rows()
    write_parquet(tmp_path, rows)
    table = pq.read_table(tmp_path / "dossiers.parquet")
    renamed = table.rename_columns(["ma_ho_so" if c == "dossier_id" else
                                    "kenh" if c == "channel" else c for c in table.column_names])
    spelled = {"online": "TRUC_TUYEN", "direct": "TRUC_TIEP", "postal": "BCCI"}
    kenh = [spelled.get(v, v) for v in renamed["kenh"].to_pylist()]
    import pyarrow as pa

    renamed = renamed.set_column(renamed.column_names.index("kenh"), "kenh", pa.array(kenh))
    pq.write_table(renamed, tmp_path / "dossiers.parquet")
    src = source(tmp_path, columns={"dossier_id": "ma_ho_so", "channel": "kenh"},
                 values={v: k for k, v in spelled.items()})
    assert_same_as_plain(src.read().snapshot, rows)


def test_identifiers_are_checked_before_any_query() -> None:
    with pytest.raises(ValueError, match="letters, digits and _"):
        settings_from(SourceConfig(location="x.parquet", columns={"channel": "a; drop table"}))
    with pytest.raises(ValueError, match="names no column"):
        settings_from(SourceConfig(location="x.parquet", columns={"chanel": "kenh"}))
    with pytest.raises(ValueError, match="expected one of online, direct, postal"):
        settings_from(SourceConfig(location="x.parquet", values={"1": "web"}))


def test_a_poll_with_nothing_new_builds_nothing(tmp_path: Path) -> None:
    write_parquet(tmp_path, trap_rows())
    src = source(tmp_path)
    assert src.read().snapshot is not None
    assert src.read().snapshot is None
    assert src.read(force=True).snapshot is not None


def test_missing_column_wrong_type_and_missing_table_are_named(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    write_parquet(tmp_path, trap_rows())
    table = pq.read_table(tmp_path / "dossiers.parquet")
    pq.write_table(table.drop_columns(["channel"]), tmp_path / "dossiers.parquet")
    with pytest.raises(SourceFailure, match="has no column channel"):
        source(tmp_path).read()
    bad = table.set_column(table.column_names.index("received_at"), "received_at",
                           pa.array(["yesterday"] * table.num_rows))
    pq.write_table(bad, tmp_path / "dossiers.parquet")
    with pytest.raises(SourceFailure, match=r"received_at is string; expected a timestamp"):
        source(tmp_path).read()
    (tmp_path / "units.csv").unlink()
    pq.write_table(table, tmp_path / "dossiers.parquet")
    with pytest.raises(SourceFailure, match="no table units"):
        source(tmp_path).read()


def test_a_missing_extra_names_the_pip_install(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util

    from cchc_tui.cli import main

    real = importlib.util.find_spec
    gone = {"psycopg"}
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name in gone else real(name, *a))
    code = main(["report", "--source", "postgresql://u@127.0.0.1:1/db", "--unit", "X"])
    assert code == 2
    assert 'pip install "cchc-tui[postgres]"' in capsys.readouterr().err
    write_parquet(tmp_path, trap_rows())
    gone.add("duckdb")
    assert main(["validate", str(tmp_path)]) == 2
    assert 'pip install "cchc-tui[dossiers]"' in capsys.readouterr().err


def _write_rows(path: Path, rows: list[dict[str, Any]], drop: tuple[str, ...] = ()) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    stamp = pa.timestamp("us", tz="UTC")
    table = pa.table({k: pa.array([r[k] for r in rows], stamp if k.endswith("_at") else None)
                      for k in rows[0] if k not in drop})
    pq.write_table(table, path)


def test_a_poll_recounts_only_the_months_with_changed_rows(tmp_path: Path) -> None:
    from tests.dossier_rows import _row

    rows = trap_rows()
    write_parquet(tmp_path, rows)
    src = source(tmp_path)
    src.read()
    assert src.last_months is None  # the first read counts everything
    # "across" (received in February) gets resolved again, one new May dossier arrives.
    changed = [dict(r, resolved_at=r["resolved_at"].replace(day=16),
                    updated_at=r["resolved_at"].replace(month=8, day=5))
               for r in rows if r["dossier_id"] == "across"]
    new = [_row("new-may", "C2", "online", "2026-05-25 02:00",
                updated="2026-08-06 00:00")]  # changed after "future" was
    rows = [r for r in rows if r["dossier_id"] != "across"] + changed + new
    _write_rows(tmp_path / "dossiers.parquet", rows)
    snapshot = src.read().snapshot
    assert src.last_months == [2026 * 12 + 1, 2026 * 12 + 4]  # February and May only
    assert_same_as_plain(snapshot, rows)
    assert src.read().snapshot is None


def cross_month_polls(write: Callable[[list[dict[str, Any]]], None],
                      src: DossierSource) -> None:
    """Polls over a dossier id whose copies lie in different months: it counts once each time,
    though only the changed month is counted again (shared with the PostgreSQL test)."""
    from tests.dossier_rows import _row, utc

    rows = trap_rows()
    write(rows)
    src.read()
    # A copy of "early" (received in April) arrives in May, changed later: May's copy counts.
    rows = rows + [_row("early", "C2", "postal", "2026-05-11 02:00", "2026-05-20 10:00",
                        updated="2026-08-10 00:00")]
    write(rows)
    snapshot = src.read().snapshot
    assert src.last_months == [2026 * 12 + 4]  # May only: not a full count
    assert_same_as_plain(snapshot, rows)
    repeats = [w.message for w in snapshot.warnings if "repeat a dossier id" in w.message]
    assert repeats and "data problem: 2 rows" in repeats[0] and "early" in repeats[0]
    # Then April's copy changes: now it is the one counted, May's is the repeat.
    rows = [dict(r, updated_at=utc("2026-08-11 00:00"))
            if (r["dossier_id"], r["unit_code"]) == ("early", "C1") else r for r in rows]
    write(rows)
    assert_same_as_plain(src.read().snapshot, rows)
    assert src.last_months == [2026 * 12 + 3]  # April only
    # Another month changes, the copies do not: still once.
    rows = rows + [_row("new-june", "C1", "direct", "2026-06-03 02:00",
                        updated="2026-08-12 00:00")]
    write(rows)
    assert_same_as_plain(src.read().snapshot, rows)
    assert src.last_months == [2026 * 12 + 5]
    # The May copy goes away (its id corrected): April's counts alone, May recounted in full.
    rows = [dict(r, dossier_id="early-may", updated_at=utc("2026-08-13 00:00"))
            if (r["dossier_id"], r["unit_code"]) == ("early", "C2") else r for r in rows]
    write(rows)
    assert_same_as_plain(src.read().snapshot, rows)
    assert src.last_months == [2026 * 12 + 4]


def test_a_repeated_id_across_months_counts_once_on_every_poll(tmp_path: Path) -> None:
    write_parquet(tmp_path, trap_rows())
    cross_month_polls(lambda rows: _write_rows(tmp_path / "dossiers.parquet", rows),
                      source(tmp_path))


def test_rows_added_with_old_stamps_are_counted_in_full(tmp_path: Path) -> None:
    from tests.dossier_rows import _row

    rows = trap_rows()
    write_parquet(tmp_path, rows)
    src = source(tmp_path)
    src.read()
    # A back-fill: a February dossier stamped long before the latest change seen.
    rows = rows + [_row("backfill", "C1", "online", "2026-02-03 02:00",
                        updated="2026-02-03 02:00")]
    _write_rows(tmp_path / "dossiers.parquet", rows)
    assert_same_as_plain(src.read().snapshot, rows)
    assert src.last_months is None  # no changed row says where: everything counted again


def test_without_updated_at_a_poll_recounts_the_open_and_previous_month(tmp_path: Path) -> None:
    from tests.dossier_rows import _row

    rows = trap_rows()
    _write_rows(tmp_path / "dossiers.parquet", rows, drop=("updated_at",))
    write_parquet(tmp_path / "units-only", rows)
    (tmp_path / "units.csv").write_bytes((tmp_path / "units-only" / "units.csv").read_bytes())
    src = source(tmp_path)
    src.read()
    rows = rows + [_row("new-june", "C1", "direct", "2026-06-03 02:00")]
    _write_rows(tmp_path / "dossiers.parquet", rows, drop=("updated_at",))
    snapshot = src.read().snapshot
    assert src.last_months == [2026 * 12 + 4, 2026 * 12 + 5]  # May and June (the open month)
    assert_same_as_plain(snapshot, rows)


def test_every_so_many_polls_count_everything_again(tmp_path: Path) -> None:
    from cchc_tui.dossiers.source import FULL_EVERY
    from tests.dossier_rows import _row

    rows = trap_rows()
    write_parquet(tmp_path, rows)
    src = source(tmp_path)
    src.read()
    for i in range(FULL_EVERY + 1):
        rows = rows + [_row(f"n{i}", "C1", "online", "2026-06-02 02:00",
                            updated=f"2026-08-{i + 2:02d} 00:00")]
        _write_rows(tmp_path / "dossiers.parquet", rows)
        assert src.read().snapshot is not None
        assert (src.last_months is None) == (i == FULL_EVERY), i


def test_a_parquet_file_and_a_duckdb_file_with_other_table_names(tmp_path: Path) -> None:
    import duckdb

    rows = trap_rows()
    write_parquet(tmp_path, rows)
    assert_same_as_plain(source(tmp_path / "dossiers.parquet").read().snapshot, rows)
    db = tmp_path / "motcua.duckdb"
    con = duckdb.connect(str(db))
    con.execute(f"CREATE TABLE ho_so AS SELECT * FROM read_parquet('{tmp_path}/dossiers.parquet')")
    con.execute(f"CREATE TABLE don_vi AS SELECT * FROM read_csv('{tmp_path}/units.csv')")
    con.close()
    src = source(db, tables={"dossiers": "ho_so", "units": "don_vi"})
    assert_same_as_plain(src.read().snapshot, rows)
    with pytest.raises(SourceFailure, match="no table dossiers"):
        source(db).read()


@pytest.mark.parametrize("engine", ["clickhouse", "trino"])
def test_clickhouse_and_trino_say_which_extra_they_need(tmp_path: Path, engine: str,
                                                        capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    from cchc_tui.cli import main
    from cchc_tui.dossiers.backends import MODULES

    real = importlib.util.find_spec
    driver = MODULES[engine][1]  # not installed here either way: the test makes sure
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == driver else real(name, *a))
    config = tmp_path / "c.toml"
    config.write_text(f'[source]\nkind = "dossiers"\nengine = "{engine}"\n'
                      f'location = "{engine}://reader@127.0.0.1:1/motcua"\n')
    assert main(["report", "--config", str(config), "--unit", "X"]) == 2
    err = capsys.readouterr().err
    assert f'pip install "cchc-tui[{engine}]"' in err and "Traceback" not in err
