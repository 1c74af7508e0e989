"""Impossible figures are findings, not KPIs: a share above 100 %, an infinite or absurd count."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cchc_tui.cells import kpi_row
from cchc_tui.kpi.engine import Engine
from cchc_tui.kpi.findings import findings
from cchc_tui.kpi.plausible import implausible
from cchc_tui.model.periods import parse_period
from tests.helpers import minimal_doc, run_cli, write_feed
from tests.test_engine_rules import snap

P = parse_period


def _received(unit: str, total: float, online: float) -> dict[tuple[str, str, str], float]:
    return {(unit, "2024", "dossiers_received"): total,
            (unit, "2024", "dossiers_received_online"): online}


def test_implausible_names_the_reason() -> None:
    assert implausible(2252, 100) == "numerator_exceeds_denominator"
    assert implausible(1259, float("inf")) == "implausible_count"
    assert implausible(1259, 1e308) == "implausible_count"
    assert implausible(5, 2e12, max_count=1e13) is None
    assert implausible(100, 100) is None and implausible(0, 0) is None


def test_a_share_above_100_percent_has_no_value_and_is_a_finding() -> None:
    engine = Engine(snap(_received("C1", 100, 2252)))
    result = engine.result("C1", "online_dossier_rate", P("2024"))
    assert result.value is None and result.reason == "numerator_exceeds_denominator"
    assert result.assessment.status == "no_data"  # never "✓ met"
    row = kpi_row(result, "en")
    assert row.value_text == "—" and row.counts_text == "numerator above denominator: impossible"
    found = [f for f in findings(engine, "C1", P("2024"))
             if f.kind == "numerator_exceeds_denominator"]
    assert len(found) == 1 and found[0].figures == {"numerator": 2252, "denominator": 100}
    assert "2,252 exceeds denominator 100" in found[0].message("en")
    # the parent does not pool an impossible child: the child is named as missing
    d1 = engine.result("D1", "online_dossier_rate", P("2024"))
    assert d1.value is None


def test_infinite_and_absurd_counts_have_no_value_and_are_quoted() -> None:
    obs = _received("C1", 1e308, 1259) | _received("C2", 1e308, 5)
    engine = Engine(snap(obs))
    for unit in ("C1", "D1"):  # D1: the children's sum overflows to inf
        result = engine.result(unit, "online_dossier_rate", P("2024"))
        assert result.value is None, unit
    c1 = engine.result("C1", "online_dossier_rate", P("2024"))
    assert c1.reason == "implausible_count"
    found = [f for f in findings(engine, "C1", P("2024")) if f.kind == "implausible_count"]
    assert len(found) == 1
    assert "dossiers_received = 1e+308, numerator/denominator = 1,259/1e+308" \
        in found[0].message("en")
    assert found[0].figures["denominator"] == 1e308
    small = Engine(snap(_received("C1", 5e12, 10)), max_count=1e13)
    assert small.result("C1", "online_dossier_rate", P("2024")).value == pytest.approx(2e-10)


def _absurd_feed(tmp_path: Path) -> Path:
    doc = minimal_doc()
    doc["observations"] = [
        {"unit": "01837", "period": "2023", "measure": "dossiers_received", "value": 1e308},
        {"unit": "01837", "period": "2023", "measure": "dossiers_received_online", "value": 1259},
        {"unit": "058", "period": "2023", "measure": "dossiers_received", "value": 100},
        {"unit": "058", "period": "2023", "measure": "dossiers_received_online", "value": 2252}]
    return write_feed(tmp_path, "absurd.json", doc)


def test_report_shows_no_value_and_the_finding(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    feed = _absurd_feed(tmp_path)
    for unit, reason in (("01837", "implausible_count"), ("058", "numerator_exceeds_denominator")):
        code, out, _ = run_cli(["report", "--source", str(feed), "--unit", unit, "--period",
                                "2023", "--format", "json"], capsys)
        assert code == 0
        report = json.loads(out)
        online = next(k for k in report["kpis"] if k["id"] == "online_dossier_rate")
        assert online["value"] is None and online["reason"] == reason
        assert online["status"] == "no_data"
        assert reason in {f["kind"] for f in report["findings"]}
    code, out, _ = run_cli(["report", "--source", str(feed), "--unit", "01837", "--period",
                            "2023", "--lang", "en"], capsys)
    online_line = next(line for line in out.splitlines() if line.startswith("Online dossiers"))
    assert online_line.split()[2] == "—" and "implausible count" in online_line
    assert "/inf" not in out  # never "0,00 % … 1.259/inf"
    assert "1e+308" in out


def test_validate_warns_on_counts_above_the_bound_with_the_place(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feed = _absurd_feed(tmp_path)
    code, out, _ = run_cli(["validate", str(feed)], capsys)
    assert code == 0
    assert ("warning: " + str(feed) + ": $.observations[0].value: count 1e+308 is above "
            "checks.max_count (1e+12)") in out
    assert "implausible_count" in out and "numerator_exceeds_denominator" in out
    config = tmp_path / "c.toml"
    config.write_text("[checks]\nmax_count = 50\n")
    code, out, _ = run_cli(["validate", "--config", str(config), str(feed)], capsys)
    assert "$.observations[2].value: count 100 is above checks.max_count (50)" in out


def test_a_published_base_above_100_percent_is_no_value_either(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = minimal_doc()
    doc["reported"] = [{"unit": "01837", "period": "2023", "kpi": "online_dossier_rate",
                        "value": 100, "numerator": 130, "denominator": 100}]
    feed = write_feed(tmp_path, "reported.json", doc)
    code, out, _ = run_cli(["report", "--source", str(feed), "--unit", "01837", "--period",
                            "2023", "--format", "json"], capsys)
    assert code == 0
    report = json.loads(out)
    online = next(k for k in report["kpis"] if k["id"] == "online_dossier_rate")
    assert online["value"] is None and online["reason"] == "numerator_exceeds_denominator"
    found = [f for f in report["findings"] if f["kind"] == "numerator_exceeds_denominator"]
    assert found and found[0]["figures"] == {"numerator": 130, "denominator": 100}
