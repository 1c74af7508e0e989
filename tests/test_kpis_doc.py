"""docs/kpis.md is the output of `cchc-tui kpis --format md`: the docs follow the code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_cli

DOC = Path(__file__).resolve().parents[1] / "docs" / "kpis.md"


def test_the_kpi_doc_is_the_generated_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["kpis", "--format", "md"], capsys)
    assert code == 0
    assert DOC.read_text(encoding="utf-8") == out, (
        "docs/kpis.md is out of date: run `cchc-tui kpis --format md > docs/kpis.md`")


def test_the_catalogue_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["kpis", "--format", "json"], capsys)
    doc = json.loads(out)
    ids = {k["id"] for k in doc["kpis"]}
    assert code == 0 and "online_dossier_rate" in ids and "commune" in doc["levels"]
    rate = next(k for k in doc["kpis"] if k["id"] == "online_dossier_rate")
    assert rate["numerator"] == ["dossiers_received_online"]
    assert any(t["kpi"] == "online_dossier_rate" and t["value"] == 80 for t in doc["targets"])
