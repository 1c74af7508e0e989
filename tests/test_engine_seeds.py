"""KPI values on the real figures of the five seed reports (fixtures/seeds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_tui.kpi.engine import Engine, KpiResult
from cchc_tui.kpi.findings import findings
from cchc_tui.model.periods import parse_period
from cchc_tui.model.snapshot import Snapshot

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seeds() -> Snapshot:
    from cchc_tui.feed.load import load_path

    return load_path(ROOT / "fixtures" / "seeds")


@pytest.fixture(scope="module")
def engine(seeds: Snapshot) -> Engine:
    return Engine(seeds)


def kpi(engine: Engine, unit: str, kpi_id: str, period: str) -> KpiResult:
    return engine.result(unit, kpi_id, parse_period(period))


def test_song_cau_2023_online_dossier_rate(engine: Engine) -> None:
    r = kpi(engine, "01837", "online_dossier_rate", "2023")
    assert r.ratio is not None
    assert (r.ratio.numerator, r.ratio.denominator) == (573, 1109)
    assert r.value == pytest.approx(573 / 1109 * 100)
    assert round(r.value, 2) == 51.67
    assert r.source == "computed"


def test_song_cau_2023_e_certification_and_q1_online(engine: Engine) -> None:
    assert round(kpi(engine, "01837", "e_certification_rate", "2023").value, 2) == 78.28
    assert round(kpi(engine, "01837", "online_dossier_rate", "2024-Q1").value, 2) == 86.70
    assert kpi(engine, "01837", "e_certification_rate", "2024-Q1").value == 100.0


def test_song_cau_reported_digitisation_stands_in(engine: Engine) -> None:
    r = kpi(engine, "01837", "digitization_rate", "2023")
    assert r.source == "reported" and r.value == 36.15
    assert r.ratio is None


def test_song_cau_stock_coverage_as_of_april(engine: Engine) -> None:
    r = kpi(engine, "01837", "online_service_coverage", "2024-04")
    assert r.ratio is not None and (r.ratio.numerator, r.ratio.denominator) == (75, 114)
    # A stock "to date" in April 2024 is also the figure for the year 2024 (latest month).
    assert kpi(engine, "01837", "full_process_coverage", "2024").value == pytest.approx(
        62 / 114 * 100)
    # …but not for 2023, which ended before it was observed.
    assert kpi(engine, "01837", "full_process_coverage", "2023").value is None


def test_tam_ky_email_active_rate(engine: Engine) -> None:
    r = kpi(engine, "502", "email_active_rate", "2023-H1")
    assert (r.ratio.numerator, r.ratio.denominator) == (701, 907)
    assert round(r.value, 2) == 77.29


def test_tam_ky_half_year_finding(engine: Engine) -> None:
    r = kpi(engine, "502", "online_dossier_rate", "2023-H1")
    assert r.source == "reported" and r.value == 35
    found = [f for f in findings(engine, "502", parse_period("2023-H1"))
             if f.kind == "period_inconsistent"]
    assert len(found) == 1
    said = found[0].message("vi")
    assert "48,60%" in said and "41,21%" in said and "35,00%" in said
    # Implied from each quarter's count and published share: 8.078 / 17.128 ≈ 47,16 %.
    assert found[0].figures["implied"] == pytest.approx(47.16, abs=0.01)


def test_binh_thanh_derived_total_and_mismatch(engine: Engine) -> None:
    r = kpi(engine, "765", "online_dossier_rate", "2023-H1")
    assert (r.ratio.numerator, r.ratio.denominator) == (2705, 6603)
    assert r.source == "derived"
    assert round(r.value, 2) == 40.97
    assert round(kpi(engine, "765", "early_rate", "2023-H1").value, 2) == 84.60
    found = {f.kind: f for f in findings(engine, "765", parse_period("2023-H1"))
             if f.kpi == "online_dossier_rate"}
    mismatch = found["reported_mismatch"]
    assert "46,76%" in mismatch.message("vi") and "40,97%" in mismatch.message("vi")
    assert mismatch.figures["reported_basis"] == {"measure": "dossiers_resolved",
                                                  "value": 5785}


def test_binh_thanh_channel_shares_over_100(engine: Engine) -> None:
    kinds = [f for f in findings(engine, "765", parse_period("2023-H1"))
             if f.kind == "channel_sum"]
    assert len(kinds) == 1
    assert kinds[0].figures["sum"] == pytest.approx(60.31 + 46.76 + 7.07)
    assert "114,14%" in kinds[0].message("vi")


def test_thanh_xuan_reported_only_and_target_by_ancestor_scope(engine: Engine) -> None:
    r = kpi(engine, "009", "satisfaction_rate", "2021")
    assert r.value == 94.36 and r.source == "reported"
    # Hà Nội's own target (scope "01") covers its district and beats the national "*" one.
    assert r.target is not None and r.target.value == 85
    assert r.assessment.status == "met"


def test_thach_ban_late_rate_zero_is_a_value_not_missing(engine: Engine) -> None:
    r = kpi(engine, "00124", "late_rate", "2020-H1")
    assert r.value == 0.0 and r.ratio is not None and r.ratio.denominator == 2668


def test_no_denominator_reason(engine: Engine) -> None:
    r = kpi(engine, "01837", "online_payment_rate", "2023")
    assert r.value is None and r.reason == "no_denominator"
    r = kpi(engine, "01837", "late_rate", "2023")
    assert r.value is None and r.reason == "not_reported"
