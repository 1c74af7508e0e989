"""`demo-dossiers` → `report` and `validate`: the CLI's figures are the plain count's."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("ibis", reason="the [dossiers] extra (ibis-framework[duckdb]) is needed")

from cchc_tui.cli import main  # noqa: E402
from tests.dossier_rows import plain_measures  # noqa: E402


def demo_rows(folder: Path) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    import pyarrow.parquet as pq

    rows = []
    for path in sorted(folder.glob("dossiers*.parquet")):
        rows += pq.read_table(path).to_pylist()
    units = [tuple(u.values()) for u in pq.read_table(folder / "units.parquet").to_pylist()]
    return rows, units


def make_demo(folder: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["demo-dossiers", "-o", str(folder), "--communes", "5", "--months", "3",
                 "--start", "2026-01", "--seed", "3"]) == 0
    said = capsys.readouterr().out
    assert f"vào {folder} (" in said and f"thử: cchc-tui --source {folder}" in said
    return folder


def test_the_demo_says_what_it_wrote_in_the_language(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    args = ["demo-dossiers", "-o", str(tmp_path), "--communes", "2", "--months", "1",
            "--start", "2026-01", "--seed", "3"]
    assert main(["--lang", "en", *args]) == 0
    said = capsys.readouterr().out
    import pyarrow.parquet as pq

    rows = sum(pq.read_metadata(p).num_rows for p in tmp_path.glob("dossiers*.parquet"))
    assert said.startswith(f"wrote {rows:,} dossiers of ") and "try: cchc-tui" in said
    assert main(args) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"đã ghi {rows:,} hồ sơ của ".replace(",", "."))
    file = tmp_path / "a-file"
    file.write_text("x")
    assert main(["demo-dossiers", "-o", str(file)]) == 2
    assert f"-o {file}: đã có và không phải là thư mục" in capsys.readouterr().err


def report(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    code = main(["report", *args, "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    result: dict[str, Any] = json.loads(out)
    return result


def test_demo_report_gives_the_plain_count(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_demo(tmp_path / "d", capsys)
    rows, units = demo_rows(folder)
    assert len(rows) > 3000
    want = plain_measures(rows, units, clock=datetime.now(UTC))
    for unit, period in (("X0002", "2026-02"), ("H001", "2026-03"), ("T01", "2026-01")):
        got = report(capsys, "--source", str(folder), "--unit", unit, "--period", period)
        counts = {k: v for k, v in got["counts"].items() if k.startswith("dossiers_")}
        assert counts == {m: want.get((unit, period, m), 0) for m in counts}, unit
        assert counts["dossiers_received"] > 0
        assert got["counts"]["procedures_total"] > 0 if period == "2026-03" else True


def test_validate_lists_the_planted_data_problems(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_demo(tmp_path / "d", capsys)
    assert main(["--lang", "en", "validate", str(folder)]) == 0
    out = capsys.readouterr().out
    for text in ("15 dossiers belong to units that are not in the units table (X9999)",
                 "20 rows repeat a dossier id", "25 dossiers have a channel other than",
                 "8 dossiers are resolved before", "10 dossiers are paid online but not"):
        assert out.count(text) == 1, text  # once: not again for every unit and month
    assert main(["validate", str(folder)]) == 0  # in the UI's language, Vietnamese by default
    out = capsys.readouterr().out
    for text in ("vấn đề dữ liệu: 15 hồ sơ thuộc đơn vị không có trong bảng đơn vị (X9999)",
                 "20 dòng lặp lại một mã hồ sơ", "25 hồ sơ có kênh tiếp nhận khác",
                 "8 hồ sơ có kết quả trước ngày tiếp nhận",
                 "10 hồ sơ thanh toán trực tuyến nhưng không có phí"):
        assert out.count(text) == 1, text


def test_a_bad_dossier_setting_exits_2(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_demo(tmp_path / "d", capsys)
    config = tmp_path / "c.toml"
    config.write_text('[source]\ncolumns = { channel = "kenh; drop" }\n')
    code = main(["report", "--config", str(config), "--source", str(folder), "--unit", "X0001"])
    assert code == 2
    assert "letters, digits and _" in capsys.readouterr().err
    config.write_text('[source]\ncolumns = { channel = "kenh" }\n')
    code = main(["report", "--config", str(config), "--source", str(folder), "--unit", "X0001"])
    err = capsys.readouterr().err
    assert code == 1 and "has no column kenh (mapped from `channel`)" in err
    assert "Traceback" not in err
