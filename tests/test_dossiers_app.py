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


@pytest.mark.parametrize("lang", ["vi", "en"])
async def test_the_findings_screen_lists_the_data_problems_of_the_rows(tmp_path: Path,
                                                                       lang: str) -> None:
    from cchc_tui.dossiers.demo import PLANTED
    from cchc_tui.screens.findings import FindingsScreen

    write_demo(tmp_path / "d", communes=4, months=2, start="2026-02", seed=5)
    source = DossierSource(settings_from(SourceConfig(location=str(tmp_path / "d"))),
                           clock=lambda: NOW)
    dashboard = app(lang, source=source)
    async with dashboard.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for unit in (dashboard.unit, "X0002"):  # the same on every unit: the whole source's
            assert unit is not None
            dashboard.select_unit(unit)
            await pilot.pause()
            await pilot.press("d")
            await pilot.pause()
            assert isinstance(dashboard.screen, FindingsScreen)
            text = " ".join(str(s.render()) for s in dashboard.screen.query(".finding"))
            words = {"vi": {"unknown_unit": "hồ sơ thuộc đơn vị không có trong bảng đơn vị "
                                            "(X9999)",
                            "duplicate": "dòng lặp lại một mã hồ sơ đã có",
                            "bad_channel": "hồ sơ có kênh tiếp nhận khác trực tuyến",
                            "before_received": "hồ sơ có kết quả trước ngày tiếp nhận",
                            "paid_no_fee": "hồ sơ thanh toán trực tuyến nhưng không có phí"},
                     "en": {"unknown_unit": "dossiers belong to units that are not in the "
                                            "units table (X9999)",
                            "duplicate": "rows repeat a dossier id already seen",
                            "bad_channel": "dossiers have a channel other than online",
                            "before_received": "dossiers are resolved before they were",
                            "paid_no_fee": "dossiers are paid online but not fee-bearing"}}
            scope = "Dữ liệu hồ sơ, toàn nguồn: " if lang == "vi" else \
                "Dossier rows, whole source: "
            for kind, planted in PLANTED.items():
                assert f"{scope}{planted} {words[lang][kind]}" in text, kind
            examples = "(ví dụ: HS" if lang == "vi" else "(e.g. HS"
            assert text.count(examples) == len(PLANTED)  # a few ids for each problem
            await pilot.press("escape")
            await pilot.pause()
