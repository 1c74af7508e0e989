"""The same dossier rows through Spark (local mode) give the same figures as DuckDB."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("ibis", reason="the [dossiers] extra (ibis-framework) is needed")
pytest.importorskip("pyspark", reason="the [spark] extra (pyspark) is needed")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java (apt-get install default-jre-headless)",
                allow_module_level=True)

from cchc_tui.config import SourceConfig  # noqa: E402
from cchc_tui.dossiers.contract import settings_from  # noqa: E402
from cchc_tui.dossiers.source import DossierSource  # noqa: E402
from cchc_tui.model.snapshot import Snapshot  # noqa: E402
from tests.dossier_rows import CLOCK, trap_rows, write_parquet  # noqa: E402
from tests.test_dossiers import assert_same_as_plain, cube_of  # noqa: E402

pytestmark = pytest.mark.spark


@pytest.mark.parametrize("naive", [False, True], ids=["zoned", "naive-utc"])
def test_spark_counts_match_the_plain_count_and_duckdb(tmp_path: Path, naive: bool) -> None:
    rows = trap_rows()
    write_parquet(tmp_path, rows, naive=naive)
    spark = DossierSource(settings_from(SourceConfig(location=str(tmp_path), engine="spark")),
                          clock=lambda: CLOCK).read().snapshot
    assert spark is not None
    assert_same_as_plain(spark, rows)
    duck = DossierSource(settings_from(SourceConfig(location=str(tmp_path))),
                         clock=lambda: CLOCK).read().snapshot
    assert cube_of(spark) == cube_of(duck)
    def problems(snapshot: Snapshot) -> list[str]:  # the origins differ ("spark:" in front)
        return [w.message[w.message.index("data problem"):] for w in snapshot.warnings]

    assert problems(spark) == problems(duck) and len(problems(spark)) == 7


def test_the_demo_rows_in_spark_give_the_same_report(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.test_dossiers_demo import make_demo, report

    folder = make_demo(tmp_path / "d", capsys)
    config = tmp_path / "spark.toml"
    config.write_text('[source]\nkind = "dossiers"\nengine = "spark"\n')
    duck = report(capsys, "--source", str(folder), "--unit", "H001", "--period", "2026-02")
    spark = report(capsys, "--config", str(config), "--source", str(folder), "--unit", "H001",
                   "--period", "2026-02")
    assert spark["counts"]["dossiers_received"] > 0
    assert {k: v for k, v in spark.items() if k != "data"} == \
        {k: v for k, v in duck.items() if k != "data"}


def test_spark_polls_count_a_repeated_id_across_months_once(tmp_path: Path) -> None:
    from tests.test_dossiers import _write_rows, cross_month_polls

    write_parquet(tmp_path, trap_rows())
    cross_month_polls(lambda rows: _write_rows(tmp_path / "dossiers.parquet", rows),
                      DossierSource(settings_from(SourceConfig(location=str(tmp_path),
                                                               engine="spark")),
                                    clock=lambda: CLOCK))
