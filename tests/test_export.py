"""The analyst's export: the KPI table as CSV and Markdown, stamped with unit, period, time."""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import datetime
from pathlib import Path

import pytest

from cchc_tui.export import base_name, export_dir, write_tables
from cchc_tui.feed.load import load_path
from cchc_tui.kpi.engine import Engine
from cchc_tui.model.periods import parse_period
from cchc_tui.report import Report, build_report
from cchc_tui.resources import default_fixtures_dir

NOW = datetime(2026, 11, 22, 8, 42, 5)


@pytest.fixture(scope="module")
def report() -> Report:
    snapshot = load_path(default_fixtures_dir())
    return build_report(Engine(snapshot), "01837", parse_period("2023"), "vi")


def test_files_are_named_by_unit_period_and_time(report: Report, tmp_path: Path) -> None:
    paths = write_tables(tmp_path / "out", report, "vi", NOW)
    assert [p.name for p in paths] == ["cchc_01837_2023_20261122-084205.csv",
                                       "cchc_01837_2023_20261122-084205.md"]
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".tmp-")]


def test_csv_opens_in_a_vietnamese_spreadsheet(report: Report, tmp_path: Path) -> None:
    csv_path, _ = write_tables(tmp_path, report, "vi", NOW)
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    by_kpi = {r[2]: r for r in rows[1:]}
    assert by_kpi["online_dossier_rate"][4] == "51,67%"
    assert by_kpi["online_dossier_rate"][5] == "573/1.109 hồ sơ"  # as on screen
    assert rows[0][-1] == "data_time" and by_kpi["online_dossier_rate"][-1].startswith("2024-04-23")


def test_markdown_is_stamped(report: Report, tmp_path: Path) -> None:
    _, md_path = write_tables(tmp_path, report, "vi", NOW)
    text = md_path.read_text(encoding="utf-8")
    assert text.startswith("## Phường Sông Cầu (01837) — Năm 2023")
    assert "| 51,67% | 573/1.109 hồ sơ |" in text
    assert "số liệu ngày 2024-04-23" in text and "xuất lúc 22/11/2026 08:42" in text


def test_a_range_period_makes_a_safe_file_name(report: Report) -> None:
    ranged = dataclasses.replace(report, period=parse_period("2020-11/2021-12"))
    assert base_name(ranged, NOW) == "cchc_01837_2020-11_2021-12_20261122-084205"


def test_export_dir_default_and_configured(tmp_path: Path) -> None:
    assert export_dir("") == Path("cchc-tui-exports")
    assert export_dir(str(tmp_path)) == tmp_path


def test_an_unwritable_folder_raises_oserror(report: Report, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OSError):
        write_tables(blocker / "sub", report, "vi", NOW)


async def test_an_export_says_what_the_screen_says(tmp_path: Path) -> None:
    """The counts cell of the CSV is the panel's own text ("7.408/10.029 hồ sơ (2/2)")."""
    from cchc_tui.app import CchcApp
    from tests.app_support import app, settle

    dashboard: CchcApp = app()
    async with dashboard.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        shown = str(dashboard.query_one("#panel-online .rows").render())
        assert dashboard.engine is not None and dashboard.unit and dashboard.period
        rep = build_report(dashboard.engine, dashboard.unit, dashboard.period, "vi")
    csv_path, _ = write_tables(tmp_path, rep, "vi", NOW)
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig")),
                           delimiter=";"))
    cell = {r[2]: r for r in rows[1:]}["online_dossier_rate"][5]
    assert "hồ sơ" in cell and cell in shown
