"""A report format is one entry of report.FORMATS: the CLI, the export and help follow it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from cchc_tui import keys, report
from cchc_tui.export import write_tables
from tests.helpers import run_cli


def _tsv(rep: report.Report, lang: str) -> str:
    return "\n".join(f"{k.id}\t{k.value}" for k in rep.kpis) + "\n"


@pytest.fixture
def with_tsv(monkeypatch: pytest.MonkeyPatch) -> None:
    formats = {**report.FORMATS,
               "tsv": report.ReportFormat(_tsv, "TSV", ".tsv", exported=True)}
    monkeypatch.setattr(report, "FORMATS", formats)
    monkeypatch.setattr("cchc_tui.export.FORMATS", formats)


def test_a_new_format_reaches_the_command_line(with_tsv: None,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["report", "--unit", "song cau", "--period", "2023",
                            "--format", "tsv"], capsys)
    assert code == 0 and "online_dossier_rate\t51.67" in out


def test_a_new_format_is_exported(with_tsv: None, tmp_path: Path) -> None:
    from cchc_tui.config import targets_from_config
    from cchc_tui.feed.load import load_paths
    from cchc_tui.kpi.engine import Engine
    from cchc_tui.model.periods import parse_period
    from cchc_tui.resources import default_fixtures_dir
    from tests.app_support import config

    snapshot = load_paths([default_fixtures_dir()])
    engine = Engine(snapshot, targets_from_config(config()))
    rep = report.build_report(engine, "01837", parse_period("2023"), "vi")
    written = write_tables(tmp_path, rep, "vi", datetime(2026, 11, 1, 8, 42))
    assert sorted(p.suffix for p in written) == [".csv", ".md", ".tsv"]


def test_help_names_the_exported_formats() -> None:
    text = dict(keys.help_lines(keys.DASHBOARD, "en"))["e ctrl+e"]
    assert "CSV, Markdown" in text
