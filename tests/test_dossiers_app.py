"""The dashboard polls a DuckDB file that another process appends to, and shows the new
month without a restart."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

pytest.importorskip("ibis", reason="the [dossiers] extra (ibis-framework[duckdb]) is needed")

from cchc_tui.config import SourceConfig  # noqa: E402
from cchc_tui.dossiers.contract import settings_from  # noqa: E402
from cchc_tui.dossiers.demo import write_demo  # noqa: E402
from cchc_tui.dossiers.source import DossierSource  # noqa: E402
from cchc_tui.model.periods import parse_period  # noqa: E402
from tests.app_support import app, settle  # noqa: E402

NOW = datetime(2026, 3, 25, 3, 0, tzinfo=UTC)

# Another process writes: a DuckDB file allows one writer, and the source holds no lock
# between reads.
WRITER = """
import sys, duckdb
db, files, prefix = sys.argv[1], sys.argv[2:-1], sys.argv[-1]
con = duckdb.connect(db)
con.execute("SET TimeZone = 'UTC'")
exists = con.execute("select count(*) from information_schema.tables "
                     "where table_name = 'dossiers'").fetchone()[0]
select = f"SELECT * REPLACE ('{prefix}' || dossier_id AS dossier_id) FROM read_parquet({files!r})"
if exists:
    con.execute(f"INSERT INTO dossiers BY NAME {select}")
else:
    con.execute(f"CREATE TABLE dossiers AS {select}")
    units = files[0].rsplit("/", 1)[0] + "/units.parquet"
    con.execute(f"CREATE TABLE units AS SELECT * FROM read_parquet('{units}')")
con.close()
"""


def write(db: Path, files: list[Path], prefix: str) -> None:
    subprocess.run([sys.executable, "-c", WRITER, str(db), *map(str, files), prefix],
                   check=True, capture_output=True)


async def test_the_dashboard_shows_a_month_appended_by_another_process(tmp_path: Path) -> None:
    first = write_demo(tmp_path / "jan-feb", communes=4, months=2, start="2026-01", seed=5)
    march = write_demo(tmp_path / "mar", communes=4, months=1, start="2026-03", seed=6)
    db = tmp_path / "hoso.duckdb"
    write(db, first.files, "A")
    source = DossierSource(settings_from(SourceConfig(location=str(db))), clock=lambda: NOW)
    dashboard = app("vi", source=source)
    async with dashboard.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        engine = dashboard.engine
        assert engine is not None and dashboard.status.state == "live"
        unit = dashboard.unit
        assert unit is not None
        periods = {str(p) for p in engine.snapshot.unit_periods(unit)}
        assert "2026-02" in periods and "2026-03" not in periods
        write(db, march.files, "B")
        dashboard.read_source()  # what the timer does at the next interval
        await settle(pilot)
        snapshot = dashboard.engine.snapshot
        assert snapshot is not engine.snapshot
        assert source.last_months == [2026 * 12 + 2]  # only March was counted again
        march_received = snapshot.observations[unit]["dossiers_received"]
        assert march_received[parse_period("2026-03")] > 0
        dashboard.period = parse_period("2026-02")
        await pilot.press("full_stop")  # the next period: the new month
        await settle(pilot)
        assert str(dashboard.period) == "2026-03"
